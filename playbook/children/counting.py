"""Turning a rule into a date: calendar, school and business days, months and years
(34 CFR § 300.11), and the state clocks that skip breaks or the summer."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.children.school_calendar import SchoolCalendar

from .deadline_rules import Rule

SUMMER_DAYS = 28  # a break this long or longer is the summer break


def add_years(day: date, years: int) -> date:
    """The same date ``years`` later; 29 February becomes 28 February, so a clock that
    runs "at least once every N years" never lands after the true anniversary."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later, or the month's last day if shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def long_breaks(calendar: SchoolCalendar, min_school_days: int) -> list[tuple[date, date]]:
    """Breaks that would have had more than ``min_school_days`` school days without them."""
    plain = SchoolCalendar()
    return [
        (start, end)
        for start, end in calendar.breaks
        if plain.school_days_between(start, end) > min_school_days
    ]


def _with_weekends(span: tuple[date, date]) -> tuple[date, date]:
    """The break with the weekend days right before and after it."""
    start, end = span
    while (start - timedelta(days=1)).weekday() >= 5:
        start -= timedelta(days=1)
    while (end + timedelta(days=1)).weekday() >= 5:
        end += timedelta(days=1)
    return start, end


def summer_breaks(calendar: SchoolCalendar) -> list[tuple[date, date]]:
    return [(s, e) for s, e in calendar.breaks if (e - s).days + 1 >= SUMMER_DAYS]


def _calendar_days_skipping(start: date, days: int, skipped) -> date:
    day, remaining = start, days
    for _ in range(days + 3660):
        if remaining == 0:
            return day
        day += timedelta(days=1)
        if not skipped(day):
            remaining -= 1
    raise ValueError("no countable days left in range")


def due_after(start: date, rule: Rule, calendar: SchoolCalendar) -> date:
    """The date the rule's clock runs out, counting from ``start`` (not itself counted)."""
    if rule.unit == "years":
        return add_years(start, rule.amount)
    if rule.unit == "months":
        return add_months(start, rule.amount)
    if rule.counting == "school":
        return calendar.add_school_days(start, rule.amount)
    if rule.counting == "business":
        return calendar.add_business_days(start, rule.amount)
    if rule.excluding == "breaks_over_5_school_days":
        spans = long_breaks(calendar, 5)
    elif rule.excluding == "breaks_of_5_school_days":
        spans = [_with_weekends(span) for span in long_breaks(calendar, 4)]
    elif rule.excluding == "summer":
        spans = summer_breaks(calendar)
    elif rule.excluding == "school_breaks":
        spans = list(calendar.breaks)
    else:
        return start + timedelta(days=rule.amount)

    def skipped(day: date) -> bool:
        if rule.excluding == "school_breaks" and calendar.closed_for_holiday(day):
            return True
        return any(s <= day <= e for s, e in spans)

    return _calendar_days_skipping(start, rule.amount, skipped)


def summer_after(calendar: SchoolCalendar, day: date) -> tuple[date, date] | None:
    """The first summer break that starts after ``day``."""
    later = [(s, e) for s, e in summer_breaks(calendar) if s > day]
    return min(later) if later else None
