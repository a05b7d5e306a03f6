"""A refusal keeps the kind of "no" the recogniser heard (issue 14, decision 0038): set when the
no is heard (a reply, a logged refusal), shown with its plain-words meaning on the refusal page
and in the API's refusal answer."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.urls import reverse

from playbook.advocacy.models import Ask
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import log_refusal
from playbook.school_language import KINDS

API = "/api/v1"


def _post(client, url, data):
    return client.post(f"{API}/{url}", json.dumps(data), content_type="application/json")


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child, subject="1:1 aide", asked_of=case_manager, asked_on=date(2026, 3, 2)
    )


def test_a_no_heard_in_a_reply_is_stored_with_its_kind(alice_client, ask):
    response = _post(
        alice_client,
        f"asks/{ask.pk}/reply",
        {
            "text": "We don't have the staff for a one-to-one aide this year.",
            "date": "2026-03-05",
            "outcome": "refused",
        },
    )
    assert response.status_code == 200, response.content
    refusal = Refusal.objects.get(pk=response.json()["refusal"])
    assert refusal.kind == "resources"
    assert refusal.kind_of_no is KINDS["resources"]


def test_a_logged_refusal_is_stored_with_its_kind(child, case_manager):
    refusal = log_refusal(
        child,
        said_by=case_manager,
        said_on=date(2026, 3, 5),
        words="She is passing all her classes, so she doesn't need an IEP.",
    )
    refusal.refresh_from_db()
    assert refusal.kind == "myth"


def test_words_with_no_no_in_them_keep_no_kind(child, case_manager):
    refusal = log_refusal(
        child, said_by=case_manager, said_on=date(2026, 3, 5), words="See you on Tuesday."
    )
    refusal.refresh_from_db()
    assert refusal.kind == ""
    assert refusal.kind_of_no is None


def test_the_api_answers_the_kind_and_its_meaning(alice_client, child, case_manager):
    refusal = log_refusal(
        child,
        said_by=case_manager,
        said_on=date(2026, 3, 5),
        words="We don't have the staff for a one-to-one aide this year.",
    )
    response = alice_client.get(f"{API}/children/{child.pk}/refusals")
    assert response.status_code == 200, response.content
    body = response.json()
    rows = body if isinstance(body, list) else body.get("items", body.get("results"))
    [row] = [r for r in rows if r["id"] == str(refusal.pk)]
    resources = KINDS["resources"]
    assert row["kind"] == {
        "id": "resources",
        "name": resources.name,
        "meaning": resources.meaning,
        "move": "request_prior_written_notice",
    }


def test_the_api_answers_no_kind_as_null(alice_client, child, case_manager):
    _post(
        alice_client,
        f"children/{child.pk}/refusals",
        {"said_by": str(case_manager.pk), "said_on": "2026-03-05", "words": "Thank you."},
    )
    [refusal] = Refusal.objects.all()
    response = alice_client.get(f"{API}/children/{child.pk}/refusals")
    body = response.json()
    rows = body if isinstance(body, list) else body.get("items", body.get("results"))
    assert [r["kind"] for r in rows if r["id"] == str(refusal.pk)] == [None]


def test_the_refusal_page_shows_the_kind_in_plain_words(alice_client, child, case_manager):
    refusal = log_refusal(
        child,
        said_by=case_manager,
        said_on=date(2026, 3, 5),
        words="That is not my call, you will need to ask the district office.",
    )
    refusal.refresh_from_db()
    assert refusal.kind == "deflection"
    page = alice_client.get(reverse("refusal_detail", args=[child.pk, refusal.pk]))
    html = page.content.decode()
    assert "Kind of \u201cno\u201d" in html
    assert "Someone else&#x27;s decision" in html or "Someone else's decision" in html
    assert "it is up to someone else: find out who" in html


@pytest.mark.django_db
def test_a_backup_made_before_refusals_kept_their_kind_still_restores():
    from playbook.exports.backup import schema_read_as_now, schema_version

    now = schema_version()
    assert now["refusals"] == "0003_dates_in_reach"
    for refusals in ("0001_initial", "0002_refusal_kind"):
        assert schema_read_as_now({**now, "refusals": refusals}) == now
    assert schema_read_as_now({**now, "refusals": "0000_unknown"}) != now


def test_the_sentences_heard_are_kept_and_the_api_does_not_read_them_again(
    alice_client, child, case_manager, monkeypatch
):
    words = "Thanks for coming in. We don't have the staff for a one-to-one aide this year."
    refusal = log_refusal(child, said_by=case_manager, said_on=date(2026, 3, 5), words=words)
    refusal.refresh_from_db()
    assert refusal.matched == ["We don't have the staff for a one-to-one aide this year."]

    def no_reading(*args, **kwargs):
        raise AssertionError("a refusal's words were read again to list it")

    monkeypatch.setattr("playbook.api.refusals.detect", no_reading)
    listed = alice_client.get(f"{API}/children/{child.pk}/refusals").json()
    assert listed[0]["matched"] == refusal.matched
