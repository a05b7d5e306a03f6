from datetime import date

from playbook.trail.chain import verify
from playbook.trail.demo import add_demo


def test_the_demo_trail_is_believable_and_intact(child, case_manager):
    made = add_demo(child, date(2026, 11, 28))
    assert len(made) == 9
    kinds = {e.kind for e in made}
    assert {"email", "call", "note"} <= kinds
    refused = [e for e in made if "refusal" in e.flags]
    assert len(refused) == 1 and refused[0].counterpart == case_manager
    assert any(e.corrects_id for e in made)
    assert any(e.attachments.exists() for e in made)
    assert all(e.occurred_at.date() < date(2026, 11, 28) for e in made)
    assert verify(child).ok


def test_the_demo_trail_is_added_once(child, case_manager):
    add_demo(child, date(2026, 11, 28))
    assert add_demo(child, date(2026, 11, 28)) == []
    assert child.entries.count() == 9
