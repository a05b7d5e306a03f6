"""Word search over the paper trail, one meaning on both databases.

What the parent types is read as words and quoted phrases: every word and every phrase
must appear in the subject or body; a word also finds its other forms (evaluation,
evaluations). Anything else (operators, stray quotes, punctuation) only separates words, so
user text is never read as query syntax and never breaks the query.

SQLite answers from the contentless FTS5 table of migration 0008 and its row map (child,
date, seq); PostgreSQL from the stored, GIN-indexed ``search_vector`` column of the same
migration. Both give one page of matching ids, and how many match, in one query that starts
from the full-text index: the matches are found first, then ordered and cut to a page, so
no plan walks the child's entries by date testing each one (issue 21).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .models import Entry

# Letters and digits of any script; everything else separates words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_PHRASE = re.compile(r'"([^"]*)"')
MAX_WORDS = 12
PG_CONFIG = "playbook_search"  # migration 0008


def words(text: str | None) -> list[str]:
    """The searchable words of what the parent typed, in order, without repeats."""
    found: list[str] = []
    for word in _WORD.findall(text or ""):
        word = word.lower()
        if word not in found:
            found.append(word)
    return found[:MAX_WORDS]


@dataclass(frozen=True)
class Terms:
    """What must appear: each group is a word, or the words of a quoted phrase in order."""

    groups: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.groups)


def parse(text: str | None) -> Terms:
    """Quoted phrases and single words; an unbalanced quote is only a separator."""
    text = text or ""
    groups: list[tuple[str, ...]] = []
    budget = MAX_WORDS

    def add(group: list[str]) -> None:
        nonlocal budget
        group = group[:budget]
        if group and tuple(group) not in groups:
            groups.append(tuple(group))
            budget -= len(group)

    for phrase in _PHRASE.findall(text):
        add([w.lower() for w in _WORD.findall(phrase)])
    for word in words(_PHRASE.sub(" ", text)):
        add([word])
    return Terms(tuple(groups))


@dataclass(frozen=True)
class Window:
    """Which matches to give: ordered by ``order`` (newest, oldest or relevance), those
    after the entry ``after`` (its occurred_at and seq) in that order, skipping ``offset``,
    at most ``limit``."""

    order: str = "newest"
    limit: int = 50
    offset: int = 0
    after: tuple[datetime, int] | None = None


def page_ids(
    child_id, terms: Terms, window: Window, narrowed: QuerySet[Entry] | None = None
) -> tuple[list, int]:
    """The ids of one window of the child's entries matching ``terms``, in order, and how
    many match in all. ``narrowed``: the other filters, when any (a queryset of entries).
    One query."""
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    sql, params = build(child_id, terms, window, narrowed)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][1] if rows else _total_when_past_the_end(child_id, terms, narrowed, window)
    field = Entry._meta.pk
    ids = [field.to_python(row[0]) for row in rows]
    return ids, total


def _total_when_past_the_end(child_id, terms, narrowed, window) -> int:
    # A window past the last match has no row to carry the count; only then count alone.
    if not window.offset and window.after is None:
        return 0
    return page_ids(child_id, terms, Window(window.order, 1), narrowed)[1]


def search(queryset: QuerySet[Entry], text: str | None) -> QuerySet[Entry]:
    """Entries of ``queryset`` matching ``text``; the queryset unchanged when it has no
    words. For lists shown a page at a time, ``page_ids`` is the fast way."""
    terms = parse(text)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        tsquery, params = _tsquery(terms)
        matching = RawSQL(f"SELECT id FROM trail_entry WHERE search_vector @@ {tsquery}", params)
    else:
        matching = RawSQL(
            "SELECT m.entry_id FROM trail_entry_fts f "
            "JOIN trail_entry_fts_row m ON m.fts_rowid = f.rowid "
            "WHERE trail_entry_fts MATCH %s",
            [_fts5_match(terms)],
        )
    return queryset.filter(pk__in=matching)


def _narrowed(narrowed: QuerySet[Entry] | None, column: str) -> tuple[str, list]:
    if narrowed is None:
        return "", []
    sql, params = narrowed.values("pk").query.sql_with_params()
    return f" AND {column} IN ({sql})", list(params)


def _after(window: Window, date_col: str, seq_col: str, adapt) -> tuple[str, list]:
    if window.after is None or window.order == "relevance":
        return "", []
    when, seq = window.after
    op = ">" if window.order == "oldest" else "<"
    when = adapt(when)
    return f" AND ({date_col} {op} %s OR ({date_col} = %s AND {seq_col} {op} %s))", [
        when,
        when,
        seq,
    ]


def _order(window: Window, rank: str, date_col: str, seq_col: str) -> str:
    if window.order == "oldest":
        return f"{date_col}, {seq_col}"
    newest = f"{date_col} DESC, {seq_col} DESC"
    return f"{rank}, {newest}" if window.order == "relevance" else newest


# SQLite


def _fts5_match(terms: Terms) -> str:
    # Each group is one FTS5 string: a word, or a phrase of adjacent words. Side by side
    # they mean AND; inside quotes nothing is an operator.
    return " ".join('"' + " ".join(group).replace('"', '""') + '"' for group in terms.groups)


def _sqlite(child_id, terms: Terms, window: Window, narrowed) -> tuple[str, list]:
    adapt = connection.ops.adapt_datetimefield_value
    also, also_params = _narrowed(narrowed, "m.entry_id")
    after, after_params = _after(window, "occurred_at", "seq", adapt)
    rank = "f.rank" if window.order == "relevance" else "0"
    # The count is taken over every match before the window is cut: the sort needs them
    # all anyway, so it costs nothing more.
    sql = (
        "SELECT entry_id, total FROM ("
        " SELECT m.entry_id, m.occurred_at, m.seq, " + rank + " AS rank,"
        " count(*) OVER () AS total"
        " FROM trail_entry_fts f JOIN trail_entry_fts_row m ON m.fts_rowid = f.rowid"
        " WHERE trail_entry_fts MATCH %s AND m.child_id = %s" + also + ") hits"
        " WHERE 1 = 1"
        + after
        + " ORDER BY "
        + _order(window, "rank", "occurred_at", "seq")
        + " LIMIT %s OFFSET %s"
    )
    params = [_fts5_match(terms), _hex(child_id), *also_params, *after_params]
    return sql, [*params, window.limit, window.offset]


def _hex(child_id) -> str:
    return getattr(child_id, "hex", str(child_id).replace("-", ""))


# PostgreSQL


def _tsquery(terms: Terms) -> tuple[str, list]:
    parts, params = [], []
    for group in terms.groups:
        function = "phraseto_tsquery" if len(group) > 1 else "plainto_tsquery"
        parts.append(f"{function}('{PG_CONFIG}'::regconfig, %s)")
        params.append(" ".join(group))
    return "(" + " && ".join(parts) + ")", params


def _postgresql(child_id, terms: Terms, window: Window, narrowed) -> tuple[str, list]:
    tsquery, query_params = _tsquery(terms)
    also, also_params = _narrowed(narrowed, "id")
    after, after_params = _after(window, "occurred_at", "seq", lambda value: value)
    # The rank reads the stored vector; it is worked out only when it orders the list.
    relevance = window.order == "relevance"
    rank = f"ts_rank(search_vector, {tsquery})" if relevance else "0"
    rank_params = query_params if relevance else []
    # OFFSET 0 keeps the matching rows a subquery of their own, planned for all of its
    # rows: found through the GIN index, never by walking the date index backwards and
    # testing each entry on the way (what mid-frequency words did, issue 21).
    sql = (
        "SELECT id, total FROM ("
        " SELECT id, occurred_at, seq, rank, count(*) OVER () AS total FROM ("
        "  SELECT id, occurred_at, seq, " + rank + " AS rank FROM trail_entry"
        "  WHERE child_id = %s AND search_vector @@ " + tsquery + also + " OFFSET 0"
        " ) matching"
        ") hits WHERE true"
        + after
        + " ORDER BY "
        + _order(window, "rank DESC", "occurred_at", "seq")
        + " LIMIT %s OFFSET %s"
    )
    params = [*rank_params, child_id, *query_params, *also_params, *after_params]
    return sql, [*params, window.limit, window.offset]
