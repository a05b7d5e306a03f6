"""The history every letter of a chain tells (letters.thread, decision 0036)."""

from __future__ import annotations

from datetime import date

from playbook.advocacy.asks import record_reply
from playbook.advocacy.models import Ask
from playbook.letters import thread


def _ask(child, asked_of, asked_on=date(2026, 2, 2), **fields):
    return Ask.objects.create(
        child=child,
        subject="A 1:1 aide for the whole school day",
        asked_of=asked_of,
        asked_on=asked_on,
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


def test_steps_of_one_day_are_told_in_the_order_they_happened(child, case_manager, teacher):
    """Found on the walk of decision 0123: a request refused, carried up and refused again in
    one day read "I wrote to Lee Park and copied you" before Lee Park's no, and the nos in
    reverse (every no of a day was listed after every letter of it)."""
    from playbook.letters import compose, drafts

    day = date(2026, 12, 1)
    ask = _ask(child, teacher, asked_on=day)
    record_reply(ask, text="We don't offer that here.", on=day, outcome="refused")
    letter = compose.draft(
        child, "escalation", {"ask": str(ask.pk), "topic": "services", "method": "cc",
                              "to": str(case_manager.pk)}, today=day,
    )  # fmt: skip
    drafts.mark_sent(drafts.save_draft(child, letter, author=None), day)
    carried = Ask.objects.get(about=ask)
    record_reply(carried, text="I agree with Lee.", on=day, outcome="refused")
    lines = thread.history(carried, addressee=case_manager)
    told = [line.split(": ", 1)[1] for line in lines]
    assert [text.split(" ")[:3] for text in told] == [
        ["I", "asked", "Lee"],
        ["Lee", "Park", "wrote:"],
        ["I", "wrote", "to"],
        ["You", "wrote:", '"I'],
    ]
    assert "offer that here" in told[1] and "copied you" in told[2]
