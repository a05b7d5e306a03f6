"""Issue 15 in a real browser at 375 px: a trial cut short by a winter break says so and
moves its review in one click; a data point is corrected and a trial linked to its series
on their own pages. axe-core checks each page."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from playbook.children.models import SchoolBreak
from playbook.meetings.models import DataSeries, Measurement, Trial


@pytest.mark.browser
def test_extend_a_trial_link_its_series_and_correct_a_point_on_a_phone(
    transactional_db, live_server, page, axe_check, client, alice, child
):
    SchoolBreak.objects.create(
        child=child, name="Winter break", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    series = DataSeries.objects.create(child=child, name="Times he left the room", unit="per week")
    point = Measurement.objects.create(series=series, date=date(2026, 12, 4), value=7)
    trial = Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        start_date=date(2026, 12, 7),
        weeks=4,
        measure="times he leaves the classroom",
        review_date=date(2027, 1, 4),
    )
    client.force_login(alice)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    page.set_viewport_size({"width": 375, "height": 800})
    base = f"{live_server.url}/children/{child.pk}"

    page.goto(f"{base}/trials/{trial.pk}/")
    expect(
        page.get_by_text("Winter break (Dec 21 to Jan 1) falls inside this trial")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    axe_check(page)
    page.get_by_role("button", name="Move the review to January 19").click()
    expect(page.get_by_text("The review moved to January 19")).to_be_visible()
    trial.refresh_from_db()
    assert trial.review_date == date(2027, 1, 19)

    page.get_by_role("link", name="Change the terms or the data series").click()
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.get_by_label("Data series that tracks it").select_option(label="Times he left the room")
    page.get_by_role("button", name="Save the trial").click()
    expect(page.get_by_text("Trial updated.")).to_be_visible()
    trial.refresh_from_db()
    assert trial.series_id == series.pk and trial.review_date == date(2027, 1, 19)

    page.goto(f"{base}/data/{series.pk}/")
    axe_check(page)
    page.get_by_role("link", name="Edit the point of Dec 4, 2026").click()
    axe_check(page)
    page.get_by_label("Value").fill("6")
    page.get_by_role("button", name="Save the point").click()
    expect(page.get_by_text("Data point updated.")).to_be_visible()
    point.refresh_from_db()
    assert point.value == 6
