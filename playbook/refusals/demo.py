"""Demo data for refusals: two logged "no"s on the demo child, one waiting for the written
policy and one where the school said no such policy exists."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.children.models import Child, TeamRole
from playbook.refusals.models import Refusal

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
