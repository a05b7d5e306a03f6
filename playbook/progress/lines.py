"""Each goal's line for the year: the baseline at the IEP's start, the target at its end,
the straight line between them that progress should follow, the reported values on it, and
the flags a parent should see (issue 16)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_noop

from playbook.children.models import IEP, Goal
from playbook.iep_import.measures import Measure, first_measure, goal_target

from .models import ProgressEntry, Status

NO_BASELINE = "no baseline"
NO_TARGET = "no measurable target"
BELOW_TWICE = "two reports in a row below the line"
NO_NUMBER = "progress reported with no number"
# English here (the binder's words); the goals page and the API give them in the reader's
# language.
FLAG_WORDS = {
    NO_BASELINE: gettext_noop(
        "The IEP gives no baseline number for this goal, so progress cannot be "
        "measured from where your child started."
    ),
    NO_TARGET: gettext_noop(
        "The goal has no number to reach (a percentage, a score, a rate), so no one "
        "can tell whether it was met."
    ),
    BELOW_TWICE: gettext_noop(
        "Two reports in a row fall below the line progress should follow to reach "
        "the goal by the end of the IEP."
    ),
    NO_NUMBER: gettext_noop(
        "A report says your child is progressing but gives no number to show it."
    ),
}
WORDY = {Status.MAKING_PROGRESS, Status.EMERGING, Status.MASTERED}


@dataclass
class Point:
    day: date
    value: float | None
    unit: str
    status: str
    words: str
    below: bool = False


@dataclass
class OwnData:
    """The parent's own data series linked to the goal (issue 16), read through the goal's
    reverse relation (the series live in a higher app): its name, unit and points."""

    series_id: object
    name: str
    unit: str
    points: list[tuple[date, float]]


@dataclass
class GoalLine:
    goal: Goal
    start: date
    end: date
    baseline: Measure | None
    target: Measure | None
    points: list[Point] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    own: OwnData | None = None

    @property
    def unit(self) -> str:
        return self.target.unit if self.target else ""

    @property
    def measurable(self) -> bool:
        return self.baseline is not None and self.target is not None

    def expected(self, day: date) -> float | None:
        """Where the value should be on ``day`` to reach the target by the end."""
        if not self.measurable:
            return None
        span = (self.end - self.start).days or 1
        share = min(max((day - self.start).days / span, 0.0), 1.0)
        return self.baseline.value + (self.target.value - self.baseline.value) * share

    def charted(self) -> list[Point]:
        """The points on the target's scale, oldest first."""
        return [p for p in self.points if p.value is not None and p.unit == self.unit]


def goal_line(goal: Goal, iep: IEP, entries: list[ProgressEntry]) -> GoalLine:
    target = goal_target(goal.text)
    baseline = first_measure(goal.baseline, target.unit if target else None)
    line = GoalLine(goal, iep.start_date, iep.end_date, baseline, target)
    line.points = [
        Point(e.date, e.value, e.unit, e.status, e.school_words)
        for e in sorted(entries, key=lambda e: e.date)
    ]
    if baseline is None:
        line.flags.append(NO_BASELINE)
    if target is None:
        line.flags.append(NO_TARGET)
    rising = line.measurable and target.value >= baseline.value
    behind_in_a_row = 0
    for point in line.charted():
        expected = line.expected(point.day)
        if expected is None:
            break
        point.below = point.value < expected if rising else point.value > expected
        behind_in_a_row = behind_in_a_row + 1 if point.below else 0
        if behind_in_a_row == 2 and BELOW_TWICE not in line.flags:
            line.flags.append(BELOW_TWICE)
    if any(p.value is None and p.status in WORDY for p in line.points):
        line.flags.append(NO_NUMBER)
    line.own = _own_data(goal)
    return line


def _own_data(goal: Goal) -> OwnData | None:
    series = next(iter(goal.own_series.all()), None)
    if series is None:
        return None
    return OwnData(
        series.pk, series.name, series.unit, [(p.date, p.value) for p in series.points.all()]
    )


def goal_lines(iep: IEP) -> list[GoalLine]:
    """Every goal of the IEP with its line, flags and the parent's own data: four queries."""
    goals = list(iep.goals.order_by("position").prefetch_related("own_series__points"))
    entries: dict = {}
    for entry in ProgressEntry.objects.filter(goal__iep=iep).select_related("report"):
        entries.setdefault(entry.goal_id, []).append(entry)
    return [goal_line(goal, iep, entries.get(goal.pk, [])) for goal in goals]
