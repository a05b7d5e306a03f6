"""Put it in writing, end to end: a concern with three bullets becomes a letter the parent
marks as sent, and the reply is then tracked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from playbook.advocacy.models import Ask, Concern
from playbook.letters.models import Letter
from playbook.trail.models import Entry
from tests.conftest import PASSWORD

EVIDENCE = [
    "Reads 48 words per minute in February; the grade goal is 90.",
    "Cried over reading homework four nights last week.",
    "His tutor says he guesses words from the first letter.",
]


@pytest.mark.browser
def test_concern_to_sent_letter(
    transactional_db, live_server, page, axe_check, screenshot, alice, child, case_manager, settings
):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Email address").fill("alice@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/children/{child.pk}/concerns/")
    axe_check(page)
    page.get_by_role("link", name="Log a concern").click()
    axe_check(page)
    page.get_by_label("Your concern, in a few words").fill("Reading is not improving")
    page.get_by_label("What you are asking the school to do").fill(
        "Daily small-group reading instruction with a reading specialist."
    )
    page.get_by_role("button", name="Save and add evidence").click()

    for text in EVIDENCE:
        page.get_by_label("One piece of evidence").fill(text)
        page.get_by_role("button", name="Add this evidence").click()
        expect(page.get_by_text(text)).to_be_visible()
    axe_check(page)
    concern = Concern.objects.get(child=child)
    assert concern.evidence.count() == 3

    page.get_by_role("link", name="Put it in writing").click()
    body = page.get_by_label("Letter text")
    expect(body).to_have_value(re.compile("Dear Dana Cole,"))
    for text in EVIDENCE:
        expect(body).to_have_value(re.compile(re.escape(text)))
    axe_check(page)
    screenshot(page, "put-it-in-writing-draft")

    # Changing an input redraws the draft in place (htmx), keeping nothing stale.
    page.get_by_label("What you are asking for").fill("A reading evaluation.")
    page.get_by_label("What you are asking for").blur()
    expect(body).to_have_value(re.compile("A reading evaluation."))
    page.get_by_role("button", name="Save this draft").click()

    expect(page.get_by_role("button", name="Copy text")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_text("We'll remind you if there's no reply by")).to_be_visible()
    axe_check(page)

    letter = Letter.objects.get(child=child)
    assert letter.state == "sent"
    entry = Entry.objects.get(child=child, kind="letter", direction="sent")
    assert entry.counterpart == case_manager and "A reading evaluation." in entry.body
    ask = Ask.objects.get(child=child)
    assert ask.is_open and ask.concern == concern
    page.goto(f"{live_server.url}/children/{child.pk}/timeline/")
    expect(page.get_by_text(letter.subject).first).to_be_visible()
    axe_check(page)
    page.goto(f"{live_server.url}/children/{child.pk}/asks/")
    expect(page.get_by_role("link", name="Reading is not improving")).to_be_visible()
    axe_check(page)


@pytest.mark.browser
def test_asks_and_letters_on_a_phone(
    transactional_db,
    live_server,
    page,
    axe_check,
    screenshot,
    client,
    alice,
    child,
    case_manager,
    settings,
):
    from datetime import date

    from playbook.letters.demo import add_demo

    add_demo(child, date.today())
    client.force_login(alice)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": 375, "height": 800})
    refused = child.asks.get(status="refused")
    sent = Letter.objects.get(child=child, state="sent")
    draft = Letter.objects.get(child=child, state="draft")
    for path in (
        "asks/",
        f"asks/{refused.pk}/",
        "letters/",
        f"letters/{sent.pk}/",
        f"letters/{draft.pk}/",
        "letters/new/meeting_recap/",
        "concerns/",
        f"concerns/{sent.ask.concern_id}/",
    ):
        page.goto(f"{live_server.url}/children/{child.pk}/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        axe_check(page)
    page.goto(f"{live_server.url}/children/{child.pk}/asks/")
    expect(page.locator(".overdue").first).to_contain_text("Overdue")
    screenshot(page, "asks-phone")
    page.goto(f"{live_server.url}/children/{child.pk}/asks/{refused.pk}/")
    expect(page.get_by_text("This reply sounds like a refusal")).to_be_visible()
    # Since issue 14 a "no" heard in a recorded reply is saved as a refusal at once.
    logged = refused.refusals.get()
    expect(page.get_by_role("link", name="See the refusal and what to do next")).to_have_attribute(
        "href", f"/children/{child.pk}/refusals/{logged.pk}/"
    )
    page.goto(f"{live_server.url}/children/{child.pk}/letters/{draft.pk}/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy text").click()
    expect(page.locator("#copy-status")).to_have_text("The letter text is on your clipboard.")
    screenshot(page, "letter-draft-phone")
