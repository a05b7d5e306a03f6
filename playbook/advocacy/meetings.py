"""IEP meetings: who must be there, and the request's progress.

The required members of an IEP team are listed in 34 CFR § 300.321(a). The parent is always
one of them (the person using this app); the check looks at the school's side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from playbook.children.models import TeamMember, TeamRole

from .models import Meeting


@dataclass(frozen=True)
class RequiredRole:
    key: str
    label: str
    citation: str
    filled_by: frozenset[str]
    note: str = ""


DISTRICT_REPRESENTATIVE_ROLES = frozenset(
    {
        TeamRole.SPECIAL_ED_SUPERVISOR,
        TeamRole.DIRECTOR_SPECIAL_SERVICES,
        TeamRole.ASSISTANT_SUPERINTENDENT,
        TeamRole.SUPERINTENDENT,
        TeamRole.PRINCIPAL,
    }
)

REQUIRED_ROLES = [
    RequiredRole(
        "general_ed_teacher",
        "A general education teacher",
        "34 CFR § 300.321(a)(2)",
        frozenset({TeamRole.GENERAL_ED_TEACHER}),
        "Required when your child is, or may be, in general education classes.",
    ),
    RequiredRole(
        "special_ed_teacher",
        "A special education teacher or provider",
        "34 CFR § 300.321(a)(3)",
        frozenset({TeamRole.SPECIAL_ED_TEACHER, TeamRole.THERAPIST, TeamRole.CASE_MANAGER}),
    ),
    RequiredRole(
        "district_representative",
        "A district representative who can commit resources",
        "34 CFR § 300.321(a)(4)",
        DISTRICT_REPRESENTATIVE_ROLES,
        "Someone who knows what the district has available and can say yes to it.",
    ),
    RequiredRole(
        "evaluation_interpreter",
        "Someone who can explain the evaluation results",
        "34 CFR § 300.321(a)(5)",
        frozenset({TeamRole.SCHOOL_PSYCHOLOGIST, TeamRole.SPECIAL_ED_TEACHER, TeamRole.THERAPIST}),
        "Often the school psychologist; may be another team member who can do it.",
    ),
]


def missing_roles(invitees: Iterable[TeamMember], *, general_education: bool = True) -> list[dict]:
    """Each required role nobody among the invitees fills, with its citation."""
    roles = {member.role for member in invitees}
    missing = []
    for required in REQUIRED_ROLES:
        if required.key == "general_ed_teacher" and not general_education:
            continue
        if roles.isdisjoint(required.filled_by):
            missing.append(
                {
                    "role": required.key,
                    "label": required.label,
                    "citation": required.citation,
                    "note": required.note,
                }
            )
    return missing


NEXT_STATUS = {
    Meeting.Status.REQUESTED: Meeting.Status.ACKNOWLEDGED,
    Meeting.Status.ACKNOWLEDGED: Meeting.Status.SCHEDULED,
    Meeting.Status.SCHEDULED: Meeting.Status.HELD,
}

QUESTIONS_TO_ASK = [
    "How will my concerns be written into the IEP, and where will I see them?",
    "What data shows how my child is doing on each goal, and how often is it collected?",
    "For each service: how many minutes, how often, in what setting, and who provides it?",
    "What will change if my child does not make progress by the next progress report?",
    "If you are saying no to something I asked for, will you give me that in writing with "
    "the reasons (prior written notice)?",
    "Who will make sure the accommodations are used in every class?",
    "When will I get a copy of the IEP as written today?",
]
