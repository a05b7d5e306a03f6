"""Properties of the day counting every school-day and business-day rule relies on."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from playbook.children.counting import add_months, add_years, due_after
from playbook.children.deadline_rules import resolve
from playbook.children.school_calendar import SchoolCalendar, is_business_day

WINTER = (date(2026, 12, 21), date(2027, 1, 1))
SUMMER = (date(2027, 6, 12), date(2027, 8, 20))
CALENDAR = SchoolCalendar([WINTER, SUMMER])
DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@given(DAYS)
def test_school_day_clock_lands_on_the_nth_school_day(start):
    rule = resolve("initial_evaluation", "TX").rule  # 45 school days
    due = due_after(start, rule, CALENDAR)
    assert CALENDAR.is_school_day(due)
    assert CALENDAR.school_days_between(start + timedelta(days=1), due) == 45


@given(DAYS)
def test_business_day_clock_lands_on_a_business_day(start):
    rule = resolve("records_request", "CA").rule  # 5 business days
    due = due_after(start, rule, CALENDAR)
    assert is_business_day(due)
    counted = sum(
        is_business_day(start + timedelta(days=n)) for n in range(1, (due - start).days + 1)
    )
    assert counted == 5


@given(DAYS, st.integers(min_value=1, max_value=5))
def test_years_never_land_after_the_anniversary(start, years):
    later = add_years(start, years)
    assert later.year == start.year + years
    assert later.month == start.month
    assert later.day <= start.day


@given(DAYS, st.integers(min_value=0, max_value=240))
def test_months_keep_the_day_or_the_month_end(start, months):
    later = add_months(start, months)
    assert (later.year * 12 + later.month) - (start.year * 12 + start.month) == months
    assert later.day == start.day or (later + timedelta(days=1)).month != later.month


def test_leap_day_anniversaries():
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
