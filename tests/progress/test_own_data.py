"""Issue 16: the parent's own data series on a goal's chart. The parent links a series to
a goal on the goals page or through the API (one write: DataSeries.link_to_goal); its points
are drawn on the goal's chart apart from the school's reports, with a legend and a table,
on the page and in the binder."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.children.models import Child
from playbook.meetings.models import DataSeries, Measurement
from playbook.progress.charts import OWN, REPORTED, goal_svg
from playbook.progress.lines import goal_lines

from .reports import LABELLED
from .test_pages import _upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def reading_at_home(child):
    series = DataSeries.objects.create(child=child, name="Reading at home", unit="wcpm")
    for day, value in ((date(2026, 10, 5), 55), (date(2026, 11, 2), 61), (date(2027, 1, 11), 68)):
        Measurement.objects.create(series=series, date=day, value=value)
    return series


def _goal(iep, number=1):
    return iep.goals.order_by("position")[number - 1]


def _link_on_page(client, child, goal, series):
    return client.post(
        f"/children/{child.pk}/goals/{goal.pk}/own-data/", {"series": series.pk if series else ""}
    )


def _link_by_api(client, child, goal, series):
    return client.put(
        f"/api/v1/children/{child.pk}/goals/{goal.pk}/own-data",
        {"series_id": str(series.pk) if series else None},
        content_type="application/json",
    )


@pytest.mark.parametrize("link", [_link_on_page, _link_by_api], ids=["page", "api"])
def test_the_page_and_the_api_link_a_series_to_a_goal_the_same_way(
    alice_client, child, iep, reading_at_home, link, monkeypatch
):
    calls = []
    real = DataSeries.link_to_goal.__func__

    def spy(cls, goal, series):
        calls.append((goal.pk, series.pk if series else None))
        return real(cls, goal, series)

    monkeypatch.setattr(DataSeries, "link_to_goal", classmethod(spy))
    goal = _goal(iep)
    assert link(alice_client, child, goal, reading_at_home).status_code in (200, 302)
    reading_at_home.refresh_from_db()
    assert reading_at_home.iep_goal_id == goal.pk
    assert calls == [(goal.pk, reading_at_home.pk)]
    assert link(alice_client, child, goal, None).status_code in (200, 302)
    reading_at_home.refresh_from_db()
    assert reading_at_home.iep_goal_id is None


def test_one_series_per_goal_a_new_link_replaces_the_old(child, iep, reading_at_home):
    other = DataSeries.objects.create(child=child, name="Math facts", unit="correct")
    goal = _goal(iep)
    DataSeries.link_to_goal(goal, reading_at_home)
    DataSeries.link_to_goal(goal, other)
    reading_at_home.refresh_from_db()
    other.refresh_from_db()
    assert (reading_at_home.iep_goal_id, other.iep_goal_id) == (None, goal.pk)


def test_the_goal_line_carries_the_parents_points_and_the_chart_draws_them_apart(
    child, iep, reading_at_home
):
    goal = _goal(iep)
    DataSeries.link_to_goal(goal, reading_at_home)
    lines = goal_lines(iep)
    own = lines[0].own
    assert (own.name, own.unit) == ("Reading at home", "wcpm")
    assert own.points == [(date(2026, 10, 5), 55), (date(2026, 11, 2), 61), (date(2027, 1, 11), 68)]
    assert lines[1].own is None and lines[2].own is None
    svg = goal_svg(lines[0], "Goal 1")
    assert "your own data: Reading at home (wcpm)" in svg  # the legend
    assert OWN in svg and OWN != REPORTED
    assert "your own data" not in goal_svg(lines[1], "Goal 2")


def test_the_goals_page_offers_the_link_and_lists_the_points_beside_the_chart(
    alice_client, child, iep, reading_at_home
):
    _upload(alice_client, child, LABELLED)
    goal = _goal(iep)
    page = alice_client.get(f"/children/{child.pk}/goals/").content.decode()
    assert page.count('name="series"') == 3 and 'for="own-1"' in page
    response = _link_on_page(alice_client, child, goal, reading_at_home)
    assert response["Location"] == f"/children/{child.pk}/goals/"
    page = alice_client.get(f"/children/{child.pk}/goals/").content.decode()
    assert "Your own data on goal 1: Reading at home (wcpm)" in page
    assert "<td>Nov 2, 2026</td><td>61 wcpm</td>" in page
    assert f'<option value="{reading_at_home.pk}" selected>' in page
    assert "Reports on goal 1" in page  # the school's reports stay in their own table
    chart = alice_client.get(f"/children/{child.pk}/goals/{goal.pk}/chart.svg").content.decode()
    assert "your own data: Reading at home (wcpm)" in chart


def test_the_api_lists_the_goals_own_data(alice_client, child, iep, reading_at_home):
    goal = _goal(iep, 2)
    answer = _link_by_api(alice_client, child, goal, reading_at_home).json()
    assert answer["series_id"] == str(reading_at_home.pk) and len(answer["points"]) == 3
    goals = alice_client.get(f"/api/v1/children/{child.pk}/goals").json()
    assert [g["own_data"] and g["own_data"]["name"] for g in goals] == [
        None,
        "Reading at home",
        None,
    ]
    assert goals[1]["own_data"]["points"][0] == {"date": "2026-10-05", "value": 55.0}


def test_the_binder_draws_and_lists_the_parents_data(child, iep, reading_at_home):
    from playbook.exports.binder import Scope, binder_context, render_html

    DataSeries.link_to_goal(_goal(iep), reading_at_home)
    html = render_html(binder_context(child, Scope(), child.today()))
    assert "The parent's own data: Reading at home (wcpm)" in html
    assert "<td>Jan 11, 2027</td><td>68 wcpm</td>" in html


def test_another_childs_series_cannot_be_linked(alice_client, child, household, iep):
    sister = Child.objects.create(household=household, name="Ana", birth_date="2017-01-01")
    hers = DataSeries.objects.create(child=sister, name="Hers", unit="x")
    goal = _goal(iep)
    assert _link_on_page(alice_client, child, goal, hers).status_code == 404
    assert _link_by_api(alice_client, child, goal, hers).status_code == 422
    assert not DataSeries.objects.filter(iep_goal__isnull=False).exists()


def test_another_household_gets_404(charlie_client, child, iep, reading_at_home):
    goal = _goal(iep)
    assert _link_on_page(charlie_client, child, goal, reading_at_home).status_code == 404
    assert _link_by_api(charlie_client, child, goal, reading_at_home).status_code == 404
    assert not DataSeries.objects.filter(iep_goal__isnull=False).exists()


def test_a_read_only_member_cannot_link(bob_client, child, iep, reading_at_home):
    goal = _goal(iep)
    assert _link_on_page(bob_client, child, goal, reading_at_home).status_code == 403
    assert _link_by_api(bob_client, child, goal, reading_at_home).status_code == 403
    assert 'name="series"' not in bob_client.get(f"/children/{child.pk}/goals/").content.decode()


def test_a_backup_made_before_goal_links_and_iep_readings_still_restores():
    from playbook.exports.backup import schema_read_as_now, schema_version

    now = schema_version()
    assert (now["meetings"], now["iep_import"]) == ("0004_dates_in_reach", "0001_initial")
    before = {k: v for k, v in now.items() if k != "iep_import"}
    for meetings in (
        "0001_initial",
        "0002_hearings_and_resolution_sessions",
        "0003_dataseries_iep_goal",
    ):
        assert schema_read_as_now({**before, "meetings": meetings}) == now
    assert schema_read_as_now({**now, "meetings": "0000_unknown"}) != now
