"""Refusal, ladder and outside-routes pages in a real browser: axe-core clean, no sideways
scrolling at 375 px, and the refusal form usable end to end."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from playwright.sync_api import expect

from playbook.advocacy.models import Ask
from playbook.children.models import TeamMember
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import log_refusal


def _log_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def case(child, case_manager):
    TeamMember.objects.create(child=child, name="Ms. Lee", role="general_ed_teacher")
    TeamMember.objects.create(child=child, name="Dr. Park", role="principal")
    ask = Ask.objects.create(
        child=child,
        subject="A 1:1 aide",
        asked_of=case_manager,
        asked_on=date(2025, 2, 20),
        reply_text="That's not an option here.",
        reply_date=date(2025, 3, 3),
    )
    refusal = log_refusal(
        child,
        said_by=case_manager,
        said_on=date(2025, 3, 3),
        words="That's not an option.",
        ask=ask,
    )
    return {"ask": ask, "refusal": refusal}


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_pages_are_accessible(
    live_server, page, axe_check, screenshot, client, alice, child, case, width
):
    page.set_viewport_size({"width": width, "height": 900})
    _log_in(page, live_server, client, alice)
    base = f"{live_server.url}/children/{child.pk}"
    for path in (
        "/refusals/",
        "/refusals/new/",
        f"/refusals/{case['refusal'].pk}/",
        "/ladder/?topic=discipline",
        f"/ladder/?topic=services&ask={case['ask'].pk}",
        "/outside-routes/?today=2025-03-10",
    ):
        page.goto(base + path)
        assert page.locator("h1").count() == 1, path
        axe_check(page)
        name = path.strip("/").split("/")[0].split("?")[0] or "refusals"
        screenshot(page, f"refusals-{name}-{path.count('/')}-{width}")
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"


@pytest.mark.browser
def test_log_a_refusal_from_an_ask(live_server, page, client, alice, child, case):
    _log_in(page, live_server, client, alice)
    page.goto(f"{live_server.url}/children/{child.pk}/refusals/new/?ask={case['ask'].pk}")
    assert page.get_by_label("The words they used").input_value() == "That's not an option here."
    page.get_by_role("button", name="Save the refusal").click()
    page.wait_for_url("**/refusals/*/")
    expect(page.get_by_role("heading", name="Your next step")).to_be_visible()
    assert Refusal.objects.count() == 2


@pytest.mark.browser
def test_the_words_are_checked_as_they_are_typed(live_server, page, client, alice, child, case):
    _log_in(page, live_server, client, alice)
    page.goto(f"{live_server.url}/children/{child.pk}/refusals/new/")
    assert page.evaluate("typeof htmx") == "object", "htmx did not load"
    page.get_by_label("The words they used").fill("")
    page.get_by_label("The words they used").press_sequentially("We have never done that.")
    page.locator("#recognised li").first.wait_for(timeout=5000)
    assert "We have never done" in page.locator("#recognised").inner_text()
    assert Refusal.objects.count() == 1  # only the fixture's; checking saved nothing
