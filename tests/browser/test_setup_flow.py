"""A new parent signs up and completes the first-run set-up in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from playbook.children.models import IEP, Child

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_up_and_set_up_a_child_team_and_iep(
    live_server, page, axe_check, screenshot, tmp_path
):
    visited: list[str] = []

    def check() -> None:
        page.wait_for_load_state("networkidle")
        axe_check(page)
        visited.append(page.url)

    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/signup/")
    check()
    page.get_by_label("Your name").fill("Rosa Diaz")
    page.get_by_label("Email address").fill("rosa@example.com")
    page.get_by_label("Password").fill("a-long-browser-password")
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    check()
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email address").fill("rosa@example.com")
    page.get_by_label("Password").fill("a-long-browser-password")
    page.get_by_role("button", name="Log in").click()

    # Step 1: the child.
    page.get_by_role("heading", name="Add your child").wait_for()
    check()
    page.get_by_label("Child's name").fill("Maya Diaz")
    page.get_by_label("Birth date").fill("2016-05-20")
    page.get_by_label("Grade").select_option("4")
    page.get_by_label("School (optional)", exact=True).fill("Oak Street Elementary")
    page.get_by_label("School district (optional)").fill("Riverside Unified")
    page.get_by_label("State").select_option("CA")
    page.get_by_label("School year starts in").select_option("8")
    page.get_by_role("button", name="Save and continue").click()

    # Step 2: the team, case manager first, then a therapist.
    page.get_by_role("heading", name="Maya's school team").wait_for()
    check()
    assert page.get_by_label("Role", exact=True).input_value() == "case_manager"
    page.get_by_label("Name", exact=True).fill("Dana Cole")
    page.get_by_label("Email (optional)", exact=True).fill("dana.cole@school.example")
    page.get_by_label("Phone (optional)").fill("555-0100")
    page.get_by_role("button", name="Save and add another").click()
    page.get_by_role("cell", name="Dana Cole").wait_for()
    check()
    page.get_by_label("Role", exact=True).select_option("therapist")
    page.get_by_label("Name", exact=True).fill("Lee Park")
    page.get_by_label("Discipline (optional)").fill("Speech")
    page.get_by_role("button", name="Continue", exact=True).click()

    # "What's worrying you?" comes next; this parent adds the IEP first.
    page.get_by_role("heading", name=re.compile("What's worrying you")).wait_for()
    check()
    page.get_by_role("link", name="Add the current IEP first").click()

    # Step 3: the IEP, with a service, a goal, an accommodation and the PDF.
    page.get_by_role("heading", name="Maya's current IEP").wait_for()
    check()
    page.get_by_label("Meeting date (optional)").fill("2026-09-10")
    page.get_by_label("Start date", exact=True).fill("2026-09-15")
    page.get_by_label("End date (annual review due)").fill("2027-09-14")
    page.get_by_label("Last evaluation date (optional)").fill("2025-03-01")
    page.get_by_label("Service", exact=True).fill("Speech therapy")
    page.get_by_label("Minutes", exact=True).fill("30")
    page.get_by_label("How often", exact=True).select_option("week")
    page.get_by_label("Setting (optional)", exact=True).fill("Therapy room")
    page.get_by_role("button", name="Add another service").click()
    page.locator("#id_services-1-service").wait_for()
    page.get_by_label("Goals (optional)").fill("Reads 100 words per minute by June")
    page.get_by_label("Accommodations (optional)").fill("Extended time on tests")
    pdf = tmp_path / "Maya IEP.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("The IEP document (PDF or Word) (optional)").set_input_files(str(pdf))
    page.get_by_role("button", name="Save the IEP").click()

    # The playbook.
    page.get_by_role("heading", name="Maya Diaz's playbook").wait_for()
    check()
    main = page.locator("main")
    # The case manager shows first; the rest of the team opens from its summary.
    assert "Speech therapist" not in main.inner_text()
    page.get_by_text("The other 1 on the team").click()
    # The IEP's services too open from their summary (issue 17: summaries first).
    assert "Speech therapy: 30 minutes per week" not in main.inner_text()
    main.locator("summary", has_text="Services").click()
    for text in [
        "Dana Cole",
        "Speech therapist",
        "September 14, 2027",
        "March 1, 2028",
        "Speech therapy: 30 minutes per week",
        "Next moves",
        "Waiting on the school",
    ]:
        assert text in main.inner_text(), text
    screenshot(page, "child-home-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    check()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "child-home-375")

    child = Child.objects.get(name="Maya Diaz")
    iep = IEP.objects.get(child=child)
    assert [s.service for s in iep.services.all()] == ["Speech therapy"]
    assert [g.text for g in iep.goals.all()] == ["Reads 100 words per minute by June"]
    assert [a.text for a in iep.accommodations.all()] == ["Extended time on tests"]
    assert iep.file_name == "Maya IEP.pdf"
    assert child.team.count() == 2

    # The other pages of the child, on the phone-sized screen.
    for path in ["team/", "iep/"]:
        page.goto(f"{live_server.url}/children/{child.pk}/{path}")
        check()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert len(visited) == 11  # the "What's worrying you?" step is checked too


def log_in(page, live_server, client, user) -> None:
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_other_parent_pages_are_accessible_with_and_without_errors(
    live_server, page, axe_check, client
):
    from datetime import date

    from playbook.accounts.households import create_parent
    from playbook.accounts.models import Invite
    from playbook.children.models import Service, TeamMember

    page.set_default_timeout(10_000)
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ["/login/", "/password-reset/", "/password-reset/sent/", "/signup/"]:
        page.goto(f"{live_server.url}{path}")
        axe_check(page)
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("button", name="Log in").click()
    page.locator("#error-summary").wait_for()
    axe_check(page)

    alice = create_parent("alice@example.com", "a-long-test-password", "Alice Parent")
    household = alice.memberships.get().household
    child = Child.objects.create(
        household=household,
        name="Sam Rivera",
        birth_date=date(2015, 3, 14),
        grade="5",
        state="CA",
    )
    TeamMember.objects.create(child=child, name="Dana Cole", role="case_manager")
    iep = IEP.objects.create(child=child, start_date=date(2025, 9, 1), end_date=date(2026, 8, 31))
    Service.objects.create(iep=iep, service="Speech", minutes=30, per="week")
    invite = Invite.objects.create(household=household, email="dee@example.com", role="parent")
    member = TeamMember.objects.get(child=child)
    TeamMember.objects.create(
        child=child, name="Pat Former", role="principal", left_on=date(2025, 6, 1)
    )
    Child.objects.create(
        household=household,
        name="Ava Rivera",
        birth_date=date(2018, 1, 5),
        grade="2",
        state="CA",
    )
    page.goto(f"{live_server.url}/invites/{invite.token}/")
    expect(page.get_by_role("link", name="Create an account")).to_be_visible()
    axe_check(page)
    for _ in range(5):
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Email address").fill("someone@example.com")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Too many attempts to log in").wait_for()
    axe_check(page)
    log_in(page, live_server, client, alice)

    base = f"{live_server.url}/children/{child.pk}"
    pages = [
        f"{base}/edit/",
        f"{base}/team/add/",
        f"{base}/iep/new/",
        f"{base}/iep/{iep.pk}/edit/",
        f"{base}/iep/{iep.pk}/",
        f"{live_server.url}/household/sharing/",
        f"{live_server.url}/account/",
        f"{live_server.url}/account/password/",
        f"{base}/team/",
        f"{base}/team/{member.pk}/remove/",
        f"{live_server.url}/invites/{invite.token}/",
        f"{live_server.url}/",
    ]
    for url in pages:
        page.goto(url)
        axe_check(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, url

    # Forms that come back with errors.
    page.goto(f"{base}/iep/new/")
    page.get_by_label("Start date", exact=True).fill("2026-09-15")
    page.get_by_label("End date (annual review due)").fill("2026-09-01")
    page.get_by_label("Service", exact=True).fill("Speech")
    page.get_by_label("Minutes", exact=True).fill("-30")
    page.get_by_role("button", name="Save the IEP").click()
    page.locator("#error-summary").wait_for()
    assert "The end date must be after the start date." in page.inner_text("main")
    assert page.get_by_label("Service", exact=True).input_value() == "Speech"
    axe_check(page)
    page.goto(f"{live_server.url}/household/sharing/")
    page.get_by_role("button", name="Send the invitation").click()
    page.locator("#error-summary").wait_for()
    axe_check(page)
    page.goto(f"{live_server.url}/account/")
    page.get_by_label("What is this token for?").fill("script")
    page.get_by_role("button", name="Make a token").click()
    page.get_by_role("heading", name="Your new token: copy it now").wait_for()
    assert page.get_by_role("textbox", name="API token").input_value().startswith("pb_")
    axe_check(page)
