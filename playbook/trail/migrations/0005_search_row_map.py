"""SQLite search: find an entry's row in the FTS5 table through an index, not a scan.

The triggers of 0003 deleted and updated FTS rows ``WHERE entry_id = OLD.id``; entry_id
is an UNINDEXED FTS5 column, so each deleted entry scanned every entry of every family.
Deleting a child with 5,000 entries held SQLite's write lock for minutes (and every other
writer waited, then failed with "database is locked"). A small table now maps each entry
to its FTS row, so a delete or an update touches one row of each. PostgreSQL is unchanged.
"""

from django.db import migrations

DROP_TRIGGERS = [
    "DROP TRIGGER IF EXISTS trail_entry_fts_insert",
    "DROP TRIGGER IF EXISTS trail_entry_fts_update",
    "DROP TRIGGER IF EXISTS trail_entry_fts_delete",
]

FORWARD = [
    *DROP_TRIGGERS,
    """
    CREATE TABLE trail_entry_fts_row (
        entry_id char(32) NOT NULL PRIMARY KEY,
        fts_rowid integer NOT NULL
    )
    """,
    "INSERT INTO trail_entry_fts_row (entry_id, fts_rowid) SELECT entry_id, rowid FROM trail_entry_fts",
    """
    CREATE TRIGGER trail_entry_fts_insert AFTER INSERT ON trail_entry BEGIN
        INSERT INTO trail_entry_fts (entry_id, child_id, subject, body)
        VALUES (NEW.id, NEW.child_id, NEW.subject, NEW.body);
        INSERT INTO trail_entry_fts_row (entry_id, fts_rowid) VALUES (NEW.id, last_insert_rowid());
    END
    """,
    """
    CREATE TRIGGER trail_entry_fts_update AFTER UPDATE OF subject, body, child_id ON trail_entry
    BEGIN
        DELETE FROM trail_entry_fts
        WHERE rowid = (SELECT fts_rowid FROM trail_entry_fts_row WHERE entry_id = OLD.id);
        DELETE FROM trail_entry_fts_row WHERE entry_id = OLD.id;
        INSERT INTO trail_entry_fts (entry_id, child_id, subject, body)
        VALUES (NEW.id, NEW.child_id, NEW.subject, NEW.body);
        INSERT INTO trail_entry_fts_row (entry_id, fts_rowid) VALUES (NEW.id, last_insert_rowid());
    END
    """,
    """
    CREATE TRIGGER trail_entry_fts_delete AFTER DELETE ON trail_entry BEGIN
        DELETE FROM trail_entry_fts
        WHERE rowid = (SELECT fts_rowid FROM trail_entry_fts_row WHERE entry_id = OLD.id);
        DELETE FROM trail_entry_fts_row WHERE entry_id = OLD.id;
    END
    """,
]

BACKWARD = [
    *DROP_TRIGGERS,
    "DROP TABLE IF EXISTS trail_entry_fts_row",
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
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("trail", "0004_corrections_restrict"),
    ]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
