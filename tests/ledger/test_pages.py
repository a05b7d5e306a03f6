"""The ledger pages: what a parent sees and does, and who may see or change it."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playbook.children.models import Child, Service
from playbook.ledger.models import LedgerSettings, ServiceSession

from .conftest import make_iep

TODAY = date(2026, 9, 18)


@pytest.fixture(autouse=True)
def frozen_today():
    # 18 Sep 2026 at noon in New York (the household's zone).
    with time_machine.travel("2026-09-18 16:00:00+00:00", tick=False):
        yield


def page_urls(child):
    base = f"/children/{child.pk}"
    return [
        f"{base}/services/",
        f"{base}/services/log/",
        f"{base}/services/import/",
        f"{base}/iep/compare/",
        f"{base}/iep/checks/",
    ]


def post_urls(child, session):
    base = f"/children/{child.pk}"
    return [
        f"{base}/services/log/",
        f"{base}/services/import/",
        f"{base}/services/threshold/",
        f"{base}/services/sessions/{session.pk}/delete/",
    ]


@pytest.fixture
def session(speech):
    return ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 2), minutes=30, status="delivered"
    )


def test_every_page_renders_for_the_family(alice_client, child, iep, session):
    for url in page_urls(child):
        response = alice_client.get(url)
        assert response.status_code == 200, url
    services = alice_client.get(page_urls(child)[0]).content.decode()
    assert f'action="/children/{child.pk}/services/sessions/{session.pk}/delete/"' in services


def test_every_page_and_action_is_404_for_an_outsider(charlie_client, child, iep, session):
    for url in page_urls(child):
        assert charlie_client.get(url).status_code == 404, url
    for url in post_urls(child, session):
        assert charlie_client.post(url).status_code == 404, url
    assert ServiceSession.objects.filter(pk=session.pk).exists()


def test_unknown_ids_are_404(alice_client, child, iep):
    assert alice_client.get(f"/children/{uuid4()}/services/").status_code == 404
    assert (
        alice_client.post(f"/children/{child.pk}/services/sessions/{uuid4()}/delete/").status_code
        == 404
    )


def test_a_read_only_advocate_sees_but_cannot_change(bob_client, child, iep, session):
    for url in page_urls(child):
        assert bob_client.get(url).status_code == 200, url
    for url in post_urls(child, session):
        assert bob_client.post(url).status_code == 403, url
    page = bob_client.get(f"/children/{child.pk}/services/").content.decode()
    assert "Log a session" not in page
    log_page = bob_client.get(f"/children/{child.pk}/services/log/").content.decode()
    assert "read-only" in log_page and '<form method="post" novalidate>' not in log_page
    assert ServiceSession.objects.filter(pk=session.pk).exists()


def test_logging_a_session_with_the_defaults(alice_client, child, speech):
    form = alice_client.get(f"/children/{child.pk}/services/log/?service={speech.pk}")
    assert form.context["form"].initial["service"] == str(speech.pk)
    assert "Speech-language therapy (30 min sessions)" in form.content.decode()  # 60 a week, 2
    assert form.context["form"].initial["date"] == TODAY
    response = alice_client.post(
        f"/children/{child.pk}/services/log/",
        {"service": speech.pk, "date": "2026-09-18", "status": "missed", "minutes": ""},
        follow=True,
    )
    assert response.redirect_chain == [(f"/children/{child.pk}/services/", 302)]
    session = ServiceSession.objects.get()
    assert (session.service, session.minutes, session.status, session.reason) == (
        speech,
        30,
        "missed",
        "unknown",
    )
    assert (
        "Logged: Speech-language therapy, missed, 30 minutes on Sep 18."
        in response.content.decode()
    )


def test_logging_errors_are_shown_and_nothing_is_saved(alice_client, child, speech):
    response = alice_client.post(
        f"/children/{child.pk}/services/log/",
        {"service": speech.pk, "date": "2026-09-19", "status": "", "minutes": "-5"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["date"] == ["That date is in the future: log sessions after they happen."]
    assert "status" in errors and "minutes" in errors
    assert not ServiceSession.objects.exists()


def test_a_service_of_another_childs_iep_cannot_be_logged(alice_client, child, household, speech):
    other = Child.objects.create(
        household=household, name="Ana", birth_date=date(2017, 1, 1), grade="3", state="CA"
    )
    other_iep = make_iep(other, date(2026, 9, 1), date(2027, 8, 31), services=[("PT", 30, "week")])
    response = alice_client.post(
        f"/children/{child.pk}/services/log/",
        {"service": other_iep.services.get().pk, "date": "2026-09-18", "status": "delivered"},
    )
    assert response.status_code == 400
    assert not ServiceSession.objects.exists()


def test_the_ledger_shows_minutes_owed_and_the_threshold_warning(alice_client, child, speech, ot):
    ServiceSession.objects.create(service=ot, date=date(2026, 9, 8), minutes=30, status="delivered")
    ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 9), minutes=30, status="missed", reason="provider_absent"
    )
    page = alice_client.get(f"/children/{child.pk}/services/").content.decode()
    assert "156 minutes owed" in page  # speech: 13 school days of 60 a week
    assert "48 minutes owed" in page  # OT: 78 promised, 30 delivered
    assert "reaches your threshold of 60 minutes" in page
    assert page.count("reaches your threshold") == 1


def test_the_ledger_lists_the_latest_sessions_and_shows_all_on_request(alice_client, child, ot):
    from datetime import timedelta

    for n in range(25):  # 1 to 17 September, some days twice
        ServiceSession.objects.create(
            service=ot, date=date(2026, 9, 1) + timedelta(days=n % 17), minutes=20 + n,
            status="delivered", note=f"session {n:02}",
        )  # fmt: skip
    url = f"/children/{child.pk}/services/"
    page = alice_client.get(url).content.decode()
    assert "Sessions logged (25)" in page
    listed = [n for n in range(25) if f"session {n:02}<" in page]
    assert len(listed) == 10
    assert "The latest 10 of 25." in page and "?sessions=all" in page
    everything = alice_client.get(url + "?sessions=all").content.decode()
    assert all(f"session {n:02}<" in everything for n in range(25))
    assert "The latest 10" not in everything
    in_range = alice_client.get(url + "?start=2026-09-01&end=2026-09-17").content.decode()
    assert "?start=2026-09-01&amp;end=2026-09-17&amp;sessions=all" in in_range


def test_the_threshold_is_editable_and_validated(alice_client, child, iep):
    url = f"/children/{child.pk}/services/threshold/"
    assert alice_client.post(url, {"owed_threshold_minutes": "0"}).status_code == 400
    assert alice_client.post(url, {"owed_threshold_minutes": "abc"}).status_code == 400
    assert alice_client.post(url, {"owed_threshold_minutes": "90"}).status_code == 302
    assert LedgerSettings.threshold_for(child) == 90
    alice_client.post(url, {"owed_threshold_minutes": "120"})
    assert LedgerSettings.objects.get().owed_threshold_minutes == 120


def test_a_date_range_is_validated(alice_client, child, iep):
    response = alice_client.get(f"/children/{child.pk}/services/?start=2026-09-10&end=2026-09-01")
    assert response.status_code == 400
    assert "The end date comes before the start date." in response.content.decode()
    response = alice_client.get(f"/children/{child.pk}/services/?start=2026-09-08&end=2026-09-11")
    assert response.context["ledger"].lines[0].tally.promised == 48  # 4 school days


def test_removing_a_session(alice_client, child, session):
    response = alice_client.post(f"/children/{child.pk}/services/sessions/{session.pk}/delete/")
    assert response.status_code == 302
    assert not ServiceSession.objects.exists()


def test_importing_a_log_shows_the_report(alice_client, child, ot):
    log = SimpleUploadedFile(
        "log.csv",
        b"Session Date,Mins,Attendance\n9/8/2026,30,Present\n9/9/2026,abc,Present\n9/8/2026,30,present\n",
        content_type="text/csv",
    )
    response = alice_client.post(
        f"/children/{child.pk}/services/import/", {"service": ot.pk, "file": log}
    )
    assert response.status_code == 200
    report = response.context["report"]
    assert (report.imported, report.duplicates) == (1, 1)
    assert report.rejected == [{"row": 3, "reason": "'abc' is not a number of minutes."}]
    assert "&#x27;abc&#x27; is not a number of minutes." in response.content.decode()


def test_importing_something_that_is_not_a_csv_is_refused(alice_client, child, ot):
    pdf = SimpleUploadedFile("iep.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = alice_client.post(
        f"/children/{child.pk}/services/import/", {"service": ot.pk, "file": pdf}
    )
    assert response.status_code == 400
    assert "Choose a .csv file" in response.content.decode()
    assert not ServiceSession.objects.exists()


def test_the_ledger_page_queries_do_not_grow_with_sessions(
    alice_client, child, speech, ot, django_assert_max_num_queries
):
    url = f"/children/{child.pk}/services/"
    ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 2), minutes=30, status="delivered"
    )
    with CaptureQueriesContext(connection) as few:
        assert alice_client.get(url).status_code == 200
    for day in range(8, 19):
        for service in (speech, ot):
            ServiceSession.objects.create(
                service=service, date=date(2026, 9, day), minutes=30, status="delivered"
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = alice_client.get(url)
    assert page.content.decode().count("<tr>") > 20


def test_the_compare_page_explains_when_there_is_only_one_iep(alice_client, child, iep):
    page = alice_client.get(f"/children/{child.pk}/iep/compare/").content.decode()
    assert "you need two IEPs" in page


def test_the_compare_page_shows_a_reduction_and_asks_for_prior_written_notice(
    alice_client, child, iep
):
    make_iep(
        child,
        date(2025, 9, 1),
        date(2026, 8, 31),
        services=[("Speech-language therapy", 90, "week"), ("Occupational therapy", 30, "week")],
        goals=["Sam will read."],
    )
    page = alice_client.get(f"/children/{child.pk}/iep/compare/").content.decode()
    assert "Speech-language therapy went from 90 to 60 minutes per week." in page
    assert "34 CFR § 300.503" in page


def test_the_checks_page_offers_to_raise_each_finding(alice_client, child):
    make_iep(
        child,
        date(2026, 9, 1),
        date(2027, 8, 31),
        goals=["Sam will improve his reading."],
        accommodations=["Breaks as needed"],
    )
    page = alice_client.get(f"/children/{child.pk}/iep/checks/").content.decode()
    assert page.count("Raise this as a concern") == 5  # 3 for the goal, 1 each for the rest
    assert f"/children/{child.pk}/concerns/new/?title=" in page


def test_the_usual_session_length_comes_from_the_iep_else_the_last_session(
    alice_client, child, speech, ot
):
    url = f"/children/{child.pk}/services/log/"
    ServiceSession.objects.create(service=ot, date=date(2026, 9, 9), minutes=25, status="delivered")
    ServiceSession.objects.create(
        service=ot, date=date(2026, 9, 10), minutes=10, status="shortened"
    )
    alice_client.post(url, {"service": ot.pk, "date": "2026-09-16", "status": "delivered"})
    alice_client.post(url, {"service": speech.pk, "date": "2026-09-16", "status": "made_up"})
    logged = dict(
        ServiceSession.objects.filter(date=date(2026, 9, 16)).values_list("service", "minutes")
    )
    assert logged == {ot.pk: 25, speech.pk: 30}


def test_a_service_without_minutes_or_frequency_does_not_break_the_pages(alice_client, child, iep):
    Service.objects.create(iep=iep, service="Counseling", minutes=0, per="")
    make_iep(child, date(2025, 9, 1), date(2026, 8, 31), services=[("Counseling", 30, "week")])
    page = alice_client.get(f"/children/{child.pk}/services/")
    assert page.status_code == 200
    assert "The IEP does not say how many minutes or how often" in page.content.decode()
    [counseling] = [line for line in page.context["ledger"].lines if line.name == "Counseling"]
    assert (counseling.name, counseling.tally.promised) == ("Counseling", 0)
    compare = alice_client.get(f"/children/{child.pk}/iep/compare/")
    assert "minutes or frequency not stated" in compare.content.decode()
    assert alice_client.get(f"/api/v1/children/{child.pk}/ledger").status_code == 200


def test_with_no_iep_yet_every_page_says_what_to_do_first(alice_client, child):
    for url in page_urls(child):
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert f'href="/children/{child.pk}/iep/"' in response.content.decode(), url
    response = alice_client.post(
        f"/children/{child.pk}/services/log/",
        {"date": "2026-09-18", "status": "delivered"},
    )
    assert response.status_code == 200
    assert not ServiceSession.objects.exists()


def test_a_service_week_by_week_is_its_own_page(alice_client, child, household, speech):
    ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 9), minutes=30, status="missed", reason="provider_absent"
    )
    services = alice_client.get(f"/children/{child.pk}/services/?start=2026-09-01&end=2026-09-17")
    weeks_url = f"/children/{child.pk}/services/{speech.pk}/weeks/"
    # The services page is a summary: the table is one link away, with the same dates.
    assert f'href="{weeks_url}?start=2026-09-01&amp;end=2026-09-17"' in services.content.decode()
    assert '<th scope="col">Period</th>' not in services.content.decode()
    page = alice_client.get(weeks_url + "?start=2026-09-01&end=2026-09-17").content.decode()
    assert "Speech-language therapy, week by week" in page
    # Mon 7 to Sun 13 Sep: 60 minutes a week promised, the 30-minute session missed.
    assert '<td data-label="Period">Sep 7 to Sep 13</td>' in page
    assert page.count('<td data-label="Period">') == 3  # the weeks of Sep 1, 7 and 14
    assert alice_client.get(f"/children/{child.pk}/services/{uuid4()}/weeks/").status_code == 404
    other = Child.objects.create(
        household=household, name="Ana", birth_date=date(2017, 1, 1), grade="3", state="CA"
    )
    other_iep = make_iep(other, date(2026, 9, 1), date(2027, 8, 31), services=[("PT", 30, "week")])
    other_service = other_iep.services.get()
    assert (
        alice_client.get(f"/children/{child.pk}/services/{other_service.pk}/weeks/").status_code
        == 404
    )


def test_a_service_week_by_week_is_404_for_an_outsider(charlie_client, child, speech):
    assert (
        charlie_client.get(f"/children/{child.pk}/services/{speech.pk}/weeks/").status_code == 404
    )
