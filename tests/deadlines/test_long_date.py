"""`clocks.long_date` names the month from a table, not through strftime: the same words
``%B`` writes (Python keeps the C locale), for every day of two years."""

from datetime import date, timedelta

from playbook.deadlines.clocks import long_date


def test_long_date_writes_what_strftime_writes():
    for offset in range(731):
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert long_date(day) == f"{day:%B} {day.day}, {day.year}"
