"""The deadlines and school-breaks pages in a real browser: axe-core, phone width."""

from datetime import date

import pytest
from playwright.sync_api import expect

from playbook.advocacy.models import Ask
from playbook.children.models import IEP, SchoolBreak
from playbook.deadlines.models import EvaluationConsent
from playbook.refusals.models import Refusal

pytestmark = pytest.mark.browser


def log_in(client, user, page, live_server):
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def busy_child(child):
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
    Refusal.objects.create(child=child, said_on=date(2026, 10, 1), words="We don't do that here.")
    EvaluationConsent.objects.create(child=child, signed_on=date(2026, 11, 2))
    SchoolBreak.objects.create(
        child=child, name="Winter", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    return child


def test_deadlines_page_is_accessible_and_fits_a_phone(
    live_server, page, client, alice, busy_child, axe_check, screenshot
):
    log_in(client, alice, page, live_server)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/children/{busy_child.pk}/deadlines/?today=2026-11-28")
    expect(page.get_by_role("heading", name="Deadlines for Sam")).to_be_visible()
    expect(page.get_by_text("overdue by 8 days")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    screenshot(page, "deadlines-phone")


def test_breaks_page_add_with_an_error_then_fix(live_server, page, client, alice, child, axe_check):
    log_in(client, alice, page, live_server)
    page.goto(f"{live_server.url}/children/{child.pk}/breaks/")
    axe_check(page)
    page.get_by_label("Name").fill("Spring break")
    page.get_by_label("First day off").fill("2027-04-09")
    page.get_by_label("Last day off").fill("2027-04-05")
    page.get_by_role("button", name="Add break").click()
    expect(
        page.get_by_text("The last day off must be on or after the first day off.").first
    ).to_be_visible()
    axe_check(page)
    page.get_by_label("First day off").fill("2027-04-05")
    page.get_by_label("Last day off").fill("2027-04-09")
    page.get_by_role("button", name="Add break").click()
    expect(page.get_by_role("cell", name="Spring break", exact=True)).to_be_visible()
    assert SchoolBreak.objects.filter(child=child, name="Spring break").exists()


def test_removals_and_breaks_pages_are_accessible_at_phone_width(
    live_server, page, client, alice, child, axe_check
):
    from playbook.deadlines.models import Removal

    Removal.objects.create(
        child=child,
        date=child.today(),
        kind="informal",
        hours=3,
        school_day_hours=6,
        decided_by="Principal Lee",
        notes="Called to pick him up at 11:00.",
    )
    log_in(client, alice, page, live_server)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/children/{child.pk}/")
    # The navigation's "Record" group holds the removals log (issue 17's six groups).
    page.locator("summary", has_text="Record").click()
    page.get_by_role("link", name="Removals from class").click()
    expect(page.get_by_role("heading", name="Removals from class")).to_be_visible()
    expect(page.get_by_text("0.5 school days of removal.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    page.goto(f"{live_server.url}/children/{child.pk}/breaks/")
    page.get_by_label("Columbus Day").check()
    page.get_by_role("button", name="Save holidays").click()
    expect(page.get_by_text("Saved the holidays school is in session.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
