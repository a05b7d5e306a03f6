"""Issue 15: what the trial and data pages can do, the API can do, through the same write
(meetings/trials.py), scoped to the household; and a trial's review counts school weeks."""

from datetime import date

import pytest
from django.test import Client

from playbook.children.models import SchoolBreak
from playbook.meetings.models import DataSeries, Measurement, Trial

JSON = "application/json"


@pytest.fixture
def series(child):
    series = DataSeries.objects.create(
        child=child, name="Times leaving class", unit="per week", goal=1
    )
    Measurement.objects.create(series=series, date=date(2026, 11, 13), value=7)
    Measurement.objects.create(series=series, date=date(2026, 11, 20), value=5)
    return series


@pytest.fixture
def trial(child):
    return Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        instead_of="a 1:1 aide",
        start_date=date(2026, 11, 16),
        weeks=5,
        measure="times leaving class per week",
        review_date=date(2026, 12, 21),
    )


@pytest.fixture
def outsider(charlie):
    other = Client()
    other.force_login(charlie)
    return other


def test_a_trial_is_linked_to_its_series_edited_and_deleted_through_the_api(
    alice_client, child, trial, series
):
    url = f"/api/v1/trials/{trial.pk}"
    linked = alice_client.patch(url, {"series": str(series.pk)}, content_type=JSON)
    assert linked.status_code == 200, linked.content
    body = linked.json()
    assert body["series"] == str(series.pk)
    assert body["baseline"] == 7  # no entered baseline: the last point before the start
    assert body["goal"] == 1
    trial.refresh_from_db()
    assert trial.series_id == series.pk

    edited = alice_client.patch(url, {"how_often": "daily", "weeks": 6}, content_type=JSON)
    assert edited.status_code == 200, edited.content
    trial.refresh_from_db()
    assert (trial.how_often, trial.weeks) == ("daily", 6)
    # Changing the weeks without a review date derives it again, in school weeks.
    assert trial.review_date == date(2026, 12, 30)  # Thanksgiving and Christmas skipped

    unlinked = alice_client.patch(url, {"series": None}, content_type=JSON)
    assert unlinked.json()["series"] is None

    assert alice_client.delete(url).status_code == 204
    assert not Trial.objects.filter(pk=trial.pk).exists()


def test_a_trial_patch_is_refused_with_the_field_named(alice_client, trial):
    url = f"/api/v1/trials/{trial.pk}"
    early = alice_client.patch(url, {"review_date": "2026-11-01"}, content_type=JSON)
    assert early.status_code == 422
    assert "review_date" in early.json()["detail"]
    unknown = alice_client.patch(
        url, {"series": "00000000-0000-0000-0000-000000000000"}, content_type=JSON
    )
    assert unknown.status_code == 422
    assert "series" in unknown.json()["detail"]
    trial.refresh_from_db()
    assert trial.review_date == date(2026, 12, 21)


def test_another_household_gets_404_for_trials_and_points(outsider, trial, series):
    point = series.points.first()
    assert outsider.get(f"/api/v1/trials/{trial.pk}").status_code == 404
    patched = outsider.patch(f"/api/v1/trials/{trial.pk}", {"weeks": 2}, content_type=JSON)
    assert patched.status_code == 404
    assert outsider.delete(f"/api/v1/trials/{trial.pk}").status_code == 404
    point_url = f"/api/v1/children/{series.child_id}/data-series/{series.pk}/points/{point.pk}"
    assert outsider.patch(point_url, {"value": 1}, content_type=JSON).status_code == 404
    assert outsider.delete(point_url).status_code == 404
    page = f"/children/{series.child_id}/trials/{trial.pk}/delete/"
    assert outsider.post(page).status_code == 404
    assert Trial.objects.filter(pk=trial.pk).exists()
    point.refresh_from_db()
    assert point.value == 7


def test_a_read_only_advocate_cannot_change_a_trial(bob_client, trial):
    answer = bob_client.patch(f"/api/v1/trials/{trial.pk}", {"weeks": 2}, content_type=JSON)
    assert answer.status_code == 403
    trial.refresh_from_db()
    assert trial.weeks == 5


