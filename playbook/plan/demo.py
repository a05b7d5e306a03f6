"""Demo data for the plan: the first items of the school year ticked, the rest rolling
over into "this week"."""

from __future__ import annotations

from datetime import date

from .schedule import ChildPlan, set_done


def add_demo(child, today: date) -> None:
    child_plan = ChildPlan(child, today)
    months = child_plan.school_year_months()
    if len(months) < 2:
        return
    # Most of the first month done, one item left to roll over.
    first = child_plan.items_for(*months[0])
    for scheduled in first[:-1]:
        set_done(child, scheduled.id, scheduled.period, True)
