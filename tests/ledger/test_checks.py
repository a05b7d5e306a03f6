"""IEP quality checks: goals and services written to pass and to fail."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from playbook.children.models import Service
from playbook.ledger.checks import (
    accommodation_is_enforceable,
    check_iep,
    goal_has_baseline,
    goal_is_measurable,
    goal_says_how_measured,
    progress_reporting_is_stated,
    service_has_frequency_and_minutes,
)

from .conftest import make_iep

GOOD_GOAL = (
    "Given a grade-level passage, Sam will increase reading fluency from a baseline of 62 "
    "to 90 words correct per minute, as measured by weekly curriculum-based probes."
)


def iep_with(child, **kwargs):
    kwargs.setdefault("progress_reporting", "Quarterly, with report cards")
    return make_iep(child, date(2026, 9, 1), date(2027, 8, 31), **kwargs)


def test_a_well_written_iep_passes_every_check(child):
    iep = iep_with(
        child,
        goals=[
            GOOD_GOAL,
            "Sam currently writes 2-sentence answers. Sam will write a 5-sentence paragraph "
            "in 4 out of 5 trials, measured by work samples scored with a rubric.",
        ],
        services=[("Speech", 60, "week")],
        accommodations=["Extended time (1.5x) on all tests and quizzes"],
    )
    assert check_iep(iep) == []


@pytest.mark.parametrize(
    ("goal", "failing"),
    [
        ("Sam will improve his reading by June 2027.", {"baseline", "measurable", "measured"}),
        (
            "Sam will improve reading fluency, as measured by teacher observation.",
            {"baseline", "measurable"},
        ),
        (
            "From a baseline of 40%, Sam will answer comprehension questions with 80% accuracy.",
            {"measured"},
        ),
        ("Sam currently reads 60 wpm and will read 90 wpm on weekly probes.", set()),
        (
            "Sam is able to follow 1-step directions; he will follow two-step directions in "
            "four out of five opportunities, per data collection.",
            set(),
        ),
    ],
)
def test_goal_rules(child, goal, failing):
    iep = iep_with(child, goals=[goal])
    found = set()
    if list(goal_has_baseline(iep)):
        found.add("baseline")
    if list(goal_is_measurable(iep)):
        found.add("measurable")
    if list(goal_says_how_measured(iep)):
        found.add("measured")
    assert found == failing


def test_a_service_without_minutes_or_frequency_is_flagged(child):
    iep = iep_with(child, services=[("Speech", 60, "week")])
    Service.objects.create(iep=iep, service="Counseling", minutes=0, per="")
    [finding] = service_has_frequency_and_minutes(iep)
    assert finding.item == "Counseling"
    assert (
        finding.missing == "The service has no minutes and no how often (per day, week or month)."
    )


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("Breaks as needed", "as needed"),
        ("Read-aloud of test items when appropriate", "when appropriate"),
        ("Use of a calculator at teacher discretion", "at teacher discretion"),
        ("Modified homework AS APPROPRIATE", "as appropriate"),
        ("Extended time if needed", "if needed"),
        ("Extended time (1.5x) on all tests", None),
    ],
)
def test_vague_accommodations_are_flagged(child, text, vague):
    findings = list(accommodation_is_enforceable(iep_with(child, accommodations=[text])))
    if vague is None:
        assert findings == []
    else:
        assert [f.item for f in findings] == [text]
        assert f'"{vague}"' in findings[0].missing


def test_missing_progress_reporting_is_flagged_with_its_citation(child):
    [finding] = progress_reporting_is_stated(iep_with(child, progress_reporting=" "))
    assert finding.citation == "34 CFR § 300.320(a)(3)(ii)"
    assert list(progress_reporting_is_stated(iep_with(child))) == []


def test_each_finding_offers_a_concern_link(child):
    iep = iep_with(child, goals=["Sam will improve his reading."])
    finding = next(iter(goal_has_baseline(iep)))
    url = urlsplit(finding.concern_url(child.pk))
    assert url.path == f"/children/{child.pk}/concerns/new/"
    query = parse_qs(url.query)
    assert query["title"] == ["Add a baseline to the goal: Sam will improve his reading."]
    assert "does not state my child's current level" in query["details"][0]
