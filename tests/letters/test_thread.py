"""The history every letter of a chain tells (letters.thread, decision 0036)."""

from __future__ import annotations

from datetime import date

from playbook.advocacy.asks import record_reply
from playbook.advocacy.models import Ask
from playbook.letters import thread


def _ask(child, asked_of, **fields):
    return Ask.objects.create(
        child=child,
        subject="A 1:1 aide for the whole school day",
        asked_of=asked_of,
        asked_on=date(2026, 2, 2),
        channel="email",
        **fields,
    )


def test_words_said_at_a_meeting_are_said_not_written_and_carry_no_reply_label(
    child, case_manager, teacher
):
    ask = _ask(child, teacher)
    record_reply(
        ask,
        text="We will look at the aide question after the spring data.",
        on=date(2026, 2, 24),
        outcome="answered",
        channel="meeting",
    )
    lines = thread.history(ask)
    assert lines[0] == "February 2, 2026: I asked Lee Park for a 1:1 aide for the whole school day."
    assert lines[1] == (
        'February 24, 2026: Lee Park said at the meeting: "We will look at the aide question '
        'after the spring data."'
    )
    assert not any("Reply:" in line or "wrote" in line for line in lines)


def test_the_person_written_to_is_you(child, case_manager, teacher):
    ask = _ask(child, teacher)
    record_reply(ask, text="Not this year.", on=date(2026, 2, 10), outcome="answered")
    lines = thread.history(ask, addressee=teacher)
    assert lines[0].startswith("February 2, 2026: I asked you for a 1:1 aide")
    assert lines[1] == 'February 10, 2026: You wrote: "Not this year."'
    assert "Lee Park" not in " ".join(lines)


def test_an_escalation_carries_the_original_request_whatever_the_rung(child, case_manager, teacher):
    original = _ask(child, teacher)
    first = _ask(child, case_manager, about=original, kind="escalation")
    second = Ask.objects.create(
        child=child, subject="x", asked_on=date(2026, 3, 2), about=original, kind="escalation"
    )
    assert second.original == original and first.original == original
    assert original.original == original
    assert [a.pk for a in thread.asks_of(second)] == [original.pk, first.pk, second.pk]
    assert {m.pk for m in thread.people_in(second)} == {teacher.pk, case_manager.pk}
