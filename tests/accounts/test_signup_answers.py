"""Sign-up answers the same whether or not the address has an account, and emails the
owner of one that has (issue 20, finding 16)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from playbook.accounts.models import User

from ..conftest import PASSWORD

SITE = "https://playbook.example.org"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


def sign_up(email: str) -> tuple[int, str, str, bool]:
    """What a visitor sees: the status, where it leads, that page's text, a session."""
    visitor = Client()
    response = visitor.post(
        "/signup/", {"display_name": "Rosa Diaz", "email": email, "password": "fresh-pass-9876"}
    )
    page = (
        visitor.get(response["Location"]).content.decode()
        if response.has_header("Location")
        else response.content.decode()
    )
    page = re.sub(r'(csrfmiddlewaretoken" value=|X-CSRFToken": )"[^"]+"', "", page)
    return response.status_code, response.get("Location", ""), page, "sessionid" in visitor.cookies


def test_a_new_and_an_existing_address_get_the_same_answer(alice):
    new = sign_up("rosa@example.com")
    existing = sign_up("Alice@Example.com")
    assert new == existing
    assert new[0] == 302 and new[1] == "/signup/sent/"
    assert "Check your email" in new[2]


def test_the_owner_of_an_existing_address_is_told_with_a_way_back_in(client, alice):
    sign_up("alice@example.com")
    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "tried to create an IEP Playbook account" in message.subject
    assert f"{SITE}/login/" in message.body
    reset = re.search(rf"{re.escape(SITE)}/password-reset/\S+/", message.body).group(0)
    assert (
        "Choose a new password"
        in client.get(reset.removeprefix(SITE), follow=True).content.decode()
    )
    # Nothing changed for the account itself.
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert User.objects.count() == 1


def test_a_new_address_gets_the_link_to_confirm_it(db):
    sign_up("rosa@example.com")
    [message] = mail.outbox
    assert message.to == ["rosa@example.com"]
    assert f"{SITE}/confirm-email/" in message.body
    user = User.objects.get(email="rosa@example.com")
    assert user.memberships.get().role == "owner"


def test_sign_up_is_limited_per_address_typed_so_nobody_is_flooded_with_email(client, alice):
    def post(email: str):
        return client.post(
            "/signup/", {"display_name": "X", "email": email, "password": "fresh-pass-9876"}
        )

    for _ in range(5):
        assert post("alice@example.com").status_code == 302
    assert post("alice@example.com").status_code == 429
    assert post("rosa@example.com").status_code == 302
    assert [m.to for m in mail.outbox] == [["alice@example.com"]] * 5 + [["rosa@example.com"]]
