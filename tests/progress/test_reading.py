"""Reading progress reports in five layouts: the date, and per goal the value, its scale
and the school's words."""

from __future__ import annotations

import pytest

from playbook.iep_import.progress_reading import NOT_A_REPORT, read_progress_report
from playbook.iep_import.reading import ImportRefused
from tests.iep_import.pdfs import make_pdf

from . import reports
from .reports import CODES, LABELLED, NARRATIVE, PERIODS, TABLE


def _got(reading):
    return [
        (e["goal_number"], e["value"], e["unit"], e["status"], e["date"]) for e in reading.entries
    ]


@pytest.mark.parametrize(
    ("pdf", "date", "entries"),
    [
        (LABELLED, "2027-01-29", [(1, 58.0, "per minute", "making progress", None),
                                  (2, 35.0, "percent", "insufficient progress", None)]),
        (TABLE, "2026-11-13", [(1, 62.0, "per minute", "making progress", None),
                               (2, 40.0, "percent", "emerging", None),
                               (3, 40.0, "percent", "making progress", None)]),
        (PERIODS, "2027-06-10", [(1, 55.0, "per minute", "making progress", "2026-11-13"),
                                 (1, 57.0, "per minute", "making progress", "2027-01-29"),
                                 (3, 20.0, "percent", "emerging", "2026-11-13"),
                                 (3, None, "", "not introduced", "2027-01-29")]),
        (NARRATIVE, "2027-03-31", [(2, None, "", "making progress", None)]),
        (CODES, "2027-04-15", [(3, 100.0, "percent", "mastered", None),
                               (1, None, "", "not introduced", None)]),
    ],
    ids=["labelled", "table", "periods", "narrative", "codes"],
)  # fmt: skip
def test_five_layouts(pdf, date, entries):
    reading = read_progress_report(pdf)
    assert reading.report_date["value"] == date
    assert _got(reading) == entries


@pytest.mark.parametrize("layout", ["LABELLED", "TABLE", "PERIODS", "NARRATIVE", "CODES"])
def test_each_layout_filled_in_as_a_fillable_form_reads_as_printed(layout):
    """Its values in form fields, not flattened (decision 0104): read as the printed one."""
    printed = read_progress_report(getattr(reports, layout))
    fillable = make_pdf(getattr(reports, f"{layout}_PAGE"), fillable=True)
    reading = read_progress_report(fillable)
    assert reading.report_date["value"] == printed.report_date["value"]
    assert _got(reading) == _got(printed)


def test_the_schools_words_are_kept():
    (entry,) = read_progress_report(NARRATIVE).entries
    assert entry["school_words"] == (
        "Comments: Sam is progressing toward this goal and works hard in class."
    )


def test_a_document_without_goal_progress_is_refused_plainly():
    with pytest.raises(ImportRefused) as refused:
        read_progress_report(make_pdf(["Lunch menu", "Monday: pasta"]))
    assert refused.value.message == NOT_A_REPORT
