"""Asks: what the parent requested of the school, how long they have waited, and the
school's reply."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from playbook.children.counting import due_after
from playbook.children.deadline_rules import resolve
from playbook.children.models import Child, TeamMember
from playbook.children.school_calendar import SchoolCalendar
from playbook.trail import chain, refusal_language
from playbook.trail.models import Entry
from playbook.trail.signals import school_said_no

from .models import Ask, AskStatus, Channel

# Not legal deadlines: reasonable defaults the parent can change. Where the law sets a
# deadline (records: 34 CFR § 300.613, or the state's shorter limit), reply_due uses the
# deadlines rule table and its citation.
DEFAULT_REPLY_SCHOOL_DAYS = 10
FOLLOW_UP_REPLY_SCHOOL_DAYS = 5
RECORDS_KIND = "records_request"  # the ask kind and the deadlines rule share this id
FOLLOW_UP_KIND = "follow_up"

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


def reply_due(
    kind: str,
    asked_on: date,
    child: Child,
    *,
    stated: date | None = None,
    meeting_on: date | None = None,
    calendar: SchoolCalendar | None = None,
) -> date:
    """When a reply to an ask is due: the one definition every door uses.

    ``stated`` is a date the parent (or the letter) gave; it wins when it is after the day
    of asking. Otherwise, by the kind of ask: records within the legal limit of the child's
    state (and before the meeting they are for, ``meeting_on``); a follow-up within
    FOLLOW_UP_REPLY_SCHOOL_DAYS; anything else within DEFAULT_REPLY_SCHOOL_DAYS school days.
    """
    if stated is not None and stated > asked_on:
        return stated
    calendar = calendar or SchoolCalendar.for_child(child)
    if kind == RECORDS_KIND:
        due = due_after(asked_on, resolve(RECORDS_KIND, child.state).rule, calendar)
        if meeting_on is not None and asked_on < meeting_on:
            due = min(due, meeting_on - timedelta(days=1))
        return due
    days = FOLLOW_UP_REPLY_SCHOOL_DAYS if kind == FOLLOW_UP_KIND else DEFAULT_REPLY_SCHOOL_DAYS
    return calendar.add_school_days(asked_on, days)


def default_reply_due(child: Child, asked_on: date) -> date:
    """The reply date for a plain ask (no kind): what the letters state as "reply by"."""
    return reply_due("", asked_on, child)


REPLY_BEFORE_ASKED = "The reply can't come before the day you asked."
# The trail records what has happened: a reply is dated on or before the
# family's today, by the page and the API alike.
REPLY_LATER = "That date has not come yet. Use the day the reply came."
# An ask records a request already made: asked on or before the family's today, by every door.
ASKED_LATER = gettext_noop("That date has not come yet. Use the day you asked.")


def check_asked_on(child: Child, asked_on: date) -> None:
    if asked_on > child.today():
        raise ValidationError({"asked_on": gettext(ASKED_LATER)})


def open_ask(
    child: Child,
    *,
    subject: str,
    asked_on: date,
    kind: str = "",
    reply_due_on: date | None = None,
    meeting_on: date | None = None,
    asked_of: TeamMember | None = None,
    **fields,
) -> Ask:
    """Open an ask: the one place asks are created, by the pages, the API and the letters
    when sent. Without ``reply_due_on`` the reply is due when reply_due says; one before
    ``asked_on`` breaks the model's constraint and is refused (ValidationError), and so is
    an ``asked_on`` after the family's today (on ``asked_on``)."""
    check_asked_on(child, asked_on)
    if reply_due_on is None:
        reply_due_on = reply_due(kind, asked_on, child, meeting_on=meeting_on)
    ask = Ask(
        child=child,
        subject=subject.strip()[:300],
        asked_on=asked_on,
        kind=kind,
        reply_due=reply_due_on,
        asked_of=asked_of,
        **fields,
    )
    ask.validate_constraints()
    ask.save(force_insert=True)
    return ask


