"""The shared cache (playbook/cache.py): Django's database cache with set() as one upsert.
What the rate limits, the API throttle and the records-version tokens rely on."""

from __future__ import annotations

import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from playbook import cache as shared

DATABASE = {
    "default": {
        "BACKEND": "playbook.cache.DatabaseCache",
        "LOCATION": "playbook_cache",
        "OPTIONS": {"MAX_ENTRIES": 10},
    },
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


@override_settings(CACHES=DATABASE)
def test_set_is_one_statement_and_reads_back(db, monkeypatch):
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(shared, "CULL_EVERY", 10**9)
    cache = caches["default"]
    with CaptureQueriesContext(connection) as queries:
        cache.set("history", [1.5, 2.5], 60)
    assert len(queries) == 1 and "ON CONFLICT" in queries[0]["sql"]
    assert cache.get("history") == [1.5, 2.5]
    cache.set("history", {"now": "replaced"}, 60)
    assert cache.get("history") == {"now": "replaced"}
    cache.set("forever", "kept", None)
    with time_machine.travel("2099-01-01"):
        assert cache.get("forever") == "kept"
        assert cache.get("history") is None  # expired after its 60 s


@override_settings(CACHES=DATABASE)
def test_add_incr_and_delete_keep_djangos_meaning(db, monkeypatch):
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(shared, "CULL_EVERY", 10**9)
    cache = caches["default"]
    assert cache.add("count", 1, 60) is True
    assert cache.add("count", 5, 60) is False
    assert cache.incr("count") == 2
    cache.delete("count")
    assert cache.get("count") is None


@override_settings(CACHES=DATABASE)
def test_now_and_then_a_set_culls_the_table(db, monkeypatch):
    call_command("createcachetable", verbosity=0)
    monkeypatch.setattr(shared, "CULL_EVERY", 10**9)
    cache = caches["default"]
    for n in range(25):
        cache.set(f"key-{n}", n, 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM playbook_cache")
        assert cursor.fetchone()[0] == 25
    monkeypatch.setattr(shared, "CULL_EVERY", 1)  # every set counts and culls, as Django's
    cache.set("one-more", 1, 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM playbook_cache")
        assert cursor.fetchone()[0] <= 18  # a third went, as MAX_ENTRIES (10) was passed
    assert cache.get("one-more") == 1
