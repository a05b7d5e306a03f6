"""Meeting windows must be school days (issue 15): tests that offer windows relative to the
real date pick weekdays that are not federal holidays, so they pass on any day they run."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.children.school_calendar import is_federal_holiday


def school_days_ahead(today: date, count: int, *, from_days: int = 7) -> list[date]:
    ahead = (today + timedelta(days=n) for n in range(from_days, from_days + 60))
    return [day for day in ahead if day.weekday() < 5 and not is_federal_holiday(day)][:count]
