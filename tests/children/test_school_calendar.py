from datetime import date

from playbook.children.school_calendar import SchoolCalendar, add_business_days


def test_school_days_skip_weekends_holidays_and_breaks():
    calendar = SchoolCalendar([(date(2026, 12, 21), date(2027, 1, 1))])
    # Friday 18 Dec 2026 + 1 school day: the break and New Year, so Monday 4 Jan 2027.
    assert calendar.add_school_days(date(2026, 12, 18), 1) == date(2027, 1, 4)
    # Thanksgiving (26 Nov 2026) is skipped.
    assert calendar.add_school_days(date(2026, 11, 25), 1) == date(2026, 11, 27)


def test_business_days_skip_federal_holidays_only():
    assert add_business_days(date(2026, 7, 2), 1) == date(2026, 7, 6)  # 3 July observed


def test_next_school_day_keeps_a_school_day():
    calendar = SchoolCalendar()
    assert calendar.next_school_day(date(2026, 11, 30)) == date(2026, 11, 30)
    assert calendar.next_school_day(date(2026, 11, 28)) == date(2026, 11, 30)
