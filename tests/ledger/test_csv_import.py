"""Importing a school's service log: headers in any order and spelling, per-row errors,
valid rows kept, duplicates skipped and counted."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.ledger.csv_import import (
    import_service_log,
    parse_date,
    parse_minutes,
    parse_service_log,
    parse_status,
)
from playbook.ledger.models import ServiceSession

TODAY = date(2026, 12, 1)


def csv(text: str) -> bytes:
    return text.strip().encode()


def test_columns_in_any_order_and_common_spellings_are_read(speech):
    data = csv(
        """
Provider Name,Attendance,Mins,Date of Service,Reason Missed
Ms. Lee,Present,30,09/02/2026,
Ms. Lee,Absent - Student,30,9/4/2026,
Ms. Lee,Provider out,30,2026-09-09,
Ms. Lee,Make-up,30,"Sep 16, 2026",
Ms. Lee,Missed,30,09/18/26,School assembly
Ms. Lee,Shortened,15,9/23/2026 10:30 AM,
"""
    )
    report = import_service_log(speech, data, today=TODAY)
    assert report.as_dict() == {"imported": 6, "duplicates": 0, "rejected": []}
    rows = list(
        ServiceSession.objects.order_by("date").values_list("date", "minutes", "status", "reason")
    )
    assert rows == [
        (date(2026, 9, 2), 30, "delivered", ""),
        (date(2026, 9, 4), 30, "missed", "child_absent"),
        (date(2026, 9, 9), 30, "missed", "provider_absent"),
        (date(2026, 9, 16), 30, "made_up", ""),
        (date(2026, 9, 18), 30, "missed", "school_event"),
        (date(2026, 9, 23), 15, "shortened", ""),
    ]
    assert set(ServiceSession.objects.values_list("provider", flat=True)) == {"Ms. Lee"}


def test_a_header_without_date_or_minutes_is_refused_with_what_was_found(speech):
    report = import_service_log(
        speech, csv("When,How long,Status\n9/2/2026,30,present"), today=TODAY
    )
    assert report.imported == 0
    [problem] = report.rejected
    assert problem["row"] == 1
    assert "no date or minutes column" in problem["reason"]
    assert "When, How long, Status" in problem["reason"]
    assert not ServiceSession.objects.exists()


def test_bad_rows_are_reported_by_row_and_good_rows_are_kept(speech):
    data = csv(
        """
Session Date,Duration,Status
09/02/2026,30,delivered
13/45/2026,30,delivered
09/03/2026,-30,delivered
09/04/2026,thirty,delivered
09/08/2026,30,on the moon
,30,delivered
12/25/2026,30,delivered
09/09/2026,0,delivered
09/10/2026,900,delivered
09/11/2026,30 min,present
"""
    )
    report = import_service_log(speech, data, today=TODAY)
    assert report.imported == 2
    reasons = {r["row"]: r["reason"] for r in report.rejected}
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "'13/45/2026' is not a date we can read" in reasons[3]
    assert "can't be negative" in reasons[4]
    assert "'thirty' is not a number of minutes" in reasons[5]
    assert "'on the moon' is not one we recognise" in reasons[6]
    assert "date is missing" in reasons[7]
    assert "in the future" in reasons[8]
    assert "can't be 0 minutes" in reasons[9]
    assert "longer than a school day" in reasons[10]
    assert sorted(ServiceSession.objects.values_list("date", flat=True)) == [
        date(2026, 9, 2),
        date(2026, 9, 11),
    ]


def test_duplicates_in_the_file_and_already_logged_are_skipped_and_counted(speech, ot):
    ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 2), minutes=30, status="delivered"
    )
    data = csv(
        """
Date,Minutes,Status
9/2/2026,30,Present
9/3/2026,30,Present
09/03/2026,30,delivered
9/3/2026,25,shortened
"""
    )
    report = import_service_log(speech, data, today=TODAY)
    assert (report.imported, report.duplicates) == (2, 2)
    # The same log again adds nothing; another service's sessions are not duplicates.
    assert import_service_log(speech, data, today=TODAY).as_dict() == {
        "imported": 0,
        "duplicates": 4,
        "rejected": [],
    }
    assert import_service_log(ot, data, today=TODAY).imported == 3


def test_a_control_character_a_program_left_in_the_file_is_dropped(speech):
    """PostgreSQL cannot store a NUL: a provider's name holding one made the import a 500
    there. What a program wrote is cleaned, as imported email is."""
    data = b"Date,Minutes,Status,Provider\x00 name\n09/02/2026,30,Present,Ms.\x00 Lee\x01\n"
    report = import_service_log(speech, data, today=TODAY)
    assert report.as_dict() == {"imported": 1, "duplicates": 0, "rejected": []}
    assert ServiceSession.objects.get(service=speech).provider == "Ms. Lee"


def test_without_a_status_column_minutes_decide(speech):
    parsed = parse_service_log(csv("Date;Minutes\n2026-09-02;30\n2026-09-03;0"), today=TODAY)
    assert [(r.status, r.reason) for r in parsed.rows] == [
        ("delivered", ""),
        ("missed", "unknown"),
    ]


def test_an_empty_file_and_a_latin1_file_are_handled(speech):
    assert parse_service_log(b"", today=TODAY).rejected == [
        {"row": 1, "reason": "The file is empty."}
    ]
    latin = "Date,Minutes,Status,Provider\n9/2/2026,30,present,Mme Légère\n".encode("cp1252")
    [row] = parse_service_log(latin, today=TODAY).rows
    assert row.provider == "Mme Légère"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("present", ("delivered", "")),
        ("Delivered", ("delivered", "")),
        ("absent - student", ("missed", "child_absent")),
        ("Student absent", ("missed", "child_absent")),
        ("provider out", ("missed", "provider_absent")),
        ("Therapist absent", ("missed", "provider_absent")),
        ("make-up", ("made_up", "")),
        ("Makeup session", ("made_up", "")),
        ("Field trip", ("missed", "school_event")),
        ("Cancelled", ("missed", "unknown")),
        ("Partial session", ("shortened", "")),
        ("Student present", ("delivered", "")),
    ],
)
def test_statuses_in_common_words(text, expected):
    assert parse_status(text) == expected


@pytest.mark.parametrize(
    "text",
    ["2026-09-02", "9/2/2026", "09/02/26", "Sep 2, 2026", "September 2nd, 2026", "2-Sep-2026"],
)
def test_dates_in_common_us_formats(text):
    assert parse_date(text) == date(2026, 9, 2)


@pytest.mark.parametrize(
    ("text", "minutes"), [("30", 30), ("30 mins", 30), ("0:45", 45), ("1.5 hours", 90)]
)
def test_minutes_in_common_forms(text, minutes):
    assert parse_minutes(text) == minutes
