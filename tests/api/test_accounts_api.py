import pytest
from django.core import mail
from django.utils import timezone

from playbook.accounts.households import create_parent
from playbook.accounts.models import Invite, Membership, Role

from .conftest import Api, detail


def test_me_lists_the_households_with_my_role(alice_api, household, bob, bob_api):
    body = alice_api.get("me").json()
    assert body["email"] == "alice@example.com"
    assert body["households"] == [
        {"id": str(household.pk), "name": household.name, "role": "owner"}
    ]
    roles = {h["id"]: h["role"] for h in bob_api.get("me").json()["households"]}
    assert roles[str(household.pk)] == "advocate_read"
    assert len(roles) == 2  # Bob's own household too


def test_without_credentials_the_api_answers_401(db):
    response = Api().get("me")
    assert response.status_code == 401
    assert "Bearer" in detail(response)


def test_a_wrong_token_answers_401(db):
    api = Api()
    api.headers["Authorization"] = "Bearer pb_not-a-real-token"
    assert api.get("me").status_code == 401


def test_members_lists_everyone_with_their_role(alice_api, household, bob):
    members = alice_api.get(f"households/{household.pk}/members").json()
    assert [(m["email"], m["role"]) for m in members] == [
        ("alice@example.com", "owner"),
        ("bob@example.com", "advocate_read"),
    ]


def test_members_of_another_household_are_not_found(charlie_api, household):
    assert charlie_api.get(f"households/{household.pk}/members").status_code == 404


def test_the_owner_revokes_a_member(alice_api, household, bob):
    membership = Membership.objects.get(user=bob, household=household)
    response = alice_api.delete(f"households/{household.pk}/members/{membership.pk}")
    assert response.status_code == 204
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert alice_api.get(f"households/{household.pk}/members/{membership.pk}").status_code == 404


def test_the_owner_cannot_be_removed(alice, alice_api, household):
    own = Membership.objects.get(user=alice, household=household)
    response = alice_api.delete(f"households/{household.pk}/members/{own.pk}")
    assert response.status_code == 422
    assert "owner cannot be removed" in detail(response)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_an_editing_advocate_may_not_remove_people(alice, household, bob):
    eve = create_parent("eve@example.com", "a-long-test-password")
    Membership.objects.create(household=household, user=eve, role=Role.ADVOCATE_EDIT)
    bobs = Membership.objects.get(user=bob, household=household)
    response = Api(eve).delete(f"households/{household.pk}/members/{bobs.pk}")
    assert response.status_code == 403
    assert Membership.objects.filter(pk=bobs.pk).exists()


def test_a_read_only_member_may_not_remove_people(bob_api, alice, household):
    own = Membership.objects.get(user=alice, household=household)
    assert bob_api.delete(f"households/{household.pk}/members/{own.pk}").status_code == 403


def test_a_membership_of_another_household_is_not_found_under_mine(alice_api, household, charlie):
    theirs = Membership.objects.get(user=charlie)
    response = alice_api.delete(f"households/{household.pk}/members/{theirs.pk}")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=theirs.pk).exists()


def test_an_invite_is_emailed_and_its_link_returned(alice_api, household):
    response = alice_api.post(
        f"households/{household.pk}/invites", {"email": "Coparent@Example.com", "role": "parent"}
    )
    assert response.status_code == 201
    invite = Invite.objects.get()
    assert invite.email == "coparent@example.com" and invite.role == "parent"
    assert response.json()["accept_url"].endswith(f"/invites/{invite.token}/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["coparent@example.com"]
    assert response.json()["accept_url"] in mail.outbox[0].body


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "role": "parent"}, "email"),
        ({"email": "", "role": "parent"}, "email"),
        ({"role": "parent"}, "email"),
        ({"email": "x@example.com", "role": "owner"}, "role"),
        ({"email": "x@example.com", "role": "boss"}, "role"),
        ({"email": "x@example.com"}, "role"),
    ],
)
def test_a_bad_invite_names_the_field_and_sends_nothing(alice_api, household, body, field):
    response = alice_api.post(f"households/{household.pk}/invites", body)
    assert response.status_code == 422
    assert detail(response).startswith(f"{field}:")
    assert not Invite.objects.exists() and not mail.outbox


def test_inviting_an_existing_member_is_refused(alice_api, household, bob):
    body = {"email": "bob@example.com", "role": "parent"}
    response = alice_api.post(f"households/{household.pk}/invites", body)
    assert response.status_code == 422
    assert "already a member" in detail(response)


def test_only_writers_of_this_household_can_invite(bob_api, charlie_api, household):
    body = {"email": "x@example.com", "role": "parent"}
    assert bob_api.post(f"households/{household.pk}/invites", body).status_code == 403
    assert charlie_api.post(f"households/{household.pk}/invites", body).status_code == 404
    assert not Invite.objects.exists()


def test_the_invitee_accepts_once(alice, household, charlie, charlie_api):
    charlie.email_verified_at = timezone.now()  # confirmed by the emailed link
    charlie.save()
    invite = Invite.objects.create(household=household, email="charlie@example.com", role="parent")
    response = charlie_api.post(f"invites/{invite.token}/accept")
    assert response.status_code == 200
    assert response.json() == {"id": str(household.pk), "name": household.name, "role": "parent"}
    assert Membership.objects.get(user=charlie, household=household).role == "parent"
    again = charlie_api.post(f"invites/{invite.token}/accept")
    assert again.status_code == 404
    assert "already used" in detail(again)


def test_an_unknown_or_revoked_invite_is_not_found(charlie_api, household):
    assert charlie_api.post("invites/no-such-token/accept").status_code == 404
    from django.utils import timezone

    invite = Invite.objects.create(
        household=household, email="c@example.com", role="parent", revoked_at=timezone.now()
    )
    assert charlie_api.post(f"invites/{invite.token}/accept").status_code == 404
    assert not Membership.objects.filter(household=household, user__email="charlie@example.com")


def test_accepting_needs_a_signed_in_person(household):
    invite = Invite.objects.create(household=household, email="c@example.com", role="parent")
    assert Api().post(f"invites/{invite.token}/accept").status_code == 401
    invite.refresh_from_db()
    assert invite.is_open


def test_when_the_email_cannot_be_sent_no_invite_is_left_behind(alice_api, household):
    from smtplib import SMTPException
    from unittest import mock

    with mock.patch("playbook.accounts.invites.send_mail", side_effect=SMTPException("down")):
        response = alice_api.post(
            f"households/{household.pk}/invites", {"email": "x@example.com", "role": "parent"}
        )
    assert response.status_code == 502
    assert "could not be sent" in detail(response)
    assert not Invite.objects.exists()
