"""School days, business days and calendar days (34 CFR § 300.11).

A school day here is a weekday that is not a US federal holiday and not inside one of the
child's school breaks. A business day is a weekday that is not a federal holiday.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.US(years=year, observed=True).keys())


def is_federal_holiday(day: date) -> bool:
    return day in _federal_holidays(day.year)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and not is_federal_holiday(day)


class SchoolCalendar:
    """The child's school calendar: weekdays, less federal holidays and the child's breaks."""

    def __init__(self, breaks: Iterable[tuple[date, date]] = ()) -> None:
        self.breaks = sorted((start, end) for start, end in breaks)
        self._school_days: dict[date, bool] = {}  # the ledger asks about a year, per service

    @classmethod
    def for_child(cls, child) -> SchoolCalendar:
        """One query for the child's breaks (none if they were prefetched)."""
        return cls((b.start, b.end) for b in child.breaks.all())

    def in_break(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.breaks)

    def is_school_day(self, day: date) -> bool:
        known = self._school_days.get(day)
        if known is None:
            known = self._school_days[day] = is_business_day(day) and not self.in_break(day)
        return known

    def add_school_days(self, start: date, days: int) -> date:
        """The date ``days`` school days after ``start`` (``start`` itself not counted)."""
        return _step(start, days, self.is_school_day)

    def next_school_day(self, day: date) -> date:
        """``day`` itself if it is a school day, else the first school day after it."""
        while not self.is_school_day(day):
            day += timedelta(days=1)
        return day

    def school_days_between(self, start: date, end: date) -> int:
        """School days in [start, end], both included."""
        return sum(
            1
            for offset in range((end - start).days + 1)
            if self.is_school_day(start + timedelta(days=offset))
        )


def add_business_days(start: date, days: int) -> date:
    return _step(start, days, is_business_day)


def add_calendar_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def _step(start: date, days: int, counts) -> date:
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    # A generous bound: no legal clock spans more than a few years of days.
    for _ in range(days * 7 + 3660):
        if remaining == 0:
            return day
        day += timedelta(days=1)
        if counts(day):
            remaining -= 1
    raise ValueError("the school calendar has no school days left in range")
