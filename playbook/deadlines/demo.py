"""Demo data for the deadlines part: the demo child's school breaks for this school year."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.children.models import SchoolBreak


def _thanksgiving(year: int) -> date:
    first = date(year, 11, 1)
    first_thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    return first_thursday + timedelta(weeks=3)


def _monday_of_week(day: date) -> date:
    return day - timedelta(days=day.weekday())


def add_demo(child, today: date) -> None:
    start_year = today.year if today.month >= child.school_year_start_month else today.year - 1
    thanksgiving = _thanksgiving(start_year)
    spring = _monday_of_week(date(start_year + 1, 4, 7))
    breaks = [
        ("Thanksgiving break", thanksgiving - timedelta(days=1), thanksgiving + timedelta(days=1)),
        ("Winter break", date(start_year, 12, 21), date(start_year + 1, 1, 1)),
        ("Spring break", spring, spring + timedelta(days=4)),
        ("Summer", date(start_year + 1, 6, 12), date(start_year + 1, 8, 19)),
    ]
    for name, start, end in breaks:
        SchoolBreak.objects.get_or_create(child=child, name=name, start=start, end=end)
