from datetime import date

from playbook.children.school_calendar import SchoolCalendar
from playbook.deadlines.demo import add_demo


def test_demo_breaks_make_a_school_calendar(child):
    add_demo(child, date(2026, 11, 28))
    add_demo(child, date(2026, 11, 28))  # idempotent
    calendar = SchoolCalendar.for_child(child)
    assert len(calendar.breaks) == 4
    assert calendar.in_break(date(2026, 11, 25))  # the day before Thanksgiving 2026
    assert calendar.in_break(date(2027, 7, 4))
    assert calendar.is_school_day(date(2026, 12, 18))
