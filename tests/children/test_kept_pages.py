"""The child home and the timeline are served again from memory only while nothing they
show has changed, and only to the user, role and browser they were drawn for."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from playbook.accounts.models import Membership
from playbook.advocacy.asks import family_today
from playbook.advocacy.models import Ask, Concern
from playbook.trail.chain import append
from tests.conftest import signed_in


def get(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.fixture
def home(child):
    return f"/children/{child.pk}/"


def test_the_second_visit_is_served_from_memory(alice_client, child, case_manager, home):
    first, drawn = get(alice_client, home)
    again, served = get(alice_client, home)
    assert again == first
    # session, user, membership and household zone, the access-log row
    assert served <= 4 < drawn


def test_any_change_to_the_records_is_shown_at_once(alice_client, child, case_manager, home):
    get(alice_client, home)
    Ask.objects.create(
        child=child, subject="a reading assessment", asked_of=case_manager,
        asked_on=family_today(child) - timedelta(days=3),
    )  # fmt: skip
    page, _ = get(alice_client, home)
    assert "a reading assessment" in page
    timeline = f"/children/{child.pk}/timeline/"
    get(alice_client, timeline)
    append(child, occurred_at=child.created_at, kind="note", subject="Talked to the OT")
    assert "Talked to the OT" in get(alice_client, timeline)[0]


def test_each_query_string_is_its_own_page(alice_client, child):
    append(child, occurred_at=child.created_at, kind="note", subject="About fluency")
    append(child, occurred_at=child.created_at, kind="note", subject="About the bus")
    timeline = f"/children/{child.pk}/timeline/"
    get(alice_client, timeline + "?q=fluency")
    found, _ = get(alice_client, timeline + "?q=bus")
    assert "About the bus" in found and "About fluency" not in found


def test_a_new_day_draws_the_page_again(alice_client, child, case_manager, home):
    Ask.objects.create(child=child, subject="an OT evaluation", asked_of=case_manager,
                       asked_on=family_today(child) - timedelta(days=3))  # fmt: skip
    assert "3 days" in get(alice_client, home)[0]
    with time_machine.travel(timedelta(days=1)):
        assert "4 days" in get(alice_client, home)[0]


def test_a_read_only_member_never_gets_the_owners_page(alice_client, bob, child, home):
    owners, _ = get(alice_client, home)
    assert "Record something you asked for" in owners
    readers, _ = get(signed_in(Client(), bob), home)
    assert "Record something you asked for" not in readers


def test_a_member_removed_gets_404_even_for_a_page_kept_for_them(bob, child, home):
    bobs = signed_in(Client(), bob)
    get(bobs, home)
    Membership.objects.filter(user=bob).delete()
    assert bobs.get(home).status_code == 404
    assert bobs.get(f"/children/{child.pk}/timeline/").status_code == 404


def test_logged_out_the_page_asks_to_log_in(alice_client, child, home):
    get(alice_client, home)
    alice_client.logout()
    response = alice_client.get(home)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_message_is_shown_once_and_not_kept(alice_client, child, home):
    get(alice_client, home)
    response = alice_client.post(f"/children/{child.pk}/concerns/new/",
                                 {"title": "Reading", "request": "A reading specialist"},
                                 follow=False)  # fmt: skip
    assert response.status_code == 302
    assert Concern.objects.filter(child=child, title="Reading").exists()
    first = alice_client.get(home, follow=True).content.decode()
    messages = re.findall(r'class="message message-\w+">([^<]+)<', first)
    assert messages, "the concern's confirmation"
    assert not any(m in get(alice_client, home)[0] for m in messages)


def test_a_kept_page_carries_a_working_csrf_token_for_its_browser(alice, child, home):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    browser.get(home)  # sets the CSRF cookie
    get(browser, home)  # drawn and kept
    page, served = get(browser, home)  # from memory
    assert served <= 4
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = browser.post("/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302  # not 403

    other = Client(enforce_csrf_checks=True)  # the same parent, another browser
    other.force_login(alice)
    other.get(home)
    page, _ = get(other, home)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    assert other.post("/logout/", {"csrfmiddlewaretoken": token}).status_code == 302


def test_another_household_cannot_reach_a_kept_page(alice_client, charlie, child, home):
    get(alice_client, home)
    get(alice_client, home)
    assert signed_in(Client(), charlie).get(home).status_code == 404
