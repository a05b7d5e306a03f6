"""Sharing: invite by email with a role, accept, withdraw, remove a member."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from playbook.accounts.households import create_parent
from playbook.accounts.models import Invite, Membership, Role

from ..conftest import PASSWORD


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(client, household, email="dee@example.com", role="parent"):
    return client.post(f"/household/{household.pk}/invites/", {"email": email, "role": role})


def test_the_sharing_page_lists_members_and_open_invites(alice_client, household, bob):
    invite(alice_client, household, "dee@example.com", "advocate_edit")
    body = alice_client.get("/household/sharing/").content.decode()
    assert "Alice Parent" in body and "Owner" in body
    assert "bob@example.com" in body and "Advocate (read only)" in body
    assert "dee@example.com" in body and "Advocate (can edit)" in body
    assert "Send the invitation" in body


def test_an_invite_emails_a_link_that_a_new_person_can_accept(alice_client, household, child):
    response = invite(alice_client, household, "Dee@Example.com", "advocate_read")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["dee@example.com"]
    url = re.search(r"http://\S+/invites/\S+/", message.body).group(0)
    path = url.split("8000", 1)[1]

    visitor = Client()
    page = visitor.get(path).content.decode()
    assert "Create an account" in page and f"next={path}" in page
    response = visitor.post(
        "/signup/",
        {"display_name": "Dee", "email": "dee@example.com", "password": PASSWORD, "next": path},
    )
    assert response["Location"] == "/signup/sent/"
    confirm = re.search(r"http://\S+/confirm-email/\S+", mail.outbox[-1].body).group(0)
    assert visitor.get(confirm.split("8000", 1)[1]).status_code == 302
    visitor.post("/login/", {"username": "dee@example.com", "password": PASSWORD})
    assert "Accept the invitation" in visitor.get(path).content.decode()
    response = visitor.post(path)
    assert response.status_code == 302
    membership = Membership.objects.get(household=household, user__email="dee@example.com")
    assert membership.role == Role.ADVOCATE_READ
    assert visitor.get(f"/children/{child.pk}/").status_code == 200
    # Used once.
    assert visitor.get(path).status_code == 404


def test_an_invite_cannot_be_taken_by_another_account(alice_client, household, charlie):
    invite(alice_client, household, "dee@example.com")
    token = Invite.objects.get().token
    other = client_for(charlie)
    body = other.get(f"/invites/{token}/").content.decode()
    assert "sent to dee@example.com" in body and "Accept the invitation" not in body
    response = other.post(f"/invites/{token}/")
    assert response.status_code == 400
    assert not Membership.objects.filter(household=household, user=charlie).exists()


def test_an_unknown_token_is_a_clear_404(client, db):
    response = client.get("/invites/not-a-real-token/")
    assert response.status_code == 404
    assert "no longer works" in response.content.decode()


@pytest.mark.parametrize(
    ("email", "role", "message"),
    [
        ("", "parent", "Enter the email address"),
        ("dee@", "parent", "Enter an email address like"),
        ("dee@example.com", "", "Choose what they can do."),
        ("dee@example.com", "owner", "Choose one of the roles in the list."),
        ("dee@example.com", "superuser", "Choose one of the roles in the list."),
        ("bob@example.com", "parent", "already a member"),
    ],
)
def test_bad_invites_are_explained_and_nothing_sent(
    alice_client, household, bob, email, role, message
):
    response = invite(alice_client, household, email, role)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Invite.objects.exists()
    assert mail.outbox == []


def test_a_new_invite_replaces_the_open_one(alice_client, household):
    invite(alice_client, household)
    first = Invite.objects.get()
    invite(alice_client, household, role="advocate_edit")
    first.refresh_from_db()
    assert not first.is_open
    assert Invite.objects.filter(revoked_at__isnull=True).get().role == "advocate_edit"


def test_withdrawing_an_invite_stops_its_link(alice_client, household):
    invite(alice_client, household)
    sent = Invite.objects.get()
    response = alice_client.post(f"/household/{household.pk}/invites/{sent.pk}/revoke/")
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.revoked_at is not None
    assert Client().get(f"/invites/{sent.token}/").status_code == 404


def test_removing_a_member_but_never_the_owner(alice_client, household, bob, alice):
    mine = Membership.objects.get(household=household, user=alice)
    assert (
        alice_client.get(f"/household/{household.pk}/members/{mine.pk}/remove/").status_code == 403
    )
    assert (
        alice_client.post(f"/household/{household.pk}/members/{mine.pk}/remove/").status_code == 403
    )
    bobs = Membership.objects.get(household=household, user=bob)
    url = f"/household/{household.pk}/members/{bobs.pk}/remove/"
    assert "Remove their access" in alice_client.get(url).content.decode()
    assert alice_client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=bobs.pk).exists()
    assert Membership.objects.filter(pk=mine.pk).exists()


def test_read_only_and_advocate_members_cannot_manage_sharing(household, bob, alice, db):
    bobs = Membership.objects.get(household=household, user=bob)
    mine = Membership.objects.get(household=household, user=alice)
    client = client_for(bob)
    page = client.get("/household/sharing/").content.decode()
    assert "Alice Parent" in page
    assert f"/household/{household.pk}/invites/" not in page
    assert invite(client, household).status_code == 403
    assert client.post(f"/household/{household.pk}/members/{mine.pk}/remove/").status_code == 403
    # An advocate who can edit records still cannot invite or remove people.
    bobs.role = Role.ADVOCATE_EDIT
    bobs.save()
    assert invite(client, household).status_code == 403
    Invite.objects.create(household=household, email="x@example.com", role="parent")
    sent = Invite.objects.get()
    assert client.post(f"/household/{household.pk}/invites/{sent.pk}/revoke/").status_code == 403
    sent.refresh_from_db()
    assert sent.is_open
    assert not Invite.objects.filter(email="dee@example.com").exists()


def test_another_household_is_404_everywhere(charlie_client, household, bob, alice):
    Invite.objects.create(household=household, email="x@example.com", role="parent")
    sent = Invite.objects.get()
    bobs = Membership.objects.get(household=household, user=bob)
    assert invite(charlie_client, household).status_code == 404
    assert (
        charlie_client.post(f"/household/{household.pk}/invites/{sent.pk}/revoke/").status_code
        == 404
    )
    assert (
        charlie_client.get(f"/household/{household.pk}/members/{bobs.pk}/remove/").status_code
        == 404
    )
    assert (
        charlie_client.post(f"/household/{household.pk}/members/{bobs.pk}/remove/").status_code
        == 404
    )
    assert "Alice" not in charlie_client.get("/household/sharing/").content.decode()
    sent.refresh_from_db()
    assert sent.is_open and Membership.objects.filter(pk=bobs.pk).exists()


def test_ids_from_another_household_do_not_mix(alice_client, household, charlie):
    theirs = charlie.memberships.get()
    other_invite = Invite.objects.create(
        household=theirs.household, email="y@example.com", role="parent"
    )
    url = f"/household/{household.pk}/members/{theirs.pk}/remove/"
    assert alice_client.post(url).status_code == 404
    url = f"/household/{household.pk}/invites/{other_invite.pk}/revoke/"
    assert alice_client.post(url).status_code == 404


def test_a_parent_member_may_invite(household, db):
    dee = create_parent("dee@example.com", PASSWORD, "Dee")
    Membership.objects.create(household=household, user=dee, role=Role.PARENT)
    assert invite(client_for(dee), household, "eve@example.com").status_code == 302
