"""The deadlines page, evaluation consents and the school breaks page."""

from datetime import date

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playbook.advocacy.models import Ask
from playbook.children.models import IEP, SchoolBreak
from playbook.deadlines.models import EvaluationConsent
from playbook.refusals.models import Refusal


def url(child, tail=""):
    return f"/children/{child.pk}/{tail}"


def test_deadlines_page_shows_the_sentence_date_words_and_citation(alice_client, child):
    IEP.objects.create(
        child=child,
        meeting_date=date(2026, 3, 3),
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
    )
    Ask.objects.create(
        child=child,
        subject="OT evaluation",
        asked_on=date(2026, 11, 2),
        reply_due=date(2026, 11, 20),
    )
    page = alice_client.get(url(child, "deadlines/?today=2026-11-28"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "One year after the IEP meeting of March 3, 2026." in html
    assert "Wednesday, March 3, 2027" in html
    assert "in 95 days" in html
    assert "overdue by 8 days" in html
    assert "34 CFR § 300.324(b)(1)" in html
    assert "Federal rule; California&#x27;s own rule is not in our tables" in html
    assert "counted in calendar days" in html
    assert "not verified in our tables" in html  # the ESY note
    assert "/calendar/" in html  # the subscription link
    assert html.index("Reply due: OT evaluation") < html.index("Annual IEP review")


def test_deadlines_page_empty_state(alice_client, child):
    html = alice_client.get(url(child, "deadlines/?today=2026-11-28")).content.decode()
    # Sam is 11: only the age-based dates, and no ESY note without an IEP.
    assert "Transition plan in the IEP" in html
    assert "Extended school year" not in html


def test_deadlines_page_access(client, alice, bob, charlie, child):
    client.force_login(charlie)
    assert client.get(url(child, "deadlines/")).status_code == 404
    assert client.get(url(child, "breaks/")).status_code == 404
    assert client.get(url(child, "deadlines/calendar.ics")).status_code == 404
    assert client.post(url(child, "deadlines/feed/renew/")).status_code == 404
    client.force_login(bob)
    page = client.get(url(child, "deadlines/"))
    assert page.status_code == 200
    assert b"Save the evaluation dates" not in page.content
    assert client.post(url(child, "deadlines/feed/renew/")).status_code == 403
    assert (
        client.post(url(child, "deadlines/consents/"), {"signed_on": "2026-09-01"}).status_code
        == 403
    )
    assert client.post(url(child, "breaks/"), {"name": "Winter"}).status_code == 403
    client.logout()
    assert client.get(url(child, "deadlines/")).status_code == 302


def test_add_consent_then_report(alice_client, child):
    response = alice_client.post(
        url(child, "deadlines/consents/"), {"signed_on": "2026-09-01", "note": "OT"}
    )
    assert response.status_code == 302
    consent = EvaluationConsent.objects.get(child=child)
    html = alice_client.get(url(child, "deadlines/?today=2026-09-02")).content.decode()
    assert "IEP developed after assessment" in html  # California's rule
    bad = alice_client.post(
        url(child, f"deadlines/consents/{consent.pk}/report/"), {"report_on": "2026-08-01"}
    )
    assert bad.status_code == 400
    assert "cannot come before" in bad.content.decode()
    ok = alice_client.post(
        url(child, f"deadlines/consents/{consent.pk}/report/"), {"report_on": "2026-10-20"}
    )
    assert ok.status_code == 302
    html = alice_client.get(url(child, "deadlines/?today=2026-09-02")).content.decode()
    assert "IEP developed after assessment" not in html


def test_bad_consent_date_is_a_clear_error(alice_client, child):
    response = alice_client.post(url(child, "deadlines/consents/"), {"signed_on": "yesterday"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()
    assert not EvaluationConsent.objects.exists()


def test_remove_consent_only_within_the_household(client, alice, charlie, child):
    consent = EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 1))
    client.force_login(charlie)
    assert client.post(url(child, f"deadlines/consents/{consent.pk}/remove/")).status_code == 404
    client.force_login(alice)
    assert client.post(url(child, f"deadlines/consents/{consent.pk}/remove/")).status_code == 302
    assert not EvaluationConsent.objects.exists()


def test_breaks_add_validate_remove(alice_client, child):
    page = alice_client.get(url(child, "breaks/"))
    assert page.status_code == 200
    assert b"No breaks yet" in page.content
    bad = alice_client.post(
        url(child, "breaks/"), {"name": "Winter", "start": "2027-01-01", "end": "2026-12-21"}
    )
    assert bad.status_code == 400
    assert "on or after the first day off" in bad.content.decode()
    assert not SchoolBreak.objects.exists()
    ok = alice_client.post(
        url(child, "breaks/"), {"name": "Winter", "start": "2026-12-21", "end": "2027-01-01"}
    )
    assert ok.status_code == 302
    school_break = SchoolBreak.objects.get(child=child)
    assert b"Winter" in alice_client.get(url(child, "breaks/")).content
    assert alice_client.post(url(child, f"breaks/{school_break.pk}/remove/")).status_code == 302
    assert not SchoolBreak.objects.exists()


def test_break_of_one_day_is_fine(alice_client, child):
    response = alice_client.post(
        url(child, "breaks/"), {"name": "Teacher day", "start": "2026-10-09", "end": "2026-10-09"}
    )
    assert response.status_code == 302


def test_break_remove_access(client, alice, bob, charlie, child):
    school_break = SchoolBreak.objects.create(
        child=child, name="Spring", start=date(2027, 4, 5), end=date(2027, 4, 9)
    )
    client.force_login(charlie)
    assert client.post(url(child, f"breaks/{school_break.pk}/remove/")).status_code == 404
    client.force_login(bob)
    assert client.post(url(child, f"breaks/{school_break.pk}/remove/")).status_code == 403
    assert SchoolBreak.objects.exists()


def test_deadlines_page_queries_do_not_grow_with_asks(alice_client, child):
    IEP.objects.create(child=child, start_date=date(2026, 3, 3), end_date=date(2027, 3, 2))

    def add(n):
        for k in range(n):
            Ask.objects.create(
                child=child,
                subject=f"Ask {k}",
                asked_on=date(2026, 11, 1),
                reply_due=date(2026, 12, 1),
            )
            Ask.objects.create(
                child=child,
                subject=f"Records {k}",
                asked_on=date(2026, 11, 1),
                kind="records_request",
            )
            Refusal.objects.create(child=child, said_on=date(2026, 11, 1), words="No.")

    def count():
        caches["local"].clear()  # the deadlines computed afresh, as after a change
        with CaptureQueriesContext(connection) as ctx:
            assert alice_client.get(url(child, "deadlines/?today=2026-11-28")).status_code == 200
        return len(ctx.captured_queries)

    add(1)
    count()  # the first visit also makes the calendar feed token
    few = count()
    add(15)
    # The access log's INSERT, the records_version read (0023), the removals log (0030).
    assert count() == few <= 15


def test_consent_report_page_access(client, alice, bob, charlie, child):
    consent = EvaluationConsent.objects.create(child=child, signed_on=date(2026, 9, 1))
    path = url(child, f"deadlines/consents/{consent.pk}/report/")
    client.force_login(charlie)
    assert client.get(path).status_code == 404
    client.force_login(bob)
    assert client.get(path).status_code == 200
    assert client.post(path, {"report_on": "2026-10-01"}).status_code == 403
    client.force_login(alice)
    other = EvaluationConsent.objects.create(
        child=child.__class__.objects.create(
            household=child.household,
            name="Ana",
            birth_date=date(2016, 1, 1),
            grade="4",
            state="CA",
        ),
        signed_on=date(2026, 9, 1),
    )
    # A consent of another child in the same household, through this child's URL: 404.
    assert client.get(url(child, f"deadlines/consents/{other.pk}/report/")).status_code == 404


def test_mark_holidays_in_session_moves_school_day_deadlines(client, alice, bob, charlie, child):
    client.force_login(alice)
    page = client.get(url(child, "breaks/")).content.decode()
    assert "<legend>Federal holidays school is in session</legend>" in page
    assert 'value="Columbus Day"' in page
    bad = client.post(url(child, "breaks/in-session/"), {"holidays": ["Flag Day"]})
    assert bad.status_code == 302  # back to the page with a message, nothing saved
    child.refresh_from_db()
    assert child.holidays_in_session == []
    done = client.post(url(child, "breaks/in-session/"), {"holidays": ["Columbus Day"]})
    assert done.status_code == 302
    child.refresh_from_db()
    assert child.holidays_in_session == ["Columbus Day"]
    from playbook.children.school_calendar import SchoolCalendar

    # Friday 9 Oct 2026 + 1 school day is Columbus Day itself, now a school day.
    assert SchoolCalendar.for_child(child).add_school_days(date(2026, 10, 9), 1) == date(
        2026, 10, 12
    )
    client.force_login(bob)  # a viewer cannot change the calendar
    assert client.post(url(child, "breaks/in-session/"), {"holidays": []}).status_code == 403
    client.force_login(charlie)
    assert client.post(url(child, "breaks/in-session/"), {"holidays": []}).status_code == 404
    child.refresh_from_db()
    assert child.holidays_in_session == ["Columbus Day"]


def test_a_written_request_alone_starts_the_texas_answer_clock(alice_client, child):
    child.state = "TX"
    child.save()
    empty = alice_client.post(url(child, "deadlines/consents/"), {"note": "Speech"})
    assert empty.status_code == 400
    assert "Enter the day of your written request or of your consent." in empty.content.decode()
    backwards = alice_client.post(
        url(child, "deadlines/consents/"),
        {"requested_on": "2026-10-02", "signed_on": "2026-09-01"},
    )
    assert backwards.status_code == 400
    assert "Consent cannot come before the request." in backwards.content.decode()
    ok = alice_client.post(url(child, "deadlines/consents/"), {"requested_on": "2026-10-02"})
    assert ok.status_code == 302
    evaluation = EvaluationConsent.objects.get(child=child)
    assert evaluation.absences == 0 and evaluation.signed_on is None
    html = alice_client.get(url(child, "deadlines/?today=2026-10-03")).content.decode()
    assert "School&#x27;s answer to your written evaluation request" in html
    assert "Monday, October 26, 2026" in html  # 15 school days, Columbus Day closed
    assert "waiting for the consent form" in html
