"""What the meeting prep pack reads of its agenda, as rows (issue 13).

The pack shows a few columns of each concern, its evidence, its data series and their
points (about 90 on the seed's big child): read as model instances through prefetches,
each row cost a model ``__init__`` and two or three UUIDs made from text that the pack
never shows. Here the same rows, in the same order, from ``values_list``: one query each
for the concerns, their evidence, their series and the series' points, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from playbook.advocacy.models import Concern, Evidence

from .models import DataSeries, Measurement, Meeting


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
    evidence: list = field(default_factory=list)  # (text, date) named rows
    data_series: list[Series] = field(default_factory=list)


def agenda_for(meeting: Meeting) -> list[AgendaItem]:
    """The concerns on the meeting's agenda; when none was picked, every open concern of
    the child (the pack brings them all). Each with its evidence and its data series."""
    columns = ("pk", "title", "details", "request")
    concerns = list(meeting.agenda.values_list(*columns))
    if not concerns:
        concerns = list(
            Concern.objects.filter(
                child_id=meeting.child_id, status=Concern.Status.OPEN
            ).values_list(*columns)
        )
    if not concerns:
        return []
    items = {pk: AgendaItem(title, details, request) for pk, title, details, request in concerns}
    evidence = Evidence.objects.filter(concern__in=items).values_list(
        "concern_id", "text", "date", named=True
    )
    for row in evidence:
        items[row.concern_id].evidence.append(row)
    series = {}
    for concern_id, pk, *facts in DataSeries.objects.filter(concern__in=items).values_list(
        "concern_id", "pk", "name", "unit", "baseline", "goal"
    ):
        series[pk] = Series(pk, *facts)
        items[concern_id].data_series.append(series[pk])
    if series:
        points = Measurement.objects.filter(series__in=series).values_list(
            "series_id", "date", "value", "note", named=True
        )
        for point in points:
            series[point.series_id].points.append(point)
    return list(items.values())
