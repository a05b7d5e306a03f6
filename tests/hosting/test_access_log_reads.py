"""Every read of a child's records is in the owner's access log (issue 20, finding 7).

The probe counted 10 rows for 33 reads by a read-only member: lists, search, entry detail,
timeline, IEPs, meetings, deadlines, ledger, binder page and prep pack were silent. Now
every GET page and API route whose path names a child's record leaves one row per person,
child and area in any five minutes, decided by the database; downloads are listed each time.

The routes are found by walking the URL patterns (as tests/test_isolation.py does), so a
route added later is checked too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client, override_settings
from django.urls import include, path

from playbook.accounts.access_log import AREAS, unlabelled_child_routes
from playbook.accounts.models import AccessEvent
from tests.conftest import signed_in
from tests.test_isolation import PARAM, AliceWorld, all_routes, fill

# Path parameters that name something of the household rather than of one child.
HOUSEHOLD_PARAMS = {"household_id", "membership_id", "invite_id", "token_id"}
# The start of a five-minute window: the reads of one test all fall in it.
WINDOW_START = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)


def child_routes() -> list[str]:
    """Every route whose path names a record of a child (pages and API)."""
    found = []
    for route in all_routes():
        names = {m["name"] for m in PARAM.finditer(route)}
        if names and not names & HOUSEHOLD_PARAMS and not names & {"token", "uidb64"}:
            found.append(route)
    return list(dict.fromkeys(found))  # an API path with GET and POST is listed twice


@pytest.fixture(autouse=True)
def _in_one_window():
    with time_machine.travel(WINDOW_START, tick=True):
        yield


@pytest.fixture
def world(alice, household, child):
    return AliceWorld(alice, household, child)


def bobs_rows(bob):
    return list(AccessEvent.objects.filter(user=bob))


def test_the_walk_finds_the_pages_and_the_api():
    routes = child_routes()
    assert "children/<uuid:child_id>/timeline/" in routes
    assert "api/v1/children/<child_id>/entries/<entry_id>" in routes
    assert "api/v1/asks/<ask_id>/reply" in routes
    assert len(routes) > 100


@pytest.mark.parametrize("route", child_routes())
def test_a_read_is_one_row_per_area_within_five_minutes(route, world, bob, bob_client):
    url = fill(route, world)
    first = bob_client.get(url)
    if first.status_code != 200:  # a write-only route, or a form a read-only member can't use
        assert bobs_rows(bob) == [], f"{url} answered {first.status_code} and was logged"
        return
    rows = bobs_rows(bob)
    assert len(rows) == 1, f"{url}: {len(rows)} rows for one read"
    [row] = rows
    assert (row.child_id, row.household_id) == (world.child.pk, world.household.pk)
    assert row.area in AREAS, f"{url}: area {row.area!r} has no words for the owner"
    assert row.via_api == url.startswith("/api/")
    if "attachment" in first.get("Content-Disposition", ""):
        assert row.action == "exported", f"{url} is a download: list it in EXPORTS"

    assert bob_client.get(url).status_code == 200
    after = bobs_rows(bob)
    if row.action == "exported":
        assert len(after) == 2, f"{url}: each download is listed"
    else:
        assert after == [row], f"{url}: a second read within five minutes added a row"


def test_reading_everything_leaves_one_row_per_area(world, bob, bob_client):
    read = [
        route for route in child_routes() if bob_client.get(fill(route, world)).status_code == 200
    ]
    assert len(read) > 60
    opened = AccessEvent.objects.filter(user=bob, action="opened")
    areas = list(opened.values_list("area", flat=True))
    assert len(areas) == len(set(areas))
    assert {"child", "timeline", "asks", "ieps", "meetings", "deadlines", "ledger"} <= set(areas)
    assert {"binder", "letters", "plan", "coach", "team", "concerns", "data"} <= set(areas)


@pytest.mark.parametrize(
    "url, area",
    [
        ("/children/{child}/timeline/", "timeline"),
        ("/children/{child}/timeline/{entry}/", "timeline"),
        ("/api/v1/children/{child}/entries", "timeline"),
        ("/api/v1/children/{child}/entries/{entry}", "timeline"),
        ("/children/{child}/asks/", "asks"),
        ("/children/{child}/iep/", "ieps"),
        ("/api/v1/children/{child}/ieps", "ieps"),
        ("/children/{child}/meetings/", "meetings"),
        ("/children/{child}/meetings/{meeting}/prep/", "meetings"),
        ("/api/v1/meetings/{meeting}", "meetings"),
        ("/children/{child}/deadlines/", "deadlines"),
        ("/children/{child}/services/", "ledger"),
        ("/children/{child}/binder/", "binder"),
        ("/children/{child}/", "child"),
        ("/api/v1/children/{child}", "child"),
    ],
)
def test_each_route_is_logged_under_its_area(url, area, world, bob, bob_client):
    url = url.format(child=world.child.pk, entry=world.entry.pk, meeting=world.meeting.pk)
    assert bob_client.get(url).status_code == 200
    assert [(e.area, e.action, e.what) for e in bobs_rows(bob)] == [(area, "opened", AREAS[area])]


def test_another_process_does_not_list_a_read_again(world, bob, bob_client):
    # Each app process used to remember what it had listed; now the database decides.
    url = f"/children/{world.child.pk}/timeline/"
    assert bob_client.get(url).status_code == 200
    caches["local"].clear()  # as if the next request reached another process
    other_process = signed_in(Client(), bob)
    assert other_process.get(url).status_code == 200
    assert len(bobs_rows(bob)) == 1


def test_a_read_in_the_next_five_minutes_is_listed_again(world, bob, bob_client):
    url = f"/children/{world.child.pk}/asks/"
    assert bob_client.get(url).status_code == 200
    with time_machine.travel(WINDOW_START + timedelta(minutes=5, seconds=1), tick=False):
        assert bob_client.get(url).status_code == 200
    assert len(bobs_rows(bob)) == 2


def test_reads_of_different_areas_or_children_are_each_listed(world, bob, bob_client):
    from playbook.children.models import Child

    second = Child.objects.create(
        household=world.household, name="Ria Rivera", birth_date=date(2018, 6, 1)
    )
    for url in (
        f"/children/{world.child.pk}/asks/",
        f"/children/{world.child.pk}/letters/",
        f"/children/{second.pk}/asks/",
    ):
        assert bob_client.get(url).status_code == 200
    assert sorted((e.child.name, e.area) for e in bobs_rows(bob)) == [
        ("Ria Rivera", "asks"),
        ("Sam Rivera", "asks"),
        ("Sam Rivera", "letters"),
    ]


@pytest.mark.parametrize(
    "url", ["/", "/account/", "/household/sharing/", "/api/v1/children", "/api/v1/me"]
)
def test_the_household_list_and_the_account_are_not_logged(url, world, alice_client):
    assert alice_client.get(url + ("?all=1" if url == "/" else "")).status_code == 200
    assert AccessEvent.objects.count() == 0


def test_static_files_are_not_logged(world, alice_client):
    alice_client.get("/static/css/app.css")
    assert AccessEvent.objects.count() == 0


def test_every_child_route_has_an_area_the_owner_can_read():
    assert unlabelled_child_routes() == []


def _widget_view(request, child_id):
    from django.http import HttpResponse

    return HttpResponse("widgets")


class UrlsWithANewRoute:
    urlpatterns = [
        path("", include("playbook.urls")),
        path("children/<uuid:child_id>/widgets/", _widget_view, name="widgets"),
    ]


def test_a_new_child_route_without_an_area_is_reported():
    with override_settings(ROOT_URLCONF=UrlsWithANewRoute):
        assert unlabelled_child_routes() == ["children/<uuid:child_id>/widgets/"]
