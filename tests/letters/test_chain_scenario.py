"""The seed's chain of command (move 5) end to end, through the API and the pages (issue 15,
decision 0036): an ask to a therapist, no reply -> follow-up -> escalation to the case
manager -> courtesy note to the team -> follow-up at that rung -> escalation to the director
-> courtesy note. At each step: the letter's recipients, the history it carries (the original
words and every date), and what the coach suggests, on the child's page and in next-moves.

Every step happens on its own day: the clock is moved to that school day (2026, no holiday
or break between March 2 and April 23), so the family's date (``child.today()``) is the
day of the step, as the pages use it.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse

from playbook.advocacy.models import Ask
from playbook.children.models import TeamMember
from playbook.children.school_calendar import SchoolCalendar, is_federal_holiday
from playbook.letters.models import Letter

API = "/api/v1"
ORIGINAL = "Direct OT services twice a week instead of a monthly consult"
DETAILS = (
    "Sam needs to practise handwriting with the therapist, not only through tips to the teacher."
)


def on(day: date):
    """The clock at 10:00 in California on ``day`` (18:00 UTC)."""
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC), tick=False
    )


def post(client, url, data):
    return client.post(f"{API}/{url}", json.dumps(data), content_type="application/json")


def moves_api(client, child) -> list[dict]:
    response = client.get(f"{API}/children/{child.pk}/next-moves")
    assert response.status_code == 200, response.content
    return response.json()


def moves_page(client, child) -> tuple[list, str]:
    response = client.get(reverse("child_home", args=[child.pk]))
    assert response.status_code == 200
    return list(response.context["suggestions"]), response.content.decode()


def coach(client, child) -> dict[str, list[dict]]:
    """The coach's suggestions by move, from next-moves, checked against the page: the
    same moves, each offered with its letter."""
    api = moves_api(client, child)
    page, html = moves_page(client, child)
    assert sorted(m["move"] for m in api) == sorted(s.move for s in page)
    for s in page:
        if s.letter_kind:
            assert reverse("letter_new", args=[child.pk, s.letter_kind]) in html
    by_move: dict[str, list[dict]] = {}
    for move in api:
        by_move.setdefault(move["move"], []).append(move)
    return by_move


def draft_api(client, child, kind, params) -> dict:
    response = post(client, f"children/{child.pk}/letters", {"kind": kind, **params})
    assert response.status_code == 201, response.content
    return response.json()


def send_api(client, letter_id, day: date) -> dict:
    response = post(client, f"letters/{letter_id}/sent", {"date": day.isoformat()})
    assert response.status_code == 200, response.content
    return response.json()


def draft_and_send_page(client, child, kind, params, day: date) -> Letter:
    """Open the suggested letter's page, save the draft, mark it sent: the pages' way."""
    url = reverse("letter_new", args=[child.pk, kind])
    form = client.get(url, params)
    assert form.status_code == 200
    before = set(Letter.objects.values_list("pk", flat=True))
    saved = client.post(url, params)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    (letter,) = Letter.objects.exclude(pk__in=before)
    sent = client.post(
        reverse("letter_sent", args=[child.pk, letter.pk]),
        {"date": day.isoformat(), "via": "email"},
    )
    assert sent.status_code == 302
    letter.refresh_from_db()
    assert letter.state == Letter.State.SENT and letter.sent_on == day
    return letter


def asks_api(client, child) -> dict[str, dict]:
    return {a["id"]: a for a in client.get(f"{API}/children/{child.pk}/asks").json()}


def no_bookkeeping(text: str) -> None:
    """Internal titles never appear in a letter."""
    assert "Escalation to" not in text
    assert "Reply:" not in text
    assert "my request for Direct" not in text  # sentence case inside a sentence


@pytest.fixture
def team(child, case_manager):
    therapist = TeamMember.objects.create(
        child=child, name="Jordan Lee", role="therapist", email="jordan.lee@school.example"
    )
    director = TeamMember.objects.create(
        child=child,
        name="Maria Ortiz",
        role="director_special_services",
        email="m.ortiz@district.example",
    )
    # On the team, never involved in this request: no letter of the chain goes to them.
    bystander = TeamMember.objects.create(
        child=child, name="Pat Green", role="general_ed_teacher", email="pat.green@school.example"
    )
    return {"therapist": therapist, "manager": case_manager, "director": director, "pat": bystander}


def test_the_seed_chain_of_command_through_the_api_and_the_pages(alice_client, child, team):
    therapist, manager, director = team["therapist"], team["manager"], team["director"]
    child.household.time_zone = "America/Los_Angeles"
    child.household.save()
    calendar = SchoolCalendar.for_child(child)
    days = [
        date(2026, 3, 2),
        date(2026, 3, 17),
        date(2026, 3, 27),
        date(2026, 4, 13),
        date(2026, 4, 23),
    ]
    for day in days:  # the steps fall on school days
        assert day.weekday() < 5 and not is_federal_holiday(day) and calendar.is_school_day(day)
    asked_on, follow_up_on, escalated_on, second_follow_up_on, director_on = days

    # 1. The parent asks the therapist, in writing, with evidence behind the request.
    with on(asked_on):
        concern = post(
            alice_client,
            f"children/{child.pk}/concerns",
            {
                "title": "Handwriting",
                "details": "Sam cannot keep up with written work.",
                "evidence": [
                    {
                        "text": "Writes 4 letters a minute; classmates write 15.",
                        "kind": "data",
                        "date": "2026-02-20",
                    },
                    {"text": "Left half of the science test blank.", "kind": "example"},
                ],
            },
        ).json()
        created = post(
            alice_client,
            f"children/{child.pk}/asks",
            {
                "subject": ORIGINAL,
                "details": DETAILS,
                "asked_of": str(therapist.pk),
                "asked_on": asked_on.isoformat(),
                "concern": concern["id"],
            },
        )
        assert created.status_code == 201, created.content
        original = created.json()
        assert original["about"] is None and original["escalated_on"] is None
        assert "follow_up" not in coach(alice_client, child)  # not due yet

    # 2. No reply by the reply date: the coach offers the follow-up (API), sent by the API.
    with on(follow_up_on):
        suggested = coach(alice_client, child)["follow_up"]
        assert [m["letter_params"] for m in suggested] == [{"ask": original["id"]}]
        assert ORIGINAL in suggested[0]["title"]
        letter = draft_api(alice_client, child, "follow_up", suggested[0]["letter_params"])
        assert letter["to"] == ["Jordan Lee <jordan.lee@school.example>"] and letter["cc"] == []
        body = letter["body"]
        assert "On March 2, 2026 I asked you by email for the following:" in body
        assert ORIGINAL in body and DETAILS in body
        # A timeline and the next step.
        assert "I had asked for one by March 16, 2026" in body
        assert "If I have not heard from anyone by then, I will ask Dana Cole, case manager" in body
        no_bookkeeping(body)
        send_api(alice_client, letter["id"], follow_up_on)

    # 3. Still nothing ten days after the follow-up: the coach offers to go up the chain.
    with on(escalated_on):
        moves = coach(alice_client, child)
        (escalate,) = moves["escalate"]
        assert escalate["letter_params"]["ask"] == original["id"]
        assert escalate["letter_params"]["method"] == "cc"
        assert "courtesy_note" not in moves
        letter = draft_api(alice_client, child, "escalation", escalate["letter_params"])
        # Brought in the usual way: the case manager copied on an email to the therapist.
        assert letter["to"] == ["Jordan Lee <jordan.lee@school.example>"]
        assert letter["cc"] == ["Dana Cole <dana.cole@school.example>"]
        body = letter["body"]
        assert "I have copied Dana Cole, case manager" in body
        assert "my request for direct OT services twice a week" in body
        assert "- March 2, 2026: I asked you for direct OT services twice a week" in body
        assert "- March 17, 2026: I followed up in writing with you." in body
        assert f"in the words of my request of March 2, 2026: {ORIGINAL}." in body
        assert DETAILS in body
        assert "- February 20, 2026: Writes 4 letters a minute; classmates write 15." in body
        assert "- Left half of the science test blank." in body
        assert "No decision has been made, so I have not received prior written notice" in body
        assert "(34 CFR § 300.503)" in body
        assert "Pat Green" not in body
        no_bookkeeping(body)
        first_escalation = send_api(alice_client, letter["id"], escalated_on)

        asks = asks_api(alice_client, child)
        assert asks[original["id"]]["escalated_on"] == escalated_on.isoformat()
        (carried,) = [a for a in asks.values() if a["about"] == original["id"]]
        assert carried["asked_of"] == str(manager.pk)
        assert first_escalation["ask"] == carried["id"]
        # The pages say so: the original request now waits on the case manager.
        page = alice_client.get(reverse("ask_detail", args=[child.pk, original["id"]]))
        html = page.content.decode()
        assert "On March 27, 2026; it now waits on" in html
        assert reverse("ask_detail", args=[child.pk, carried["id"]]) in html
        assert "Write a follow-up" not in html
        carried_page = alice_client.get(reverse("ask_detail", args=[child.pk, carried["id"]]))
        assert "first asked March 2, 2026" in carried_page.content.decode()

        # After the escalation: the courtesy note, and no more follow-ups at the lower rung.
        moves = coach(alice_client, child)
        (courtesy,) = moves["courtesy_note"]
        assert courtesy["letter_params"]["contacted"] == str(manager.pk)
        assert "follow_up" not in moves and "escalate" not in moves

        # 4. The courtesy note, through the pages: to the therapist, not to unrelated staff.
        note = draft_and_send_page(
            alice_client, child, "courtesy_note", courtesy["letter_params"], escalated_on
        )
        assert note.to == ["Jordan Lee <jordan.lee@school.example>"] and note.cc == []
        assert "I contacted Dana Cole, case manager, about my request for direct OT services" in (
            note.body
        )
        assert "which I first made on March 2, 2026" in note.body
        assert "expertise and decision-making authority" in note.body
        assert "I look forward to continuing to work together." in note.body
        no_bookkeeping(note.body)
        assert "courtesy_note" not in coach(alice_client, child)

    # 5. The case manager does not answer: the follow-up is now at her rung, about the
    # original request.
    with on(second_follow_up_on):
        moves = coach(alice_client, child)
        (follow_up,) = moves["follow_up"]
        assert follow_up["letter_params"] == {"ask": carried["id"]}
        assert ORIGINAL in follow_up["title"] and "Escalation" not in follow_up["title"]
        letter = draft_api(alice_client, child, "follow_up", follow_up["letter_params"])
        assert letter["to"] == ["Dana Cole <dana.cole@school.example>"]
        body = letter["body"]
        assert "On March 2, 2026 I asked Jordan Lee by email for the following:" in body
        assert ORIGINAL in body and DETAILS in body
        assert "- March 17, 2026: I followed up in writing with Jordan Lee." in body
        assert "- March 27, 2026: I wrote to Jordan Lee and copied you, to help us decide." in body
        assert "I will ask Maria Ortiz, director of special services" in body
        no_bookkeeping(body)
        send_api(alice_client, letter["id"], second_follow_up_on)

    # 6. Ten days on, still no answer: up to the director, through the pages.
    with on(director_on):
        moves = coach(alice_client, child)
        (escalate,) = moves["escalate"]
        assert escalate["letter_params"]["ask"] == carried["id"]
        assert all(m["letter_params"]["ask"] != original["id"] for m in moves.get("follow_up", []))
        letter = draft_and_send_page(
            alice_client, child, "escalation", escalate["letter_params"], director_on
        )
        # To the case manager, copying the director and everyone already on this request.
        assert letter.to == ["Dana Cole <dana.cole@school.example>"]
        assert letter.cc == [
            "Maria Ortiz <m.ortiz@district.example>",
            "Jordan Lee <jordan.lee@school.example>",
        ]
        assert letter.params["to"] == str(director.pk)
        body = letter.body
        assert "I have copied Maria Ortiz, director of special services" in body
        assert "my request for direct OT services twice a week" in body
        for line in (
            "- March 2, 2026: I asked Jordan Lee for direct OT services twice a week",
            "- March 17, 2026: I followed up in writing with Jordan Lee.",
            "- March 27, 2026: I wrote to Jordan Lee and copied you, to help us decide.",
            "- March 27, 2026: I let the team know whom I had contacted, and why.",
            "- April 13, 2026: I followed up in writing with you.",
        ):
            assert line in body, line
        assert f"in the words of my request of March 2, 2026: {ORIGINAL}." in body
        assert "- February 20, 2026: Writes 4 letters a minute" in body
        assert "prior written notice" in body and "Pat Green" not in body
        no_bookkeeping(body)

        asks = asks_api(alice_client, child)
        assert asks[carried["id"]]["escalated_on"] == director_on.isoformat()
        top = [
            a for a in asks.values() if a["about"] == original["id"] and a["id"] != carried["id"]
        ]
        assert [a["asked_of"] for a in top] == [str(director.pk)]

        moves = coach(alice_client, child)
        (courtesy,) = moves["courtesy_note"]
        assert courtesy["letter_params"]["contacted"] == str(director.pk)
        assert "follow_up" not in moves and "escalate" not in moves

        # 7. The courtesy note for the director's rung, through the API: to the people on
        # this request (the case manager, the therapist), about the original request.
        note = draft_api(alice_client, child, "courtesy_note", courtesy["letter_params"])
        assert note["to"] == ["Dana Cole <dana.cole@school.example>"]
        assert note["cc"] == ["Jordan Lee <jordan.lee@school.example>"]
        assert (
            "I contacted Maria Ortiz, director of special services, about my request for direct OT"
            in (note["body"])
        )
        assert "which I first made on March 2, 2026" in note["body"]
        no_bookkeeping(note["body"])
        send_api(alice_client, note["id"], director_on)
        assert "courtesy_note" not in coach(alice_client, child)
    assert Ask.objects.filter(child=child).count() == 3
