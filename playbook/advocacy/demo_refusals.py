"""Demo data for refusals: two logged "no"s on the demo child, one waiting for the written
policy and one where the school said no such policy exists."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.children.models import Child, TeamRole

from .models import Refusal
from .refusals import log_refusal, record_policy_outcome


def add_demo(child: Child, today: date) -> None:
    team = {member.role: member for member in child.team.all()}
    case_manager = team.get(TeamRole.CASE_MANAGER)
    therapist = team.get(TeamRole.THERAPIST) or case_manager
    older = log_refusal(
        child,
        said_by=therapist,
        said_on=today - timedelta(days=45),
        words=(
            "Every student at Lincoln gets one 30-minute speech session a week; we don't offer "
            "individual sessions."
        ),
    )
    record_policy_outcome(
        older,
        outcome=Refusal.PolicyOutcome.NONE_EXISTS,
        on=today - timedelta(days=30),
        notes="The director wrote back that there is no written policy on session length.",
    )
    recent = log_refusal(
        child,
        said_by=case_manager,
        said_on=today - timedelta(days=12),
        words=(
            "A one-to-one aide is not an option. We have never done that for a student in a "
            "general education class. I would need to check with my supervisor."
        ),
    )
    record_policy_outcome(
        recent, outcome=Refusal.PolicyOutcome.PENDING, on=today - timedelta(days=10)
    )

    _program_refusal_and_escalation(child, today, team)


def _program_refusal_and_escalation(child: Child, today: date, team: dict) -> None:
    """Issue 5's demo: "we don't use that program here", with its policy request sent and
    unanswered, and one escalation to the director with its courtesy note."""
    from playbook.advocacy.asks import open_ask
    from playbook.letters import compose, drafts

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
