"""Everything the coach reads about one child, loaded in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from playbook.advocacy.models import Ask, Concern
from playbook.advocacy.rows import AskRow, ask_rows
from playbook.children.models import IEP, Child, TeamMember
from playbook.letters.models import Letter
from playbook.meetings.models import Meeting, Trial
from playbook.refusals.models import Refusal
from playbook.trail.models import Entry

RECENT_DAYS = 14


class AskEntry(NamedTuple):
    """What the rules read of an entry filed under an ask."""

    kind: str
    direction: str
    flags: dict | None


@dataclass
class Facts:
    child: Child
    today: date
    team: list[TeamMember]
    iep: IEP | None
    asks: list[AskRow]  # rows, not models: the rules read every ask on every page
    open_concern_ids: list  # only the ids: the rule that reads them names them
    refusals: list[Refusal]
    trials: list[Trial]
    meetings: list[Meeting]
    letters: list[Letter]
    recent_entries: list[Entry]
    ask_entries: dict = field(default_factory=dict)  # ask id -> [AskEntry]
    precomputed_deadlines: list | None = None
    extra: dict = field(default_factory=dict)

    def entries_of(self, ask: AskRow) -> list[AskEntry]:
        return self.ask_entries.get(ask.pk, [])

    def refusals_of(self, ask: AskRow) -> list[Refusal]:
        return self._refusals_by_ask.get(ask.pk, [])

    def follow_ups_of(self, ask: AskRow) -> list[Letter]:
        """The sent follow-up letters about this ask."""
        return self._follow_ups_by_ask.get(str(ask.pk), [])

    @cached_property
    def _follow_ups_by_ask(self) -> dict:
        by_ask = defaultdict(list)
        for letter in self.letters_of_kind("follow_up"):
            named = (letter.params or {}).get("ask")
            if isinstance(named, str):
                by_ask[named].append(letter)
        return by_ask

    @cached_property
    def _refusals_by_ask(self) -> dict:
        by_ask = defaultdict(list)
        for refusal in self.refusals:
            by_ask[refusal.ask_id].append(refusal)
        return by_ask

    @cached_property
    def deadlines(self) -> list:
        """The child's deadlines (playbook.deadlines.engine), computed once."""
        if self.precomputed_deadlines is not None:
            return self.precomputed_deadlines
        from playbook.deadlines.engine import deadlines_for

        return deadlines_for(self.child, self.today, loaded=self)

    def letters_of_kind(self, kind: str, *, sent_only: bool = True) -> list[Letter]:
        return [
            letter
            for letter in self.letters
            if letter.kind == kind and (letter.state == Letter.State.SENT or not sent_only)
        ]

    def letter_sent_for(self, kind: str, param: str, value: object) -> Letter | None:
        """The (first) sent letter of this kind whose parameter ``param`` names ``value``."""
        return self._sent_letters.get((kind, param, str(value)))

    @cached_property
    def _sent_letters(self) -> dict:
        # Rules ask this for every ask; an index instead of a scan of every letter each time.
        index = {}
        for letter in self.letters:
            if letter.state != Letter.State.SENT:
                continue
            for param, named in (letter.params or {}).items():
                if isinstance(named, list):
                    values = [str(item) for item in named]
                else:
                    values = [named] if isinstance(named, str) else []
                for value in values:
                    index.setdefault((letter.kind, param, value), letter)
        return index

    def member(self, member_id) -> TeamMember | None:
        return next((m for m in self.team if m.pk == member_id), None)


def load_facts(child: Child, today: date, deadlines: list | None = None) -> Facts:
    """A fixed number of queries, whatever the amount of data (asserted in tests/coach)."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    # A bound on the column itself, not on its date: the (child, occurred_at) index
    # answers it, where occurred_at__date made the database convert every entry of the
    # trail (benchmarks/latency.py, 5,000 entries). Same instant: midnight, current zone.
    since = timezone.make_aware(datetime.combine(today - timedelta(days=RECENT_DAYS), time.min))
    team = list(child.team.all())
    iep = child.current_iep()
    asks = ask_rows(child, team=team)
    ask_entries = defaultdict(list)
    filed = Ask.entries.through.objects.filter(ask__child=child).values_list(
        "ask_id", "entry__kind", "entry__direction", "entry__flags"
    )
    for ask_id, *entry in filed if asks else ():
        ask_entries[ask_id].append(AskEntry(*entry))
    return Facts(
        child=child,
        today=today,
        precomputed_deadlines=deadlines,
        team=team,
        iep=iep,
        asks=asks,
        ask_entries=ask_entries,
        open_concern_ids=list(
            Concern.objects.filter(child=child, status=Concern.Status.OPEN).values_list(
                "id", flat=True
            )
        ),
        refusals=_link(list(Refusal.objects.filter(child=child)), "said_by", team),
        trials=list(Trial.objects.filter(child=child)),
        meetings=list(child.meetings.all()),  # prefetched by the child home
        letters=list(
            Letter.objects.filter(child=child).only(
                "id", "kind", "state", "params", "sent_on", "ask_id", "created_at", "subject"
            )
        ),
        recent_entries=list(
            Entry.objects.filter(
                child=child, kind__in=["call", "meeting", "note"], occurred_at__gte=since
            ).only("id", "kind", "occurred_at", "subject", "counterpart_id")
        ),
    )


def _link(objects: list, field: str, targets: list) -> list:
    """Point each object's foreign key ``field`` at the one among ``targets`` (already
    loaded): select_related would make a new copy of the same team member for every ask."""
    by_id = {target.pk: target for target in targets}
    for obj in objects:
        target = by_id.get(getattr(obj, f"{field}_id"))
        if target is not None:
            type(obj)._meta.get_field(field).set_cached_value(obj, target)
    return objects
