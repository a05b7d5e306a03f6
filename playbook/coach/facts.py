"""Everything the coach reads about one child, loaded in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Prefetch

from playbook.advocacy.models import Ask, Concern, Meeting, Refusal, Trial
from playbook.children.models import IEP, Child, TeamMember
from playbook.letters.models import Letter
from playbook.trail.models import Entry

RECENT_DAYS = 14


@dataclass
class Facts:
    child: Child
    today: date
    team: list[TeamMember]
    iep: IEP | None
    asks: list[Ask]
    open_concerns: list[Concern]
    refusals: list[Refusal]
    trials: list[Trial]
    meetings: list[Meeting]
    letters: list[Letter]
    recent_entries: list[Entry]
    precomputed_deadlines: list | None = None
    extra: dict = field(default_factory=dict)

    @cached_property
    def deadlines(self) -> list:
        """The child's deadlines (playbook.deadlines.engine), computed once."""
        if self.precomputed_deadlines is not None:
            return self.precomputed_deadlines
        from playbook.deadlines.engine import deadlines_for

        return deadlines_for(self.child, self.today)

    def letters_of_kind(self, kind: str, *, sent_only: bool = True) -> list[Letter]:
        return [
            letter
            for letter in self.letters
            if letter.kind == kind and (letter.state == Letter.State.SENT or not sent_only)
        ]

    def letter_sent_for(self, kind: str, param: str, value: object) -> Letter | None:
        """The sent letter of this kind whose parameter ``param`` names ``value``."""
        wanted = str(value)
        for letter in self.letters_of_kind(kind):
            named = letter.params.get(param)
            if named == wanted or (isinstance(named, list) and wanted in map(str, named)):
                return letter
        return None

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
    asks = list(
        Ask.objects.filter(child=child)
        .select_related("asked_of")
        .prefetch_related(
            Prefetch("entries", queryset=Entry.objects.only("id", "kind", "direction", "flags"))
        )
    )
    return Facts(
        child=child,
        today=today,
        precomputed_deadlines=deadlines,
        team=team,
        iep=iep,
        asks=asks,
        open_concerns=list(Concern.objects.filter(child=child, status=Concern.Status.OPEN)),
        refusals=list(Refusal.objects.filter(child=child).select_related("said_by", "ask")),
        trials=list(Trial.objects.filter(child=child)),
        meetings=list(Meeting.objects.filter(child=child)),
        letters=list(
            Letter.objects.filter(child=child).only(
                "id", "kind", "state", "params", "sent_on", "ask_id", "created_at"
            )
        ),
        recent_entries=list(
            Entry.objects.filter(
                child=child, kind__in=["call", "meeting", "note"], occurred_at__gte=since
            ).only("id", "kind", "occurred_at", "subject", "counterpart_id")
        ),
    )
