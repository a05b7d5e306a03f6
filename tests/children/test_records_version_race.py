"""The PostgreSQL race of decision 0011's token (decision 0023): a read made while another
transaction's write is not yet committed must never leave a stale answer afterwards.

With the token in the cache table, such a read could create a new token from the records
before the write, and nothing ever deleted it. The records version is a column bumped by
the write itself, so it commits with it. SQLite runs one writer at a time with its
transactions taken IMMEDIATE, which hides the race: the test needs PostgreSQL.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings

from playbook.advocacy.models import Ask, Concern
from tests.api.conftest import Api
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db(transaction=True)

# As hosted: the shared cache is the database's table (what decision 0011 relied on).
SHARED_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "playbook_cache",
    },
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


@pytest.fixture(autouse=True)
def on_postgresql_with_the_shared_cache():
    if connection.vendor != "postgresql":
        pytest.skip("the race needs concurrent writers: run with DATABASE_URL=postgres://...")
    with override_settings(CACHES=SHARED_CACHE):
        call_command("createcachetable", verbosity=0)
        for cache in caches.all():
            cache.clear()
        yield


def while_uncommitted(write, read):
    """Run ``write`` in a transaction in another thread, ``read`` before it commits."""
    written, finish = threading.Event(), threading.Event()
    failed = []

    def writer():
        try:
            with transaction.atomic():
                write()
                written.set()
                assert finish.wait(20), "the reader never finished"
        except Exception as exc:  # reported below, in the test's own thread
            failed.append(exc)
            written.set()
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert written.wait(20), "the writer never wrote"
        result = read()
    finally:
        finish.set()
        thread.join(20)
    assert not failed, failed
    return result


def test_an_api_read_during_a_write_is_not_stale_after_it_commits(alice, child):
    api = Api(alice)
    path = f"children/{child.pk}/concerns"

    def write():
        Concern.objects.create(child=child, title="Bus rides")

    during = while_uncommitted(write, lambda: api.get(path))
    assert during.status_code == 200 and during.json() == []  # not committed yet
    api.headers["If-None-Match"] = during["ETag"]
    after = api.get(path)
    assert after.status_code == 200
    assert [c["title"] for c in after.json()] == ["Bus rides"]


def test_a_page_read_during_a_write_is_not_stale_after_it_commits(alice, child):
    browser = signed_in(Client(), alice)
    path = f"/children/{child.pk}/concerns/"

    def write():
        Concern.objects.create(child=child, title="Bus rides")

    during = while_uncommitted(write, lambda: browser.get(path))
    assert "Bus rides" not in during.content.decode()
    after = browser.get(path, headers={"If-None-Match": during["ETag"]})
    assert after.status_code == 200 and "Bus rides" in after.content.decode()


def test_deadlines_computed_during_a_write_are_not_kept_after_it_commits(
    alice, child, case_manager
):
    api = Api(alice)
    path = f"children/{child.pk}/deadlines"
    today = child.today()
    made = {}

    def write():
        made["ask"] = Ask.objects.create(
            child=child, subject="an OT evaluation", asked_of=case_manager,
            asked_on=today - timedelta(days=2), reply_due=today + timedelta(days=3),
        )  # fmt: skip

    during = while_uncommitted(write, lambda: api.get(path))
    assert during.status_code == 200
    assert str(made["ask"].pk) not in during.content.decode()
    after = api.get(path)  # no If-None-Match: only what the process kept could be stale
    assert str(made["ask"].pk) in after.content.decode()
