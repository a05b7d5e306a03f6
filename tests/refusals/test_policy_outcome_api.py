"""Issue 15, API parity: a refusal's policy outcome is recorded through the API with the
page's write (record_policy_outcome), and the renewal can then be drafted through the API."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from playbook.advocacy.models import Ask
from playbook.children.models import TeamMember
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import log_refusal

API = "/api/v1"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.fixture
def refusal(child, case_manager):
    teacher = TeamMember.objects.create(
        child=child, name="Lee Park", role="special_ed_teacher", email="lee@school.example"
    )
    ask = Ask.objects.create(
        child=child,
        subject="An OT evaluation for handwriting",
        asked_of=teacher,
        asked_on=date(2026, 10, 5),
        channel="email",
    )
    return log_refusal(
        child,
        said_by=teacher,
        said_on=date(2026, 10, 20),
        words="We don't do OT evaluations for handwriting.",
        ask=ask,
    )


def test_no_policy_recorded_through_the_api_lets_the_renewal_be_drafted(
    alice_client, child, refusal
):
    before = post(
        alice_client,
        f"{API}/children/{child.pk}/letters",
        {"kind": "policy_renewal", "refusal": str(refusal.pk)},
    )
    assert before.status_code == 422
    answer = post(
        alice_client,
        f"{API}/refusals/{refusal.pk}/policy-outcome",
        {"outcome": "none_exists", "on": "2026-11-02", "notes": "Said on the phone."},
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["policy_outcome"] == "none_exists"
    assert answer.json()["policy_outcome_on"] == "2026-11-02"
    refusal.refresh_from_db()
    assert (refusal.policy_outcome, refusal.policy_notes) == ("none_exists", "Said on the phone.")
    assert alice_client.get(f"{API}/refusals/{refusal.pk}").json()["policy_outcome"] == (
        "none_exists"
    )

    letter = post(
        alice_client,
        f"{API}/children/{child.pk}/letters",
        {"kind": "policy_renewal", "refusal": str(refusal.pk)},
    )
    assert letter.status_code == 201, letter.content
    body = letter.json()["body"]
    assert "no such written policy" in body
    assert "OT evaluation for handwriting" in body


def test_a_produced_policy_needs_its_citation_and_no_reply_defaults_to_the_familys_today(
    alice_client, child, refusal
):
    url = f"{API}/refusals/{refusal.pk}/policy-outcome"
    missing = post(alice_client, url, {"outcome": "produced"})
    assert missing.status_code == 422
    assert "citation" in missing.json()["detail"]
    future = post(alice_client, url, {"outcome": "no_reply", "on": "2099-01-01"})
    assert future.status_code == 422 and "on:" in future.json()["detail"]
    wrong = post(alice_client, url, {"outcome": "maybe"})
    assert wrong.status_code == 422 and "outcome" in wrong.json()["detail"]
    refusal.refresh_from_db()
    assert refusal.policy_outcome == Refusal.PolicyOutcome.NOT_ASKED

    produced = post(alice_client, url, {"outcome": "produced", "citation": "BP 6164.4"})
    assert produced.status_code == 200
    assert produced.json()["policy_citation"] == "BP 6164.4"
    assert produced.json()["policy_outcome_on"] == child.today().isoformat()


def test_another_household_and_a_read_only_advocate_cannot_record_it(charlie, bob, refusal):
    outsider, advocate = Client(), Client()
    outsider.force_login(charlie)
    advocate.force_login(bob)
    url = f"{API}/refusals/{refusal.pk}/policy-outcome"
    assert post(outsider, url, {"outcome": "no_reply"}).status_code == 404
    assert outsider.get(f"{API}/refusals/{refusal.pk}").status_code == 404
    assert post(advocate, url, {"outcome": "no_reply"}).status_code == 403
    refusal.refresh_from_db()
    assert refusal.policy_outcome == Refusal.PolicyOutcome.NOT_ASKED
