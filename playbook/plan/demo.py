"""Demo data for the plan: the earlier months of the school year settled, last month with
one item set aside as "not for us" and one still open, carried into this month's list."""

from __future__ import annotations

from datetime import date

from .models import ChecklistTick
from .schedule import ChildPlan, set_done


def add_demo(child, today: date) -> None:
    child_plan = ChildPlan(child, today)
    months = child_plan.school_year_months()[:-1]  # this month is still to do
    for n, month in enumerate(months):
        items = child_plan.items_for(*month)
        last = n == len(months) - 1
        keep_open = items[-1:] if last else []
        for scheduled in items:
            if scheduled in keep_open:
                continue
            outcome = (
                ChecklistTick.Outcome.NOT_FOR_US
                if last and scheduled is items[0] and len(items) > 2
                else ChecklistTick.Outcome.DONE
            )
            set_done(child, scheduled.id, scheduled.period, True, outcome)
