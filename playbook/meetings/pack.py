"""What the meeting prep pack reads of its agenda, as rows (issue 13).

The pack shows a few columns of each concern, its evidence, its data series and their
points (about 90 on the seed's big child): read as model instances through prefetches,
each row cost a model ``__init__`` and two or three UUIDs made from text that the pack
never shows. Here the same rows, in the same order, from ``values_list``: one query for
the concerns with their evidence joined, one for their series and one for the series'
points (four before).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from playbook.advocacy.models import Concern

from .models import DataSeries, Measurement, Meeting


class Evidence(NamedTuple):
    text: str
    date: date | None


@dataclass
class Series:
    pk: object
    name: str
    unit: str
    baseline: float | None
    goal: float | None
    points: list = field(default_factory=list)  # (date, value, note) named rows


@dataclass
class AgendaItem:
    title: str
    details: str
    request: str
    evidence: list[Evidence] = field(default_factory=list)
    data_series: list[Series] = field(default_factory=list)


def agenda_for(meeting: Meeting) -> list[AgendaItem]:
    """The concerns on the meeting's agenda; when none was picked, every open concern of
    the child (the pack brings them all). Each with its evidence and its data series."""
    concerns = _with_evidence(meeting.agenda.all())
    if not concerns:
        open_ones = Concern.objects.filter(child_id=meeting.child_id, status=Concern.Status.OPEN)
        concerns = _with_evidence(open_ones)
    if not concerns:
        return []
    series = {}
    for concern_id, pk, *facts in DataSeries.objects.filter(concern__in=concerns).values_list(
        "concern_id", "pk", "name", "unit", "baseline", "goal"
    ):
        series[pk] = Series(pk, *facts)
        concerns[concern_id].data_series.append(series[pk])
    if series:
        points = Measurement.objects.filter(series__in=series).values_list(
            "series_id", "date", "value", "note", named=True
        )
        for point in points:
            series[point.series_id].points.append(point)
    return list(concerns.values())


def _with_evidence(concerns) -> dict:
    """The concerns by id, in their order, each with its evidence in its order: one query,
    the evidence joined (a concern without any comes once, with no text)."""
    rows = concerns.order_by("-created_at", "evidence__position", "evidence__id").values_list(
        "pk", "title", "details", "request", "evidence__text", "evidence__date"
    )
    items: dict = {}
    for pk, title, details, request, text, day in rows:
        item = items.get(pk)
        if item is None:
            item = items[pk] = AgendaItem(title, details, request)
        if text is not None:  # evidence always has its text
            item.evidence.append(Evidence(text, day))
    return items
