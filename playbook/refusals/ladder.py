"""The chain of command: who to bring in next, for a topic, from the child's team roster.

A pure function of the roster, the topic and the people already involved in an ask
(moves.md, move 5; idea-facts.md, section 4). Bottom up:

- teachers and therapists (general and special education teachers, therapists; for
  evaluation the school psychologist too, since the psychologist runs the evaluation and
  sits with the people who work with the child day to day);
- the case manager;
- the principal, only for building matters (discipline, scheduling, staffing, safety);
- the special education supervisor, the director of special services, the assistant
  superintendent, the superintendent.

For services, placement, evaluation and "other" the principal is not on the ladder: those
are decided by the special education side of the district. "Other" follows that district
ladder because it is the one moves.md calls the usual one; a parent whose question is really
about the building picks one of the building topics.

``next`` is the first rung that has someone on the roster and sits above everyone already
involved in the ask. People whose role is not on this topic's ladder (the principal for
services, anyone with the role "other") do not move it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop

from playbook.children.models import TeamMember, TeamRole
from playbook.children.roles import ROLE_LABELS

TOPICS = (
    "services",
    "placement",
    "evaluation",
    "discipline",
    "scheduling",
    "staffing",
    "safety",
    "other",
)
BUILDING_TOPICS = frozenset({"discipline", "scheduling", "staffing", "safety"})
# English: the escalation letter names the topic from these. Pages translate them.
TOPIC_LABELS = {
    "services": gettext_noop("Services (minutes, therapies, aides)"),
    "placement": gettext_noop("Placement (class, program, school)"),
    "evaluation": gettext_noop("Evaluation and reevaluation"),
    "discipline": gettext_noop("Discipline"),
    "scheduling": gettext_noop("Scheduling"),
    "staffing": gettext_noop("Staffing and substitutes"),
    "safety": gettext_noop("Safety"),
    "other": gettext_noop("Something else"),
}

TEACHERS_AND_THERAPISTS = "teachers_and_therapists"


@dataclass(frozen=True)
class RungSpec:
    role: str
    label: str
    roles: tuple[str, ...]


_TEACHER_ROLES = (TeamRole.GENERAL_ED_TEACHER, TeamRole.SPECIAL_ED_TEACHER, TeamRole.THERAPIST)


def _single(role: TeamRole) -> RungSpec:
    return RungSpec(role.value, role.label, (role.value,))


def rung_specs(topic: str) -> list[RungSpec]:
    """The rungs for a topic, bottom up. Raises UnknownTopic."""
    if topic not in TOPICS:
        raise UnknownTopic(topic)
    teacher_roles = [r.value for r in _TEACHER_ROLES]
    if topic == "evaluation":
        teacher_roles.append(TeamRole.SCHOOL_PSYCHOLOGIST.value)
    specs = [
        RungSpec(
            TEACHERS_AND_THERAPISTS, gettext_noop("Teachers and therapists"), tuple(teacher_roles)
        ),
        _single(TeamRole.CASE_MANAGER),
    ]
    if topic in BUILDING_TOPICS:
        specs.append(_single(TeamRole.PRINCIPAL))
    specs += [
        _single(TeamRole.SPECIAL_ED_SUPERVISOR),
        _single(TeamRole.DIRECTOR_SPECIAL_SERVICES),
        _single(TeamRole.ASSISTANT_SUPERINTENDENT),
        _single(TeamRole.SUPERINTENDENT),
    ]
    return specs


class UnknownTopic(ValueError):
    def __init__(self, topic: str):
        self.topic = topic
        super().__init__(f"Unknown topic {topic!r}. Choose one of: {', '.join(TOPICS)}.")


@dataclass(frozen=True)
class Rung:
    role: str
    label: str
    roles: tuple[str, ...]
    members: list[str]
    present: bool
    next: bool

    @property
    def shown_label(self) -> str:
        """The rung's name in the reader's language (issue 19), as the ladder page says it;
        ``label`` is the English one (TeamRole's)."""
        if self.role == TEACHERS_AND_THERAPISTS:
            return gettext(self.label)
        words = ROLE_LABELS.get(self.role)
        return str(words) if words else self.label


@dataclass(frozen=True)
class Ladder:
    topic: str
    rungs: list[Rung]
    involved_top: int  # index of the highest rung anyone involved sits on; -1 if none

    @property
    def next_rung(self) -> Rung | None:
        return next((rung for rung in self.rungs if rung.next), None)

    @property
    def missing(self) -> list[Rung]:
        return [rung for rung in self.rungs if not rung.present]

    def is_involved_level(self, rung: Rung) -> bool:
        return self.rungs.index(rung) <= self.involved_top


def build_ladder(
    roster: Iterable[tuple[object, str]], topic: str, involved: Iterable[object] = ()
) -> Ladder:
    """The ladder for ``topic``.

    ``roster`` is (member id, role) pairs in the order to list them; ``involved`` the ids of
    the people already involved in the ask. Ids come back as strings.
    """
    specs = rung_specs(topic)
    rung_of_role = {role: index for index, spec in enumerate(specs) for role in spec.roles}
    members: list[list[str]] = [[] for _ in specs]
    rung_of_member: dict[str, int] = {}
    for member_id, role in roster:
        index = rung_of_role.get(role)
        if index is not None:
            members[index].append(str(member_id))
            rung_of_member[str(member_id)] = index
    involved_top = max(
        (rung_of_member[str(m)] for m in involved if str(m) in rung_of_member), default=-1
    )
    next_index = next(
        (i for i in range(involved_top + 1, len(specs)) if members[i]),
        None,
    )
    rungs = [
        Rung(
            role=spec.role,
            label=spec.label,
            roles=spec.roles,
            members=members[i],
            present=bool(members[i]),
            next=i == next_index,
        )
        for i, spec in enumerate(specs)
    ]
    return Ladder(topic, rungs, involved_top)


def roster_of(child) -> list[tuple[str, str]]:
    return [(str(pk), role) for pk, role in child.team.current().values_list("pk", "role")]


def involved_in(ask) -> set[str]:
    """Everyone already involved in an ask: whom it was asked of, anyone added to it, and
    the counterparts of its trail entries. One query."""
    if ask is None:
        return set()
    ids = TeamMember.objects.filter(
        Q(pk=ask.asked_of_id) | Q(pk__in=ask.involved.values("pk"))
        | Q(pk__in=ask.entries.values("counterpart_id")),
        child_id=ask.child_id,
    ).values_list("pk", flat=True)  # fmt: skip
    return {str(pk) for pk in ids}
