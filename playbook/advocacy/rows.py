"""A child's asks as plain rows, for the readers that go through all of them on every page:
the coach, the deadlines engine and the child home's "Waiting on the school".

Building 200 model instances (a UUID conversion and a model ``__init__`` each) cost the
coach's pages more than all its rules together (docs/performance.md, issue 13); the same
rows from ``values_list`` cost a fraction. An ``AskRow`` answers what those readers ask of an
ask, with the same names as the model: its columns, ``asked_of`` (the child's team member,
read with the team), ``original`` (the request an escalation carries up) and
``get_channel_display()``. Pages that edit an ask still read the model.
"""

from __future__ import annotations

from playbook.children.models import Child, TeamMember

from .models import Ask, AskStatus, Channel

FIELDS = (
    "id",
    "subject",
    "kind",
    "status",
    "channel",
    "asked_on",
    "reply_due",
    "reply_date",
    "reply_text",
    "escalated_on",
    "about_id",
    "asked_of_id",
    "concern_id",
)
_CHANNELS = dict(Channel.choices)


class Team:
    """The child's team members by id, read once for all the rows (no query when the team
    was prefetched or handed over, none at all when nobody reads ``asked_of``)."""

    def __init__(self, child: Child, members: list[TeamMember] | None = None) -> None:
        self._child = child
        self._by_id = None if members is None else {m.pk: m for m in members}

    def member(self, member_id) -> TeamMember | None:
        if member_id is None:
            return None
        if self._by_id is None:
            self._by_id = {m.pk: m for m in self._child.team.all()}
        return self._by_id.get(member_id)


class AskRow:
    """One ask, read as a row (see the module's docstring)."""

    __slots__ = (*FIELDS, "about", "_team")

    def __init__(self, values: tuple, team: Team) -> None:
        # One unpacking, in FIELDS' order: a setattr per column cost as much as the query.
        (
            self.id,
            self.subject,
            self.kind,
            self.status,
            self.channel,
            self.asked_on,
            self.reply_due,
            self.reply_date,
            self.reply_text,
            self.escalated_on,
            self.about_id,
            self.asked_of_id,
            self.concern_id,
        ) = values
        self.about: AskRow | None = None
        self._team = team

    @property
    def pk(self):
        return self.id

    @property
    def asked_of(self) -> TeamMember | None:
        return self._team.member(self.asked_of_id)

    @property
    def original(self) -> AskRow:
        """The request this ask carries up the chain (itself when it is not an escalation),
        as ``Ask.original``."""
        # An ask carries up a request of the same child; one not among the rows (which
        # only another family's ask could be) is not read.
        return self.about if self.about is not None else self

    @property
    def is_open(self) -> bool:
        return self.status == AskStatus.OPEN

    def get_channel_display(self) -> str:
        return _CHANNELS.get(self.channel, self.channel)

    def get_status_display(self) -> str:
        return str(AskStatus(self.status).label)

    def __str__(self) -> str:
        return self.subject

    def __repr__(self) -> str:
        return f"<AskRow {self.id}: {self.subject!r}>"


def ask_rows(child: Child, *, team: list[TeamMember] | None = None) -> list[AskRow]:
    """Every ask of the child as a row, in the model's order (asked on, then created), each
    escalation linked to the request it carries up. One query (and the team's, when a row's
    ``asked_of`` is read and the team was neither prefetched nor handed over as ``team``).

    In a read (the access helpers marked the child's records version current: nothing
    changes the records during the request) the rows are kept on this copy of the child,
    so the coach, the deadlines and the child home read them once per request."""
    kept = getattr(child, "_ask_rows", None)
    if kept is not None:
        return kept
    members = Team(child, team)
    rows = [
        AskRow(values, members) for values in Ask.objects.filter(child=child).values_list(*FIELDS)
    ]
    by_id = {row.id: row for row in rows}
    for row in rows:
        if row.about_id is not None:
            row.about = by_id.get(row.about_id)
    if getattr(child, "version_is_current", False):
        child._ask_rows = rows
    return rows
