"""API: children/{id}/refusals, refusals/detect, children/{id}/ladder."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest

from playbook.accounts.models import ApiToken
from playbook.advocacy.models import Ask
from playbook.children.models import Child, TeamMember
from playbook.refusals.models import Refusal
from playbook.trail.chain import verify
from playbook.trail.models import Entry


def post(client, url, data, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **extra)


@pytest.fixture
def charlie_child(charlie):
    return Child.objects.create(
        household=charlie.memberships.get().household,
        name="Other Kid",
        birth_date=date(2016, 1, 1),
        grade="4",
        state="NY",
    )


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child, subject="A 1:1 aide", asked_of=case_manager, asked_on=date(2025, 2, 20)
    )


def test_log_and_list_a_refusal(alice_client, child, case_manager, ask):
    url = f"/api/v1/children/{child.pk}/refusals"
    response = post(
        alice_client,
        url,
        {
            "said_by": str(case_manager.pk),
            "said_on": "2025-03-03",
            "words": "That’s not an option for Sam.",
            "ask": str(ask.pk),
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["said_by"] == str(case_manager.pk)
    assert body["said_on"] == "2025-03-03"
    assert body["ask"] == str(ask.pk)
    assert body["matched"] == ["That’s not an option for Sam."]
    assert body["policy_outcome"] == ""
    refusal = Refusal.objects.get(pk=body["id"])
    entry = Entry.objects.get(pk=body["entry"])
    assert refusal.entry == entry and entry.body == "That’s not an option for Sam."
    assert entry.flags == {"refusal": ["That’s not an option for Sam."]}
    assert entry.counterpart == case_manager
    assert ask.entries.filter(pk=entry.pk).exists()
    assert verify(child).ok
    ask.refresh_from_db()
    assert ask.status == "refused" and ask.reply_date == date(2025, 3, 3)
    assert ask.reply_text == "That’s not an option for Sam."

    listed = alice_client.get(url)
    assert listed.status_code == 200
    assert [r["id"] for r in listed.json()] == [body["id"]]
    assert listed.json()[0]["said_by_name"] == "Dana Cole"


def test_said_by_and_ask_are_optional(alice_client, child):
    response = post(
        alice_client,
        f"/api/v1/children/{child.pk}/refusals",
        {"said_on": "2025-03-03", "words": "We don't offer that."},
    )
    assert response.status_code == 201
    assert response.json()["said_by"] is None and response.json()["ask"] is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"words": "No."}, "said_on"),
        ({"said_on": "03/03/2025", "words": "No."}, "said_on"),
        ({"said_on": "2025-02-30", "words": "No."}, "said_on"),
        ({"said_on": "2025-03-03", "words": "   "}, "words"),
        ({"said_on": "2025-03-03"}, "words"),
        ({"said_on": "2025-03-03", "words": "No.", "said_by": "nope"}, "said_by"),
        ({"said_on": "2025-03-03", "words": "No.", "said_by": str(uuid.uuid4())}, "said_by"),
        ({"said_on": "2025-03-03", "words": "No.", "ask": str(uuid.uuid4())}, "ask"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(alice_client, child, data, field):
    response = post(alice_client, f"/api/v1/children/{child.pk}/refusals", data)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"{field}:")
    assert Refusal.objects.count() == 0 and Entry.objects.count() == 0


def test_several_errors_are_named_at_once(alice_client, child):
    response = post(alice_client, f"/api/v1/children/{child.pk}/refusals", {})
    detail = response.json()["detail"]
    assert response.status_code == 422 and "said_on:" in detail and "words:" in detail


def test_a_team_member_of_another_child_is_refused(alice_client, child, household):
    sibling = Child.objects.create(
        household=household, name="Kim", birth_date=date(2018, 1, 1), grade="1", state="CA"
    )
    other = TeamMember.objects.create(child=sibling, name="X", role="case_manager")
    response = post(
        alice_client,
        f"/api/v1/children/{child.pk}/refusals",
        {"said_on": "2025-03-03", "words": "No.", "said_by": str(other.pk)},
    )
    assert response.status_code == 422 and "said_by" in response.json()["detail"]


def test_scoping(child, charlie_child, client, alice, bob, charlie):
    url = f"/api/v1/children/{child.pk}/refusals"
    data = {"said_on": "2025-03-03", "words": "No."}
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    assert post(client, url, data).status_code == 404
    assert client.get(f"/api/v1/children/{child.pk}/ladder?topic=services").status_code == 404
    assert client.get(f"/api/v1/children/{uuid.uuid4()}/refusals").status_code == 404
    assert client.get("/api/v1/children/not-a-uuid/refusals").status_code == 404
    client.force_login(bob)
    assert client.get(url).status_code == 200
    response = post(client, url, data)
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert client.get(f"/api/v1/children/{child.pk}/ladder?topic=services").status_code == 200
    client.logout()
    assert client.get(url).status_code == 401


def test_bearer_token(client, alice, child):
    _, raw = ApiToken.issue(alice)
    response = client.get(
        f"/api/v1/children/{child.pk}/refusals", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200 and response.json() == []


def test_detect(alice_client):
    response = post(
        alice_client,
        "/api/v1/refusals/detect",
        {"text": "We don't use that program here.\n\n> That's not an option?"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["refusal"] is True and body["matched"] == ["We don't use that program here."]
    assert body["needs_supervisor"] is False
    negative = post(alice_client, "/api/v1/refusals/detect", {"text": "We can certainly do that."})
    assert negative.json()["refusal"] is False and negative.json()["matched"] == []
    supervisor = post(
        alice_client, "/api/v1/refusals/detect", {"text": "I need to check with my supervisor."}
    )
    assert supervisor.json()["refusal"] is False and supervisor.json()["needs_supervisor"]


def test_detect_rejects_a_missing_text_type(alice_client):
    response = post(alice_client, "/api/v1/refusals/detect", {"text": 5})
    assert response.status_code == 422


def test_detect_rejects_too_long_a_text_and_needs_a_login(client, alice_client):
    response = post(alice_client, "/api/v1/refusals/detect", {"text": "x" * 200_001})
    assert response.status_code == 413 and "200,000" in response.json()["detail"]
    alice_client.logout()
    assert post(alice_client, "/api/v1/refusals/detect", {"text": "No."}).status_code == 401


@pytest.fixture
def roster(child, case_manager):
    teacher = TeamMember.objects.create(child=child, name="Ms. Lee", role="general_ed_teacher")
    principal = TeamMember.objects.create(child=child, name="Dr. Park", role="principal")
    director = TeamMember.objects.create(
        child=child, name="Mr. Diaz", role="director_special_services"
    )
    return {"teacher": teacher, "cm": case_manager, "principal": principal, "director": director}


def test_ladder_shape(alice_client, child, roster):
    response = alice_client.get(f"/api/v1/children/{child.pk}/ladder?topic=discipline")
    assert response.status_code == 200
    body = response.json()
    assert body["topic"] == "discipline"
    assert [r["role"] for r in body["rungs"]] == [
        "teachers_and_therapists",
        "case_manager",
        "principal",
        "special_ed_supervisor",
        "director_special_services",
        "assistant_superintendent",
        "superintendent",
    ]
    for rung in body["rungs"]:
        assert set(rung) >= {"role", "members", "present", "next"}
    assert body["rungs"][0]["members"] == [str(roster["teacher"].pk)]
    assert body["rungs"][0]["next"] is True
    assert body["rungs"][3]["present"] is False


def test_ladder_next_is_above_everyone_in_the_ask(alice_client, child, roster, ask):
    ask.involved.add(roster["teacher"])
    url = f"/api/v1/children/{child.pk}/ladder"
    services = alice_client.get(f"{url}?topic=services&ask={ask.pk}").json()
    assert [r["role"] for r in services["rungs"] if r["next"]] == ["director_special_services"]
    assert all(str(roster["principal"].pk) not in r["members"] for r in services["rungs"])
    safety = alice_client.get(f"{url}?topic=safety&ask={ask.pk}&today=2025-03-03").json()
    assert [r["role"] for r in safety["rungs"] if r["next"]] == ["principal"]


@pytest.mark.parametrize("query", ["topic=lunch", "", "topic=SERVICES"])
def test_ladder_unknown_topic_is_422_listing_topics(alice_client, child, query):
    response = alice_client.get(f"/api/v1/children/{child.pk}/ladder?{query}")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("topic:")
    for topic in ("services", "placement", "evaluation", "discipline", "safety", "other"):
        assert topic in detail


def test_ladder_bad_ask_or_today_is_422(alice_client, child, charlie_child):
    other_ask = Ask.objects.create(child=charlie_child, subject="x", asked_on=date(2025, 1, 1))
    url = f"/api/v1/children/{child.pk}/ladder?topic=services"
    for ask_id in (str(other_ask.pk), "garbage", str(uuid.uuid4())):
        response = alice_client.get(f"{url}&ask={ask_id}")
        assert response.status_code == 422 and response.json()["detail"].startswith("ask:")
    response = alice_client.get(f"{url}&today=tomorrow")
    assert response.status_code == 422 and "today" in response.json()["detail"]


def test_ladder_queries_are_bounded(
    alice_client, child, roster, ask, django_assert_max_num_queries
):
    url = f"/api/v1/children/{child.pk}/ladder?topic=services&ask={ask.pk}"
    with django_assert_max_num_queries(8):
        assert alice_client.get(url).status_code == 200


def test_an_answered_ask_keeps_its_status_and_reply(alice_client, child, ask):
    ask.status = "partly_granted"
    ask.reply_text = "We can offer a shared aide."
    ask.save()
    response = post(
        alice_client,
        f"/api/v1/children/{child.pk}/refusals",
        {"said_on": "2025-03-05", "words": "A 1:1 aide is not an option.", "ask": str(ask.pk)},
    )
    assert response.status_code == 201
    ask.refresh_from_db()
    assert ask.status == "partly_granted" and ask.reply_text == "We can offer a shared aide."
