"""Trials of a team proposal on measured terms (move 3)."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.children.school_calendar import SchoolCalendar


def review_date(start: date, weeks: int, calendar: SchoolCalendar) -> date:
    """Start + 7 x weeks days, moved to the next school day if that day is not one
    (docs/api.md, trials)."""
    return calendar.next_school_day(start + timedelta(days=7 * weeks))


def during(points, start: date, end: date) -> list:
    """The points measured within the trial, oldest first."""
    return [p for p in points if start <= p.date <= end]


def summary(points, baseline: float | None) -> dict:
    """What the data says so far, in numbers the parent can bring to the review."""
    values = [p.value for p in points]
    if not values:
        return {"count": 0}
    first, last = values[0], values[-1]
    result = {
        "count": len(values),
        "first": first,
        "last": last,
        "average": sum(values) / len(values),
        "change": last - first,
    }
    if baseline is not None:
        result["against_baseline"] = last - baseline
    return result
