"""The demo child's paper trail: a few months of email, calls and notes with the school,
one refusal in writing, one corrected note, and an attached document."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from playbook.children.models import Child, TeamMember, TeamRole

from .chain import Draft, NewAttachment, append_many
from .filters import household_zone
from .log_entry import detect_refusal
from .models import Direction, Entry, Kind


def _member(child: Child, *roles: str) -> TeamMember | None:
    for role in roles:
        found = child.team.filter(role=role).first()
        if found is not None:
            return found
    return child.team.first()


def add_demo(child: Child, today: date) -> list[Entry]:
    """Adds the demo trail once; does nothing if the child already has one."""
    if child.entries.exists():
        return []
    zone = household_zone(child)
    parent = child.household.memberships.select_related("user").first()
    parent_address = parent.user.email if parent else "parent@example.com"
    case_manager = _member(child, TeamRole.CASE_MANAGER)
    teacher = _member(child, TeamRole.SPECIAL_ED_TEACHER, TeamRole.GENERAL_ED_TEACHER)
    therapist = _member(child, TeamRole.THERAPIST)
    first = child.first_name

    def at(days_ago: int, hour: int = 15, minute: int = 0) -> datetime:
        return datetime.combine(today - timedelta(days=days_ago), time(hour, minute), zone)

    def address(member: TeamMember | None) -> str:
        return f"{member.name} <{member.email}>" if member and member.email else ""

    refusal_text = (
        f"Thank you for your note about {first}'s reading. We reviewed the request for a "
        "one-to-one reading aide. That is not an option at this time; the current small-group "
        "support will continue.\n\nBest regards"
    )
    drafts = [
        Draft(
            occurred_at=at(110, 19, 40),
            kind=Kind.EMAIL,
            direction=Direction.SENT,
            counterpart=case_manager,
            sender=parent_address,
            recipients=address(case_manager),
            subject=f"{first}'s reading: our concerns",
            body=(
                f"Hello,\n\nI'm writing about {first}'s reading. Homework that used to take 20 "
                "minutes now takes over an hour, and the last progress report shows no change "
                "on the fluency goal.\n\nCould we talk about what support is working and what "
                "could change?\n\nThank you"
            ),
            message_id=f"<demo-1.{child.pk}@example.com>",
        ),
        Draft(
            occurred_at=at(106, 8, 15),
            kind=Kind.EMAIL,
            direction=Direction.RECEIVED,
            counterpart=case_manager,
            sender=address(case_manager),
            recipients=parent_address,
            subject=f"Re: {first}'s reading: our concerns",
            body=(
                "Thanks for reaching out. I'll check in with the reading teacher and get back "
                "to you next week with the latest data."
            ),
            message_id=f"<demo-2.{child.pk}@school.example>",
        ),
        Draft(
            occurred_at=at(95, 15, 30),
            kind=Kind.CALL,
            counterpart=teacher,
            subject=f"Phone call with {teacher.name}" if teacher else "Phone call",
            body=(
                "She said the small group meets four days a week, not five, because of "
                "assemblies. She agreed to send the running-record scores from September."
            ),
            flags={"logged_as": "call"},
        ),
        Draft(
            occurred_at=at(80, 10, 0),
            kind=Kind.EMAIL,
            direction=Direction.RECEIVED,
            counterpart=teacher,
            sender=address(teacher),
            recipients=parent_address,
            subject="Running records",
            body="As promised, attached are the running-record scores from this fall.",
            message_id=f"<demo-3.{child.pk}@school.example>",
            attachments=[
                NewAttachment(
                    "running-records.csv",
                    b"date,words per minute,accuracy\n2025-09-08,62,91%\n"
                    b"2025-09-22,64,92%\n2025-10-06,63,90%\n",
                    "text/csv",
                )
            ],
        ),
        Draft(
            occurred_at=at(60, 18, 5),
            kind=Kind.EMAIL,
            direction=Direction.SENT,
            counterpart=case_manager,
            sender=parent_address,
            recipients=address(case_manager),
            subject=f"Request: one-to-one reading support for {first}",
            body=(
                f"Hello,\n\nThe running records show {first}'s fluency has been flat since "
                "September. I'm asking the team to consider one-to-one reading support, and "
                "I'd appreciate a reply by the end of next week.\n\nThank you"
            ),
            message_id=f"<demo-4.{child.pk}@example.com>",
        ),
        Draft(
            occurred_at=at(52, 7, 50),
            kind=Kind.EMAIL,
            direction=Direction.RECEIVED,
            counterpart=case_manager,
            sender=address(case_manager),
            recipients=parent_address,
            subject=f"Re: Request: one-to-one reading support for {first}",
            body=refusal_text,
            message_id=f"<demo-5.{child.pk}@school.example>",
            flags=detect_refusal(refusal_text),
        ),
        Draft(
            occurred_at=at(40, 8, 20),
            kind=Kind.NOTE,
            counterpart=therapist,
            subject=f"Conversation with {therapist.name}" if therapist else "Conversation",
            body="At drop-off: OT sessions were missed twice last month (staff out).",
            flags={"logged_as": "conversation"},
        ),
        Draft(
            occurred_at=at(21, 16, 0),
            kind=Kind.EMAIL,
            direction=Direction.SENT,
            counterpart=case_manager,
            sender=parent_address,
            recipients=address(case_manager),
            subject="Following up: reading data and next steps",
            body=(
                "Hello,\n\nI'm following up on my email about reading support. Could you tell "
                "me which policy or data the decision was based on?\n\nThank you"
            ),
            message_id=f"<demo-6.{child.pk}@example.com>",
        ),
    ]
    entries = append_many(child, drafts)
    note = next(e for e in entries if e.kind == Kind.NOTE)
    correction = Draft(
        occurred_at=note.occurred_at,
        kind=Kind.NOTE,
        counterpart=note.counterpart,
        subject=note.subject,
        body="At drop-off: OT sessions were missed three times last month (staff out).",
        corrects=note,
        flags={"correction_reason": "It was three sessions, not two (checked the log)."},
    )
    return entries + append_many(child, [correction])
