"""Going up the chain of command past its first rung, through the API as a parent would
(decision 0109): a request refused by the case manager, carried to the supervisor, and
refused there too is offered to the next rung, with the topic and the way of bringing
people in that the first escalation chose."""

from __future__ import annotations

import json

from .chain import API
from .chain import member as _member
from .chain import post as _post

TODAY = "2026-12-07"


def _escalations(client, child) -> list[dict]:
    moves = client.get(f"{API}/children/{child.pk}/next-moves?today={TODAY}").json()
    return [m for m in moves if m["move"] == "escalate"]


def _emails(addresses: list[str]) -> list[str]:
    return [address.rsplit("<", 1)[-1].rstrip(">") for address in addresses]


def _asked(client, child, asked_of) -> dict:
    """The parent's request for an evaluation, made by email on November 10."""
    return _post(
        client,
        f"children/{child.pk}/asks",
        {"subject": "A full evaluation", "asked_of": str(asked_of.pk),
         "asked_on": "2026-11-10", "channel": "email"},
    )  # fmt: skip


def _refused(client, ask: dict, text: str, on: str) -> dict:
    """The school's reply to ``ask``, recorded by the parent as refused."""
    return _post(
        client, f"asks/{ask['id']}/reply", {"text": text, "date": on, "outcome": "refused"}
    )


def _carried_up(client, child, ask: dict, method: str) -> dict:
    """Send the escalation of ``ask`` on the evaluation topic; the ask it opened."""
    escalation = _post(
        client,
        f"children/{child.pk}/letters",
        {"kind": "escalation", "topic": "evaluation", "method": method, "ask": ask["id"]},
    )
    _post(client, f"letters/{escalation['id']}/sent", {"date": "2026-11-20"})
    asks = client.get(f"{API}/children/{child.pk}/asks").json()
    [carried] = [a for a in asks if a["about"] == ask["id"]]
    return carried


def test_a_no_at_the_second_rung_is_offered_the_third(alice_client, child, case_manager):
    supervisor = _member(child, "Dr. Park", "special_ed_supervisor")
    director = _member(child, "Ms. Ito", "director_special_services")
    ask = _asked(alice_client, child, case_manager)
    no = "He is passing his classes, so we don't believe an evaluation is warranted."
    _refused(alice_client, ask, no, "2026-11-18")
    carried = _carried_up(alice_client, child, ask, "cc")
    # Waiting on the supervisor: one refusal so far, and none at this rung.
    assert _escalations(alice_client, child) == []

    # The supervisor says no in words the recogniser does not hear; the parent records it.
    unheard = (
        "At this time, the team feels his needs can be met through Tier 2 interventions in "
        "general education."
    )
    _refused(alice_client, carried, unheard, "2026-12-01")
    [move] = _escalations(alice_client, child)
    assert move["refs"] == {"ask": carried["id"]}
    assert "has been refused 2 times" in move["why"]
    # The letter the move drafts keeps the first rung's topic and way of bringing people in.
    assert move["letter_params"] == {"ask": carried["id"], "topic": "evaluation", "method": "cc"}
    drafted = _post(
        alice_client,
        f"children/{child.pk}/letters",
        {"kind": move["letter_kind"], **move["letter_params"]},
    )
    assert "Dr. Park wrote" in drafted["body"] and "Ms. Ito" in drafted["body"]
    # By cc, as the first rung chose: to the case manager, the director and the supervisor copied.
    assert _emails(drafted["to"]) == [case_manager.email]
    assert sorted(_emails(drafted["cc"])) == sorted([supervisor.email, director.email])

    # Carried up again: the move is gone until the director answers.
    _post(alice_client, f"letters/{drafted['id']}/sent", {"date": "2026-12-02"})
    assert _escalations(alice_client, child) == []


def test_one_refusal_of_an_ask_made_once_is_not_yet_going_up(alice_client, child, case_manager):
    ask = _asked(alice_client, child, case_manager)
    _refused(alice_client, ask, "We feel the interventions are working.", "2026-11-18")
    assert _escalations(alice_client, child) == []


def test_a_no_at_the_top_of_the_team_list_leads_to_the_team_page_not_a_dead_end(
    alice_client, child, case_manager
):
    # Decision 0112: the director, the highest on the team list, says no too. An escalation
    # letter would have nobody to go to (422); the move says whom to add, and where.
    _member(child, "Ms. Ito", "director_special_services")
    ask = _asked(alice_client, child, case_manager)
    _refused(alice_client, ask, "No.", "2026-11-18")
    carried = _carried_up(alice_client, child, ask, "write")
    _refused(alice_client, carried, "I agree with the team.", "2026-12-01")
    [move] = _escalations(alice_client, child)
    assert move["letter_kind"] is None and move["letter_params"] == {}
    assert move["title"] == "Add the next person up for A full evaluation"
    assert "(Assistant superintendent)" in move["why"]
    assert move["link"] == f"/children/{child.pk}/team/"
    assert alice_client.get(move["link"]).status_code == 200
    # The letter it used to offer: nobody to write to.
    refused = alice_client.post(
        f"{API}/children/{child.pk}/letters",
        json.dumps({"kind": "escalation", "topic": "evaluation", "ask": carried["id"]}),
        content_type="application/json",
    )
    assert refused.status_code == 422
    # With the superintendent added, the letter goes to them.
    superintendent = _member(child, "Dr. Cho", "superintendent")
    [move] = _escalations(alice_client, child)
    assert move["letter_kind"] == "escalation" and move["link"] == ""
    drafted = _post(
        alice_client,
        f"children/{child.pk}/letters",
        {"kind": move["letter_kind"], **move["letter_params"]},
    )
    assert _emails(drafted["to"]) == [superintendent.email]
