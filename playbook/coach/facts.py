"""Everything the coach reads about one child, loaded in a fixed number of queries."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from django.db.models import Q

from playbook.advocacy.models import Ask, AskStatus, Channel, Concern
from playbook.advocacy.rows import AskRow, Team, ask_rows
from playbook.children.models import IEP, Child, TeamMember
from playbook.letters.models import Letter
from playbook.meetings.models import Meeting, Trial
from playbook.refusals.models import Refusal
from playbook.trail.models import Direction, Entry

from .rows import EntryRow, LetterRow, RefusalRow, TrialRow

RECENT_DAYS = 14
# Asks made out loud: the rules look for a written email or letter filed under one.
SPOKEN = (Channel.PHONE, Channel.IN_PERSON, Channel.MEETING)
WRITTEN = ("email", "letter")


class AskEntry(NamedTuple):
    """What the rules read of an entry filed under an ask."""

    kind: str
    direction: str
    flags: dict | None
    entry_id: object = None


@dataclass
class Facts:
    child: Child
    today: date
    team: list[TeamMember]
    iep: IEP | None
    asks: list[AskRow]  # rows, not models: the rules read every ask on every page
    # Each open concern's id and when it was raised: the rule that reads them names them, and
    # leaves out those a meeting just held could have discussed (decision 0118).
    open_concerns: list  # [(id, created_at)]
    refusals: list[RefusalRow]  # rows too (playbook.coach.rows), as the asks
    trials: list[TrialRow]
    meetings: list[Meeting]
    letters: list[LetterRow]
    # The calls and meetings of the last RECENT_DAYS, and what the school said there that
    # names someone above them as the one to decide (the needs-a-supervisor signal).
    recent_entries: list[EntryRow]
    # ask id -> [AskEntry]: only the entries a rule can tell apart (``filed_entries``).
    ask_entries: dict = field(default_factory=dict)
    precomputed_deadlines: list | None = None
    extra: dict = field(default_factory=dict)

    def entries_of(self, ask: AskRow) -> list[AskEntry]:
        return self.ask_entries.get(ask.pk, [])

    def refusals_of(self, ask: AskRow) -> list[RefusalRow]:
        return self._refusals_by_ask.get(ask.pk, [])

    def refusals_of_request(self, ask: AskRow) -> list[RefusalRow]:
        """The refusals of the request ``ask`` carries: of the original ask and of every
        escalation that carried it up the chain, whichever rung said them."""
        return self._refusals_by_request.get(ask.original.pk, [])

    @cached_property
    def _refusals_by_request(self) -> dict:
        by_request = defaultdict(list)
        for row in self.asks:
            by_request[row.original.pk].extend(self.refusals_of(row))
        return by_request

    def superseded(self, refusal: RefusalRow) -> bool:
        """Whether a later "no" to the same request has taken this one's place: said by
        someone the request was since carried up to, or later at the same rung (decision
        0123). The coach answers the request's latest no, not every rung's."""
        ask = self._asks_by_id.get(refusal.ask_id)
        if ask is None:
            return False
        place = self._place_in_request(refusal)
        return any(
            self._place_in_request(other) > place
            for other in self._refusals_by_request.get(ask.original.pk, [])
        )

    def _place_in_request(self, refusal: RefusalRow) -> tuple:
        return (self._rung_of_ask.get(refusal.ask_id, 0), refusal.said_on)

    @cached_property
    def _rung_of_ask(self) -> dict:
        """How many escalations carried the request up to each ask: 0 for the original.
        Escalation asks all name the original (``about``), so the rungs are read from the
        sent escalation letters: the ask each carried up, and the ask it opened."""
        carried_from = {}
        for letter in self.letters_of_kind("escalation"):
            below = _id_key((letter.params or {}).get("ask"))
            if letter.ask_id is not None and isinstance(below, uuid.UUID):
                carried_from[letter.ask_id] = below
        rungs: dict = {}
        for ask_id in carried_from:
            chain, step = [], ask_id
            while step in carried_from and step not in chain and step not in rungs:
                chain.append(step)
                step = carried_from[step]
            base = rungs.get(step, 0)
            for distance, pk in enumerate(reversed(chain), start=1):
                rungs[pk] = base + distance
        return rungs

    def ask(self, ask_id) -> AskRow | None:
        return self._asks_by_id.get(ask_id)

    @cached_property
    def _asks_by_id(self) -> dict:
        return {row.pk: row for row in self.asks}

    def follow_ups_of(self, ask: AskRow) -> list[LetterRow]:
        """The sent follow-up letters about this ask."""
        return self._follow_ups_by_ask.get(_id_key(ask.pk), [])

    @cached_property
    def _follow_ups_by_ask(self) -> dict:
        by_ask = defaultdict(list)
        for letter in self.letters_of_kind("follow_up"):
            named = (letter.params or {}).get("ask")
            if isinstance(named, str):
                by_ask[_id_key(named)].append(letter)
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

    def letters_of_kind(self, kind: str, *, sent_only: bool = True) -> list[LetterRow]:
        return [
            letter
            for letter in self.letters
            if letter.kind == kind and (letter.state == Letter.State.SENT or not sent_only)
        ]

    def letter_sent_for(self, kind: str, param: str, value: object) -> LetterRow | None:
        """The (first) sent letter of this kind whose parameter ``param`` names ``value``
        (as its text: ``str(value)``)."""
        return self._sent_letters.get((kind, param, _id_key(value)))

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
                    index.setdefault((letter.kind, param, _id_key(value)), letter)
        return index

    def trial_of_terms(self, ask) -> TrialRow | None:
        """The trial whose terms letter opened this ask ("please confirm these terms")."""
        return self._trials_by_terms_ask.get(ask.pk)

    @cached_property
    def _trials_by_terms_ask(self) -> dict:
        trials = {trial.pk: trial for trial in self.trials}
        return {
            letter.ask_id: trials.get(_id_key((letter.params or {}).get("trial")))
            for letter in self.letters
            if letter.kind == "trial_terms" and letter.ask_id is not None
        }

    def member(self, member_id) -> TeamMember | None:
        return next((m for m in self.team if m.pk == member_id), None)


def load_facts(child: Child, today: date, deadlines: list | None = None) -> Facts:
    """A fixed number of queries, whatever the amount of data (asserted in tests/coach)."""
    from datetime import datetime, time, timedelta

    from django.utils import timezone

    # A bound on the column itself, not on its date: the (child, occurred_at) index
    # answers it, where occurred_at__date made the database convert every entry of the
    # trail (benchmarks/latency.py, 5,000 entries). Same instant: midnight, the family's.
    since = timezone.make_aware(
        datetime.combine(today - timedelta(days=RECENT_DAYS), time.min), child.zone()
    )
    team = list(child.team.all())
    members = Team(child, team)
    iep = child.current_iep()
    asks = ask_rows(child, team=team)
    return Facts(
        child=child,
        today=today,
        precomputed_deadlines=deadlines,
        team=team,
        iep=iep,
        asks=asks,
        ask_entries=filed_entries(child) if asks else {},
        open_concerns=list(
            Concern.objects.filter(child=child, status=Concern.Status.OPEN).values_list(
                "id", "created_at"
            )
        ),
        refusals=[
            RefusalRow(*values, members)
            for values in Refusal.objects.filter(child=child).values_list(*RefusalRow.FIELDS)
        ],
        trials=[
            TrialRow(*values)
            for values in Trial.objects.filter(child=child).values_list(*TrialRow.FIELDS)
        ],
        meetings=list(child.meetings.all()),  # prefetched by the child home
        letters=[
            LetterRow(*values)
            for values in Letter.objects.filter(child=child).values_list(*LetterRow.FIELDS)
        ],
        recent_entries=[
            EntryRow(*values)
            for values in Entry.objects.filter(child=child, occurred_at__gte=since)
            .filter(
                Q(kind__in=RECAPPED)
                | (Q(flags__has_key="needs_supervisor") & ~Q(direction=Direction.SENT))
            )
            .values_list(*EntryRow.FIELDS)
        ],
    )


# The kinds of entry a recap is offered for (recap_recent_conversation).
RECAPPED = ("call", "meeting")


def filed_entries(child: Child) -> dict:
    """ask id -> [AskEntry], of the entries filed under the child's asks that a rule can
    tell apart from none: an email or a letter filed under an open ask made out loud (was
    it put in writing?), and any entry flagged ``needs_supervisor`` (escalate_when_stuck).
    The database leaves out the rest (most of them: a big record files hundreds), and the
    rules read those it answers as before. Every writer of an entry's ``flags`` writes an
    object, so the database's key test is the rules' ``in``."""
    filed = defaultdict(list)
    for ask_id, *entry in (
        Ask.entries.through.objects.filter(ask__child=child)
        .filter(
            Q(ask__status=AskStatus.OPEN, ask__channel__in=SPOKEN, entry__kind__in=WRITTEN)
            | Q(entry__flags__has_key="needs_supervisor")
        )
        .values_list("ask_id", "entry__kind", "entry__direction", "entry__flags", "entry_id")
    ):
        filed[ask_id].append(AskEntry(*entry))
    return filed


def _id_key(value: object):
    """How the letters' indexes keep an id their parameters name: a UUID for an id's own
    text (``str(uuid)``), any other value as its text. The rules then look every ask up by
    its UUID, without writing 200 of them out as text on every page."""
    if isinstance(value, uuid.UUID):
        return value
    text = str(value)
    try:
        parsed = uuid.UUID(text)
    except ValueError:
        return text
    return parsed if str(parsed) == text else text
