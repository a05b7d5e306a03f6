"""The plan page in a real browser: ticking in place with htmx, axe-core, phone width."""

import re

import pytest
from playwright.sync_api import expect

from playbook.plan.models import ChecklistTick

pytestmark = pytest.mark.browser


def test_plan_page_ticks_in_place(live_server, page, client, alice, child, axe_check, screenshot):
    client.force_login(alice)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.set_viewport_size({"width": 375, "height": 800})
    url = f"{live_server.url}/children/{child.pk}/plan/?month=2026-11&today=2026-11-28"
    page.goto(url)
    expect(page.get_by_role("heading", name="Left from October 2026")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    month = page.locator("section[aria-labelledby=month-items]")
    # Chromium may put a space before the visually hidden part of the name.
    month.get_by_role("button", name=re.compile(r"^Done.*“Review the behavior")).click()
    undo = month.get_by_role("button", name=re.compile(r"^Undo.*Review the behavior"))
    undo.wait_for()
    assert page.url == url  # ticked in place, no reload
    assert ChecklistTick.objects.filter(
        child=child, item_id="nov-behavior-log", period="2026-11"
    ).exists()
    axe_check(page)
    screenshot(page, "plan-phone")
