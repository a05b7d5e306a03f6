"""The coach's refusals, trials, letters and recent calls as plain rows, as its asks are
(``playbook.advocacy.rows``): the rules and the deadlines engine read a few columns of each,
on every page the coach draws, and a model instance per row cost more than its query
(docs/performance.md, issue 13). Each row answers what those readers ask, with the model's
names; pages that show or edit one still read the model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from playbook.advocacy.rows import Team
from playbook.letters.models import Letter
from playbook.school_language import kinds


@dataclass(slots=True)
class RefusalRow:
    FIELDS: ClassVar = (
        "id",
        "said_by_id",
        "said_on",
        "words",
        "kind",
        "ask_id",
        "policy_outcome",
        "entry_id",
    )

    id: object
    said_by_id: object
    said_on: date
    words: str
    kind: str
    ask_id: object
    policy_outcome: str
    entry_id: object
    team: Team

    @property
    def pk(self):
        return self.id

    @property
    def said_by(self):
        return self.team.member(self.said_by_id)

    @property
    def kind_of_no(self) -> kinds.Kind | None:
        """As ``Refusal.kind_of_no``."""
        return kinds.kind(self.kind) if self.kind else None


@dataclass(slots=True)
class TrialRow:
    FIELDS: ClassVar = (
        "id",
        "proposal",
        "weeks",
        "start_date",
        "review_date",
        "outcome",
        "instead_of",
        "concern_id",
    )

    id: object
    proposal: str
    weeks: int
    start_date: date
    review_date: date
    outcome: str
    instead_of: str
    concern_id: object

    @property
    def pk(self):
        return self.id


@dataclass(slots=True)
class LetterRow:
    FIELDS: ClassVar = (
        "id",
        "kind",
        "state",
        "params",
        "sent_on",
        "ask_id",
        "created_at",
        "subject",
    )

    id: object
    kind: str
    state: str
    params: dict
    sent_on: date | None
    ask_id: object
    created_at: datetime
    subject: str

    @property
    def pk(self):
        return self.id

    @property
    def is_draft(self) -> bool:
        return self.state == Letter.State.DRAFT

    @property
    def is_sent(self) -> bool:
        return self.state == Letter.State.SENT


@dataclass(slots=True)
class EntryRow:
    FIELDS: ClassVar = ("id", "kind", "occurred_at", "direction", "counterpart_id", "flags")

    id: object
    kind: str
    occurred_at: datetime
    direction: str
    counterpart_id: object
    flags: dict | None

    @property
    def pk(self):
        return self.id
