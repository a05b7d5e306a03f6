from datetime import date

from playbook.plan.demo import add_demo
from playbook.plan.schedule import open_now


def test_plan_demo_leaves_an_item_of_last_month_open(child):
    add_demo(child, date(2026, 11, 28))
    october = [s for s in open_now(child, date(2026, 11, 28)) if s.period == "2026-10"]
    assert october, "the demo shows what is left from last month"
