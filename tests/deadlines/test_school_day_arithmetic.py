"""The school calendar counts school days arithmetically (weekdays less the breaks, as
merged intervals, less the closed federal holidays outside them): every answer must be the
one a day-by-day count gives, over random calendars with overlapping, touching, empty and
summer-long breaks, holidays the district teaches on, and spans across weekends and years."""

import random
from datetime import date, timedelta

import pytest

from playbook.children.school_calendar import (
    SchoolCalendar,
    _weekday_after,
    _weekday_before,
    federal_holiday_name,
    federal_holiday_names,
    weekdays_between,
)

CALENDARS = 60


class DayByDay:
    """The counts as the calendar made them before: one day at a time."""

    def __init__(self, breaks, in_session):
        self.breaks = list(breaks)
        self.in_session = frozenset(in_session)

    def is_school_day(self, day: date) -> bool:
        name = federal_holiday_name(day)
        closed = bool(name) and name not in self.in_session
        in_break = any(start <= day <= end for start, end in self.breaks)
        return day.weekday() < 5 and not closed and not in_break

    def between(self, start: date, end: date) -> int:
        days = (end - start).days + 1
        return sum(self.is_school_day(start + timedelta(days=n)) for n in range(max(days, 0)))

    def add(self, start: date, days: int) -> date:
        day, remaining = start, days
        for _ in range(days * 7 + 3660):
            if remaining == 0:
                return day
            day += timedelta(days=1)
            if self.is_school_day(day):
                remaining -= 1
        raise ValueError("no school days left")

    def before(self, day: date, days: int) -> date:
        for _ in range(days * 7 + 3660):
            if days == 0:
                return day
            day -= timedelta(days=1)
            if self.is_school_day(day):
                days -= 1
        raise ValueError("no school days left")

    def next(self, day: date) -> date:
        while not self.is_school_day(day):
            day += timedelta(days=1)
        return day


def _random_calendar(rng: random.Random) -> tuple[list[tuple[date, date]], list[str]]:
    breaks = []
    first = date(2024, 8, 1)
    for _ in range(rng.randint(0, 12)):
        start = first + timedelta(days=rng.randint(0, 900))
        length = rng.choice([0, 1, 2, 4, 6, 9, 13, 20, 75, -1])  # -1: an empty break
        breaks.append((start, start + timedelta(days=length)))
    if breaks and rng.random() < 0.3:  # a break that starts the day after another ends
        start, end = rng.choice(breaks)
        breaks.append((end + timedelta(days=1), end + timedelta(days=rng.randint(0, 5))))
    names = federal_holiday_names()
    in_session = rng.sample(names, rng.randint(0, len(names)))
    return breaks, in_session


def _random_day(rng: random.Random) -> date:
    return date(2024, 6, 1) + timedelta(days=rng.randint(0, 1200))


@pytest.mark.parametrize("seed", range(CALENDARS))
def test_counts_match_a_day_by_day_count(seed):
    rng = random.Random(seed)
    breaks, in_session = _random_calendar(rng)
    calendar = SchoolCalendar(breaks, in_session=in_session)
    reference = DayByDay(breaks, in_session)
    for _ in range(40):
        start = _random_day(rng)
        end = start + timedelta(days=rng.randint(-3, 500))
        assert calendar.school_days_between(start, end) == reference.between(start, end)
        days = rng.choice([0, 1, 2, 3, 5, 10, 15, 30, 45, 60, 90])
        assert calendar.add_school_days(start, days) == reference.add(start, days)
        assert calendar.school_days_before(start, days) == reference.before(start, days)
        assert calendar.next_school_day(start) == reference.next(start)
        assert calendar.in_break(start) == any(s <= start <= e for s, e in breaks)


def test_a_holiday_inside_a_break_is_not_taken_off_twice():
    # Thanksgiving week off: Thursday 26 Nov 2026 is both a holiday and in the break.
    calendar = SchoolCalendar([(date(2026, 11, 23), date(2026, 11, 27))])
    assert calendar.school_days_between(date(2026, 11, 16), date(2026, 12, 4)) == 10


def test_a_calendar_with_no_school_days_left_says_so_as_before():
    breaks = [(date(2026, 1, 1), date(2060, 1, 1))]
    calendar = SchoolCalendar(breaks)
    reference = DayByDay(breaks, ())
    for days in (1, 10):
        with pytest.raises(ValueError):
            reference.add(date(2026, 3, 2), days)
        with pytest.raises(ValueError):
            calendar.add_school_days(date(2026, 3, 2), days)
        with pytest.raises(ValueError):
            reference.before(date(2059, 3, 2), days)
        with pytest.raises(ValueError):
            calendar.school_days_before(date(2059, 3, 2), days)
    with pytest.raises(ValueError):
        calendar.add_school_days(date(2026, 3, 2), -1)
    with pytest.raises(ValueError):
        calendar.school_days_before(date(2026, 3, 2), -1)


def test_weekdays_between_every_start_and_length():
    for start in (date(2026, 3, 2) + timedelta(days=n) for n in range(7)):
        for length in range(-2, 30):
            end = start + timedelta(days=length)
            expected = sum(
                (start + timedelta(days=n)).weekday() < 5 for n in range(max(length + 1, 0))
            )
            assert weekdays_between(start, end) == expected


def test_the_nth_weekday_either_way_from_every_day_of_the_week():
    for day in (date(2026, 3, 2) + timedelta(days=n) for n in range(7)):
        after = before = day
        for count in range(1, 30):
            after += timedelta(days=1)
            while after.weekday() >= 5:
                after += timedelta(days=1)
            before -= timedelta(days=1)
            while before.weekday() >= 5:
                before -= timedelta(days=1)
            assert _weekday_after(day, count) == after
            assert _weekday_before(day, count) == before


@pytest.mark.parametrize("step", ["_weekday_after", "_weekday_before"])
def test_a_jump_that_stops_moving_fails_rather_than_counting_forever(monkeypatch, step):
    """The jumps end because each one moves; a step broken so that it stays put must fail
    the suite, not hang it (there is no timeout to stop it)."""
    from playbook.children import school_calendar

    monkeypatch.setattr(school_calendar, step, lambda day, count: day)
    calendar = SchoolCalendar([])
    with pytest.raises(AssertionError, match="never ends"):
        if step == "_weekday_after":
            calendar.add_school_days(date(2026, 12, 1), 10)
        else:
            calendar.school_days_before(date(2026, 12, 1), 10)
