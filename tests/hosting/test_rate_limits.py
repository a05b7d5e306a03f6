"""Rate limits on sign-up, log-in, password reset and the API (issue 8)."""

import pytest
from django.core.cache import cache

from playbook.accounts.models import ApiToken


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def test_login_posts_are_limited_per_account(client, alice):
    for _ in range(10):
        response = client.post("/login/", {"username": "alice@example.com", "password": "wrong"})
        assert response.status_code in (200, 429)
    limited = client.post("/login/", {"username": "alice@example.com", "password": "wrong"})
    assert limited.status_code == 429
    assert "Too many tries" in limited.content.decode()


def test_signup_posts_are_limited_per_address(client, db):
    for n in range(10):
        client.post(
            "/signup/", {"display_name": "X", "email": f"p{n}@example.com", "password": "x"}
        )
    limited = client.post(
        "/signup/", {"display_name": "X", "email": "late@example.com", "password": "x"}
    )
    assert limited.status_code == 429


def test_password_reset_is_limited_per_email(client, alice):
    for _ in range(5):
        assert client.post("/password-reset/", {"email": "alice@example.com"}).status_code == 302
    assert client.post("/password-reset/", {"email": "alice@example.com"}).status_code == 429


def test_pages_that_only_show_are_never_limited(client, db):
    for _ in range(40):
        assert client.get("/login/").status_code == 200


def test_the_api_is_limited_per_account_with_retry_after(client, alice, settings):
    from playbook.api.main import api

    _, raw = ApiToken.issue(alice)
    throttle = next(t for t in api.throttle if t.scope == "user")
    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "3/m", 3, 60
    try:
        codes = [
            client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
            for _ in range(4)
        ]
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = original
    assert codes == [200, 200, 200, 429]
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200  # the normal rate again


def test_behind_a_proxy_the_client_is_the_last_forwarded_address(rf, settings):
    from playbook.accounts.rates import client_ip

    settings.TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "203.0.113.9"
    request = rf.get("/", HTTP_X_FORWARDED_FOR="not-an-address", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "10.0.0.2"
