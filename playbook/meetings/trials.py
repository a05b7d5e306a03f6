"""Trials of a team proposal on measured terms (move 3), and the one write for a trial
and for a data point, from the pages and the API alike (decision 0037)."""

from __future__ import annotations

import math
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_noop

from playbook.children.models import SchoolBreak
from playbook.children.school_calendar import SchoolCalendar

from .models import DataSeries, Measurement, Trial

#: A school week is five school days: a trial of six weeks runs thirty school days, so a
#: break or a holiday inside it is not counted as time the proposal was tried.
SCHOOL_DAYS_PER_WEEK = 5


def review_date(start: date, weeks: int, calendar: SchoolCalendar) -> date:
    """The school day after ``weeks`` school weeks (5 school days each) counted from the
    first school day on or after ``start``: breaks and holidays inside the trial are
    skipped (docs/api.md, trials; decision 0037)."""
    first = calendar.next_school_day(start)
    return calendar.add_school_days(first, SCHOOL_DAYS_PER_WEEK * weeks)


def breaks_inside(trial: Trial) -> list[SchoolBreak]:
    """The child's entered breaks that fall (at least partly) between the trial's start and
    its review."""
    return list(
        SchoolBreak.objects.filter(
            child_id=trial.child_id, start__lt=trial.review_date, end__gte=trial.start_date
        ).order_by("start")
    )


def school_weeks_review(trial: Trial, calendar: SchoolCalendar | None = None) -> date:
    """The review date that gives the trial its full number of school weeks."""
    calendar = calendar or SchoolCalendar.for_child(trial.child)
    return review_date(trial.start_date, trial.weeks, calendar)


def extension(trial: Trial, calendar: SchoolCalendar | None = None) -> dict | None:
    """When a break falls inside the trial and its review date comes before the trial has
    had its school weeks: ``{breaks, review_date}`` with the date to extend the review to.
    None when the trial already has its full school weeks (or no break falls inside)."""
    breaks = breaks_inside(trial)
    if not breaks:
        return None
    full = school_weeks_review(trial, calendar)
    if full <= trial.review_date:
        return None
    return {"breaks": breaks, "review_date": full}


def school_days_run(trial: Trial, calendar: SchoolCalendar | None = None) -> int:
    """The school days from the start to the day before the review."""
    calendar = calendar or SchoolCalendar.for_child(trial.child)
    return calendar.school_days_between(trial.start_date, trial.review_date - timedelta(days=1))


def success(trial: Trial) -> str:
    """The series' goal stated measurably ("times he left the room at or below 1 per
    week"), or "" when no goal is set."""
    series = trial.series
    if series is None or series.goal is None:
        return ""
    start = baseline(trial)
    goal = f"{series.goal:g} {series.unit}".strip()
    if start is not None and series.goal < start:
        return f"{series.name} at or below {goal}"
    return f"{series.name} at or above {goal}"


def baseline_source(trial: Trial) -> str:
    """How the baseline was found: "entered" (on the series) or "measured" (its points)."""
    if trial.series is None:
        return ""
    return "entered" if trial.series.baseline is not None else "measured"


def baseline(trial: Trial) -> float | None:
    """Where the trial starts from: the series' entered baseline, else the first point
    measured on or before the start (else the first point of all)."""
    series = trial.series
    if series is None:
        return None
    if series.baseline is not None:
        return series.baseline
    points = list(series.points.all())
    before = [p for p in points if p.date <= trial.start_date]
    if before:
        return before[-1].value
    return points[0].value if points else None


def save_trial(trial: Trial, *, calendar: SchoolCalendar | None = None) -> Trial:
    """The one write for a trial (new or changed), from the pages and the API. Derives the
    review date when it is empty (school weeks); refuses a review on or before the start,
    weeks outside 1 to 52, and a concern or data series of another child (ValidationError
    keyed by field)."""
    if not 1 <= (trial.weeks or 0) <= 52:
        raise ValidationError({"weeks": "Choose between 1 and 52 weeks."})
    for name in ("concern", "series"):
        linked = getattr(trial, name)
        if linked is not None and linked.child_id != trial.child_id:
            raise ValidationError({name: f"That {name} belongs to another child."})
    if trial.review_date is None:
        calendar = calendar or SchoolCalendar.for_child(trial.child)
        trial.review_date = review_date(trial.start_date, trial.weeks, calendar)
    elif trial.review_date <= trial.start_date:
        raise ValidationError({"review_date": "The review must come after the start date."})
    trial.save()
    return trial


def link_series(trial: Trial, series: DataSeries | None) -> Trial:
    """Link the trial to the data series that tracks it (or unlink it with None)."""
    trial.series = series
    return save_trial(trial)


def delete_trial(trial: Trial) -> None:
    """Remove a trial recorded by mistake. Letters already drafted from it keep their
    text; the meetings that reviewed it lose the link (SET_NULL)."""
    with transaction.atomic():
        trial.delete()


# A data point records a measurement taken: on or before the family's today (decision 0123).
MEASURED_LATER = gettext_noop("That date has not come yet. Use the day it was measured.")


def save_point(point: Measurement) -> Measurement:
    """The one write for a data point (new or changed), from the pages and the API."""
    if point.value is None or not math.isfinite(point.value):
        raise ValidationError({"value": "Enter a number."})
    if point.date is None:
        raise ValidationError({"date": "Give the date it was measured."})
    if point.date > point.series.child.today() and _date_changed(point):
        raise ValidationError({"date": gettext(MEASURED_LATER)})
    point.save()
    return point


def _date_changed(point: Measurement) -> bool:
    # A point saved before this rule with a later date can still have its value corrected.
    if point._state.adding:
        return True
    stored = Measurement.objects.filter(pk=point.pk).values_list("date", flat=True).first()
    return stored != point.date


def delete_point(point: Measurement) -> None:
    point.delete()


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
        result["from_baseline"] = abs(last - baseline)
    return result
