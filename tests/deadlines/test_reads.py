"""What the deadlines engine reads of the asks when it reads them alone (the deadlines page,
its API, the calendar) or is handed them (the meeting prep pack, ``Given``): only the asks
and columns its rules read, and the same deadlines as from every ask (``ask_rows``, which
the coach and the child home share)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db.models import F

from playbook.advocacy.models import Ask, AskStatus
from playbook.children.models import IEP
from playbook.deadlines.engine import (
    RULE_ASK_STATUSES,
    Given,
    _deadlines_for,
    asks_read,
    meetings_read,
    refusals_read,
)
from playbook.meetings.models import Meeting
from playbook.refusals.models import Refusal

TODAY = date(2026, 11, 28)
KINDS = ("records_request", "meeting_request", "evaluation", "other")


@pytest.fixture
def record(child, case_manager):
    """Asks of every status and kind, with and without a reply date, some refused by a
    refusal of their own (an answered or granted one among them: the school may say no to
    part of a request it granted) and some refused with none."""
    child.state = "CA"  # a clock for a meeting asked for in writing, too
    child.save()
    IEP.objects.create(child=child, start_date=date(2026, 3, 3), end_date=date(2027, 3, 2))
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=date(2027, 1, 12))
    Meeting.objects.create(child=child, kind="iep", status="cancelled", date=date(2026, 12, 12))
    Meeting.objects.create(child=child, kind="iep", status="requested")
    asks = []
    for i, status in enumerate(AskStatus.values * 3):
        asked_on = TODAY - timedelta(days=5 + 9 * i)
        asks.append(
            Ask.objects.create(
                child=child,
                subject=f"Ask {i} “{status}”",
                kind=KINDS[i % len(KINDS)],
                status=status,
                asked_on=asked_on,
                reply_due=asked_on + timedelta(days=10) if i % 3 != 2 else None,
                reply_date=asked_on + timedelta(days=3) if status != AskStatus.OPEN else None,
                asked_of=case_manager if i % 3 else None,
            )
        )
    for ask in asks[::4]:
        Refusal.objects.create(child=child, ask=ask, said_on=ask.asked_on, words="No.")
    Refusal.objects.create(child=child, said_on=date(2026, 10, 1), words="Not here.")
    return child


def test_the_engine_alone_finds_what_it_finds_from_every_ask(record):
    every = _deadlines_for(record, TODAY)
    alone = _deadlines_for(record, TODAY, alone=True)
    assert alone == every
    rules = {d.rule for d in every}
    assert {"records_request", "iep_meeting_on_request", "reply_due", "state_complaint"} <= rules


def test_alone_it_reads_the_waiting_refused_and_named_asks(record):
    refusals = refusals_read(record)
    read = {row.pk for row in asks_read(record, refusals)}
    named = {r.ask_id for r in refusals if r.ask_id}
    wanted = set(
        Ask.objects.filter(child=record, status__in=RULE_ASK_STATUSES).values_list("pk", flat=True)
    )
    assert read == wanted | named
    assert named - wanted, "a refusal names an answered or granted ask"
    assert len(read) < Ask.objects.filter(child=record).count()


def test_the_rows_a_page_hands_over_give_the_same_deadlines(record):
    refusals = refusals_read(record, "words", said_by_name=F("said_by__name"))
    asks = asks_read(record, refusals, asked_of_name=F("asked_of__name"))
    meetings = meetings_read(record, "time", "place")
    given = _deadlines_for(record, TODAY, Given(asks=asks, refusals=refusals, meetings=meetings))
    assert given == _deadlines_for(record, TODAY)
    assert {a.asked_of_name for a in asks} >= {None}
