"""Two clocks that were notes only and are dates now where the inputs exist (issue 18):
Texas's evaluation report at least 5 school days before the ARD meeting, and the records
due before any IEP meeting, hearing or resolution session (34 CFR § 300.613(a)). Each date
is counted by hand in the comment above it."""

from datetime import date

import pytest
from django.core import mail
from icalendar import Calendar

from playbook.advocacy.models import Ask
from playbook.deadlines.engine import DISCLAIMER, deadlines_for
from playbook.deadlines.models import EvaluationConsent
from playbook.meetings.models import Meeting
from tests.coach.conftest import MONDAY, remind
from tests.exports.test_binder import pdf_text

TODAY = date(2026, 9, 1)


def dated(child, rule, today=TODAY):
    return [d for d in deadlines_for(child, today) if d.rule == rule]


def one(child, rule, today=TODAY):
    found = dated(child, rule, today)
    assert len(found) == 1, f"{rule}: {found}"
    return found[0]


def in_state(child, state, **changes):
    child.state = state
    for name, value in changes.items():
        setattr(child, name, value)
    child.save()
    return child


@pytest.fixture
def texas_ard(child):
    """A Texas child whose evaluation is under way, with the ARD meeting on Mon 16 Nov 2026."""
    in_state(child, "TX")
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 1))
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=date(2026, 11, 16))
    return child


# Texas: the report at least 5 school days before the ARD meeting


def test_texas_report_five_school_days_before_the_ard(texas_ard):
    # Counted back from Mon 16 Nov 2026: Fri 13 (1), Thu 12 (2), Veterans Day Wed 11 is
    # closed by default, Tue 10 (3), Mon 9 (4), weekend, Fri 6 Nov (5).
    report = one(texas_ard, "report_before_meeting")
    assert report.due == date(2026, 11, 6)
    assert report.basis == "5 school days before the ARD meeting on November 16, 2026."
    assert report.citation == "TEA legal framework (FIIE report); 34 CFR § 300.306(a)(2)"
    assert report.label == "Texas rule · from a secondary source"
    assert report.counting == "school"


def test_texas_report_counts_veterans_day_when_school_is_in_session(texas_ard):
    in_state(texas_ard, "TX", holidays_in_session=["Veterans Day"])
    # Veterans Day is a school day now: 13 (1), 12 (2), 11 (3), 10 (4), Mon 9 Nov (5).
    assert one(texas_ard, "report_before_meeting").due == date(2026, 11, 9)


def test_texas_report_clock_ends_with_the_report_and_other_meetings_do_not_start_it(child):
    in_state(child, "TX")
    evaluation = EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 1))
    # A trial review or an "other" meeting is not the ARD meeting: no date.
    Meeting.objects.create(child=child, kind="other", status="scheduled", date=date(2026, 11, 2))
    Meeting.objects.create(
        child=child, kind="trial_review", status="scheduled", date=date(2026, 11, 3)
    )
    assert not dated(child, "report_before_meeting")
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=date(2026, 11, 16))
    assert one(child, "report_before_meeting").due == date(2026, 11, 6)
    # Once the report has reached the parent, the clock is done.
    evaluation.report_on = date(2026, 11, 2)
    evaluation.save()
    assert not dated(child, "report_before_meeting")


def test_the_report_clock_is_in_the_api_the_calendar_the_page_the_binder_and_digest(
    alice_client, texas_ard, case_manager
):
    api = alice_client.get(f"/api/v1/children/{texas_ard.pk}/deadlines?today=2026-10-20").json()
    (item,) = [i for i in api if i["id"].startswith("report_before_meeting:")]
    assert (item["due"], item["status"], item["fallback"]) == ("2026-11-06", "Secondary", False)
    assert item["citation"] == "TEA legal framework (FIIE report); 34 CFR § 300.306(a)(2)"
    assert item["label"] == "Texas rule · from a secondary source"
    assert item["disclaimer"] == DISCLAIMER

    feed = alice_client.get(f"/api/v1/children/{texas_ard.pk}/calendar.ics?today=2026-10-20")
    (event,) = [
        e
        for e in Calendar.from_ical(feed.content).walk("VEVENT")
        if str(e["uid"]).startswith("deadline-report_before_meeting")
    ]
    assert event.decoded("dtstart") == date(2026, 11, 6)
    assert "Texas rule · from a secondary source" in str(event["description"])
    assert DISCLAIMER in str(event["description"])

    page = alice_client.get(f"/children/{texas_ard.pk}/deadlines/?today=2026-10-20")
    html = page.content.decode()
    assert "Evaluation report (FIIE) to you before the ARD meeting" in html
    assert "5 school days before the ARD meeting on November 16, 2026." in html

    binder = alice_client.get(f"/api/v1/children/{texas_ard.pk}/binder.pdf?today=2026-10-20")
    text = " ".join(pdf_text(binder.content).split())
    assert "Evaluation report (FIIE) to you before the ARD meeting" in text

    # MONDAY is 16 Nov 2026: move the meeting so the report's day (counted back) falls in
    # the digest's next 30 days. ARD on Mon 30 Nov: 27, 25, 24, 23 (4; Thanksgiving 26
    # closed), 20 Nov (5).
    Meeting.objects.filter(child=texas_ard).update(date=date(2026, 11, 30))
    assert remind(MONDAY) == "queued 1 digest"
    [message] = mail.outbox
    assert "Nov 20: Evaluation report (FIIE) to you before the ARD meeting" in message.body
    assert "Texas rule · from a secondary source" in message.body


