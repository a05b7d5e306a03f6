from datetime import date

from playbook.advocacy.asks import open_asks
from playbook.letters.demo import add_demo
from playbook.letters.models import Letter
from playbook.trail.chain import verify


def test_demo_adds_a_believable_case(child, case_manager):
    today = date(2026, 3, 2)
    add_demo(child, today)
    waits = open_asks(child, today)
    assert [w.overdue for w in waits] == [True, True]
    assert {x.state for x in Letter.objects.filter(child=child)} == {"draft", "sent"}
    assert child.asks.filter(status="refused").exists()
    assert verify(child).ok
