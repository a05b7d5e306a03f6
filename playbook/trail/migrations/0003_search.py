"""Full-text search over entries' subjects and bodies, in each database's own way.

SQLite: an FTS5 table kept in step with trail_entry by triggers (entries are append-only,
but the triggers also follow updates and deletes so search never disagrees with the rows).
PostgreSQL: a GIN index on the same tsvector expression that playbook.trail.search queries.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE trail_entry_fts USING fts5(
        entry_id UNINDEXED, child_id UNINDEXED, subject, body,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER trail_entry_fts_insert AFTER INSERT ON trail_entry BEGIN
        INSERT INTO trail_entry_fts (entry_id, child_id, subject, body)
        VALUES (NEW.id, NEW.child_id, NEW.subject, NEW.body);
    END
    """,
    """
    CREATE TRIGGER trail_entry_fts_update AFTER UPDATE OF subject, body, child_id ON trail_entry
    BEGIN
        DELETE FROM trail_entry_fts WHERE entry_id = OLD.id;
        INSERT INTO trail_entry_fts (entry_id, child_id, subject, body)
        VALUES (NEW.id, NEW.child_id, NEW.subject, NEW.body);
    END
    """,
    """
    CREATE TRIGGER trail_entry_fts_delete AFTER DELETE ON trail_entry BEGIN
        DELETE FROM trail_entry_fts WHERE entry_id = OLD.id;
    END
    """,
    """
    INSERT INTO trail_entry_fts (entry_id, child_id, subject, body)
    SELECT id, child_id, subject, body FROM trail_entry
    """,
]

SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS trail_entry_fts_insert",
    "DROP TRIGGER IF EXISTS trail_entry_fts_update",
    "DROP TRIGGER IF EXISTS trail_entry_fts_delete",
    "DROP TABLE IF EXISTS trail_entry_fts",
]

PG_INDEX = "trail_entry_search"


def _pg_index():
    return GinIndex(SearchVector("subject", "body", config="english"), name=PG_INDEX)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.add_index(apps.get_model("trail", "Entry"), _pg_index())


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("trail", "Entry"), _pg_index())


class Migration(migrations.Migration):
    dependencies = [
        ("trail", "0002_import_digest"),
    ]

    operations = [migrations.RunPython(forward, backward)]
