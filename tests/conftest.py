"""Shared fixtures: Alice owns a household with a child, Bob is her read-only advocate,
Charlie has a household of his own (healthchecks' triad)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import date

import pytest

# live_server and sync Playwright share the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playbook.accounts.households import create_parent  # noqa: E402
from playbook.accounts.models import Membership, Role  # noqa: E402
from playbook.children.models import Child, TeamMember  # noqa: E402

PASSWORD = "a-long-test-password"


def pytest_configure(config):
    """The Spanish pages need the compiled catalogue, as `make install` builds it."""
    from playbook.catalogue import compile_all

    compile_all()


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Rate-limit counts and what was computed from a child's records live in caches: each
    test starts from none."""
    from django.core.cache import caches

    caches["default"].clear()
    caches["local"].clear()


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """A request in Spanish leaves Spanish active in its thread (the middleware activates a
    language per request and never resets it): code called outside a request, like the
    coach's words, starts each test in English (issue 19)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _server_clock_outside_requests():
    """Reaching a family's record activates its time zone (accounts.clock); a request ends
    on the server's, but a test that calls the access helpers directly would leave it on."""
    from django.utils import timezone

    timezone.deactivate()
    yield
    timezone.deactivate()


@contextmanager
def made_once(django_db_blocker):
    """Rows a module's tests only read, made once for all of them (pytest-django leaves room
    for a transaction around the tests): they live in a transaction that ends with the module,
    undone. Each test still runs in a savepoint inside it, so what a test writes is undone
    before the next. The module's tests need `pytestmark = pytest.mark.django_db`."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def alice(db):
    return create_parent("alice@example.com", PASSWORD, "Alice Parent")


@pytest.fixture
def household(alice):
    return alice.memberships.get().household


def make_child(household) -> Child:
    return Child.objects.create(
        household=household,
        name="Sam Rivera",
        birth_date=date(2015, 3, 14),
        grade="5",
        school="Lincoln Elementary",
        district="Springfield Public Schools",
        state="CA",
    )


def make_case_manager(child) -> TeamMember:
    return TeamMember.objects.create(
        child=child, name="Dana Cole", role="case_manager", email="dana.cole@school.example"
    )


@pytest.fixture
def child(household):
    return make_child(household)


@pytest.fixture
def case_manager(child):
    return make_case_manager(child)


@pytest.fixture
def bob(household):
    """Alice's advocate, read only."""
    user = create_parent("bob@example.com", PASSWORD, "Bob Advocate")
    Membership.objects.create(household=household, user=user, role=Role.ADVOCATE_READ)
    return user


@pytest.fixture
def charlie(db):
    """An outsider with a household and child of his own."""
    return create_parent("charlie@example.com", PASSWORD, "Charlie Other")


def signed_in(client, user):
    """Logged in, with the CSRF cookie a browser has after its first page: so the first
    request a test counts is served as every later one is (its ETag holds the cookie,
    playbook.children.conditional)."""
    from django.conf import settings
    from django.utils.crypto import get_random_string

    client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)
    return client


@pytest.fixture
def alice_client(client, alice):
    return signed_in(client, alice)


@pytest.fixture
def bob_client(client, bob):
    return signed_in(client, bob)


@pytest.fixture
def charlie_client(client, charlie):
    return signed_in(client, charlie)
