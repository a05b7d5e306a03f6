"""Demo data for concerns, asks and letters: a concern put in writing and still waiting,
one ask granted, one refused in words worth challenging, one overdue with a follow-up
drafted."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.advocacy.asks import open_ask, record_reply
from playbook.advocacy.concerns import add_evidence
from playbook.advocacy.models import Concern
from playbook.children.models import Child, TeamRole
from playbook.meetings.models import Meeting
from playbook.refusals.refusals import log_refusal

from . import compose, drafts
from .models import Letter


def add_demo(child: Child, today: date) -> None:
    member = child.household.memberships.select_related("user").order_by("pk").first()
    author = member.user if member else None
    sender = compose.Sender.of(author)
    team = {m.role: m for m in child.team.all()}
    case_manager = team.get(TeamRole.CASE_MANAGER)
    therapist = team.get(TeamRole.THERAPIST) or case_manager

    reading = Concern.objects.create(
        child=child,
        title="Reading is not improving",
        area="Reading",
        details=f"{child.first_name}'s reading fluency has barely changed since the fall.",
        request="Daily small-group reading instruction with a reading specialist, "
        "and a reading goal measured every two weeks.",
    )
    for text, kind, days_ago in [
        ("Reads 52 words per minute; the end-of-year benchmark is 95.", "data", 40),
        ("Cried over reading homework four nights last week.", "example", 12),
        ("Guesses words from the first letter instead of sounding them out.", "reason", None),
    ]:
        add_evidence(
            reading,
            text=text,
            kind=kind,
            date=today - timedelta(days=days_ago) if days_ago else None,
        )
    homework = Concern.objects.create(
        child=child,
        title="Homework takes hours every night",
        area="Homework",
        request="Shorter assignments that practise the same skills.",
    )
    add_evidence(
        homework,
        text="Math homework took 2 h 10 min on Tuesday.",
        kind="data",
        date=today - timedelta(days=9),
    )

    # Put in writing three weeks ago; the reply is now overdue.
    letter = drafts.save_draft(
        child,
        compose.draft(
            child,
            "written_concerns",
            {"concern": str(reading.pk)},
            today=today - timedelta(days=21),
            sender=sender,
        ),
        author=author,
    )
    drafts.mark_sent(letter, today - timedelta(days=21))

    granted = open_ask(
        child,
        subject="An occupational therapy evaluation for handwriting",
        asked_of=case_manager,
        asked_on=today - timedelta(days=60),
        channel="email",
    )
    record_reply(
        granted,
        text=f"Yes, the OT will evaluate {child.first_name} in the next two weeks.",
        on=today - timedelta(days=52),
        outcome="granted",
    )

    refused = open_ask(
        child,
        subject="A 1:1 aide during reading and writing blocks",
        asked_of=case_manager,
        asked_on=today - timedelta(days=30),
        channel="meeting",
        concern=reading,
    )
    record_reply(
        refused,
        text="I'm sorry, that's not an option at our school. Students share the classroom aide.",
        on=today - timedelta(days=26),
        outcome="refused",
    )

    waiting = open_ask(
        child,
        subject="Speech therapy session notes from the last month",
        asked_of=therapist,
        asked_on=today - timedelta(days=25),
        channel="email",
    )
    drafts.save_draft(
        child,
        compose.draft(child, "follow_up", {"ask": str(waiting.pk)}, today=today, sender=sender),
        author=author,
    )


def add_refusal_letters(child: Child, today: date) -> None:
    """Issue 5's demo: "we don't use that program here", with its policy request sent and
    unanswered, and one escalation to the director with its courtesy note."""
    team = {member.role: member for member in child.team.all()}
    case_manager = team.get(TeamRole.CASE_MANAGER)
    director = team.get(TeamRole.DIRECTOR_SPECIAL_SERVICES)
    member = child.household.memberships.select_related("user").order_by("created_at").first()
    author = member.user if member else None
    sender = compose.Sender.of(author)

    asked_on = today - timedelta(days=30)
    ask = open_ask(
        child,
        subject="Structured literacy instruction (Orton-Gillingham based)",
        asked_of=case_manager,
        asked_on=asked_on,
        channel="email",
    )
    refusal = log_refusal(
        child,
        said_by=case_manager,
        said_on=today - timedelta(days=22),
        words="We don't use that program here.",
        ask=ask,
    )

    def send(kind: str, params: dict, on: date) -> None:
        made = compose.draft(child, kind, params, today=on, sender=sender)
        drafts.mark_sent(drafts.save_draft(child, made, author=author), on)

    send("policy_request", {"refusal": str(refusal.pk)}, today - timedelta(days=20))
    if director is not None:
        send(
            "escalation",
            {"topic": "services", "to": str(director.pk), "method": "cc", "ask": str(ask.pk)},
            today - timedelta(days=6),
        )
        send(
            "courtesy_note",
            {"contacted": str(director.pk), "topic": "services"},
            today - timedelta(days=6),
        )


def add_meeting_recap(child: Child, today: date) -> None:
    """The recap sent the day after the demo's held IEP meeting (meetings' demo)."""
    held = (
        Meeting.objects.filter(child=child, status=Meeting.Status.HELD, kind=Meeting.Kind.IEP)
        .order_by("-date")
        .first()
    )
    if held is None:
        return
    held_on = held.date
    team = {member.role: member for member in child.team.all()}
    case_manager = team.get(TeamRole.CASE_MANAGER)
    Letter.objects.create(
        child=child,
        kind="meeting_recap",
        params={"meeting": str(held.pk)},
        to=[f"{case_manager.name} <{case_manager.email}>"] if case_manager else [],
        subject=f"Recap of {child.first_name}'s IEP meeting on {held_on:%B} {held_on.day}",
        body=(
            f"Thank you for meeting with me on {held_on:%B} {held_on.day}. My understanding "
            f"is that {held.outcome} Please let me know within five school days if I "
            "misunderstood anything."
        ),
        state=Letter.State.SENT,
        sent_on=held_on + timedelta(days=1),
    )
