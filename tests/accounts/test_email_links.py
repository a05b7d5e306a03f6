"""Emailed links name SITE_URL, whatever Host the request came with (issue 20, finding 18):
a forged Host header must not send a parent's reset link to someone else's site."""

from __future__ import annotations

import re

import pytest
from django.core import mail

SITE = "https://playbook.example.org"


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]  # the configuration where a forged Host gets through
    return settings


def links(body: str) -> list[str]:
    return re.findall(r"https?://\S+", body)


def test_the_reset_link_starts_with_site_url_whatever_the_host(client, alice, site):
    response = client.post(
        "/password-reset/", {"email": "alice@example.com"}, HTTP_HOST="attacker.example"
    )
    assert response.status_code == 302
    [message] = mail.outbox
    [link] = links(message.body)
    assert link.startswith(f"{SITE}/password-reset/")
    assert "attacker.example" not in message.body


def test_the_invite_link_starts_with_site_url_whatever_the_host(alice_client, household, site):
    alice_client.post(
        f"/household/{household.pk}/invites/",
        {"email": "dee@example.com", "role": "parent"},
        HTTP_HOST="attacker.example",
    )
    [message] = mail.outbox
    [link] = links(message.body)
    assert link.startswith(f"{SITE}/invites/")
