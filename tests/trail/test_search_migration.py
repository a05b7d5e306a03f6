"""Migration trail.0008 converts a database made before it: the entries already recorded
are searchable after it, SQLite keeps no second copy of the text, PostgreSQL's vector is a
stored column (issue 21)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from playbook.trail import search
from playbook.trail.chain import append
from playbook.trail.models import Entry

from .conftest import START


@pytest.mark.django_db(transaction=True)
def test_entries_recorded_before_the_migration_are_found_after_it(child):
    before = [("trail", "0007_email_import_jobs")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old = append(child, occurred_at=START, kind="email", subject="Evaluation request",
                     body="We ask for a full evaluation of reading.")  # fmt: skip
        append(child, occurred_at=START, kind="note", body="Bus pickup moved.")
    finally:
        MigrationExecutor(connection).migrate(latest)
    assert search.page_ids(child.pk, search.parse("evaluations reading"), search.Window()) == (
        [old.pk],
        1,
    )
    newer = append(child, occurred_at=START, kind="note", body="Reading evaluation scheduled.")
    ids, total = search.page_ids(child.pk, search.parse("evaluation"), search.Window())
    assert set(ids) == {old.pk, newer.pk} and total == 2
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Contentless: the index answers, the text is not kept twice.
            cursor.execute("SELECT subject, body FROM trail_entry_fts")
            assert {row for row in cursor.fetchall()} == {(None, None)}
            cursor.execute("SELECT count(*) FROM trail_entry_fts_row")
            assert cursor.fetchone()[0] == Entry.objects.count() == 3
        else:
            cursor.execute(
                "SELECT attgenerated FROM pg_attribute WHERE attrelid = 'trail_entry'::regclass"
                " AND attname = 'search_vector'"
            )
            assert cursor.fetchone()[0] == "s"  # stored
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'trail_entry_search'")
            assert "gin (search_vector)" in cursor.fetchone()[0]
