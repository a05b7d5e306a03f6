"""The coach answers a request's latest "no", and tells the team once per request
(decision 0123). Found on a walk through the API: a request refused by the teacher, the
case manager, the supervisor and the director left the parent nine moves, among them a
prior written notice request for the teacher's no, a written-policy letter to each person
who had since been overruled from above, and a courtesy note for every rung."""

from __future__ import annotations

from .chain import API
from .chain import member as _member
from .chain import post as _post

TODAY = "2026-12-07"


def _moves(client, child) -> list[dict]:
    return client.get(f"{API}/children/{child.pk}/next-moves?today={TODAY}").json()


def _asked(client, child, asked_of, on: str) -> dict:
    """The parent's request for a reading intervention, made by email."""
    return _post(
        client,
        f"children/{child.pk}/asks",
        {"subject": "A reading intervention", "asked_of": str(asked_of.pk),
         "asked_on": on, "channel": "email"},
    )  # fmt: skip


def _refused(client, ask: dict, text: str, on: str) -> str:
    """The reply recorded as refused; the refusal it became."""
    reply = _post(
        client, f"asks/{ask['id']}/reply", {"text": text, "date": on, "outcome": "refused"}
    )
    return reply["refusal"]


def _carried_up(client, child, ask: dict, on: str) -> dict:
    """Send the escalation of ``ask``; the ask it opened (the one new ask, whatever its day)."""
    known = {a["id"] for a in client.get(f"{API}/children/{child.pk}/asks").json()}
    letter = _post(
        client,
        f"children/{child.pk}/letters",
        {"kind": "escalation", "topic": "services", "method": "cc", "ask": ask["id"]},
    )
    _post(client, f"letters/{letter['id']}/sent", {"date": on})
    [opened] = [
        a for a in client.get(f"{API}/children/{child.pk}/asks").json() if a["id"] not in known
    ]
    return opened


def _about_refusal(moves: list[dict], refusal: str) -> list[str]:
    return [m["move"] for m in moves if m["refs"].get("refusal") == refusal]


def test_a_no_overruled_from_above_has_no_move_of_its_own(alice_client, child, case_manager):
    teacher = _member(child, "Ms. Lee", "special_ed_teacher")
    _member(child, "Dr. Park", "special_ed_supervisor")
    ask = _asked(alice_client, child, teacher, "2026-11-10")
    teachers_no = _refused(
        alice_client, ask, "We don't have the staff for that this year.", "2026-11-16"
    )
    # The teacher's no about staff calls for prior written notice while it stands.
    assert _about_refusal(_moves(alice_client, child), teachers_no) == [
        "request_prior_written_notice"
    ]

    carried = _carried_up(alice_client, child, ask, "2026-11-18")
    # Carried up and waiting: the teacher's no still stands, and keeps its move.
    assert _about_refusal(_moves(alice_client, child), teachers_no) == [
        "request_prior_written_notice"
    ]
    managers_no = _refused(
        alice_client, carried, "The school does not offer that program.", "2026-12-01"
    )
    moves = _moves(alice_client, child)
    assert _about_refusal(moves, teachers_no) == []
    assert _about_refusal(moves, managers_no) == ["ask_for_policy"]
    assert "Ask Dana Cole which written policy says no" in [m["title"] for m in moves]


def test_one_courtesy_note_per_request_after_its_newest_escalation(
    alice_client, child, case_manager
):
    _member(child, "Dr. Park", "special_ed_supervisor")
    director = _member(child, "Ms. Ito", "director_special_services")
    ask = _asked(alice_client, child, case_manager, "2026-11-10")
    _refused(alice_client, ask, "No.", "2026-11-16")
    carried = _carried_up(alice_client, child, ask, "2026-11-30")
    _refused(alice_client, carried, "I agree with the team.", "2026-12-01")
    _carried_up(alice_client, child, carried, "2026-12-02")
    notes = [m for m in _moves(alice_client, child) if m["move"] == "courtesy_note"]
    assert [n["letter_params"]["contacted"] for n in notes] == [str(director.pk)]


def test_rungs_that_all_said_no_on_one_day_are_told_apart(alice_client, child, case_manager):
    # Escalations carried up the same day all open asks of that day: the rung is read from
    # the chain of escalation letters, not from the dates.
    teacher = _member(child, "Ms. Lee", "special_ed_teacher")
    _member(child, "Dr. Park", "special_ed_supervisor")
    day = "2026-12-01"
    ask = _asked(alice_client, child, teacher, day)
    nos = [_refused(alice_client, ask, "That is not something our school offers.", day)]
    carried = _carried_up(alice_client, child, ask, day)
    nos.append(_refused(alice_client, carried, "The school does not offer that program.", day))
    top = _carried_up(alice_client, child, carried, day)
    nos.append(_refused(alice_client, top, "We will not be adding this service.", day))
    moves = _moves(alice_client, child)
    assert [_about_refusal(moves, no) for no in nos] == [[], [], ["ask_for_policy"]]
    assert "Ask Dr. Park which written policy says no" in [m["title"] for m in moves]


def test_no_courtesy_note_once_the_person_brought_in_has_answered(
    alice_client, child, case_manager
):
    _member(child, "Dr. Park", "special_ed_supervisor")
    ask = _asked(alice_client, child, case_manager, "2026-11-10")
    _refused(alice_client, ask, "No.", "2026-11-16")
    carried = _carried_up(alice_client, child, ask, "2026-11-30")
    assert [m["move"] for m in _moves(alice_client, child)].count("courtesy_note") == 1
    no = _refused(alice_client, carried, "We will not be adding this service.", "2026-12-01")
    moves = _moves(alice_client, child)
    assert "courtesy_note" not in [m["move"] for m in moves]
    # What comes first is the answer to the supervisor's no.
    assert moves[0]["refs"] == {"refusal": no}
