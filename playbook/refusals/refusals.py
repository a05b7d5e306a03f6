"""Logging a refusal and recording what came of asking for the written policy (move 4).

Both write the paper trail: the refusal as a note of what was said, the policy (when the
school produced one) as a received document with the file attached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.db import transaction
from django.utils.translation import gettext_noop

from playbook.advocacy.models import Ask, AskStatus
from playbook.children.models import Child, TeamMember
from playbook.refusals.models import Refusal
from playbook.trail.chain import NewAttachment, append
from playbook.trail.models import Direction, Entry
from playbook.trail.refusal_language import Detection, detect

PolicyOutcome = Refusal.PolicyOutcome
# A no is logged on a day that has come: the page's form and the API say it alike.
SAID_LATER = gettext_noop("That date is in the future. Use the day they said no.")


def _noon(child: Child, day: date) -> datetime:
    # A refusal is logged by date; noon where the family lives keeps it on that day there.
    # Stored in UTC: the trail hashes occurred_at as text, and reads it back in UTC.
    return datetime.combine(day, time(12, 0), tzinfo=child.zone()).astimezone(UTC)


def heard(words: str, detection: Detection | None = None) -> dict:
    """What the recogniser hears in the school's words, as a refusal keeps it: the kind of
    its surest "no" ("" when it hears none) and the sentences heard as a "no"."""
    detection = detection or detect(words)
    kind = detection.kind
    return {"kind": kind.id if kind else "", "matched": detection.matched}


def log_refusal(
    child: Child,
    *,
    said_by: TeamMember | None,
    said_on: date,
    words: str,
    ask: Ask | None = None,
) -> Refusal:
    """Save the refusal and add what was said to the paper trail."""
    detection = detect(words)
    flags = {"refusal": detection.matched} if detection.matched else {}
    if detection.needs_supervisor:
        flags["needs_supervisor"] = detection.supervisor_matched
    who = said_by.name if said_by else "The school"
    with transaction.atomic():
        entry = append(
            child,
            occurred_at=_noon(child, said_on),
            kind="note",
            direction="received",
            counterpart=said_by,
            subject=f"{who} said no" + (f": {ask.subject}" if ask else ""),
            body=words,
            flags=flags,
        )
        refusal = Refusal.objects.create(
            child=child,
            said_by=said_by,
            said_on=said_on,
            words=words,
            ask=ask,
            entry=entry,
            **heard(words, detection),
        )
        if ask is not None:
            ask.entries.add(entry)
            _mark_refused(ask, said_on, words)
    return refusal


def record_heard(entry: Entry, *, ask: Ask | None = None, declared: bool = False) -> Refusal | None:
    """The one door for a "no" heard in what the school said (a reply recorded on a page or
    through the API, an imported email, a logged call or meeting): the sentences the
    recogniser flagged on the entry become a refusal the coach follows up. At most one per
    entry; an entry with no "no", or one the family sent, gives none. ``declared``: the
    parent recorded this reply to ``ask`` as refused, so it is a refusal even where the
    recogniser heard no "no"; its words are then the whole reply."""
    said = (entry.flags or {}).get("refusal")
    if entry.direction == Direction.SENT or not (said or (declared and entry.body.strip())):
        return None
    existing = Refusal.objects.filter(child=entry.child, entry=entry).first()
    if existing is not None:
        return existing
    child = entry.child
    words = " ".join(said) if said else entry.body.strip()
    return Refusal.objects.create(
        child=child,
        said_by=entry.counterpart,
        said_on=entry.occurred_at.astimezone(child.zone()).date(),
        words=words,
        ask=ask,
        entry=entry,
        **heard(words),
    )


def _mark_refused(ask: Ask, said_on: date, words: str) -> None:
    """An ask still waiting for its answer has now had one: no. An ask already answered
    keeps the status and reply it has."""
    if ask.status not in (AskStatus.OPEN, AskStatus.NO_REPLY):
        return
    ask.status = AskStatus.REFUSED
    ask.reply_date = ask.reply_date or said_on
    ask.reply_text = ask.reply_text or words
    ask.save(update_fields=["status", "reply_date", "reply_text"])


@dataclass(frozen=True)
class PolicyDocument:
    filename: str
    content: bytes
    content_type: str


def policy_outcome_problems(
    *, outcome: str, on: date, citation: str, has_document: bool, today: date
) -> dict[str, str]:
    """What is wrong with a policy outcome before it is recorded, by field (the API's
    422; the refusal's page checks the same in its form)."""
    problems: dict[str, str] = {}
    recordable = [value for value in PolicyOutcome.values if value]
    if outcome not in recordable:
        problems["outcome"] = f"{outcome!r} is not one of: {', '.join(recordable)}."
    if on > today:
        problems["on"] = "that date is in the future."
    if outcome == PolicyOutcome.PRODUCED and not citation.strip() and not has_document:
        problems["citation"] = (
            "note the policy's name or number, or attach the document, so you can quote it."
        )
    return problems


def record_policy_outcome(
    refusal: Refusal,
    *,
    outcome: str,
    on: date,
    citation: str = "",
    notes: str = "",
    document: PolicyDocument | None = None,
) -> Refusal:
    """Record the school's answer to "which rule says so?". A produced policy document goes
    into the trail as a received document, so it is hashed and kept with the rest."""
    with transaction.atomic():
        if outcome == PolicyOutcome.PRODUCED and document is not None:
            subject = "Written policy" + (f": {citation}" if citation else "")
            refusal.policy_entry = append(
                refusal.child,
                occurred_at=_noon(refusal.child, on),
                kind="document",
                direction="received",
                counterpart=refusal.said_by,
                subject=subject[:500],
                body=notes,
                attachments=[
                    NewAttachment(document.filename, document.content, document.content_type)
                ],
            )
        refusal.policy_outcome = outcome
        refusal.policy_outcome_on = on
        refusal.policy_citation = citation if outcome == PolicyOutcome.PRODUCED else ""
        refusal.policy_notes = notes
        refusal.save(
            update_fields=[
                "policy_outcome",
                "policy_outcome_on",
                "policy_citation",
                "policy_notes",
                "policy_entry",
            ]
        )
    return refusal
