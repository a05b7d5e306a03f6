"""Issue 15, API parity: the ask's edit page has its twin, PATCH asks/{id}, through the
same write (advocacy.asks.edit_ask)."""

from __future__ import annotations

from datetime import date

from playbook.advocacy import asks as ask_rules
from playbook.advocacy.models import Ask, Concern
from playbook.children.models import TeamMember

from .conftest import detail


def _ask(child, case_manager):
    return ask_rules.open_ask(
        child,
        subject="An OT evaluation",
        asked_on=date(2026, 9, 1),
        reply_due_on=date(2026, 9, 30),
        asked_of=case_manager,
    )


def test_an_ask_is_changed_through_the_api(alice_api, child, case_manager):
    ask = _ask(child, case_manager)
    principal = TeamMember.objects.create(child=child, name="Denise Walker", role="principal")
    concern = Concern.objects.create(child=child, title="Handwriting")
    response = alice_api.patch(
        f"asks/{ask.pk}",
        {
            "subject": " An OT evaluation for handwriting ",
            "asked_of": str(principal.pk),
            "channel": "letter",
            "concern": str(concern.pk),
            "reply_due": "2026-10-15",
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["subject"] == "An OT evaluation for handwriting"
    ask.refresh_from_db()
    assert (ask.asked_of, ask.channel, ask.concern, ask.reply_due) == (
        principal,
        "letter",
        concern,
        date(2026, 10, 15),
    )
    # Null clears who was asked; a null reply date is the default again, as on the page.
    again = alice_api.patch(f"asks/{ask.pk}", {"asked_of": None, "reply_due": None})
    assert again.status_code == 200, again.content
    ask.refresh_from_db()
    assert ask.asked_of is None
    assert ask.reply_due == ask_rules.reply_due(ask.kind, ask.asked_on, child)
    assert again.json()["reply_due"] == ask.reply_due.isoformat()


def test_a_bad_change_is_refused_and_nothing_changes(alice_api, child, case_manager):
    ask = _ask(child, case_manager)
    url = f"asks/{ask.pk}"
    early = alice_api.patch(url, {"reply_due": "2026-08-01"})
    assert early.status_code == 422 and "before the day you asked" in detail(early)
    assert (
        alice_api.patch(url, {"asked_of": "00000000-0000-0000-0000-000000000000"}).status_code
        == 422
    )
    assert alice_api.patch(url, {"subject": None}).status_code == 422
    assert alice_api.patch(url, {"subject": "   "}).status_code == 422
    assert alice_api.patch(url, {"status": "granted"}).status_code == 422
    ask.refresh_from_db()
    assert (ask.subject, ask.reply_due, ask.asked_of) == (
        "An OT evaluation",
        date(2026, 9, 30),
        case_manager,
    )


def test_read_only_and_outsiders_cannot_change_an_ask(bob_api, charlie_api, child, case_manager):
    ask = _ask(child, case_manager)
    assert bob_api.patch(f"asks/{ask.pk}", {"subject": "X"}).status_code == 403
    assert charlie_api.patch(f"asks/{ask.pk}", {"subject": "X"}).status_code == 404
    assert Ask.objects.get(pk=ask.pk).subject == "An OT evaluation"
