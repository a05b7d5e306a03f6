"""Asks read as rows (playbook.advocacy.rows): what the coach, the deadlines and the child
home read of an ask is the model's answer, and rows kept for a request never go stale."""

from __future__ import annotations

from datetime import date

from playbook.advocacy.asks import open_ask, open_asks
from playbook.advocacy.models import Ask, AskStatus, Channel
from playbook.advocacy.rows import FIELDS, ask_rows
from playbook.children.models import Child


def _asks(child, case_manager) -> list[Ask]:
    first = open_ask(
        child, subject="Reading evaluation", asked_on=date(2026, 9, 1), asked_of=case_manager
    )
    first.status = AskStatus.REFUSED
    first.escalated_on = date(2026, 9, 20)
    first.save()
    up = open_ask(
        child,
        subject="Reading evaluation (to the director)",
        asked_on=date(2026, 9, 20),
        about=first,
        channel=Channel.PHONE,
        kind="escalation",
    )
    plain = open_ask(child, subject="Homework log", asked_on=date(2026, 9, 5), kind="")
    return [first, up, plain]


def test_a_row_answers_what_the_model_answers(child, case_manager):
    _asks(child, case_manager)
    models = list(Ask.objects.filter(child=child))
    rows = ask_rows(child)
    assert [row.pk for row in rows] == [ask.pk for ask in models]  # the model's order
    for ask, row in zip(models, rows, strict=True):
        for name in FIELDS:
            assert getattr(row, name) == getattr(ask, name), name
        assert row.asked_of == ask.asked_of
        assert row.original.pk == ask.original.pk
        assert row.original.subject == ask.original.subject
        assert row.get_channel_display() == ask.get_channel_display()
        assert row.get_status_display() == ask.get_status_display()
        assert (row.is_open, str(row)) == (ask.is_open, str(ask))
    escalation = next(row for row in rows if row.about_id)
    assert escalation.original.subject == "Reading evaluation"


def test_the_waiting_asks_are_the_same_from_rows(child, case_manager):
    _asks(child, case_manager)
    today = date(2026, 10, 1)
    from_rows = open_asks(child, today, ask_rows(child))
    from_models = open_asks(child, today)
    assert [(w.ask.pk, w.days_waited, w.days_overdue) for w in from_rows] == [
        (w.ask.pk, w.days_waited, w.days_overdue) for w in from_models
    ]
    assert len(from_rows) == 2


def test_rows_are_kept_only_for_a_read(child, case_manager):
    """Kept on the child for a read-only request (the access helpers' mark); a copy of the
    child that may see a write reads again, so a new ask is never missed."""
    _asks(child, case_manager)
    assert len(ask_rows(child)) == 3
    open_ask(child, subject="Speech minutes", asked_on=date(2026, 9, 8))
    assert len(ask_rows(child)) == 4

    read = Child.objects.get(pk=child.pk)
    read.version_is_current = True
    with_rows = ask_rows(read)
    assert ask_rows(read) is with_rows
