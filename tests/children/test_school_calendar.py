from datetime import date

from playbook.children.school_calendar import SchoolCalendar, add_business_days


def test_school_days_skip_weekends_holidays_and_breaks():
    calendar = SchoolCalendar([(date(2026, 12, 21), date(2027, 1, 1))])
    # Friday 18 Dec 2026 + 1 school day: the break and New Year, so Monday 4 Jan 2027.
    assert calendar.add_school_days(date(2026, 12, 18), 1) == date(2027, 1, 4)
    # Thanksgiving (26 Nov 2026) is skipped.
    assert calendar.add_school_days(date(2026, 11, 25), 1) == date(2026, 11, 27)


def test_business_days_skip_federal_holidays():
    assert add_business_days(date(2026, 7, 2), 1) == date(2026, 7, 6)  # 3 July observed


def test_next_school_day_keeps_a_school_day():
    calendar = SchoolCalendar()
    assert calendar.next_school_day(date(2026, 11, 30)) == date(2026, 11, 30)
    assert calendar.next_school_day(date(2026, 11, 28)) == date(2026, 11, 30)


def test_columbus_day_counts_when_the_district_is_in_session():
    # Friday 9 Oct 2026 + 1 school day. Columbus Day is Monday 12 Oct 2026.
    closed = SchoolCalendar()
    assert closed.add_school_days(date(2026, 10, 9), 1) == date(2026, 10, 13)
    # The parent marked Columbus Day "school in session": Monday itself is the school day.
    open_ = SchoolCalendar(in_session=["Columbus Day"])
    assert open_.add_school_days(date(2026, 10, 9), 1) == date(2026, 10, 12)
    # 10 school days from Friday 6 Nov 2026 with Veterans Day (Wed 11 Nov) in session too:
    # 9, 10, 11, 12, 13, 16, 17, 18, 19, 20 November -> Friday 20 Nov; closed, one day later.
    both = SchoolCalendar(in_session=["Columbus Day", "Veterans Day"])
    assert both.add_school_days(date(2026, 11, 6), 10) == date(2026, 11, 20)
    assert closed.add_school_days(date(2026, 11, 6), 10) == date(2026, 11, 23)


def test_business_days_skip_state_holidays_too():
    # 34 CFR 300.11(b): federal and state holidays. Cesar Chavez Day, Tuesday 31 Mar 2026,
    # is a California state holiday, not a federal one.
    # 5 business days from Friday 27 Mar 2026: 30, 1 Apr, 2, 3, 6 April in California.
    assert add_business_days(date(2026, 3, 27), 5, "CA") == date(2026, 4, 6)
    # Without the state's holidays: 30, 31 Mar, 1, 2, 3 April.
    assert add_business_days(date(2026, 3, 27), 5) == date(2026, 4, 3)
    # A calendar for a California child counts the same way.
    assert SchoolCalendar(state="CA").add_business_days(date(2026, 3, 27), 5) == date(2026, 4, 6)
    # Texas Independence Day, Monday 2 Mar 2026: 1 business day from Friday 27 Feb is Tuesday.
    assert add_business_days(date(2026, 2, 27), 1, "TX") == date(2026, 3, 3)
