"""An account confirms its email address (a link sent to it) before it can accept an
invitation, or, where email is really sent, reach family records (issue 20, finding 10)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from playbook.accounts.models import Invite, Membership, Role, User

from ..api.conftest import Api, detail
from ..conftest import PASSWORD, signed_in

MIGRATION = ("accounts", "0006_user_email_verified_at")


def confirm_link(message) -> str:
    """The path of the confirmation link in an email (SITE_URL taken off)."""
    url = re.search(r"http://\S+/confirm-email/\S+", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def verified(user):
    user.email_verified_at = timezone.now()
    user.save(update_fields=["email_verified_at"])
    return user


@pytest.fixture
def dee_invite(household, alice):
    return Invite.objects.create(
        household=household, email="dee@example.com", role=Role.PARENT, invited_by=alice
    )


@pytest.fixture
def dee(db):
    """Someone who signed up as dee@example.com and never opened the emailed link."""
    Client().post(
        "/signup/", {"display_name": "Dee", "email": "dee@example.com", "password": PASSWORD}
    )
    mail.outbox.clear()
    return User.objects.get(email="dee@example.com")


# --- the invitation --------------------------------------------------------------------------


def test_an_unconfirmed_address_cannot_accept_an_invitation(client, dee, dee_invite):
    signed_in(client, dee)
    page = client.get(f"/invites/{dee_invite.token}/")
    assert "Confirm your email address first" in page.content.decode()
    assert "Accept the invitation" not in page.content.decode()

    response = client.post(f"/invites/{dee_invite.token}/")
    assert response.status_code == 403
    assert "Confirm your email address first" in response.content.decode()
    assert not Membership.objects.filter(user=dee).exclude(role=Role.OWNER).exists()
    dee_invite.refresh_from_db()
    assert dee_invite.is_open


def test_the_api_refuses_an_unconfirmed_invitee_with_403(dee, dee_invite):
    response = Api(dee).post(f"invites/{dee_invite.token}/accept")
    assert response.status_code == 403
    assert "Confirm your email address first" in detail(response)
    assert "dee@example.com" in detail(response)
    assert not Membership.objects.filter(household=dee_invite.household, user=dee).exists()


def test_the_api_lets_a_confirmed_invitee_accept(dee, dee_invite):
    response = Api(verified(dee)).post(f"invites/{dee_invite.token}/accept")
    assert response.status_code == 200
    assert Membership.objects.get(household=dee_invite.household, user=dee).role == Role.PARENT


def test_from_the_invitation_to_the_family_through_the_confirmation_link(
    dee_invite, household, child
):
    visitor = Client()
    invite_path = f"/invites/{dee_invite.token}/"
    response = visitor.post(
        "/signup/",
        {"display_name": "Dee", "email": "dee@example.com", "password": PASSWORD,
         "next": invite_path},
    )  # fmt: skip
    assert response["Location"] == "/signup/sent/"
    [message] = mail.outbox
    assert message.to == ["dee@example.com"]
    assert message.subject == "Confirm your email address for IEP Playbook"

    response = visitor.get(confirm_link(message))
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={invite_path.replace('/', '%2F')}"
    assert User.objects.get(email="dee@example.com").email_verified

    visitor.post("/login/", {"username": "dee@example.com", "password": PASSWORD})
    assert "Accept the invitation" in visitor.get(invite_path).content.decode()
    assert visitor.post(invite_path).status_code == 302
    assert Membership.objects.get(household=household, user__email="dee@example.com")
    assert visitor.get(f"/children/{child.pk}/").status_code == 200


def test_the_page_sends_the_link_again(client, dee):
    signed_in(client, dee)
    page = client.get("/account/confirm-email/").content.decode()
    assert "Check your email to confirm your address" in page and "dee@example.com" in page
    response = client.post("/account/confirm-email/")
    assert response["Location"] == "/account/confirm-email/"
    [message] = mail.outbox
    assert message.to == ["dee@example.com"]
    assert client.get(confirm_link(message)).status_code == 302
    dee.refresh_from_db()
    assert dee.email_verified


def test_a_link_works_once_and_only_for_the_address_it_was_sent_to(client, dee):
    signed_in(client, dee)
    client.post("/account/confirm-email/")
    [first] = mail.outbox
    client.post("/account/", {"display_name": "Dee", "email": "dee.new@example.com"})
    dee.refresh_from_db()
    assert dee.email == "dee.new@example.com" and not dee.email_verified
    response = client.get(confirm_link(first))
    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()
    dee.refresh_from_db()
    assert not dee.email_verified

    second = mail.outbox[-1]
    assert second.to == ["dee.new@example.com"]
    assert client.get(confirm_link(second)).status_code == 302
    dee.refresh_from_db()
    assert dee.email_verified
    # Opened again (a mail scanner got there first, say): no harm, no error.
    assert client.get(confirm_link(second)).status_code == 302


def test_a_confirmed_account_that_changes_its_address_confirms_again(alice_client, alice):
    verified(alice)
    alice_client.post("/account/", {"display_name": "Alice", "email": "alice.b@example.com"})
    alice.refresh_from_db()
    assert not alice.email_verified
    assert mail.outbox[-1].to == ["alice.b@example.com"]


def test_a_made_up_link_is_a_clear_404(client, db):
    response = client.get("/confirm-email/Mzk5/not-a-token/")
    assert response.status_code == 404
    assert "This link no longer works" in response.content.decode()


# --- family records, where email is really sent -----------------------------------------------


@pytest.fixture
def email_is_sent(settings):
    settings.REQUIRE_VERIFIED_EMAIL = True
    return settings


def test_hosted_an_unconfirmed_account_reaches_no_family_records(client, dee, email_is_sent):
    signed_in(client, dee)
    for path in ("/", "/children/new/", "/household/sharing/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/confirm-email/", path
    response = client.post("/children/new/", {"name": "Kai", "birth_date": "2016-01-01"})
    assert response["Location"] == "/account/confirm-email/"
    response = client.post("/account/tokens/", {"name": "script"})
    assert response["Location"] == "/account/confirm-email/"
    assert not dee.api_tokens.exists()
    response = client.post(
        "/api/v1/children",
        {"name": "Kai", "birth_date": "2016-01-01", "grade": "4", "state": "CA"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert "Confirm your email address first" in response.json()["detail"]
    assert not dee.memberships.get().household.children.exists()
    # What it needs to confirm or correct its address still works.
    page = client.get("/account/confirm-email/").content.decode()
    assert "Send the link again" in page and "start on your child" not in page
    assert client.get("/account/").status_code == 200


def test_hosted_a_confirmed_account_goes_on_as_before(alice_client, alice, child, email_is_sent):
    verified(alice)
    assert alice_client.get(f"/children/{child.pk}/").status_code == 200
    assert alice_client.get("/api/v1/children").status_code == 200


def test_on_a_laptop_an_unconfirmed_parent_may_start_at_once(client, dee, settings):
    settings.REQUIRE_VERIFIED_EMAIL = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    signed_in(client, dee)
    assert client.get("/")["Location"] == "/children/new/"
    assert client.get("/children/new/").status_code == 200
    page = client.get("/account/confirm-email/").content.decode()
    assert "printed in the window where IEP Playbook runs" in page
    assert "Go to your playbook" in page


# --- accounts someone vouches for, and accounts from before ------------------------------------


def test_adduser_makes_a_confirmed_account(db):
    import io

    call_command(
        "adduser", "op@example.com", password_stdin=True, stdin=io.StringIO(PASSWORD + "\n"),
        stdout=io.StringIO(),
    )  # fmt: skip
    assert User.objects.get(email="op@example.com").email_verified


def test_a_new_sign_up_starts_unconfirmed(dee):
    assert not dee.email_verified


@pytest.mark.django_db(transaction=True)
def test_accounts_from_before_the_upgrade_count_as_confirmed():
    executor = MigrationExecutor(connection)
    before = [
        parent
        for parent in executor.loader.graph.node_map[MIGRATION].parents
        if parent.key[0] == "accounts"
    ]
    executor.migrate([p.key for p in before])
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO accounts_user (password, is_superuser, email, display_name, first_name,"
            " last_name, is_staff, is_active, date_joined) VALUES"
            " ('x', false, 'old@example.com', '', '', '', false, true, CURRENT_TIMESTAMP)"
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert User.objects.get(email="old@example.com").email_verified
