"""What the prep pack reads of its agenda (playbook.meetings.pack) is what it read as models
through prefetches: the same concerns, evidence, series and points, in the same order."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Prefetch

from playbook.advocacy.models import Concern, Evidence
from playbook.meetings.models import DataSeries, Measurement, Meeting
from playbook.meetings.pack import agenda_for


def as_models(concerns) -> list:
    """The agenda as the pack read it before (its prefetches), as plain values."""
    rows = concerns.prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("position", "id")),
        Prefetch("data_series", queryset=DataSeries.objects.prefetch_related("points")),
    )
    return [
        (c.title, c.details, c.request, [(e.text, e.date) for e in c.evidence.all()],
         [(s.pk, s.name, s.unit, s.baseline, s.goal,
           [(p.date, p.value, p.note) for p in s.points.all()]) for s in c.data_series.all()])
        for c in rows
    ]  # fmt: skip


def as_rows(agenda) -> list:
    return [
        (c.title, c.details, c.request, [(e.text, e.date) for e in c.evidence],
         [(s.pk, s.name, s.unit, s.baseline, s.goal,
           [(p.date, p.value, p.note) for p in s.points]) for s in c.data_series])
        for c in agenda
    ]  # fmt: skip


def concerns(child, n: int, **fields) -> list:
    made = []
    for i in range(n):
        concern = Concern.objects.create(
            child=child, title=f"Concern {i}", details=f"d{i}", **fields
        )
        for position in (2, 0, 1)[: i % 4]:  # none, then out of order
            Evidence.objects.create(
                concern=concern, text=f"e{position}", position=position,
                date=date(2026, 9, 1 + position) if position else None,
            )  # fmt: skip
        for k in range(i % 3):
            series = DataSeries.objects.create(
                child=child, concern=concern, name=f"S{2 - k} {i}", unit="u",
                baseline=1.5 if k else None, goal=None if k else 9,
            )  # fmt: skip
            for day in range(k * 2):  # a series without points, one with two
                Measurement.objects.create(
                    series=series, date=date(2026, 10, 9) - timedelta(days=day), value=day
                )
        made.append(concern)
    return made


def test_the_agenda_is_what_the_prefetches_read(child):
    picked = concerns(child, 6)
    concerns(child, 2)  # not on the agenda
    meeting = Meeting.objects.create(child=child)
    meeting.agenda.add(*picked)
    rows = as_rows(agenda_for(meeting))
    assert rows == as_models(meeting.agenda.all())
    assert len(rows) == 6 and sum(len(c[3]) for c in rows) == 7


def test_without_an_agenda_it_brings_every_open_concern(child):
    concerns(child, 5)
    concerns(child, 2, status=Concern.Status.RESOLVED)
    meeting = Meeting.objects.create(child=child)
    rows = as_rows(agenda_for(meeting))
    assert rows == as_models(Concern.objects.filter(child=child, status="open"))
    assert len(rows) == 5
