"""Search means the same on SQLite and PostgreSQL, and a page of it stays one query that
starts from the full-text index (issue 21). Every test here runs on both databases: the
suite's own (SQLite) and, with DATABASE_URL set, PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from playbook.trail import paging, search
from playbook.trail.chain import Draft, append_many
from playbook.trail.filters import EntryFilter

from .conftest import START

TEXTS = [
    ("Occupational therapy evaluation", "Please schedule the OT assessment."),
    ("Reading minutes", "Sam gets 30 minutes of reading support weekly."),
    ("Re: aide", 'She said "that is not an option" for a one-to-one aide.'),
    ("Reading evaluation results", "The evaluation found reading below grade level."),
    ("Meeting notes", "An option for reading support is not on the table."),
    ("Naïve question", "Email from jane.doe@school.org about the e-mail policy."),
]


@pytest.fixture
def trail(child):
    drafts = [
        Draft(occurred_at=START + timedelta(days=i), kind="email", subject=s, body=b)
        for i, (s, b) in enumerate(TEXTS)
    ]
    return append_many(child, drafts)


def _seqs(child, text, order="newest", **window):
    ids, total = search.page_ids(child.pk, search.parse(text), search.Window(order, **window))
    seq_of = {e.pk: e.seq for e in child.entries.all()}
    return [seq_of[pk] for pk in ids], total


@pytest.mark.parametrize(
    ("text", "seqs"),
    [
        ("reading", [5, 4, 2]),
        ("Reading SUPPORT", [5, 2]),  # every word must appear
        ("evaluations", [4, 1]),  # other forms of a word
        ("scheduled", [1]),
        ('"not an option"', [3]),  # a quoted phrase, in order
        ("option not", [5, 3]),  # the same words unquoted, anywhere
        ('"option not"', []),
        ("that is not", [3]),  # no stop words are dropped
        ("naive", [6]),  # accents do not matter
        ("jane school", [6]),  # an address is words
        ("mail", [6]),  # so is a hyphenated word
        ("nothing here", []),
        ('"reading" OR "aide"', []),  # operators are words
    ],
)
def test_the_same_cases_give_the_same_entries_newest_first(child, trail, text, seqs):
    assert _seqs(child, text) == (seqs, len(seqs))


def test_oldest_first_and_by_relevance(child, trail):
    assert _seqs(child, "reading", "oldest")[0] == [2, 4, 5]
    # "reading" twice in entry 4 (subject and body) and in entry 2: those rank above 5.
    ranked, total = _seqs(child, "reading", "relevance")
    assert total == 3 and sorted(ranked) == [2, 4, 5] and ranked[-1] == 5


def test_a_window_after_an_entry_and_an_offset_keep_the_total(child, trail):
    entries = {e.seq: e for e in child.entries.all()}
    after = (entries[5].occurred_at, 5)
    assert _seqs(child, "reading", limit=1, after=after) == ([4], 3)
    assert _seqs(child, "reading", "oldest", limit=5, after=(entries[2].occurred_at, 2)) == (
        [4, 5],
        3,
    )
    assert _seqs(child, "reading", limit=1, offset=2) == ([2], 3)
    assert _seqs(child, "reading", limit=1, offset=3) == ([], 3)


def test_other_filters_narrow_a_search(child, trail):
    wanted = EntryFilter(q="reading", date_to=(START + timedelta(days=3)).date())
    page = paging.read_page(child, wanted)
    assert [e.seq for e in page.entries] == [4, 2] and page.total == 2 and page.exact


def test_a_search_never_reaches_another_childs_entries(child, trail, charlie):
    other = charlie.memberships.get().household.children.create(
        name="Other", birth_date="2016-01-01", grade="4", state="TX"
    )
    append_many(other, [Draft(occurred_at=START, kind="note", body="reading elsewhere")])
    assert _seqs(child, "reading") == ([5, 4, 2], 3)
    assert _seqs(other, "reading") == ([1], 1)


def test_parse_reads_phrases_and_words():
    assert search.parse('“x” "Not an  option" reading, "unbalanced').groups == (
        ("not", "an", "option"),
        ("x",),
        ("reading",),
        ("unbalanced",),
    )
    assert not search.parse('"" !!')


def test_a_page_counts_cheaply_and_says_when_it_stopped_counting(child, make_entries):
    make_entries(paging.EXACT_UP_TO + 5, kind="note")
    everything = paging.read_page(child, EntryFilter(), limit=10)
    assert (everything.total, everything.exact) == (paging.EXACT_UP_TO + 5, True)
    notes = paging.read_page(child, EntryFilter(kind="note"), limit=10)
    assert (notes.total, notes.exact, notes.total_header) == (
        paging.EXACT_UP_TO,
        False,
        f"{paging.EXACT_UP_TO}+",
    )
    calls = paging.read_page(child, EntryFilter(kind="call"), limit=10)
    assert (calls.total, calls.exact, calls.entries) == (0, True, [])
