"""School days, business days and calendar days (34 CFR § 300.11).

A business day is Monday to Friday except federal and state holidays (§ 300.11(b)); the
state's holidays come from the ``holidays`` package for the child's state.

A school day is a day children attend for instruction (§ 300.11(c)): the district calendar
decides, not the federal holiday list. Here it is a weekday outside the child's school
breaks and outside the federal holidays, except the holidays the parent marked "school in
session" (many districts teach on Columbus Day or Veterans Day).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
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
    holidays school is closed on; ``state`` for business days.

    School days are counted arithmetically, not day by day: the weekdays of a span, less
    the weekdays of the breaks in it (merged, sorted intervals) and the closed federal
    holidays outside them (``tests/deadlines/test_school_day_arithmetic.py`` holds every
    count to the day-by-day one over random calendars)."""

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
        self._closed = _merged(self.breaks)
        self._closed_starts = [start for start, _ in self._closed]
        self._holidays: dict[int, list[date]] = {}
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
        return self._break_around(day) is not None

    def _break_around(self, day: date) -> tuple[date, date] | None:
        """The break ``day`` falls in (overlapping breaks joined), if any."""
        index = bisect_right(self._closed_starts, day) - 1
        if index >= 0 and day <= self._closed[index][1]:
            return self._closed[index]
        return None

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
        if days < 0:
            raise ValueError("days must not be negative")
        last = start + timedelta(days=days * 7 + 3659)  # as far as a day-by-day count looked
        day, remaining = start, days
        while remaining > 0:
            # No school day comes sooner than the remaining-th weekday: if the span up to
            # it holds them all, that weekday is the date; else count on from it.
            probe = _weekday_after(day, remaining)
            assert probe > day, "each jump moves forward, or the count never ends"
            if probe > last:
                raise ValueError("the school calendar has no school days left in range")
            remaining -= self.school_days_between(day + timedelta(days=1), probe)
            day = probe
        return day

    def add_business_days(self, start: date, days: int) -> date:
        return add_business_days(start, days, self.state)

    def school_days_before(self, day: date, days: int) -> date:
        """The school day ``days`` school days before ``day`` (``day`` itself not counted)."""
        if days < 0:
            raise ValueError("the school calendar has no school days left in range")
        first = day - timedelta(days=days * 7 + 3659)  # as far as a day-by-day count looked
        remaining = days
        while remaining > 0:
            probe = _weekday_before(day, remaining)
            assert probe < day, "each jump moves back, or the count never ends"
            if probe < first:
                raise ValueError("the school calendar has no school days left in range")
            remaining -= self.school_days_between(probe, day - timedelta(days=1))
            day = probe
        return day

    def next_school_day(self, day: date) -> date:
        """``day`` itself if it is a school day, else the first school day after it."""
        while not self.is_school_day(day):
            closed = self._break_around(day)
            day = (closed[1] if closed else day) + timedelta(days=1)
        return day

    def school_days_between(self, start: date, end: date) -> int:
        """School days in [start, end], both included."""
        if end < start:
            return 0
        count = weekdays_between(start, end)
        index = max(bisect_right(self._closed_starts, start) - 1, 0)
        while index < len(self._closed) and self._closed[index][0] <= end:
            first, last = self._closed[index]
            count -= weekdays_between(max(first, start), min(last, end))
            index += 1
        for year in range(start.year, end.year + 1):
            closed = self._holidays_off(year)
            count -= bisect_right(closed, end) - bisect_left(closed, start)
        return count

    def _holidays_off(self, year: int) -> list[date]:
        """The weekdays of ``year`` school is closed for a federal holiday, outside the
        breaks (a break's days are taken off already), in order."""
        known = self._holidays.get(year)
        if known is None:
            known = self._holidays[year] = sorted(
                day
                for day in _federal_holidays(year)
                if day.year == year  # where `federal_holiday_name` looks it up
                and day.weekday() < 5
                and self.closed_for_holiday(day)
                and not self.in_break(day)
            )
        return known


def _merged(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Sorted spans as the days they cover: overlapping and touching ones joined, empty
    ones (an end before the start) left out."""
    merged: list[tuple[date, date]] = []
    for start, end in spans:
        if end < start:
            continue
        if merged and start <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def weekdays_between(start: date, end: date) -> int:
    """Mondays to Fridays in [start, end], both included."""
    days = (end - start).days + 1
    if days <= 0:
        return 0
    weeks, rest = divmod(days, 7)
    return weeks * 5 + _WEEKDAYS_IN[start.weekday()][rest]


# _WEEKDAYS_IN[first][n]: the weekdays among n days (fewer than 7) from weekday ``first``.
_WEEKDAYS_IN = [
    [sum((first + offset) % 7 < 5 for offset in range(n)) for n in range(7)] for first in range(7)
]


def _weekday_after(day: date, count: int) -> date:
    """The ``count``-th weekday after ``day`` (``count`` at least 1)."""
    weekday = day.weekday()
    if weekday >= 5:  # from a weekend day, as from the Friday before it
        day, weekday = day - timedelta(days=weekday - 4), 4
    weeks, rest = divmod(count, 5)
    skip = 2 if rest and weekday + rest > 4 else 0
    return day + timedelta(days=7 * weeks + rest + skip)


def _weekday_before(day: date, count: int) -> date:
    """The ``count``-th weekday before ``day`` (``count`` at least 1)."""
    weekday = day.weekday()
    if weekday >= 5:  # from a weekend day, as from the Monday after it
        day, weekday = day + timedelta(days=7 - weekday), 0
    weeks, rest = divmod(count, 5)
    skip = 2 if rest and weekday - rest < 0 else 0
    return day - timedelta(days=7 * weeks + rest + skip)


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