# Records before any IEP meeting, hearing or resolution session (34 CFR § 300.613(a))


def records_ask(child, asked_on):
    return Ask.objects.create(
        child=child, subject="All of Sam's records", asked_on=asked_on, kind="records_request"
    )


def test_records_due_before_a_resolution_session(child):
    in_state(child, "WA")  # the federal rule: 45 calendar days
    records_ask(child, date(2026, 10, 1))
    # 1 Oct 2026 + 45 days = 15 Nov 2026 (30 days to 31 Oct, 15 more).
    assert one(child, "records_request", date(2026, 10, 2)).due == date(2026, 11, 15)
    Meeting.objects.create(
        child=child, kind="resolution_session", status="scheduled", date=date(2026, 10, 20)
    )
    # The resolution session on Tue 20 Oct comes first: the records by Mon 19 Oct.
    records = one(child, "records_request", date(2026, 10, 2))
    assert records.due == date(2026, 10, 19)
    assert "before the resolution session on October 20, 2026" in records.basis
    assert "hearing or resolution session (34 CFR § 300.613(a))" in records.note


def test_records_due_before_a_due_process_hearing_whichever_comes_first(child):
    in_state(child, "WA")
    records_ask(child, date(2026, 10, 1))
    Meeting.objects.create(
        child=child, kind="resolution_session", status="scheduled", date=date(2026, 10, 20)
    )
    Meeting.objects.create(
        child=child, kind="due_process_hearing", status="scheduled", date=date(2026, 10, 9)
    )
    # An "other" meeting earlier still does not count: the hearing on Fri 9 Oct does, so
    # the records are due Thu 8 Oct 2026.
    Meeting.objects.create(child=child, kind="other", status="scheduled", date=date(2026, 10, 5))
    records = one(child, "records_request", date(2026, 10, 2))
    assert records.due == date(2026, 10, 8)
    assert "before the due process hearing on October 9, 2026" in records.basis


def test_a_hearing_after_the_45_days_changes_nothing(child):
    in_state(child, "WA")
    records_ask(child, date(2026, 10, 1))
    Meeting.objects.create(
        child=child, kind="due_process_hearing", status="scheduled", date=date(2026, 12, 1)
    )
    records = one(child, "records_request", date(2026, 10, 2))
    assert records.due == date(2026, 11, 15)
    assert "hearing" not in records.basis


def test_a_hearing_or_resolution_session_can_be_entered_through_the_api(alice_client, child):
    in_state(child, "WA")
    records_ask(child, date(2026, 10, 1))
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/meetings",
        {"kind": "due_process_hearing", "status": "scheduled", "date": "2026-10-30"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    api = alice_client.get(f"/api/v1/children/{child.pk}/deadlines?today=2026-10-02").json()
    (item,) = [i for i in api if i["id"].startswith("records_request:")]
    # The hearing on Fri 30 Oct comes before the 45th day (15 Nov): due Thu 29 Oct 2026.
    assert item["due"] == "2026-10-29"


# A 3rd birthday in the summer (34 CFR § 300.101(b)(2))


def test_a_third_birthday_in_the_entered_summer_break_says_the_team_sets_the_start(child):
    from playbook.children.models import SchoolBreak

    child.birth_date = date(2024, 6, 10)
    child.grade = "PK"
    child.save()
    # No summer break entered: only the rule's general note.
    by_three = one(child, "iep_by_third_birthday")
    assert by_three.due == date(2027, 6, 10)
    assert "summer break you entered" not in by_three.note
    # A summer break of 5 Jun - 17 Aug 2027 holds the birthday of 10 Jun 2027.
    SchoolBreak.objects.create(
        child=child, name="Summer", start=date(2027, 6, 5), end=date(2027, 8, 17)
    )
    by_three = one(child, "iep_by_third_birthday")
    assert by_three.due == date(2027, 6, 10)  # the IEP is still due by the birthday
    assert "falls in the summer break you entered (June 5, 2027 to August 17, 2027)" in (
        by_three.note
    )
    assert "34 CFR § 300.101(b)(2)" in by_three.note
    # A break that ends before the birthday (a spring break) does not count.
    SchoolBreak.objects.all().delete()
    SchoolBreak.objects.create(
        child=child, name="Summer", start=date(2027, 5, 1), end=date(2027, 6, 9)
    )
    assert "summer break you entered" not in one(child, "iep_by_third_birthday").note
