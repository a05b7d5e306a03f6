"""Search that stays fast at 100,000 entries (issue 21, decision 0031).

SQLite: the FTS5 table becomes contentless (it kept a second copy of every subject and body)
and its row map carries each entry's child, date and seq, so a search is answered from the
index and the map alone: match, keep the child's, order, limit (or, for a word in most
entries, walk the map in date order until a page is found). The triggers hand the old
text back to FTS5 on a delete, which is what a contentless table needs to forget a row.

PostgreSQL: the search vector is stored (a generated column) with its GIN index, so no query
computes it again; a text search configuration without stop words (and without accents,
where the unaccent extension is available) makes a search mean what it means on SQLite.

The timeline's index gains seq, so "older than this entry" is one index range on both.
"""

from django.db import migrations, models

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS trail_entry_fts_insert",
    "DROP TRIGGER IF EXISTS trail_entry_fts_update",
    "DROP TRIGGER IF EXISTS trail_entry_fts_delete",
    "DROP TABLE IF EXISTS trail_entry_fts",
    "DROP TABLE IF EXISTS trail_entry_fts_row",
]

SQLITE_FORWARD = [
    *SQLITE_DROP,
    """
    CREATE VIRTUAL TABLE trail_entry_fts USING fts5(
        subject, body, content = '', tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TABLE trail_entry_fts_row (
        fts_rowid integer NOT NULL PRIMARY KEY,
        entry_id char(32) NOT NULL UNIQUE,
        child_id char(32) NOT NULL,
        occurred_at datetime NOT NULL,
        seq integer NOT NULL
    )
    """,
    """
    INSERT INTO trail_entry_fts_row (entry_id, child_id, occurred_at, seq)
    SELECT id, child_id, occurred_at, seq FROM trail_entry ORDER BY child_id, seq
    """,
    # A word in most entries: the child's entries in date order, each tested against it.
    "CREATE INDEX trail_entry_fts_row_timeline ON trail_entry_fts_row (child_id, occurred_at, seq)",
    """
    INSERT INTO trail_entry_fts (rowid, subject, body)
    SELECT m.fts_rowid, e.subject, e.body
    FROM trail_entry_fts_row m JOIN trail_entry e ON e.id = m.entry_id
    """,
    """
    CREATE TRIGGER trail_entry_fts_insert AFTER INSERT ON trail_entry BEGIN
        INSERT INTO trail_entry_fts_row (entry_id, child_id, occurred_at, seq)
        VALUES (NEW.id, NEW.child_id, NEW.occurred_at, NEW.seq);
        INSERT INTO trail_entry_fts (rowid, subject, body)
        VALUES (last_insert_rowid(), NEW.subject, NEW.body);
    END
    """,
    """
    CREATE TRIGGER trail_entry_fts_update
    AFTER UPDATE OF subject, body, child_id, occurred_at, seq ON trail_entry BEGIN
        INSERT INTO trail_entry_fts (trail_entry_fts, rowid, subject, body)
        SELECT 'delete', fts_rowid, OLD.subject, OLD.body
        FROM trail_entry_fts_row WHERE entry_id = OLD.id;
        UPDATE trail_entry_fts_row
        SET entry_id = NEW.id, child_id = NEW.child_id, occurred_at = NEW.occurred_at,
            seq = NEW.seq
        WHERE entry_id = OLD.id;
        INSERT INTO trail_entry_fts (rowid, subject, body)
        SELECT fts_rowid, NEW.subject, NEW.body
        FROM trail_entry_fts_row WHERE entry_id = NEW.id;
    END
    """,
    """
    CREATE TRIGGER trail_entry_fts_delete AFTER DELETE ON trail_entry BEGIN
        INSERT INTO trail_entry_fts (trail_entry_fts, rowid, subject, body)
        SELECT 'delete', fts_rowid, OLD.subject, OLD.body
        FROM trail_entry_fts_row WHERE entry_id = OLD.id;
        DELETE FROM trail_entry_fts_row WHERE entry_id = OLD.id;
    END
    """,
]

# Back to the layout of 0005: a full-text table holding its own copy of the text.
SQLITE_BACKWARD = [
    *SQLITE_DROP,
    """
    CREATE VIRTUAL TABLE trail_entry_fts USING fts5(
        entry_id UNINDEXED, child_id UNINDEXED, subject, body,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TABLE trail_entry_fts_row (
        entry_id char(32) NOT NULL PRIMARY KEY,
        fts_rowid integer NOT NULL
    )
    """,
    """
    INSERT INTO trail_entry_fts (entry_id, child_id, subject, body)
    SELECT id, child_id, subject, body FROM trail_entry
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

PG_CONFIG = "playbook_search"
# Words as SQLite's tokenizer sees them: punctuation only separates (PostgreSQL's parser
# would otherwise keep an address or a hyphenated word as one token).
PG_VECTOR = (
    f"to_tsvector('{PG_CONFIG}'::regconfig, "
    "regexp_replace(subject || ' ' || body, '[[:punct:]]', ' ', 'g'))"
)
PG_TOKENS = "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart"


def _pg_forward(schema_editor):
    run = schema_editor.execute
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
        unaccent = cursor.fetchone() is not None
    if unaccent:
        run("CREATE EXTENSION IF NOT EXISTS unaccent")
    # English stems, no stop words: SQLite's porter tokenizer drops none either.
    run(
        "CREATE TEXT SEARCH DICTIONARY playbook_stem "
        "(TEMPLATE = snowball, LANGUAGE = english)"
    )
    run(f"CREATE TEXT SEARCH CONFIGURATION {PG_CONFIG} (COPY = english)")
    dictionaries = "unaccent, playbook_stem" if unaccent else "playbook_stem"
    run(f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} ALTER MAPPING FOR {PG_TOKENS} WITH {dictionaries}")
    run("DROP INDEX IF EXISTS trail_entry_search")
    run(
        f"ALTER TABLE trail_entry ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED"
    )
    run("CREATE INDEX trail_entry_search ON trail_entry USING gin (search_vector)")


def _pg_backward(schema_editor):
    run = schema_editor.execute
    run("DROP INDEX IF EXISTS trail_entry_search")
    run("ALTER TABLE trail_entry DROP COLUMN IF EXISTS search_vector")
    run(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {PG_CONFIG}")
    run("DROP TEXT SEARCH DICTIONARY IF EXISTS playbook_stem")
    run(
        "CREATE INDEX trail_entry_search ON trail_entry USING gin "
        "(to_tsvector('english'::regconfig, COALESCE(subject, '') || ' ' || COALESCE(body, '')))"
    )


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        _pg_forward(schema_editor)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        _pg_backward(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("trail", "0007_email_import_jobs"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.RemoveIndex(model_name="entry", name="trail_entry_timeline"),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                fields=["child", "occurred_at", "seq"], name="trail_entry_timeline"
            ),
        ),
    ]
