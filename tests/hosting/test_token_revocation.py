"""A new password ends the account's API tokens (issue 20, finding 15).

The probe found that API tokens kept working after a password change: someone who had
taken a token kept the family's records after the parent changed the password to lock
them out. Every way a password is set (the account page, a password reset, the
`playbook changepassword` command) now revokes the account's tokens. Tokens were already
stored only as hashes; a test below keeps it so.
"""

from __future__ import annotations

import hashlib
import io
import re
from urllib.parse import urlsplit

from django.contrib.messages import get_messages
from django.core import mail
from django.core.management import call_command
from django.test import Client

from playbook.accounts.models import ApiToken
from tests.conftest import PASSWORD

NEW_PASSWORD = "a-brand-new-long-password-7"


def token_works(raw: str) -> bool:
    """Whether the API answers this token (from a client with no session of its own)."""
    answer = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    return answer.status_code == 200


def test_changing_the_password_on_the_account_page_revokes_the_tokens(client, alice, bob):
    _, raw = ApiToken.issue(alice, "My script")
    ApiToken.issue(alice, "Another")
    _, bobs = ApiToken.issue(bob)
    client.force_login(alice)
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert not alice.api_tokens.exists()
    assert not token_works(raw)
    assert token_works(bobs)  # only the account whose password changed
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "API tokens" in message and "no longer work" in message


def test_a_password_reset_revokes_the_tokens(client, alice):
    _, raw = ApiToken.issue(alice)
    client.post("/password-reset/", {"email": "alice@example.com"})
    link = re.search(r"https?://\S+/password-reset/\S+/", mail.outbox[0].body).group(0)
    set_url = client.get(urlsplit(link).path, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/password-reset/done/"
    assert not token_works(raw)
    assert "API tokens" in client.get("/password-reset/done/").content.decode()


def test_changepassword_on_the_command_line_revokes_the_tokens(alice, monkeypatch):
    from django.contrib.auth.management.commands import changepassword

    _, raw = ApiToken.issue(alice)
    monkeypatch.setattr(changepassword.Command, "_get_pass", lambda self, prompt="": NEW_PASSWORD)
    call_command("changepassword", "alice@example.com", stdout=io.StringIO())
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
    assert ApiToken.user_for(raw) is None


def test_setting_the_password_in_code_revokes_them_too(alice):
    _, raw = ApiToken.issue(alice)
    alice.set_password(NEW_PASSWORD)
    alice.save()
    assert ApiToken.user_for(raw) is None


def test_saving_the_account_without_a_new_password_keeps_the_tokens(client, alice):
    _, raw = ApiToken.issue(alice)
    client.force_login(alice)
    client.post("/account/", {"display_name": "Alice P.", "email": "alice@example.com"})
    alice.refresh_from_db()
    alice.save()
    assert ApiToken.user_for(raw) == alice


def test_a_stronger_hash_made_at_log_in_is_not_a_new_password(alice, settings):
    _, raw = ApiToken.issue(alice)
    # Alice's password was hashed with MD5 (the test hasher); PBKDF2 is now preferred, so
    # the next successful log-in stores a new hash of the same password.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    assert alice.check_password(PASSWORD)
    alice.refresh_from_db()
    assert alice.password.startswith("pbkdf2_sha256$")
    assert ApiToken.user_for(raw) == alice


def test_only_a_hash_of_each_token_is_stored(alice):
    token, raw = ApiToken.issue(alice)
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in [str(value) for value in stored.values()]
    assert stored["key_hash"] == hashlib.sha256(raw.encode()).hexdigest()
