"""Meetings end to end (issue 4): request a meeting from two concerns with three windows,
mark it sent, record it as scheduled then held, write the Parent Concerns statement, then
start a trial and add data points. axe-core checks every page on the way."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from playbook.advocacy.concerns import add_evidence
from playbook.advocacy.models import Ask, Concern
from playbook.letters.models import Letter
from playbook.meetings.models import Measurement, Meeting, Trial
from tests.school_days import school_days_ahead


@pytest.fixture
def two_concerns(child):
    reading = Concern.objects.create(
        child=child,
        title="Reading is not improving",
        area="Reading",
        request="Daily small-group reading instruction.",
    )
    add_evidence(reading, text="Reads 48 words per minute; the goal is 90.", kind="data")
    behaviour = Concern.objects.create(
        child=child,
        title="Leaves the classroom when upset",
        area="Behavior",
        request="A 1:1 aide.",
    )
    add_evidence(behaviour, text="Left the room 7 times in one week.", kind="data")
    return reading, behaviour


def log_in(page, client, alice, live_server, settings):
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


def fill_window(page, ordinal: str, day, start: str = "", end: str = "") -> None:
    group = page.get_by_role("group", name=f"{ordinal} choice")
    group.get_by_label("Date").fill(day.isoformat())
    group.get_by_label("From").fill(start)
    group.get_by_label("Until").fill(end)


@pytest.mark.browser
def test_request_hold_write_concerns_and_trial(
    transactional_db,
    live_server,
    page,
    axe_check,
    screenshot,
    client,
    alice,
    child,
    case_manager,
    two_concerns,
    settings,
):
    reading, behaviour = two_concerns
    today = child.today()
    base = f"{live_server.url}/children/{child.pk}"
    log_in(page, client, alice, live_server, settings)

    # Request the meeting from two concerns, with three windows.
    page.goto(f"{base}/meetings/")
    axe_check(page)
    page.get_by_role("link", name="Request a meeting").click()
    expect(page.get_by_role("heading", name="Request an IEP meeting")).to_be_visible()
    axe_check(page)
    page.get_by_label("Reading is not improving").check()
    page.get_by_label("Leaves the classroom when upset").check()
    first, second, _, third = school_days_ahead(today, 4)
    fill_window(page, "First", first, "09:00", "11:00")
    fill_window(page, "Second", first, "13:00")  # the same day: refused, saying why
    fill_window(page, "Third", third)
    page.get_by_role("button", name="Update the draft").click()
    expect(page.locator(".error-summary")).to_contain_text("two windows are on the same day")
    axe_check(page)
    fill_window(page, "Second", second, "13:00")
    page.get_by_role("button", name="Update the draft").click()
    body = page.get_by_label("Letter text")
    expect(body).to_have_value(re.compile("Dear Dana Cole,"))
    for text in (
        "- Reading is not improving (Reading)",
        "- Leaves the classroom when upset (Behavior)",
        f"{first:%A}, {first:%B} {first.day}, {first.year}, 9:00 AM to 11:00 AM",
        f"{second:%A}, {second:%B} {second.day}, {second.year}, from 1:00 PM",
        f"{third:%A}, {third:%B} {third.day}, {third.year}, any time",
        "Alice Parent",
    ):
        expect(body).to_have_value(re.compile(re.escape(text)))
    axe_check(page)
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    screenshot(page, "meeting-request-draft-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Save this draft").click()
    expect(page.get_by_role("button", name="I sent it")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_text("We'll remind you if there's no reply by")).to_be_visible()
    axe_check(page)
    meeting = Meeting.objects.get(child=child)
    assert meeting.status == "requested" and meeting.ask.kind == "meeting_request"
    assert set(meeting.agenda.all()) == {reading, behaviour}

    # Record it as acknowledged, scheduled (with date, place, invitees), then held.
    page.goto(f"{base}/meetings/")
    page.get_by_role("link", name="IEP meeting").click()
    axe_check(page)
    page.get_by_role("button", name="Mark as acknowledged").click()
    expect(page.get_by_text("Marked as acknowledged.")).to_be_visible()
    page.get_by_role("link", name="Edit").click()
    axe_check(page)
    page.get_by_label(re.compile(r"^Date")).fill(today.isoformat())
    page.get_by_label("Time").fill("14:30")
    page.get_by_role("textbox", name="Where").fill("Room 12, Lincoln Elementary")
    page.get_by_label("Dana Cole, Case manager").check()
    page.get_by_role("button", name="Save the meeting").click()
    page.get_by_role("button", name="Mark as scheduled").click()
    expect(page.get_by_text("Marked as scheduled.")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_role("heading", name="After the meeting")).to_be_visible()
    axe_check(page)
    meeting.refresh_from_db()
    assert meeting.status == "held" and meeting.date == today
    assert Ask.objects.get(kind="meeting_request").status == "granted"

    # The Parent Concerns statement, from the meeting page.
    page.get_by_role("link", name="Write your Parent Concerns statement").click()
    expect(page.get_by_role("heading", name="Write your Parent Concerns statement")).to_be_visible()
    page.get_by_label("What your child does well").fill(
        "Loves building with Lego\nKind to younger children"
    )
    page.get_by_role("button", name="Update the draft").click()
    statement = page.get_by_label("Letter text").input_value()
    order = [
        "- Loves building with Lego",
        "- Kind to younger children",
        "My concerns",
        "Reading is not improving (Reading)",
        "What I am asking for",
        "Reading is not improving: Daily small-group reading instruction.",
        "34 CFR § 300.324(a)(1)(ii)",
    ]
    positions = [statement.find(text) for text in order]
    assert -1 not in positions and positions == sorted(positions), positions
    assert f"for the IEP meeting on {today:%B} {today.day}, {today.year}" in statement
    axe_check(page)
    page.get_by_role("button", name="Save this draft").click()
    page.get_by_role("button", name="I sent it").click()
    expect(page.get_by_text("Added to your paper trail")).to_be_visible()
    axe_check(page)
    assert Letter.objects.get(kind="parent_concerns").state == "sent"

    # Track the data, then start a trial that the data series follows.
    page.goto(f"{base}/data/")
    axe_check(page)
    page.get_by_role("link", name="Start a data series").click()
    axe_check(page)
    page.get_by_label("What you are tracking").fill("Times he left the room")
    page.get_by_label("Unit").fill("per week")
    page.get_by_label("Where it started (baseline)").fill("7")
    page.get_by_label("The goal").fill("1")
    page.get_by_role("button", name="Create").click()
    for days_ago, value in ((13, "6"), (6, "4"), (0, "3")):
        page.get_by_label("Date").fill((today - timedelta(days=days_ago)).isoformat())
        page.get_by_label("Value").fill(value)
        page.get_by_role("button", name="Add").click()
        expect(page.get_by_text("Data point added.")).to_be_visible()
    axe_check(page)
    assert Measurement.objects.filter(series__child=child).count() == 3

    page.goto(f"{base}/trials/")
    axe_check(page)
    page.get_by_role("link", name="Record a trial").click()
    axe_check(page)
    page.get_by_label("What the school proposes to try").fill("a shared classroom aide")
    page.get_by_label("Instead of what you asked for").fill("a dedicated 1:1 aide")
    page.get_by_label("Start date").fill((today - timedelta(days=14)).isoformat())
    page.get_by_label("For how many weeks").fill("6")
    page.get_by_label("What will be measured").fill("times he leaves the classroom")
    page.get_by_label("How often").fill("every school day")
    page.get_by_label("By whom").fill("the classroom teacher")
    page.get_by_label("Which of your concerns it answers").select_option(label=behaviour.title)
    page.get_by_label("Data series that tracks it").select_option(label="Times he left the room")
    page.get_by_role("button", name="Save the trial").click()
    expect(page.get_by_role("heading", name="Trial: a shared classroom aide")).to_be_visible()
    expect(page.get_by_text("3 measurements during the trial")).to_be_visible()
    axe_check(page)
    trial = Trial.objects.get(child=child)

    # The trial page's link drafts the terms with every term in it.
    page.get_by_role("link", name="Put the terms in writing").click()
    terms = page.get_by_label("Letter text")
    for text in (
        "What we are trying: a shared classroom aide",
        "Instead of: a dedicated 1:1 aide",
        "Length: 6 weeks",
        f"Review meeting: {trial.review_date:%A}, {trial.review_date:%B} {trial.review_date.day}",
        "Measured by: the classroom teacher",
    ):
        expect(terms).to_have_value(re.compile(re.escape(text)))
    axe_check(page)


@pytest.mark.browser
def test_a_transition_meeting_asks_to_invite_the_child(
    transactional_db, page, client, alice, child, live_server, settings, axe_check
):
    """Sam turns 16 on 14 March 2031 (federal rule in Washington): an annual review on
    1 September 2030 plans transition, so the page says to invite Sam (34 CFR § 300.321(b))."""
    from datetime import date

    child.state = "WA"
    child.save()
    meeting = Meeting.objects.create(
        child=child, kind="annual_review", status="scheduled", date=date(2030, 9, 1)
    )
    log_in(page, client, alice, live_server, settings)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/children/{child.pk}/meetings/{meeting.pk}/")
    note = page.get_by_role("note").filter(has_text="Invite your child")
    expect(note).to_contain_text("Sam turns 16 on March 14, 2031")
    expect(note.get_by_role("heading", name="Invite your child")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
