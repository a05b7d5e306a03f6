"""Asks: what the parent requested of the school, how long they have waited, and the
school's reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from playbook.children.models import Child
from playbook.children.school_calendar import SchoolCalendar
from playbook.trail import chain
from playbook.trail.models import Entry

from . import refusal_language
from .models import Ask, AskStatus, Channel

# Not a legal deadline: a reasonable default the parent can change. Where the law sets a
# deadline (records, evaluations), the deadlines engine says so with its citation.
DEFAULT_REPLY_SCHOOL_DAYS = 10

REPLY_OUTCOMES = [
    AskStatus.GRANTED,
    AskStatus.PARTLY_GRANTED,
    AskStatus.REFUSED,
    AskStatus.ANSWERED,
]

_ENTRY_KIND_FOR_CHANNEL = {
    Channel.EMAIL: "email",
    Channel.LETTER: "letter",
    Channel.PHONE: "call",
    Channel.IN_PERSON: "note",
    Channel.MEETING: "meeting",
}


def family_today(child: Child) -> date:
    """Today where the family lives (the household's time zone)."""
    return timezone.now().astimezone(family_zone(child)).date()


def family_zone(child: Child) -> ZoneInfo:
    # get_for_user brings the zone along; otherwise it is the household's.
    zone = getattr(child, "household_time_zone", None) or child.household.time_zone
    return ZoneInfo(zone)


def family_moment(child: Child, day: date) -> datetime:
    """A timestamp for something that happened on ``day``: now if it is today, else noon
    there. In UTC, because the trail hashes the timestamp as written and the database
    gives it back in UTC."""
    zone = family_zone(child)
    now = timezone.now().astimezone(zone)
    moment = now if day == now.date() else datetime.combine(day, time(12, 0), tzinfo=zone)
    return moment.astimezone(UTC)


def default_reply_due(child: Child, asked_on: date) -> date:
    return SchoolCalendar.for_child(child).add_school_days(asked_on, DEFAULT_REPLY_SCHOOL_DAYS)


@dataclass(frozen=True)
class OpenAsk:
    ask: Ask
    days_waited: int
    overdue: bool
    days_overdue: int


def waiting(ask: Ask, today: date) -> OpenAsk:
    days_waited = max((today - ask.asked_on).days, 0)
    overdue = ask.reply_due is not None and today > ask.reply_due
    days_overdue = (today - ask.reply_due).days if overdue else 0
    return OpenAsk(ask, days_waited, overdue, days_overdue)


def open_asks(child: Child, today: date) -> list[OpenAsk]:
    """The child's asks still waiting for a reply: overdue first (longest overdue at the
    top), then the longest waiting. Two queries however many asks there are."""
    asks = child.asks.filter(status=AskStatus.OPEN).select_related("asked_of")
    waits = [waiting(ask, today) for ask in asks]
    return sorted(waits, key=lambda w: (not w.overdue, -w.days_overdue, -w.days_waited))


@dataclass(frozen=True)
class Reply:
    ask: Ask
    entry: Entry
    refusal: refusal_language.Detection


def record_reply(
    ask: Ask,
    *,
    text: str,
    on: date,
    outcome: str,
    channel: str | None = None,
) -> Reply:
    """Store the school's reply on the ask and append it to the trail, linked to the ask.
    The ask's status becomes the outcome."""
    if outcome not in REPLY_OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(REPLY_OUTCOMES)}")
    detection = refusal_language.detect(text)
    flags = {"refusal": detection.matched} if detection.refusal else {}
    if detection.needs_supervisor:
        flags["needs_supervisor"] = detection.supervisor_matched
    kind = _ENTRY_KIND_FOR_CHANNEL.get(channel or ask.channel, "note")
    with transaction.atomic():
        entry = chain.append(
            ask.child,
            occurred_at=family_moment(ask.child, on),
            kind=kind,
            direction="received",
            subject=f"Reply: {ask.subject}"[:500],
            body=text,
            counterpart=ask.asked_of,
            sender=ask.asked_of.name if ask.asked_of else "",
            flags=flags,
        )
        ask.reply_text = text
        ask.reply_date = on
        ask.status = outcome
        ask.save(update_fields=["reply_text", "reply_date", "status"])
        ask.entries.add(entry)
    return Reply(ask, entry, detection)
