"""Behind the reverse proxy, the log-in lockout and the rate limits know each client by the
address the proxy forwarded, not the proxy's own (issue 20, finding 5)."""

from __future__ import annotations

import pytest

from playbook.accounts.rates import client_ip

from ..conftest import PASSWORD

PROXY = "10.0.0.2"  # what REMOTE_ADDR is for every request through the proxy
GUESSER = "198.51.100.7"
PARENT = "203.0.113.20"


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    return settings


def log_in(client, password: str, forwarded_for: str):
    return client.post(
        "/login/",
        {"username": "alice@example.com", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_guesses_from_one_address_do_not_lock_the_parent_out_elsewhere(
    client, alice, behind_one_proxy
):
    for _ in range(behind_one_proxy.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", GUESSER)
    assert log_in(client, PASSWORD, GUESSER).status_code == 429

    response = log_in(client, PASSWORD, PARENT)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_forged_forwarded_address_does_not_escape_the_lockout(client, alice, behind_one_proxy):
    # The proxy appends the address it saw; anything before it came from the client.
    for n in range(behind_one_proxy.AXES_FAILURE_LIMIT):
        log_in(client, "wrong", f"192.0.2.{n}, {GUESSER}")
    assert log_in(client, PASSWORD, f"192.0.2.99, {GUESSER}").status_code == 429


def test_the_client_is_counted_from_the_end_by_the_number_of_proxies(rf, settings):
    request = rf.get(
        "/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.0.0.1", REMOTE_ADDR="10.0.0.2"
    )
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.0.0.1"


def test_without_a_proxy_the_forwarded_header_is_ignored(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="192.0.2.5")
    assert client_ip(request) == "192.0.2.5"


def test_sign_up_is_limited_per_forwarded_address(client, db, behind_one_proxy):
    def sign_up(n: int, forwarded_for: str):
        return client.post(
            "/signup/",
            {"display_name": "X", "email": f"p{n}@example.com", "password": "x"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )

    for n in range(10):
        sign_up(n, GUESSER)
    assert sign_up(10, GUESSER).status_code == 429
    assert sign_up(11, PARENT).status_code != 429
