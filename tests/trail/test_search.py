import pytest

from playbook.trail.chain import append
from playbook.trail.models import Entry
from playbook.trail.search import search, words

from .conftest import START


@pytest.fixture
def trail(child):
    def add(subject, body):
        return append(child, occurred_at=START, kind="email", subject=subject, body=body)

    return {
        "ot": add("Occupational therapy evaluation", "Please schedule the OT assessment."),
        "reading": add("Reading minutes", "Sam gets 30 minutes of reading support weekly."),
        "refusal": add("Re: aide", 'She said "that is not an option" for a one-to-one aide.'),
    }


def _found(child, text):
    return set(search(Entry.objects.filter(child=child), text))


def test_it_finds_words_in_bodies(child, trail):
    assert _found(child, "assessment") == {trail["ot"]}
    assert _found(child, "weekly SUPPORT") == {trail["reading"]}


def test_it_finds_words_in_subjects(child, trail):
    assert _found(child, "evaluation") == {trail["ot"]}
    assert _found(child, "aide") == {trail["refusal"]}


def test_every_word_must_appear(child, trail):
    assert _found(child, "reading assessment") == set()


def test_it_matches_other_forms_of_a_word(child, trail):
    assert _found(child, "evaluations") == {trail["ot"]}
    assert _found(child, "scheduled") == {trail["ot"]}


@pytest.mark.parametrize(
    "text",
    ['"', '"unbalanced', "AND", "OR NOT", "minutes*", "a:b", "(reading", "NEAR(x y)", "-", "^"],
)
def test_query_syntax_in_user_text_never_breaks_the_query(child, trail, text):
    found = _found(child, text)
    assert found <= set(trail.values())


def test_operators_are_read_as_words(child, trail):
    assert _found(child, '"reading" OR "aide"') == set()
    assert _found(child, "not option") == {trail["refusal"]}


@pytest.mark.parametrize("text", ["", "   ", None, "!!! ???"])
def test_no_words_means_no_narrowing(child, trail, text):
    assert _found(child, text) == set(trail.values())


def test_it_only_searches_the_given_queryset(child, trail, charlie):
    from playbook.children.models import Child

    other = Child.objects.create(
        household=charlie.memberships.get().household,
        name="Other",
        birth_date="2015-01-01",
        grade="4",
        state="NY",
    )
    theirs = append(other, occurred_at=START, kind="note", body="assessment elsewhere")
    assert theirs not in _found(child, "assessment")
    assert set(search(Entry.objects.filter(child=other), "assessment")) == {theirs}


def test_words_ignores_punctuation_and_repeats():
    assert words('Read-ing "reading" naïve, 30 _x_') == [
        "read",
        "ing",
        "reading",
        "naïve",
        "30",
        "x",
    ]


def test_the_search_index_follows_updates_and_deletes(child, trail):
    Entry.objects.filter(pk=trail["ot"].pk).update(body="now about speech")
    assert _found(child, "assessment") == set()
    assert _found(child, "speech") == {trail["ot"]}
    trail["reading"].delete()
    assert _found(child, "weekly") == set()


def test_deleting_a_child_takes_its_index_rows_and_only_those(child, trail, charlie):
    from django.db import connection

    other = charlie.memberships.get().household.children.create(
        name="Other", birth_date="2016-01-01", grade="4", state="TX"
    )
    theirs = append(other, occurred_at=START, kind="note", subject="Assessment plan")
    child.delete()
    assert _found(other, "assessment") == {theirs}
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table in ("trail_entry_fts", "trail_entry_fts_row"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            assert cursor.fetchone()[0] == Entry.objects.count() == 1
        # The triggers find an entry's index row through the map's primary key, not by
        # scanning every family's entries (which held the write lock for minutes).
        cursor.execute(
            "EXPLAIN QUERY PLAN SELECT fts_rowid FROM trail_entry_fts_row WHERE entry_id = %s",
            [theirs.pk.hex],
        )
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "USING PRIMARY KEY" in plan or "INDEX" in plan, plan
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'trail_entry_fts_delete'")
        assert "trail_entry_fts_row" in cursor.fetchone()[0]


def test_each_database_has_its_own_index(db):
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'trail_entry_fts'")
            assert cursor.fetchone() is not None
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'trail_entry_search'")
            assert "gin" in cursor.fetchone()[0].lower()


def test_each_database_answers_from_its_full_text_index(child, trail):
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = search(Entry.objects.all(), "assessment").explain()
        assert "trail_entry_search" in plan and "to_tsvector" not in plan, plan
    else:
        plan = search(Entry.objects.all(), "assessment").explain()
        assert "VIRTUAL TABLE INDEX 0:M" in plan, plan
