"""Summaries first on the long pages (issue 17): at 375 px the deadlines and outside-routes
pages open on what is due next and what to do, with the details behind disclosure. The
test measures each page's height at 375 px and fails above HEIGHT_LIMIT; screenshots go to
test-artifacts/summaries/ when PLAYBOOK_SCREENSHOTS=1.

Measured with this fixture (a busy child: an IEP, an ask, a refusal, an evaluation, a
break), page height at 375 px, everything shown before, summary first after:
deadlines 6619 -> 3348 px, outside routes 6870 -> 3388 px, the child home 5711 -> 5455 px
(only "Coming up" moved behind disclosure there; the test prints them).

The child home, summaries first (issue 17, decision 0039): one next move in full and the
next two behind "N more suggestions"; the three asks waited on longest, one short entry
each; the first three dates coming up (an ask's reply date is not repeated there) and the
rest behind disclosure; the month's plan, the IEP's services and the rest of the team open
from their summaries. At 375 px: this fixture 5455 -> 3145 px, the demo household
6728 -> 3806 px (on 2 December 2026; the demo is built on the day it runs).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from playwright.sync_api import expect

from playbook import demo
from playbook.accounts.models import User
from playbook.advocacy.models import Ask
from playbook.children.models import IEP, SchoolBreak
from playbook.deadlines.models import EvaluationConsent
from playbook.refusals.refusals import log_refusal

pytestmark = pytest.mark.browser

# About half the old heights, with room for a line or two more.
HEIGHT_LIMIT = {"deadlines": 3600, "outside-routes": 3600, "home": 3400}
# The demo household's child home: a busier record (seven suggestions, four asks, eleven
# on the team), 6728 px tall before.
DEMO_HOME_LIMIT = 4200
# What the child home must still reach, as route names (its own links or the section menu).
HOME_REACHES = [
    "refusal_list",
    "ladder",
    "outside_routes",
    "iep_import",
    "iep_compare",
    "iep_checks",
    "deadlines",
    "plan",
    "ask_list",
    "child_moves",
    "team",
    "iep",
]


def _log_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def busy_child(child, case_manager):
    IEP.objects.create(
        child=child,
        meeting_date=date(2026, 3, 3),
        start_date=date(2026, 3, 3),
        end_date=date(2027, 3, 3),
        last_evaluation_date=date(2024, 2, 29),
    )
    Ask.objects.create(
        child=child,
        subject="OT evaluation",
        asked_on=date(2026, 11, 2),
        reply_due=date(2026, 11, 20),
    )
    log_refusal(child, said_by=case_manager, said_on=date(2026, 10, 1), words="Not here.")
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 11, 2))
    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    return child


def _height(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize(
    ("name", "path", "summary"),
    [
        ("deadlines", "deadlines/?today=2026-11-28", "What is due next"),
        ("outside-routes", "outside-routes/?today=2026-11-28", "In short"),
        ("home", "", "Next moves"),
    ],
)
def test_the_summary_comes_first_and_the_page_is_short(
    live_server, page, client, alice, busy_child, axe_check, screenshot, name, path, summary
):
    _log_in(page, live_server, client, alice)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/children/{busy_child.pk}/{path}")
    height = _height(page)
    print(f"{name}: {height}px tall at 375px")
    heading = page.get_by_role("heading", name=summary)
    expect(heading).to_be_visible()
    # The summary is on the first screen of a phone.
    assert heading.bounding_box()["y"] < 800
    assert height <= HEIGHT_LIMIT[name], f"{name} is {height}px tall at 375px"
    axe_check(page)
    screenshot(page, f"summaries/{name}-375")
    # The details are there when asked for: open one and it shows.
    disclosure = page.locator("details.more summary").first
    disclosure.click()
    assert _height(page) > height
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page)
    screenshot(page, f"summaries/{name}-1280")


def test_the_demo_households_child_home_opens_on_what_matters(
    live_server, page, client, transactional_db, axe_check, screenshot
):
    from django.urls import reverse

    child = demo.load_demo(datetime.now(ZoneInfo("America/Los_Angeles")).date())
    client.force_login(User.objects.get(email=demo.DEMO_EMAIL))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/children/{child.pk}/")
    height = _height(page)
    print(f"demo home: {height}px tall at 375px")
    main = page.locator("main")
    # One clear next step on the first screen: the first move's button.
    first_move = main.locator(".move-card").first
    expect(first_move.locator("a.button")).to_be_visible()
    assert first_move.bounding_box()["y"] < 800
    assert main.locator(".move-card:visible").count() == 1
    # What is due next and the few open asks, in order, before the rest.
    headings = main.locator("h2").all_inner_texts()
    assert headings[:3] == ["Next moves", "Waiting on the school", "Coming up"], headings
    assert main.locator(".wait-list li").count() <= 3
    assert main.locator(".deadline-list li:visible").count() <= 3
    assert height <= DEMO_HOME_LIMIT, f"the demo's child home is {height}px tall at 375px"
    # Nothing the home reached is lost: every section is one link away.
    hrefs = set(page.eval_on_selector_all("a[href]", "links => links.map((a) => a.pathname)"))
    for name in HOME_REACHES:
        assert reverse(name, args=[child.pk]) in hrefs, name
    axe_check(page)
    screenshot(page, "summaries/demo-home-375")
    # Every disclosure opens, and what it held shows.
    for summary in main.locator("details.more > summary").all():
        summary.click()
    assert main.locator(".move-card:visible").count() == 3
    expect(main.locator(".plan-list")).to_be_visible()
    assert _height(page) > height + 1000
    page.set_viewport_size({"width": 1280, "height": 900})
    axe_check(page)
    screenshot(page, "summaries/demo-home-1280")


def test_the_time_zone_page_from_the_account_page(
    live_server, page, client, alice, child, axe_check, screenshot
):
    _log_in(page, live_server, client, alice)
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("link", name="Your family's time zone").click()
    expect(page.get_by_role("heading", name="Your family's time zone")).to_be_visible()
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        axe_check(page)
        screenshot(page, f"summaries/time-zone-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_label("Time zone").select_option("Pacific/Honolulu")
    page.get_by_role("button", name="Save the time zone").click()
    expect(page.get_by_text("in Pacific/Honolulu")).to_be_visible()
    alice.memberships.get().household.refresh_from_db()
    assert alice.memberships.get().household.time_zone == "Pacific/Honolulu"