def edit_ask(ask: Ask, **changes) -> Ask:
    """Change an ask's own fields (subject, details, asked_of, asked_on, channel, reply_due,
    concern): the one write of the ask's edit page and the API's PATCH. A ``reply_due`` left
    empty is the default again; one before ``asked_on`` is refused (ValidationError), and
    so is a new ``asked_on`` after the family's today."""
    if "asked_on" in changes and changes["asked_on"] != ask.asked_on:
        check_asked_on(ask.child, changes["asked_on"])
    for field, value in changes.items():
        setattr(ask, field, value)
    if ask.reply_due is None:
        ask.reply_due = reply_due(ask.kind, ask.asked_on, ask.child)
    ask.validate_constraints()
    ask.save()
    return ask


@dataclass(frozen=True)
class OpenAsk:
    ask: Ask  # or its row (rows.AskRow)
    days_waited: int
    overdue: bool
    days_overdue: int


def waiting(ask: Ask, today: date) -> OpenAsk:
    days_waited = max((today - ask.asked_on).days, 0)
    overdue = ask.reply_due is not None and today > ask.reply_due
    days_overdue = (today - ask.reply_due).days if overdue else 0
    return OpenAsk(ask, days_waited, overdue, days_overdue)


def heard_refusal(entry: Entry, ask: Ask, *, declared: bool = False):
    """The refusal the refusals app records for a "no" in this reply, if any; with
    ``declared`` (the parent recorded the reply as refused) there is one even when the
    recogniser heard no "no". Asks sit below refusals, so they tell it through the trail's
    signal instead of importing it."""
    answers = school_said_no.send(sender=Entry, entry=entry, ask=ask, declared=declared)
    return next((refusal for _, refusal in answers if refusal is not None), None)


def open_asks(child: Child, today: date, asks: list | None = None) -> list[OpenAsk]:
    """The child's asks still waiting for a reply: overdue first (longest overdue at the
    top), then the longest waiting. One query however many asks there are; none when the
    caller hands over the child's ``asks`` already read (``rows.ask_rows``)."""
    if asks is None:
        asks = child.asks.filter(status=AskStatus.OPEN).select_related("asked_of")
    waits = [waiting(ask, today) for ask in asks if ask.status == AskStatus.OPEN]
    return sorted(waits, key=lambda w: (not w.overdue, -w.days_overdue, -w.days_waited))


@dataclass(frozen=True)
class Reply:
    ask: Ask
    entry: Entry
    refusal: refusal_language.Detection
    # The refusals app's Refusal, created by its answer to trail.signals.school_said_no.
    refusal_record: object | None = None


def record_reply(
    ask: Ask,
    *,
    text: str,
    on: date,
    outcome: str,
    channel: str | None = None,
) -> Reply:
    """Store the school's reply on the ask and append it to the trail, linked to the ask.
    The ask's status becomes the outcome. A reply dated before the ask, or after the
    family's today, is refused (ValidationError on ``date``)."""
    if outcome not in REPLY_OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(REPLY_OUTCOMES)}")
    if on < ask.asked_on:
        raise ValidationError({"date": REPLY_BEFORE_ASKED})
    if on > ask.child.today():
        raise ValidationError({"date": REPLY_LATER})
    detection = refusal_language.detect(text)
    flags = {"refusal": detection.matched} if detection.refusal else {}
    if detection.needs_supervisor:
        flags["needs_supervisor"] = detection.supervisor_matched
    kind = _ENTRY_KIND_FOR_CHANNEL.get(channel or ask.channel, "note")
    with transaction.atomic():
        entry = chain.append(
            ask.child,
            occurred_at=ask.child.moment(on),
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
        # The parent's "refused" is a no even where the recogniser hears none.
        heard = heard_refusal(entry, ask, declared=outcome == AskStatus.REFUSED)
    return Reply(ask, entry, detection, heard)
