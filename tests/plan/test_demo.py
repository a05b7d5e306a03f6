from datetime import date

from playbook.plan.demo import add_demo
from playbook.plan.schedule import this_week


def test_plan_demo_leaves_one_august_item_to_roll_over(child):
    add_demo(child, date(2026, 11, 28))
    august = [s for s in this_week(child, date(2026, 11, 28)) if s.period == "2026-08"]
    assert len(august) == 1
