"""School days, business days and calendar days (34 CFR § 300.11).

A business day is Monday to Friday except federal and state holidays (§ 300.11(b)); the
state's holidays come from the ``holidays`` package for the child's state.

A school day is a day children attend for instruction (§ 300.11(c)): the district calendar
decides, not the federal holiday list. Here it is a weekday outside the child's school
breaks and outside the federal holidays, except the holidays the parent marked "school in
session" (many districts teach on Columbus Day or Veterans Day).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

OBSERVED = " (observed)"


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> dict[date, str]:
    return dict(holidays.US(years=year, observed=True).items())


@lru_cache(maxsize=256)
def _state_holidays(state: str, year: int) -> frozenset[date]:
    if not state or state not in holidays.US.subdivisions:
        return frozenset()
    return frozenset(holidays.US(subdiv=state, years=year, observed=True).keys())


def federal_holiday_name(day: date) -> str:
    """The holiday's name without "(observed)", or "" on an ordinary day."""
    name = _federal_holidays(day.year).get(day, "")
    return name.replace(OBSERVED, "")


def federal_holiday_names() -> list[str]:
    """The federal holidays a parent can mark as school days, in calendar order."""
    days = sorted(_federal_holidays(2026).items())
    return [name for name in dict.fromkeys(n for _, n in days) if OBSERVED not in name]


def is_federal_holiday(day: date) -> bool:
    return day in _federal_holidays(day.year)


def is_business_day(day: date, state: str = "") -> bool:
    """Monday to Friday, not a federal holiday and not one of ``state``'s holidays."""
    return (
        day.weekday() < 5
        and not is_federal_holiday(day)
        and day not in _state_holidays(state, day.year)
    )


class SchoolCalendar:
    """The child's school calendar: weekdays, less the child's breaks and the federal
    holidays school is closed on; ``state`` for business days."""

    def __init__(
        self,
        breaks: Iterable[tuple[date, date]] = (),
        *,
        state: str = "",
        in_session: Iterable[str] = (),
    ) -> None:
        self.breaks = sorted((start, end) for start, end in breaks)
        self.state = state
        self.in_session = frozenset(in_session)  # federal holiday names school is open on
        self._school_days: dict[date, bool] = {}  # the ledger asks about a year, per service
        self._ranges: dict[tuple[date, date], tuple[date, ...]] = {}

    @classmethod
    def for_child(cls, child) -> SchoolCalendar:
        """One query for the child's breaks (none if they were prefetched)."""
        return cls(
            ((b.start, b.end) for b in child.breaks.all()),
            state=child.state,
            in_session=child.holidays_in_session or (),
        )

    def in_break(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.breaks)

    def closed_for_holiday(self, day: date) -> bool:
        name = federal_holiday_name(day)
        return bool(name) and name not in self.in_session

    def is_school_day(self, day: date) -> bool:
        known = self._school_days.get(day)
        if known is None:
            known = self._school_days[day] = (
                day.weekday() < 5 and not self.closed_for_holiday(day) and not self.in_break(day)
            )
        return known

    def school_days_in(self, first: date, last: date) -> tuple[date, ...]:
        """The school days in [first, last], in order. The ledger asks this for the same
        window once per service (and twice per line): the list is made once per calendar."""
        key = (first, last)
        known = self._ranges.get(key)
        if known is None:
            known = self._ranges[key] = tuple(
                first + timedelta(days=offset)
                for offset in range((last - first).days + 1)
                if self.is_school_day(first + timedelta(days=offset))
            )
        return known

    def is_business_day(self, day: date) -> bool:
        return is_business_day(day, self.state)

    def add_school_days(self, start: date, days: int) -> date:
        """The date ``days`` school days after ``start`` (``start`` itself not counted)."""
        return _step(start, days, self.is_school_day)

    def add_business_days(self, start: date, days: int) -> date:
        return add_business_days(start, days, self.state)

    def school_days_before(self, day: date, days: int) -> date:
        """The school day ``days`` school days before ``day`` (``day`` itself not counted)."""
        for _ in range(days * 7 + 3660):
            if days == 0:
                return day
            day -= timedelta(days=1)
            if self.is_school_day(day):
                days -= 1
        raise ValueError("the school calendar has no school days left in range")

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


def add_business_days(start: date, days: int, state: str = "") -> date:
    return _step(start, days, lambda day: is_business_day(day, state))


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
