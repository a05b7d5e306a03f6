"""The ledger API (docs/api.md): sessions, import, ledger, IEP comparison, checks."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.children.models import Child
from playbook.ledger.models import LedgerSettings, ServiceSession

from .conftest import make_iep

API = "/api/v1"


@pytest.fixture
def last_year(child):
    return make_iep(
        child,
        date(2025, 9, 1),
        date(2026, 8, 31),
        services=[("Speech-language therapy", 90, "week"), ("Counseling", 30, "week")],
        goals=["Sam will read 90 words per minute."],
        accommodations=["Extended time"],
    )


def sessions_url(child, service):
    return f"{API}/children/{child.pk}/services/{service.pk}/sessions"


def test_logging_and_listing_sessions(alice_client, child, speech):
    url = sessions_url(child, speech)
    response = alice_client.post(
        f"{url}?today=2026-09-18",
        {"date": "2026-09-15", "status": "missed", "reason": "provider_absent"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["minutes"], body["status"], body["reason"]) == (30, "missed", "provider_absent")
    alice_client.post(
        f"{url}?today=2026-09-18",
        {"date": "2026-09-16", "status": "delivered", "minutes": 25, "reason": "child_absent"},
        content_type="application/json",
    )
    listed = alice_client.get(url).json()
    assert [(s["date"], s["minutes"], s["reason"]) for s in listed] == [
        ("2026-09-16", 25, ""),  # a reason only belongs to a missed session
        ("2026-09-15", 30, "provider_absent"),
    ]


def test_an_empty_reason_is_no_reason(alice_client, child, speech):
    """A client sending reason "" with a delivered session (as a form or a CSV writes "no
    reason") was refused with a 422 for every session (a walk); a missed one is then
    unknown, and a reason that is not one of the list is still refused."""
    url = f"{sessions_url(child, speech)}?today=2026-09-18"
    for day, status in [("2026-09-15", "delivered"), ("2026-09-16", "missed")]:
        payload = {"date": day, "status": status, "reason": " "}
        response = alice_client.post(url, payload, content_type="application/json")
        assert response.status_code == 201, response.json()
    assert [s.reason for s in ServiceSession.objects.order_by("date")] == ["", "unknown"]
    wrong = {"date": "2026-09-17", "status": "missed", "reason": "therapist absent"}
    response = alice_client.post(url, wrong, content_type="application/json")
    assert response.status_code == 422 and "reason" in response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        ({"date": "2026-09-19", "status": "delivered"}, "in the future"),
        ({"date": "2026-09-15", "status": "attended"}, "status"),
        ({"date": "2026-09-15", "status": "delivered", "minutes": -5}, "minutes"),
        ({"date": "15/09/2026", "status": "delivered"}, "date"),
        ({"date": "2026-09-15", "status": "delivered", "minutes": 0}, "0 minutes"),
    ],
)
def test_bad_sessions_are_422_and_nothing_is_saved(alice_client, child, speech, payload, words):
    response = alice_client.post(
        f"{sessions_url(child, speech)}?today=2026-09-18", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert words in str(response.json()["detail"])
    assert not ServiceSession.objects.exists()


def test_importing_a_csv_log(alice_client, child, ot):
    log = SimpleUploadedFile(
        "log.csv",
        b"Date,Minutes,Status\n2026-09-08,30,present\n2026-09-09,-30,present\n2026-09-08,30,present\n",
    )
    response = alice_client.post(
        f"{sessions_url(child, ot)}/import?today=2026-09-18", {"file": log}
    )
    assert response.status_code == 200
    assert response.json() == {
        "imported": 1,
        "duplicates": 1,
        "rejected": [{"row": 3, "reason": "Minutes can't be negative ('-30')."}],
    }


def test_the_ledger_per_service(alice_client, child, speech, ot):
    ServiceSession.objects.create(service=ot, date=date(2026, 9, 8), minutes=30, status="delivered")
    ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 9), minutes=30, status="missed", reason="child_absent"
    )
    body = alice_client.get(f"{API}/children/{child.pk}/ledger?today=2026-09-18").json()
    assert (body["from"], body["to"], body["threshold"]) == ("2026-09-01", "2026-09-18", 60)
    speech_row, ot_row = body["services"]
    assert speech_row["service"] == "Speech-language therapy"
    assert (speech_row["scheduled"], speech_row["child_absent"], speech_row["promised"]) == (
        156,
        30,
        126,
    )
    assert (speech_row["owed"], speech_row["over_threshold"]) == (126, True)
    assert (ot_row["promised"], ot_row["delivered"], ot_row["owed"]) == (78, 30, 48)
    ranged = alice_client.get(
        f"{API}/children/{child.pk}/ledger?from=2026-09-08&to=2026-09-11&today=2026-09-18"
    ).json()
    assert ranged["services"][1]["promised"] == 24
    bad = alice_client.get(f"{API}/children/{child.pk}/ledger?from=2026-09-11&to=2026-09-08")
    assert bad.status_code == 422


def test_compare_defaults_to_the_two_most_recent_ieps(alice_client, child, iep, last_year):
    body = alice_client.get(f"{API}/children/{child.pk}/ieps/compare").json()
    services = {s["service"]: s for s in body["services"]}
    speech = services["Speech-language therapy"]
    assert (speech["change"], speech["from_minutes"], speech["to_minutes"], speech["per"]) == (
        "decreased",
        90,
        60,
        "week",
    )
    assert services["Counseling"]["change"] == "removed"
    assert services["Occupational therapy"]["change"] == "added"
    assert body["goals"] == {
        "added": [],
        "removed": ["Sam will read 90 words per minute."],
        "repeated": [],
        "same_baseline": [],  # issue 16: repeated with the same baseline
    }
    assert body["accommodations"] == {"added": [], "removed": ["Extended time"]}
    assert body["prior_written_notice"]["citation"] == "34 CFR § 300.503"
    explicit = alice_client.get(
        f"{API}/children/{child.pk}/ieps/compare?a={last_year.pk}&b={iep.pk}"
    ).json()
    assert explicit == body


def test_compare_needs_two_ieps_and_known_ids(alice_client, child, iep, charlie):
    url = f"{API}/children/{child.pk}/ieps/compare"
    response = alice_client.get(url)
    assert response.status_code == 422
    assert "needs two IEPs" in response.json()["detail"]
    assert alice_client.get(f"{url}?a={iep.pk}").status_code == 422
    missing = alice_client.get(f"{url}?a={uuid4()}&b={iep.pk}")
    assert missing.status_code == 404
    assert "parameter a" in missing.json()["detail"]


def test_checks(alice_client, child):
    make_iep(child, date(2026, 9, 1), date(2027, 8, 31), accommodations=["Breaks as needed"])
    body = alice_client.get(f"{API}/children/{child.pk}/ieps/checks?today=2026-09-18").json()
    assert [f["rule"] for f in body["findings"]] == [
        "accommodation_is_enforceable",
        "progress_reporting_is_stated",
    ]


def api_reads(child, speech):
    base = f"{API}/children/{child.pk}"
    return [
        sessions_url(child, speech),
        f"{base}/ledger",
        f"{base}/ieps/compare",
        f"{base}/ieps/checks",
    ]


def test_an_outsider_gets_404_everywhere(charlie_client, child, speech, last_year):
    for url in api_reads(child, speech):
        assert charlie_client.get(url).status_code == 404, url
    response = charlie_client.post(
        sessions_url(child, speech),
        {"date": "2026-09-15", "status": "delivered"},
        content_type="application/json",
    )
    assert response.status_code == 404
    log = SimpleUploadedFile("log.csv", b"Date,Minutes\n2026-09-08,30\n")
    assert (
        charlie_client.post(f"{sessions_url(child, speech)}/import", {"file": log}).status_code
        == 404
    )
    assert not ServiceSession.objects.exists()


def test_a_service_of_another_child_is_404(alice_client, child, speech, household):
    other = Child.objects.create(
        household=household, name="Ana", birth_date=date(2017, 1, 1), grade="3", state="CA"
    )
    assert alice_client.get(sessions_url(other, speech)).status_code == 404
    assert (
        alice_client.get(f"{API}/children/{child.pk}/services/not-an-id/sessions").status_code
        == 404
    )


def test_a_read_only_advocate_reads_but_gets_403_on_writes(bob_client, child, speech, last_year):
    for url in api_reads(child, speech):
        assert bob_client.get(url).status_code == 200, url
    response = bob_client.post(
        sessions_url(child, speech),
        {"date": "2026-09-15", "status": "delivered"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]
    log = SimpleUploadedFile("log.csv", b"Date,Minutes\n2026-09-08,30\n")
    assert (
        bob_client.post(f"{sessions_url(child, speech)}/import", {"file": log}).status_code == 403
    )
    assert not ServiceSession.objects.exists()


def test_listing_sessions_by_dates_and_removing_one(alice_client, child, speech, ot):
    kept = ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 2), minutes=30, status="delivered"
    )
    wrong = ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 9), minutes=30, status="delivered"
    )
    url = sessions_url(child, speech)
    listed = alice_client.get(f"{url}?from=2026-09-05&to=2026-09-30").json()
    assert [s["id"] for s in listed] == [str(wrong.pk)]
    assert alice_client.delete(f"{sessions_url(child, ot)}/{wrong.pk}").status_code == 404
    assert alice_client.delete(f"{url}/{wrong.pk}").status_code == 204
    assert list(ServiceSession.objects.all()) == [kept]


def test_setting_the_threshold(alice_client, child, iep):
    url = f"{API}/children/{child.pk}/ledger/threshold"
    assert (
        alice_client.put(
            url, {"owed_threshold_minutes": 0}, content_type="application/json"
        ).status_code
        == 422
    )
    response = alice_client.put(
        url, {"owed_threshold_minutes": 90}, content_type="application/json"
    )
    assert response.json() == {"owed_threshold_minutes": 90}
    assert alice_client.get(f"{API}/children/{child.pk}/ledger").json()["threshold"] == 90


def test_writes_are_403_for_a_read_only_advocate_and_404_for_an_outsider(
    client, bob, charlie, child, speech
):
    session = ServiceSession.objects.create(
        service=speech, date=date(2026, 9, 2), minutes=30, status="delivered"
    )
    threshold = f"{API}/children/{child.pk}/ledger/threshold"
    for user, status in ((bob, 403), (charlie, 404)):
        client.force_login(user)
        assert client.delete(f"{sessions_url(child, speech)}/{session.pk}").status_code == status
        body = {"owed_threshold_minutes": 90}
        assert client.put(threshold, body, content_type="application/json").status_code == status
    assert ServiceSession.objects.filter(pk=session.pk).exists()
    assert not LedgerSettings.objects.exists()
