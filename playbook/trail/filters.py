"""Narrowing a child's trail: by kind, person, concern, ask, dates and words.

An entry belongs to an ask when the ask lists it (Ask.entries) or when a refusal recorded
from it answers that ask; it belongs to a concern through those asks.

One implementation for the timeline page and the entries API, so both answer the same.
Ids are checked against the child (an id from elsewhere is an error, never a silent
empty list), at one query each.
"""

from __future__ import annotations

import uuid
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet

from playbook.children.models import Child

from . import search
from .models import Attachment, Entry, Kind


class FilterError(ValueError):
    pass


@dataclass
class EntryFilter:
    kind: str = ""
    counterpart: str = ""
    date_from: date | None = None
    date_to: date | None = None
    ask: str = ""
    concern: str = ""
    q: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def narrows(self) -> bool:
        """Whether anything but words narrows the list."""
        return any(
            [self.kind, self.counterpart, self.date_from, self.date_to, self.ask, self.concern]
        )

    @property
    def active(self) -> bool:
        return self.narrows or bool(search.parse(self.q))

    def apply(self, child: Child, queryset: QuerySet[Entry]) -> QuerySet[Entry]:
        """The queryset narrowed and searched; raises FilterError naming the first bad
        parameter. A page of it is faster through ``paging.read_page``."""
        return search.search(self.narrow(child, queryset), self.q)

    def narrow(self, child: Child, queryset: QuerySet[Entry]) -> QuerySet[Entry]:
        """The queryset narrowed by everything but words."""
        if self.kind:
            if self.kind not in Kind.values:
                raise FilterError(f"kind must be one of {', '.join(Kind.values)}.")
            queryset = queryset.filter(kind=self.kind)
        if self.counterpart:
            _owned(child.team, self.counterpart, "counterpart", "team member")
            queryset = queryset.filter(counterpart_id=self.counterpart)
        zone = household_zone(child)
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError("from must be on or before to.")
        if self.date_from:
            queryset = queryset.filter(
                occurred_at__gte=datetime.combine(self.date_from, time.min, zone)
            )
        if self.date_to:
            end = datetime.combine(self.date_to + timedelta(days=1), time.min, zone)
            queryset = queryset.filter(occurred_at__lt=end)
        if self.ask:
            _owned(child.asks, self.ask, "ask", "ask")
            linked = Entry.objects.filter(Q(asks__id=self.ask) | Q(refusals__ask_id=self.ask))
            queryset = queryset.filter(pk__in=linked)
        if self.concern:
            _owned(child.concerns, self.concern, "concern", "concern")
            linked = Entry.objects.filter(
                Q(asks__concern_id=self.concern) | Q(refusals__ask__concern_id=self.concern)
            )
            queryset = queryset.filter(pk__in=linked)
        return queryset


def _owned(childs_rows, pk: str, name: str, noun: str) -> None:
    """The id names one of the child's rows (``child.team``, ``child.asks``...): the asks
    and concerns are reached through the child's reverse relations, so the trail, which
    sits below them, never imports them (docs/layers.md)."""
    try:
        uuid.UUID(str(pk))
    except ValueError as exc:
        raise FilterError(f"{name} must be the id of one of this child's {noun}s.") from exc
    if not childs_rows.filter(pk=pk).exists():
        raise FilterError(f"{name} {pk} is not one of this child's {noun}s.")


def household_zone(child: Child) -> zoneinfo.ZoneInfo:
    """The family's time zone: the child's own helper, which reads the zone the access
    helpers fetched with the child (no query for the household)."""
    return child.zone()


def listing(queryset: QuerySet[Entry]) -> QuerySet[Entry]:
    """What a list of entries shows, fetched in a fixed number of queries."""
    return queryset.select_related("counterpart", "corrects").prefetch_related(
        Prefetch(
            "attachments",
            queryset=Attachment.objects.order_by("filename"),
            to_attr="listed_attachments",
        ),
        Prefetch(
            "corrections",
            queryset=Entry.objects.only("id", "seq", "corrects_id"),
            to_attr="listed_corrections",
        ),
    )