def test_a_data_point_is_edited_and_deleted_through_the_api(alice_client, series):
    point = series.points.first()
    url = f"/api/v1/children/{series.child_id}/data-series/{series.pk}/points/{point.pk}"
    edited = alice_client.patch(url, {"value": 6.5, "note": "recount"}, content_type=JSON)
    assert edited.status_code == 200, edited.content
    assert edited.json()["value"] == 6.5
    point.refresh_from_db()
    assert (point.value, point.note) == (6.5, "recount")
    assert alice_client.patch(url, {"date": None}, content_type=JSON).status_code == 422
    assert alice_client.delete(url).status_code == 204
    assert series.points.count() == 1


def test_the_pages_edit_and_delete_points_and_trials_with_the_same_write(
    alice_client, child, trial, series
):
    point = series.points.first()
    edit = f"/children/{child.pk}/data/{series.pk}/points/{point.pk}/"
    assert alice_client.get(edit).status_code == 200
    answer = alice_client.post(edit, {"date": "2026-11-13", "value": "8", "note": ""})
    assert answer.status_code == 302
    point.refresh_from_db()
    assert point.value == 8
    assert alice_client.post(edit + "delete/").status_code == 302
    assert not series.points.filter(pk=point.pk).exists()

    trial_edit = f"/children/{child.pk}/trials/{trial.pk}/edit/"
    page = alice_client.get(trial_edit)
    assert page.status_code == 200
    assert "<h1>Change the trial" in page.content.decode()
    answer = alice_client.post(
        trial_edit,
        {
            "proposal": trial.proposal,
            "instead_of": trial.instead_of,
            "start_date": "2026-11-16",
            "weeks": "5",
            "measure": trial.measure,
            "review_date": "2026-12-21",
            "series": series.pk,
        },
    )
    assert answer.status_code == 302
    trial.refresh_from_db()
    assert trial.series_id == series.pk
    assert alice_client.post(f"/children/{child.pk}/trials/{trial.pk}/delete/").status_code == 302
    assert not Trial.objects.filter(pk=trial.pk).exists()


def test_a_winter_break_inside_a_trial_is_said_plainly_and_the_review_can_be_extended(
    alice_client, child
):
    SchoolBreak.objects.create(
        child=child, name="Winter break", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    # Entered with calendar weeks: 4 weeks from 7 Dec straight through the break.
    trial = Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        start_date=date(2026, 12, 7),
        weeks=4,
        measure="times leaving class per week",
        review_date=date(2027, 1, 4),
    )
    page = alice_client.get(f"/children/{child.pk}/trials/{trial.pk}/").content.decode()
    assert "Winter break (Dec 21 to Jan 1) falls inside this trial" in page
    assert "fewer than 4 school weeks" in page
    assert "Move the review to January 19" in page

    api = alice_client.get(f"/api/v1/trials/{trial.pk}").json()
    assert api["breaks_inside"] == [
        {"name": "Winter break", "start": "2026-12-21", "end": "2027-01-01"}
    ]
    assert api["school_weeks_review_date"] == "2027-01-19"

    answer = alice_client.post(f"/children/{child.pk}/trials/{trial.pk}/extend/")
    assert answer.status_code == 302
    trial.refresh_from_db()
    assert trial.review_date == date(2027, 1, 19)
    page = alice_client.get(f"/children/{child.pk}/trials/{trial.pk}/").content.decode()
    assert "falls inside this trial" not in page


def test_a_new_trial_across_the_break_gets_its_school_weeks(alice_client, child):
    SchoolBreak.objects.create(
        child=child, name="Winter break", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    answer = alice_client.post(
        f"/api/v1/children/{child.pk}/trials",
        {
            "proposal": "a shared classroom aide",
            "start_date": "2026-12-07",
            "weeks": 4,
            "measure": "times leaving class per week",
        },
        content_type=JSON,
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["review_date"] == "2027-01-19"
