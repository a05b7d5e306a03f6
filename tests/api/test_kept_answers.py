"""A child's API reads are answered again from memory only while nothing they show has
changed, only to whom they were made for, and never around the sign-in, the path check or
the rate limit (playbook.api.kept)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from playbook.accounts.models import Membership
from playbook.advocacy.asks import family_today
from playbook.advocacy.models import Ask, Concern
from playbook.trail.chain import append
from playbook.trail.models import Entry


def read(api, path):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path)
    return response, len(queries)


def test_a_second_read_is_answered_from_memory_with_its_headers(alice_api, child):
    for subject in ("Called the school", "Emailed the OT"):
        append(child, occurred_at=child.created_at, kind="note", subject=subject)
    path = f"children/{child.pk}/entries?limit=1"
    first, worked_out = read(alice_api, path)
    again, answered = read(alice_api, path)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json() and len(first.json()) == 1
    assert again["X-Total-Count"] == first["X-Total-Count"] == "2"
    assert again["Content-Type"] == "application/json; charset=utf-8"
    assert answered < worked_out


def test_a_change_through_the_api_shows_at_once(alice_api, child):
    path = f"children/{child.pk}/concerns"
    assert alice_api.get(path).json() == []
    assert alice_api.post(path, {"title": "Reading fluency"}).status_code == 201
    assert [c["title"] for c in alice_api.get(path).json()] == ["Reading fluency"]


def test_a_change_made_anywhere_else_shows_at_once(alice_api, child, case_manager):
    path = f"children/{child.pk}/asks"
    assert alice_api.get(path).json() == []
    Ask.objects.create(
        child=child, subject="a reading assessment", asked_of=case_manager,
        asked_on=family_today(child) - timedelta(days=3),
    )  # fmt: skip
    assert [a["subject"] for a in alice_api.get(path).json()] == ["a reading assessment"]


def test_another_household_gets_404_for_a_kept_answer(alice_api, charlie_api, child):
    path = f"children/{child.pk}/concerns"
    Concern.objects.create(child=child, title="Reading fluency")
    assert alice_api.get(path).status_code == 200
    assert alice_api.get(path).status_code == 200
    refused = charlie_api.get(path)
    assert refused.status_code == 404
    assert "Reading fluency" not in refused.content.decode()


def test_a_removed_member_is_refused_at_once(alice_api, bob_api, bob, child):
    path = f"children/{child.pk}/concerns"
    Concern.objects.create(child=child, title="Reading fluency")
    assert bob_api.get(path).status_code == 200
    assert bob_api.get(path).status_code == 200
    Membership.objects.filter(user=bob).delete()
    assert bob_api.get(path).status_code == 404


def test_each_query_string_and_day_is_its_own_answer(alice_api, child, case_manager):
    zone = ZoneInfo(child.household.time_zone)
    path = f"children/{child.pk}/asks"
    # Two minutes apart, either side of the family's midnight: long before anything kept
    # would expire, so only the day in the key can tell the answers apart.
    with time_machine.travel(datetime(2026, 3, 10, 23, 59, tzinfo=zone), tick=False):
        Ask.objects.create(
            child=child, subject="a reading assessment", asked_of=case_manager,
            asked_on=date(2026, 3, 2),
        )  # fmt: skip
        assert alice_api.get(path).json()[0]["days_waited"] == 8
        assert alice_api.get(path).json()[0]["days_waited"] == 8
        assert alice_api.get(f"{path}?today=2026-03-20").json()[0]["days_waited"] == 18
    with time_machine.travel(datetime(2026, 3, 11, 0, 1, tzinfo=zone), tick=False):
        assert alice_api.get(path).json()[0]["days_waited"] == 9


def test_kept_answers_still_count_against_the_rate_limit(alice_api, child):
    from playbook.api.main import api

    path = f"children/{child.pk}/concerns"
    throttle = next(t for t in api.throttle if t.scope == "user")
    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "3/m", 3, 60
    try:
        codes = [alice_api.get(path).status_code for _ in range(4)]
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = original
    assert codes == [200, 200, 200, 429]


def test_the_chain_check_is_never_kept(alice_api, child):
    entry = append(child, occurred_at=child.created_at, kind="note", subject="Called")
    path = f"children/{child.pk}/entries/verify"
    assert alice_api.get(path).json()["ok"] is True
    Entry.objects.filter(pk=entry.pk).update(subject="Never called")  # behind the app's back
    assert alice_api.get(path).json()["ok"] is False
