"""A repeat view of a child's page or API read answers 304 Not Modified, and only while
nothing it shows has changed, only to the viewer and role it was drawn for, and never to
another household (playbook.children.conditional, decision 0023). Each test runs through
both doors: the pages and the API."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from playbook.accounts.models import Membership, Role
from playbook.advocacy.models import Ask, Concern
from tests.api.conftest import Api
from tests.conftest import signed_in


class PageDoor:
    """A browser on the child's concerns page: it sends back the ETag it was given."""

    def __init__(self, user, child):
        self.client = signed_in(Client(), user)
        self.path = f"/children/{child.pk}/concerns/"

    def get(self, etag: str | None = None, path: str | None = None):
        headers = {"If-None-Match": etag} if etag else {}
        return self.client.get(path or self.path, headers=headers)


class ApiDoor:
    """A program reading the child's concerns through the API, with a bearer token."""

    def __init__(self, user, child):
        self.api = Api(user)
        self.path = f"children/{child.pk}/concerns"

    def get(self, etag: str | None = None, path: str | None = None):
        self.api.headers.pop("If-None-Match", None)
        if etag:
            self.api.headers["If-None-Match"] = etag
        return self.api.get(path or self.path)


@pytest.fixture(params=[PageDoor, ApiDoor], ids=["page", "api"])
def door(request):
    return request.param


@pytest.fixture
def concern(child):
    return Concern.objects.create(child=child, title="Reading fluency")


def drawn(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeat_view_answers_304_with_nothing_in_it(door, alice, child, concern):
    viewer = door(alice, child)
    first = viewer.get()
    assert "Reading fluency" in drawn(first)
    assert first["ETag"].startswith('W/"')
    assert set(first["Cache-Control"].split(", ")) == {"private", "no-cache"}
    again = viewer.get(first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "private" in again["Cache-Control"]


def _write_on_the_page(alice, child):
    page = signed_in(Client(), alice)
    response = page.post(f"/children/{child.pk}/concerns/new/", {"title": "Bus rides"})
    assert response.status_code == 302


def _write_through_the_api(alice, child):
    response = Api(alice).post(f"children/{child.pk}/concerns", {"title": "Bus rides"})
    assert response.status_code == 201


def _write_behind_both(alice, child):
    Concern.objects.create(child=child, title="Bus rides")


@pytest.mark.parametrize("write", [_write_on_the_page, _write_through_the_api, _write_behind_both])
def test_a_change_to_the_records_draws_afresh(door, alice, child, concern, write):
    viewer = door(alice, child)
    etag = viewer.get()["ETag"]
    write(alice, child)
    fresh = viewer.get(etag)
    assert "Bus rides" in drawn(fresh)
    assert fresh["ETag"] != etag
    assert viewer.get(fresh["ETag"]).status_code == 304


def test_a_change_to_a_record_further_down_draws_afresh(door, alice, child, case_manager):
    viewer = door(alice, child)
    ask = Ask.objects.create(
        child=child, subject="an OT evaluation", asked_of=case_manager,
        asked_on=child.today() - timedelta(days=3),
    )  # fmt: skip
    path = f"/children/{child.pk}/asks/" if door is PageDoor else f"children/{child.pk}/asks"
    etag = viewer.get(path=path)["ETag"]
    ask.status = "granted"
    ask.save()
    assert viewer.get(etag, path=path).status_code == 200


def test_a_new_day_draws_afresh(door, alice, child, concern):
    zone = ZoneInfo(child.household.time_zone)
    viewer = door(alice, child)
    with time_machine.travel(datetime(2026, 3, 10, 23, 59, tzinfo=zone), tick=False):
        etag = viewer.get()["ETag"]
        assert viewer.get(etag).status_code == 304
    with time_machine.travel(datetime(2026, 3, 11, 0, 1, tzinfo=zone), tick=False):
        assert "Reading fluency" in drawn(viewer.get(etag))


def test_another_viewer_with_the_same_etag_gets_their_own_view(door, alice, bob, child, concern):
    etag = door(alice, child).get()["ETag"]
    for_bob = door(bob, child).get(etag)
    assert "Reading fluency" in drawn(for_bob)
    assert for_bob["ETag"] != etag


def test_a_new_role_draws_afresh(door, alice, bob, child, concern):
    viewer = door(bob, child)
    etag = viewer.get()["ETag"]
    Membership.objects.filter(user=bob).update(role=Role.ADVOCATE_EDIT)
    assert "Reading fluency" in drawn(viewer.get(etag))


def test_another_household_gets_404_never_304(door, alice, charlie, child, concern):
    etag = door(alice, child).get()["ETag"]
    refused = door(charlie, child).get(etag)
    assert refused.status_code == 404
    assert "Reading fluency" not in refused.content.decode()
    assert "ETag" not in refused


def test_a_removed_member_gets_404_never_304(door, bob, child, concern):
    viewer = door(bob, child)
    etag = viewer.get()["ETag"]
    Membership.objects.filter(user=bob).delete()
    assert viewer.get(etag).status_code == 404


def test_logged_out_the_page_asks_to_log_in(alice, child, concern):
    viewer = PageDoor(alice, child)
    etag = viewer.get()["ETag"]
    viewer.client.logout()
    response = viewer.get(etag)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_page_with_a_message_waiting_is_drawn_and_not_kept(alice, child, concern):
    viewer = PageDoor(alice, child)
    etag = viewer.get()["ETag"]
    saved = viewer.client.post(f"/children/{child.pk}/concerns/new/", {"title": "Bus rides"})
    shown = viewer.get(etag, path=saved["Location"])
    assert shown.status_code == 200 and "ETag" not in shown


def test_each_query_string_is_its_own_view(door, alice, child, concern):
    viewer = door(alice, child)
    plain = viewer.get()["ETag"]
    assert viewer.get(plain, path=viewer.path + "?status=open").status_code == 200


def test_304s_still_count_against_the_rate_limit(alice, child, concern, monkeypatch):
    import time
    from types import SimpleNamespace

    from playbook.accounts import rates
    from playbook.api.main import api

    # The limit counts per fixed minute: on a loaded machine four requests can straddle the
    # minute's end and start a fresh count, so the clock the limit reads stays mid-minute.
    mid_minute = time.time() // 60 * 60 + 30
    monkeypatch.setattr(rates, "time", SimpleNamespace(time=lambda: mid_minute))
    viewer = ApiDoor(alice, child)
    throttle = next(t for t in api.throttle if t.scope == "user")
    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "3/m", 3, 60
    try:
        etag = viewer.get()["ETag"]
        codes = [viewer.get(etag).status_code for _ in range(3)]
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = original
    assert codes == [304, 304, 429]


def test_the_chain_check_is_always_worked_out(alice, child):
    """It exists to notice edits made behind the app's back, which no version sees."""
    response = Api(alice).get(f"children/{child.pk}/entries/verify")
    assert response.status_code == 200 and "ETag" not in response


def test_a_304_is_a_read_in_the_owners_access_log(door, alice, bob, child, concern):
    from playbook.accounts.models import AccessEvent

    zone = ZoneInfo(child.household.time_zone)
    viewer = door(bob, child)
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=zone), tick=False):
        etag = viewer.get()["ETag"]
    # Ten minutes later (a new five-minute window), the same day: the browser's copy holds.
    with time_machine.travel(datetime(2026, 3, 10, 9, 10, tzinfo=zone), tick=False):
        assert viewer.get(etag).status_code == 304
    assert AccessEvent.objects.filter(user=bob, child=child, action="opened").count() == 2
