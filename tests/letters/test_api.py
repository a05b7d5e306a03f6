"""The API of docs/api.md for concerns, asks, replies and letters."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser

import pytest

from playbook.advocacy.models import Ask
from playbook.letters.models import Letter
from playbook.trail.models import Entry

API = "/api/v1"


def post(client, url, data):
    return client.post(f"{API}/{url}", json.dumps(data), content_type="application/json")


def patch(client, url, data):
    return client.patch(f"{API}/{url}", json.dumps(data), content_type="application/json")


def test_concerns_create_list_get_patch(alice_client, child):
    response = post(
        alice_client,
        f"children/{child.pk}/concerns",
        {
            "title": "Reading",
            "area": "Reading",
            "details": "Slow",
            "evidence": [
                {"text": "48 wpm", "kind": "data", "date": "2026-02-10"},
                {"text": "Cries at homework"},
            ],
        },
    )
    assert response.status_code == 201, response.content
    concern = response.json()
    assert [e["text"] for e in concern["evidence"]] == ["48 wpm", "Cries at homework"]
    assert concern["evidence"][0]["date"] == "2026-02-10"
    listed = alice_client.get(f"{API}/children/{child.pk}/concerns").json()
    assert [c["id"] for c in listed] == [concern["id"]]
    changed = patch(alice_client, f"concerns/{concern['id']}", {"status": "resolved"}).json()
    assert changed["status"] == "resolved" and changed["title"] == "Reading"
    assert alice_client.get(f"{API}/concerns/{concern['id']}").json()["status"] == "resolved"
    added = post(alice_client, f"concerns/{concern['id']}/evidence", {"text": "Tutor's note"})
    assert added.status_code == 201 and added.json()["kind"] == "example"
    gone = alice_client.delete(f"{API}/evidence/{concern['evidence'][0]['id']}")
    assert gone.status_code == 204
    texts = [
        e["text"] for e in alice_client.get(f"{API}/concerns/{concern['id']}").json()["evidence"]
    ]
    assert texts == ["Cries at homework", "Tutor's note"]


@pytest.mark.parametrize(
    "body",
    [
        {"title": ""},
        {"title": "x", "evidence": [{"text": "a", "kind": "rumour"}]},
        {"title": "x", "evidence": [{"text": "a", "date": "2026-02-30"}]},
    ],
)
def test_bad_concerns_are_422(alice_client, child, body):
    assert post(alice_client, f"children/{child.pk}/concerns", body).status_code == 422


def test_asks_and_reply_with_refusal_detected(alice_client, child, case_manager):
    response = post(
        alice_client,
        f"children/{child.pk}/asks",
        {
            "subject": "OT evaluation",
            "asked_of": str(case_manager.pk),
            "asked_on": "2026-03-02",
            "channel": "email",
        },
    )
    assert response.status_code == 201, response.content
    ask = response.json()
    assert ask["reply_due"] == "2026-03-16" and ask["status"] == "open"
    listed = alice_client.get(f"{API}/children/{child.pk}/asks?today=2026-03-20").json()
    assert (listed[0]["days_waited"], listed[0]["overdue"]) == (18, True)
    reply = post(
        alice_client,
        f"asks/{ask['id']}/reply",
        # Decision 0078: "We cannot do that." fell under the threshold as real data was learned
        # (0.63, 0.58, 0.40 over rounds 0060, 0076, 0078); this test is about the route.
        {"text": "We will not do that.", "date": "2026-03-05", "outcome": "refused"},
    )
    assert reply.status_code == 200, reply.content
    body = reply.json()
    assert body["status"] == "refused"
    assert body["refusal_detected"] is True
    assert body["matched"] == ["We will not do that."]
    assert body["sentences"][0]["refusal"] and body["sentences"][0]["kind"]
    assert body["refusal"]  # the refusal the coach follows up
    assert Entry.objects.get(pk=body["entry"]).direction == "received"


def test_ask_errors_name_the_field(alice_client, child, charlie):
    bad = post(
        alice_client,
        f"children/{child.pk}/asks",
        {
            "subject": "x",
            "asked_on": "2026-03-02",
            "asked_of": "6f1c1c1e-0000-4000-8000-000000000000",
        },
    )
    assert bad.status_code == 422 and bad.json()["detail"].startswith("asked_of")
    assert (
        post(
            alice_client, f"children/{child.pk}/asks", {"subject": "x", "asked_on": "soon"}
        ).status_code
        == 422
    )
    ask = Ask.objects.create(child=child, subject="x", asked_on="2026-03-02")
    early = post(
        alice_client,
        f"asks/{ask.pk}/reply",
        {"text": "ok", "date": "2026-03-01", "outcome": "granted"},
    )
    assert early.status_code == 422
    assert (
        post(
            alice_client,
            f"asks/{ask.pk}/reply",
            {"text": "ok", "date": "2026-03-03", "outcome": "maybe"},
        ).status_code
        == 422
    )


def test_letters_draft_edit_send_once_and_files(alice_client, child, case_manager, concern):
    response = post(
        alice_client,
        f"children/{child.pk}/letters?today=2026-03-02",
        {"kind": "written_concerns", "concern": str(concern.pk)},
    )
    assert response.status_code == 201, response.content
    letter = response.json()
    assert letter["to"] == ["Dana Cole <dana.cole@school.example>"]
    assert "Cries over reading homework most nights." in letter["body"]
    assert set(letter) >= {"id", "kind", "to", "cc", "subject", "body"}
    edited = patch(
        alice_client, f"letters/{letter['id']}", {"body": letter["body"] + "\nP.S. Thank you.\n"}
    ).json()
    assert edited["body"].endswith("P.S. Thank you.\n")
    eml = alice_client.get(f"{API}/letters/{letter['id']}.eml")
    message = BytesParser(policy=policy.default).parsebytes(eml.content)
    assert message["X-Unsent"] == "1" and "P.S. Thank you." in message.get_content()
    assert (
        alice_client.get(f"{API}/letters/{letter['id']}.txt").content.decode() == (edited["body"])
    )
    assert alice_client.get(f"{API}/letters/{letter['id']}.doc").status_code == 404
    sent = post(alice_client, f"letters/{letter['id']}/sent", {"date": "2026-03-03"})
    assert sent.status_code == 200, sent.content
    assert sent.json()["state"] == "sent" and sent.json()["ask"]
    assert Ask.objects.get().reply_due.isoformat() == "2026-03-16"
    again = post(alice_client, f"letters/{letter['id']}/sent", {})
    assert again.status_code == 409 and "already" in again.json()["detail"]
    assert patch(alice_client, f"letters/{letter['id']}", {"body": "x"}).status_code == 409
    assert Entry.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ({"kind": "love_letter"}, "kind"),
        ({}, "kind"),
        ({"kind": "written_concerns"}, "concern"),
        ({"kind": "written_concerns", "concern": "nope"}, "concern"),
        ({"kind": "follow_up", "ask": "6f1c1c1e-0000-4000-8000-000000000000"}, "ask"),
        ({"kind": "meeting_recap", "entry": "6f1c1c1e-0000-4000-8000-000000000000"}, "entry"),
        ({"kind": "written_concerns", "concernn": "x"}, "concernn"),
    ],
)
def test_bad_letter_requests_are_422_naming_the_parameter(alice_client, child, body, names):
    response = post(alice_client, f"children/{child.pk}/letters", body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(names)
    assert not Letter.objects.exists()


def test_letter_sent_with_a_bad_date_is_422(alice_client, child, concern):
    letter = post(
        alice_client,
        f"children/{child.pk}/letters",
        {"kind": "written_concerns", "concern": str(concern.pk)},
    ).json()
    assert (
        post(alice_client, f"letters/{letter['id']}/sent", {"date": "yesterday"}).status_code == 422
    )
    assert not Entry.objects.exists()


def test_api_access_rules(client, alice, bob, charlie, child, concern, case_manager):
    client.force_login(alice)
    letter = post(
        client,
        f"children/{child.pk}/letters",
        {"kind": "written_concerns", "concern": str(concern.pk)},
    ).json()
    ask = Ask.objects.create(child=child, subject="x", asked_on="2026-03-02")
    reads = [
        f"children/{child.pk}/concerns",
        f"concerns/{concern.pk}",
        f"children/{child.pk}/asks",
        f"children/{child.pk}/letters",
        f"letters/{letter['id']}",
        f"letters/{letter['id']}.txt",
    ]
    writes = [
        ("post", f"children/{child.pk}/concerns", {"title": "t"}),
        ("patch", f"concerns/{concern.pk}", {"title": "t"}),
        ("post", f"concerns/{concern.pk}/evidence", {"text": "t"}),
        ("post", f"children/{child.pk}/asks", {"subject": "s", "asked_on": "2026-03-02"}),
        ("post", f"asks/{ask.pk}/reply", {"text": "t", "date": "2026-03-03", "outcome": "granted"}),
        (
            "post",
            f"children/{child.pk}/letters",
            {"kind": "written_concerns", "concern": str(concern.pk)},
        ),
        ("patch", f"letters/{letter['id']}", {"body": "b"}),
        ("post", f"letters/{letter['id']}/sent", {}),
    ]
    for user, read_status, write_status in ((charlie, 404, 404), (bob, 200, 403)):
        client.force_login(user)
        for url in reads:
            assert client.get(f"{API}/{url}").status_code == read_status, (user, url)
        for method, url, data in writes:
            send = post if method == "post" else patch
            assert send(client, url, data).status_code == write_status, (user, url)
    client.logout()
    assert client.get(f"{API}/{reads[0]}").status_code == 401
    assert Letter.objects.count() == 1 and not Entry.objects.exists()
