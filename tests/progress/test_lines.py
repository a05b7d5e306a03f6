"""Each goal's expected line, the flags on worked examples, and the chart for 0, 1 and 12
reports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from playbook.children.models import Goal
from playbook.progress.charts import goal_svg
from playbook.progress.lines import (
    BELOW_TWICE,
    NO_BASELINE,
    NO_NUMBER,
    NO_TARGET,
    goal_line,
    goal_lines,
)
from playbook.progress.models import ProgressEntry, ProgressReport
from playbook.progress.reports import save_report

pytestmark = pytest.mark.django_db


def _report(child, iep, goal, day, value, unit="per minute", status=""):
    report = ProgressReport.objects.create(child=child, iep=iep, report_date=day)
    return ProgressEntry.objects.create(
        report=report, goal=goal, date=day, value=value, unit=unit, status=status
    )


def test_the_expected_line_runs_from_baseline_to_target(iep):
    line = goal_lines(iep)[0]
    assert (line.baseline.value, line.target.value) == (50.0, 90.0)
    assert line.expected(iep.start_date) == 50.0
    assert line.expected(iep.end_date) == 90.0
    halfway = iep.start_date + (iep.end_date - iep.start_date) / 2
    assert line.expected(halfway) == pytest.approx(70.0, abs=0.2)
    assert line.flags == []


def test_two_reports_in_a_row_below_the_line_are_flagged(child, iep):
    goal = iep.goals.get(position=0)
    _report(child, iep, goal, date(2026, 11, 13), 60)  # expected about 57: above
    _report(child, iep, goal, date(2027, 1, 29), 61)  # expected about 67: below
    assert BELOW_TWICE not in goal_lines(iep)[0].flags
    _report(child, iep, goal, date(2027, 4, 15), 63)  # expected about 75: below again
    line = goal_lines(iep)[0]
    assert BELOW_TWICE in line.flags
    assert [p.below for p in line.charted()] == [False, True, True]


def test_below_once_then_back_on_the_line_is_not_flagged(child, iep):
    goal = iep.goals.get(position=0)
    _report(child, iep, goal, date(2026, 11, 13), 52)
    _report(child, iep, goal, date(2027, 1, 29), 70)
    _report(child, iep, goal, date(2027, 4, 15), 70)
    assert BELOW_TWICE not in goal_lines(iep)[0].flags


def test_progressing_with_no_number_is_flagged(child, iep):
    goal = iep.goals.get(position=1)
    _report(child, iep, goal, date(2026, 11, 13), None, unit="", status="making progress")
    assert goal_lines(iep)[1].flags == [NO_NUMBER]


def test_a_goal_with_no_baseline_or_no_measurable_target_is_flagged(iep):
    vague = Goal.objects.create(iep=iep, text="Sam will improve his reading.", position=5)
    assert goal_line(vague, iep, []).flags == [NO_BASELINE, NO_TARGET]
    no_baseline = Goal.objects.create(iep=iep, text="Sam will spell 20 of 25 words.", position=6)
    assert goal_line(no_baseline, iep, []).flags == [NO_BASELINE]


@pytest.mark.parametrize("reports", [0, 1, 12])
def test_the_chart_draws_0_1_and_12_reports(child, iep, reports):
    goal = iep.goals.get(position=0)
    for n in range(reports):
        _report(child, iep, goal, iep.start_date + timedelta(days=25 * (n + 1)), 50 + 3 * n)
    line = goal_lines(iep)[0]
    svg = goal_svg(line, "Goal 1")
    assert svg.lstrip().startswith("<?xml") and "</svg>" in svg
    assert len(line.charted()) == reports
    assert ("reported" in svg or "below the line" in svg) == (reports > 0)
    assert "expected progress" in svg


def test_a_report_is_matched_to_goals_by_number_and_by_words(child, iep):
    reading = {
        "report_date": {"value": "2027-01-29", "page": 1},
        "entries": [
            {"goal_number": 2, "goal_text": "", "value": 40.0, "unit": "percent"},
            {"goal_number": None, "goal_text": "start a conversation with a peer in 4 of 5",
             "value": 60.0, "unit": "percent"},
            {"goal_number": None, "goal_text": "tie shoes", "value": 1.0, "unit": "count"},
        ],
    }  # fmt: skip
    saved = save_report(child, reading)
    got = {e.goal.position: e.value for e in saved.report.entries.all()}
    assert got == {1: 40.0, 2: 60.0}
    assert [e["goal_text"] for e in saved.unmatched] == ["tie shoes"]
