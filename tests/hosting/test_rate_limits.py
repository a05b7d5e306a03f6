"""Rate limits on sign-up, log-in, password reset and the API (issue 8)."""

import os
import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

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


# --- Concurrent requests (issue 20, finding 12) -------------------------------------------
# The probe got 1,253 answers in 12 s against 600 a minute: each request read the count,
# then wrote it back, so requests arriving together all saw room left.

LIMIT = 20
THREADS, EACH = 8, 10


@pytest.fixture
def user_rate_of_twenty():
    from playbook.api.main import api

    throttle = next(t for t in api.throttle if t.scope == "user")
    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = f"{LIMIT}/h", LIMIT, 3600
    yield
    throttle.rate, throttle.num_requests, throttle.duration = original


def requests_at_once(raw_token: str) -> list[int]:
    """THREADS clients sending EACH requests, all starting together; every status."""
    from django.db import connections
    from django.test import Client

    start = threading.Barrier(THREADS)
    statuses: list[int] = []

    def client_thread():
        client = Client()
        start.wait()
        try:
            for _ in range(EACH):
                answer = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw_token}")
                statuses.append(answer.status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=client_thread) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


MEMORY = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
DATABASE_TABLE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "playbook_cache",
}
ON_SQLITE = not os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "shared_cache",
    [
        pytest.param(MEMORY, id="memory"),
        pytest.param(
            DATABASE_TABLE,
            id="database table",
            marks=pytest.mark.skipif(
                ON_SQLITE,
                reason="the in-memory SQLite test database locks whole tables between "
                "threads ('database table is locked') where a real SQLite file waits its "
                "turn; run on PostgreSQL (DATABASE_URL), as the lead's full run does",
            ),
        ),
    ],
)
def test_requests_at_once_never_get_more_answers_than_the_limit(
    shared_cache, alice, user_rate_of_twenty, settings
):
    settings.CACHES = {**settings.CACHES, "default": shared_cache}
    call_command("createcachetable", verbosity=0)  # the test database was made without it
    _, raw = ApiToken.issue(alice)
    # One moment for every thread: the requests all fall in one counting window.
    with time_machine.travel(datetime(2026, 11, 30, 15, 20, tzinfo=UTC), tick=False):
        statuses = requests_at_once(raw)
    assert sorted(set(statuses)) == [200, 429]
    assert statuses.count(200) == LIMIT


@override_settings(CACHES={"default": DATABASE_TABLE, "local": MEMORY})
def test_in_the_database_table_each_request_is_counted_once_per_window(db):
    from playbook.accounts.models import RateCount
    from playbook.accounts.rates import count_request

    start = datetime(2026, 11, 30, 15, 0, 10, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        assert [count_request("user:7", 60)[0] for _ in range(3)] == [1, 2, 3]
        assert count_request("user:8", 60)[0] == 1  # another account counts apart
        assert count_request("user:7", 60)[1] == 50  # seconds until the minute ends
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        assert count_request("user:7", 60)[0] == 1  # a new minute starts from one
    # The ended minute's rows were swept when the new one began.
    assert RateCount.objects.count() == 1


def test_over_the_limit_the_answer_says_when_the_window_ends(client, alice, settings):
    from playbook.api.main import api

    _, raw = ApiToken.issue(alice)
    throttle = next(t for t in api.throttle if t.scope == "user")
    original = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "1/m", 1, 60
    try:
        with time_machine.travel(datetime(2026, 11, 30, 15, 0, 45, tzinfo=UTC), tick=False):
            assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
            refused = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    finally:
        throttle.rate, throttle.num_requests, throttle.duration = original
    assert refused.status_code == 429
    assert refused["Retry-After"] == "15"
    assert refused.json()["detail"] == "Too many requests. Wait 15 seconds, then try again."
