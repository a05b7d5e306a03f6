"""Sign up, log in, log out, password reset and the login lockout."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from playbook.accounts.models import Membership, Role, User

from ..conftest import PASSWORD


def test_sign_up_makes_a_household_and_starts_the_set_up(client, db):
    response = client.post(
        "/signup/",
        {"display_name": "Rosa Diaz", "email": "Rosa@Example.com", "password": PASSWORD},
    )
    assert response["Location"] == "/signup/sent/"
    user = User.objects.get()
    assert user.email == "rosa@example.com"
    assert user.check_password(PASSWORD)
    assert Membership.objects.get(user=user).role == Role.OWNER
    client.post("/login/", {"username": "rosa@example.com", "password": PASSWORD})
    assert client.get("/")["Location"] == "/children/new/"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"display_name": "", "email": "r@example.com", "password": PASSWORD}, "required"),
        ({"display_name": "R", "email": "not-an-email", "password": PASSWORD}, "valid email"),
        ({"display_name": "R", "email": "r@example.com", "password": "short"}, "too short"),
        ({"display_name": "R", "email": "r@example.com", "password": "password123"}, "common"),
    ],
)
def test_bad_sign_up_is_explained_and_nothing_made(client, alice, data, message):
    response = client.post("/signup/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.count() == 1


def test_sign_up_returns_to_a_safe_next_page_only(client, db):
    """The emailed link to confirm the address carries on to the page the parent came from."""
    data = {"display_name": "R", "email": "r@example.com", "password": PASSWORD}
    client.post("/signup/", {**data, "next": "/invites/abc/"})
    assert "?next=%2Finvites%2Fabc%2F" in mail.outbox[-1].body
    data["email"] = "s@example.com"
    client.post("/signup/", {**data, "next": "https://evil.example/"})
    assert "evil.example" not in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("after", "lands_on"),
    [
        ("garbage", "/"),  # a word, not a page: it was read as a view's name, and answered 500
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/account/", "/account/"),
    ],
)
def test_a_confirmed_account_goes_on_to_a_page_of_this_site_only(
    alice_client, alice, after, lands_on
):
    alice.email_verified_at = timezone.now()
    alice.save(update_fields=["email_verified_at"])
    response = alice_client.get(f"{reverse('confirm_email')}?next={after}")
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_log_in_and_log_out(client, alice):
    response = client.post("/login/", {"username": "ALICE@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    client.post("/logout/")
    assert client.get("/account/").status_code == 302


def test_a_wrong_password_is_explained(client, alice):
    response = client.post("/login/", {"username": "alice@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "don&#x27;t match an account" in response.content.decode()


def test_repeated_failures_lock_the_login_with_a_friendly_page(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/login/", {"username": "alice@example.com", "password": "x"})
        assert response.status_code == 200
    response = client.post("/login/", {"username": "alice@example.com", "password": "x"})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post("/login/", {"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "reset your password" in response.content.decode()
    assert client.get("/account/").status_code == 302


def test_password_reset_by_email(client, alice, settings):
    assert client.get("/password-reset/").status_code == 200
    response = client.post("/password-reset/", {"email": "alice@example.com"})
    assert response["Location"] == "/password-reset/sent/"
    assert "Check your email" in client.get("/password-reset/sent/").content.decode()
    [message] = mail.outbox
    assert message.subject == "Reset your IEP Playbook password"
    assert message.to == ["alice@example.com"]
    link = re.search(r"http://\S+/password-reset/\S+/", message.body).group(0)
    path = link.removeprefix(settings.SITE_URL)
    response = client.get(path, follow=True)
    assert "Choose a new password" in response.content.decode()
    set_url = response.redirect_chain[-1][0]
    new = "another-long-password-42"
    response = client.post(set_url, {"new_password1": new, "new_password2": "mismatch-x"})
    assert "The two password fields didn’t match." in response.content.decode()
    response = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == "/password-reset/done/"
    assert "Your password is changed" in client.get("/password-reset/done/").content.decode()
    alice.refresh_from_db()
    assert alice.check_password(new)
    # The link works once.
    assert "no longer works" in client.get(path, follow=True).content.decode()


def test_password_reset_for_an_unknown_email_reveals_nothing(client, db):
    response = client.post("/password-reset/", {"email": "nobody@example.com"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []
