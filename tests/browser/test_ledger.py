"""From a phone: log three sessions in seconds, see the minutes owed, draft the make-up
services letter from the ledger; every page passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from playbook.children.models import IEP, Service
from playbook.ledger.lines import child_ledger
from playbook.ledger.models import ServiceSession
from playbook.letters.models import Letter
from tests.conftest import PASSWORD


@pytest.mark.browser
def test_logging_three_sessions_from_a_phone_shows_minutes_owed(
    live_server, page, axe_check, screenshot, alice, child
):
    today = child.today()
    iep = IEP.objects.create(
        child=child, start_date=today - timedelta(days=28), end_date=today + timedelta(days=300)
    )
    speech = Service.objects.create(
        iep=iep, service="Speech-language therapy", minutes=60, per="week", sessions=2
    )
    Service.objects.create(iep=iep, service="Occupational therapy", minutes=30, per="week")

    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email address").fill(alice.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/children/{child.pk}/services/")
    expect(page.get_by_role("heading", name="Speech-language therapy")).to_be_visible()
    axe_check(page)

    entries = [
        ("Delivered", "", None),
        ("Missed", "Provider absent", None),
        ("Shortened", "", "15"),
    ]
    for status, reason, minutes in entries:
        page.get_by_role("link", name="Log a session of Speech-language therapy").click()
        expect(page.get_by_role("heading", name="Log a session")).to_be_visible()
        axe_check(page)
        page.get_by_label(status, exact=True).check()
        if reason:
            page.get_by_label("Why was it missed?").select_option(label=reason)
        if minutes:
            page.get_by_label("Minutes").fill(minutes)
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Logged: Speech-language therapy")).to_be_visible()

    assert ServiceSession.objects.filter(service=speech).count() == 3
    line = child_ledger(child, today=today).line_for(speech)
    assert (line.tally.delivered, line.tally.missed) == (45, 30)
    speech_card = page.locator("section").filter(
        has=page.get_by_role("heading", name="Speech-language therapy")
    )
    owed = speech_card.locator(".ledger-owed")
    assert owed.inner_text() == f"{line.tally.owed} minutes owed"
    # Nothing runs off the side of a phone screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    speech_card.get_by_text("Sessions logged (3)").click()
    expect(speech_card.get_by_role("cell", name="Missed (provider absent)")).to_be_visible()
    axe_check(page)
    screenshot(page, "ledger-375")
    speech_card.get_by_role("link", name="Week by week").click()
    expect(
        page.get_by_role("heading", name="Speech-language therapy, week by week")
    ).to_be_visible()
    assert page.get_by_role("row").count() > 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    page.get_by_role("link", name="Back to all services").click()

    # Past the threshold, the ledger's button drafts the make-up services letter.
    assert line.over_threshold
    speech_card.get_by_role("link", name="Ask for make-up services").click()
    expect(page.get_by_role("heading", name="Ask for make-up services", level=1)).to_be_visible()
    body = page.get_by_label("Letter text").input_value()
    assert f"- Minutes promised: {line.tally.promised}\n" in body
    assert "- Minutes delivered: 45\n" in body
    assert "- Minutes missed: 30\n" in body
    assert f"- Minutes owed: {line.tally.owed}\n" in body
    assert ": missed (provider absent), 30 minutes" in body
    assert ": shortened, 15 minutes" in body
    assert f"{line.tally.owed} minutes owed" in page.get_by_label("Subject").input_value()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    screenshot(page, "comp-services-letter-375")
    page.get_by_role("button", name="Save this draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    assert Letter.objects.get(child=child).kind == "comp_services_request"
    axe_check(page)

    page.goto(f"{live_server.url}/children/{child.pk}/services/import/")
    axe_check(page)
    page.goto(f"{live_server.url}/children/{child.pk}/iep/checks/")
    axe_check(page)
    page.goto(f"{live_server.url}/children/{child.pk}/iep/compare/")
    axe_check(page)
