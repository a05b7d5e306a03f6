"""Each member's calendar feed ends with their membership (issue 20, finding 9).

The probe found that the private feed URL of a removed member still served the child's
meetings and deadlines. Each member now has a feed of their own for each child, tied to
their membership: removing them deletes it, and the URL answers 404.
"""

from __future__ import annotations

from datetime import date

from django.test import Client

from playbook.accounts.households import create_parent
from playbook.accounts.models import Membership, Role
from playbook.meetings.models import Meeting
from tests.conftest import signed_in


def as_(user) -> Client:
    return signed_in(Client(), user)


def feed_path(client, child) -> str:
    url = client.get(f"/api/v1/children/{child.pk}/calendar-feed").json()["url"]
    return url.removeprefix("http://testserver")


def test_a_removed_members_feed_answers_404_and_the_others_keep_theirs(
    client, alice, bob, household, child
):
    Meeting.objects.create(child=child, date=date(2026, 12, 3))
    alice_client = as_(alice)
    bobs_feed = feed_path(as_(bob), child)
    alices_feed = feed_path(alice_client, child)
    assert bobs_feed != alices_feed  # one link each
    assert client.get(bobs_feed).status_code == 200

    bobs_membership = Membership.objects.get(user=bob, household=household)
    removed = alice_client.post(f"/household/{household.pk}/members/{bobs_membership.pk}/remove/")
    assert removed.status_code == 302

    assert client.get(bobs_feed).status_code == 404
    still = client.get(alices_feed)
    assert still.status_code == 200 and b"BEGIN:VEVENT" in still.content


def test_removing_through_the_api_ends_the_feed_too(client, alice, bob, household, child):
    bobs_feed = feed_path(as_(bob), child)
    membership = Membership.objects.get(user=bob, household=household)
    answer = as_(alice).delete(f"/api/v1/households/{household.pk}/members/{membership.pk}")
    assert answer.status_code == 204
    assert client.get(bobs_feed).status_code == 404


def test_a_member_who_comes_back_gets_a_new_link(client, bob, household, child):
    old_feed = feed_path(as_(bob), child)
    membership = Membership.objects.get(user=bob, household=household)
    membership.delete()
    Membership.objects.create(user=bob, household=household, role=Role.ADVOCATE_READ)
    new_feed = feed_path(as_(bob), child)
    assert new_feed != old_feed
    assert client.get(old_feed).status_code == 404
    assert client.get(new_feed).status_code == 200


def test_renewing_changes_only_ones_own_link(client, alice, household, child):
    parent = create_parent("pat@example.com", "a-long-test-password", "Pat Parent")
    Membership.objects.create(user=parent, household=household, role=Role.PARENT)
    pats_feed = feed_path(as_(parent), child)
    alice_client = as_(alice)
    alices_feed = feed_path(alice_client, child)
    renewed = alice_client.post(f"/api/v1/children/{child.pk}/calendar-feed").json()["url"]
    assert renewed.removeprefix("http://testserver") != alices_feed
    assert client.get(alices_feed).status_code == 404
    assert client.get(pats_feed).status_code == 200


def test_a_deactivated_accounts_feed_stops(client, bob, child):
    bobs_feed = feed_path(as_(bob), child)
    bob.is_active = False
    bob.save(update_fields=["is_active"])
    assert client.get(bobs_feed).status_code == 404


def test_the_deadlines_page_shows_each_member_their_own_link(alice, bob, child):
    def shown(page) -> str:
        html = page.content.decode()
        start = html.index('id="feed-url" value="') + len('id="feed-url" value="')
        return html[start : html.index('"', start)]

    alices = shown(as_(alice).get(f"/children/{child.pk}/deadlines/"))
    bobs = shown(as_(bob).get(f"/children/{child.pk}/deadlines/"))
    assert alices != bobs
    assert alices.startswith("http://testserver/calendar/")
