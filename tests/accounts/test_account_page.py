"""The account page: name and email, password, API tokens."""

from __future__ import annotations

import re

from playbook.accounts.models import ApiToken

from ..conftest import PASSWORD


def test_changing_name_and_email(alice_client, alice, bob):
    response = alice_client.post(
        "/account/", {"display_name": "Alice R.", "email": "A2@example.com"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.email) == ("Alice R.", "a2@example.com")


def test_an_email_in_use_or_malformed_is_refused(alice_client, alice, bob):
    for email, message in [("bob@example.com", "Another account"), ("nope", "valid email")]:
        response = alice_client.post("/account/", {"display_name": "A", "email": email})
        assert response.status_code == 400
        assert message in response.content.decode()
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_changing_the_password_keeps_you_logged_in(alice_client, alice):
    new = "a-different-password-77"
    response = alice_client.post(
        "/account/password/",
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 400
    assert "Your old password was entered incorrectly" in response.content.decode()
    response = alice_client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert alice_client.get("/account/").status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_a_token_is_shown_once_then_listed_and_revocable(alice_client, alice):
    response = alice_client.post("/account/tokens/", {"name": "home server"})
    assert response.status_code == 200
    body = response.content.decode()
    raw = re.search(r'value="(pb_[^"]+)"', body).group(1)
    assert "Copy the token" in body
    assert ApiToken.user_for(raw) == alice
    page = alice_client.get("/account/").content.decode()
    assert "home server" in page and raw not in page
    token = alice.api_tokens.get()
    assert alice_client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert ApiToken.user_for(raw) is None


def test_a_token_needs_a_name(alice_client, alice):
    response = alice_client.post("/account/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "Give the token a name." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_persons_token(charlie_client, alice):
    token, raw = ApiToken.issue(alice, "mine")
    assert charlie_client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.user_for(raw) == alice


def test_the_household_home_shows_each_childs_next_move_and_counts(
    alice_client, household, child, case_manager
):
    from datetime import date, timedelta

    from django.utils import timezone

    from playbook.advocacy.models import Ask
    from playbook.children.models import Child

    Child.objects.create(
        household=household, name="Ana Rivera", birth_date=date(2018, 5, 1), grade="2", state="CA"
    )
    Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=timezone.localdate() - timedelta(days=20),
    )
    page = alice_client.get("/").content.decode()
    assert "Ana Rivera" in page and "Sam Rivera" in page
    assert "Follow up on an OT evaluation" in page
    assert "1 request waiting for an answer" in page
