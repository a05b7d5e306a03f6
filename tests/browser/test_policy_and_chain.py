"""Moves 4 and 5 end to end in a real browser: log a refusal, ask for the written policy,
record that none exists, renew the request, then bring in the director of special services
with a courtesy note to the team. axe-core checks every page on the way."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from playbook.advocacy.models import Ask
from playbook.children.models import TeamMember
from playbook.letters.models import Letter
from playbook.refusals.models import Refusal
from playbook.trail.chain import verify


def _log_in(page, live_server, client, user):
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def _save_and_send(page, axe_check):
    """On a letter's drafting page: save the draft, then say it was sent today."""
    page.get_by_role("button", name="Save this draft").click()
    page.wait_for_url("**/letters/*-*/")
    axe_check(page)
    page.get_by_role("button", name="I sent it").click()
    page.get_by_text("Added to your paper trail").wait_for()
    axe_check(page)


@pytest.mark.browser
def test_policy_request_renewal_and_escalation(
    live_server, page, axe_check, screenshot, client, alice, child, case_manager
):
    page.set_viewport_size({"width": 1280, "height": 900})
    director = TeamMember.objects.create(
        child=child,
        name="Maria Ortiz",
        role="director_special_services",
        email="m.ortiz@district.example",
    )
    ask = Ask.objects.create(
        child=child,
        subject="Wilson reading program",
        details="Daily Wilson reading instruction with a trained teacher.",
        asked_of=case_manager,
        asked_on=date(2025, 9, 15),
    )
    _log_in(page, live_server, client, alice)
    base = f"{live_server.url}/children/{child.pk}"

    # Log the refusal.
    page.goto(f"{base}/refusals/new/")
    assert page.evaluate("typeof htmx") == "object", "htmx did not load"
    axe_check(page)
    page.get_by_label("Who said no?").select_option(label="Dana Cole (Case manager)")
    page.get_by_label("The words they used").fill("We don't use that program here.")
    page.get_by_label("Which of your asks was this an answer to?").select_option(value=str(ask.pk))
    page.get_by_role("button", name="Save the refusal").click()
    page.wait_for_url("**/refusals/*/")
    axe_check(page)
    refusal = Refusal.objects.get()

    # Ask for the written policy.
    page.get_by_role("link", name="Ask for the written policy").click()
    page.wait_for_url("**/letters/new/policy_request/**")
    body = page.get_by_label("Letter text").input_value()
    assert "We don't use that program here." in body and "Wilson reading program" in body
    axe_check(page)
    _save_and_send(page, axe_check)
    refusal.refresh_from_db()
    assert refusal.policy_outcome == "pending"
    assert Ask.objects.filter(kind="policy_request").count() == 1

    # Record the answer: no such policy.
    page.goto(f"{base}/refusals/{refusal.pk}/")
    axe_check(page)
    page.get_by_label("They said there is no such written policy").check()
    page.get_by_role("button", name="Save the answer").click()
    page.get_by_role("link", name="Renew the request").wait_for()
    axe_check(page)
    refusal.refresh_from_db()
    assert refusal.policy_outcome == "none_exists"

    # Renew the original request on its merits.
    page.get_by_role("link", name="Renew the request").click()
    page.wait_for_url("**/letters/new/policy_renewal/**")
    body = page.get_by_label("Letter text").input_value()
    assert "there is no such written policy" in body and "on its merits" in body
    axe_check(page)
    _save_and_send(page, axe_check)

    # Bring in the director, copied on an email to the case manager.
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{base}/ladder/?topic=services&ask={ask.pk}")
    axe_check(page)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"the ladder scrolls sideways by {overflow}px at 375px"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("link", name="Copy Maria Ortiz on an email to the team").click()
    page.wait_for_url("**/letters/new/escalation/**")
    draft = page.locator("#draft")
    assert "Dana Cole <dana.cole@school.example>" in draft.locator("dd").nth(0).inner_text()
    assert "Maria Ortiz <m.ortiz@district.example>" in draft.locator("dd").nth(1).inner_text()
    body = page.get_by_label("Letter text").input_value()
    assert 'You said no: "We don\'t use that program here."' in body  # to Dana Cole
    assert "mediation (34 CFR § 300.506)" in body
    axe_check(page)
    _save_and_send(page, axe_check)
    screenshot(page, "escalation-sent")

    # The courtesy note to the team.
    page.get_by_role("link", name="Write the courtesy note").click()
    page.wait_for_url("**/letters/new/courtesy_note/**")
    body = page.get_by_label("Letter text").input_value()
    assert "I contacted Maria Ortiz, director of special services" in body
    assert "continuing to work together" in body
    axe_check(page)
    _save_and_send(page, axe_check)

    sent = Letter.objects.filter(state="sent").order_by("sent_on", "created_at")
    assert sorted(sent.values_list("kind", flat=True)) == [
        "courtesy_note",
        "escalation",
        "policy_renewal",
        "policy_request",
    ]
    assert director in ask.involved.all()
    assert verify(child).ok
    page.goto(f"{base}/ladder/?topic=services&ask={ask.pk}")
    assert page.get_by_role("link", name="Write the courtesy note to the team").count() == 0
    axe_check(page)
