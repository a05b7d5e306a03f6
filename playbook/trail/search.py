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
from datetime import UTC, datetime

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


COUNT_UP_TO = 1000  # matches counted exactly; past that, "more than 1,000"
# With more than COUNT_UP_TO matches, "best match first" ranks the newest RANKED of them.
RANKED = COUNT_UP_TO


def count(child_id, terms: Terms, narrowed: QuerySet[Entry] | None = None) -> int:
    """How many of the child's entries match, up to ``COUNT_UP_TO + 1`` (which means
    "more than ``COUNT_UP_TO``"). One query, from the full-text index, that stops there."""
    build = _pg_matching if connection.vendor == "postgresql" else _sqlite_matching
    sql, params = build(child_id, terms, narrowed)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) matching LIMIT %s) capped",
            [*params, COUNT_UP_TO + 1],
        )
        return cursor.fetchone()[0]


def page_sql(
    child_id, terms: Terms, window: Window, narrowed: QuerySet[Entry] | None = None, *, many: bool
) -> tuple[str, list]:
    """SQL for the ids of one window of the child's matching entries, in order.

    ``many``: more than ``COUNT_UP_TO`` match (``count``). A few matches are found first
    and sorted; many are met soon enough walking the child's entries in the window's
    order, which stops at the window's end. Sorting 60,000 matches of a common word, or
    walking the whole trail for a rare one, is what each way avoids."""
    build = _postgresql if connection.vendor == "postgresql" else _sqlite
    return build(child_id, terms, window, narrowed, many)


@dataclass(frozen=True)
class Found:
    """One window's ids, in order, and how many match: ``total`` exactly when ``exact``,
    else more than ``total`` (past ``COUNT_UP_TO``, or a phrase looked for among the newest
    ``PHRASE_AMONG`` entries holding its words)."""

    ids: list
    total: int
    exact: bool


def page_ids(
    child_id, terms: Terms, window: Window, narrowed: QuerySet[Entry] | None = None
) -> tuple[list, int]:
    """The ids of one window, in order, and how many match up to ``COUNT_UP_TO + 1``
    (``count``; for a bounded phrase search, how many were found). See ``find``."""
    found = find(child_id, terms, window, narrowed)
    return found.ids, found.total


def find(child_id, terms: Terms, window: Window, narrowed: QuerySet[Entry] | None = None) -> Found:
    """One window of the child's matching entries. One query when at most ``COUNT_UP_TO``
    match, two when more.

    The first query reads the matches themselves (id, date, seq, and the rank for the
    relevance order), stopping after ``COUNT_UP_TO + 1``: that is the count, and when it
    is not more than ``COUNT_UP_TO`` the window is sorted and cut from those rows here, so
    the full-text index is read once. Counting the matches and then reading them again for
    the page did the same work twice (issue 21). Only past ``COUNT_UP_TO`` does the page
    take its own query (``page_sql(many=True)``).

    A quoted phrase on PostgreSQL is ``_pg_phrase``."""
    relevance = window.order == "relevance"
    postgresql = connection.vendor == "postgresql"
    field = Entry._meta.pk
    if postgresql and any(len(group) > 1 for group in terms.groups):
        rows, exact = _pg_phrase(child_id, terms, narrowed, relevance)
        ids = _cut(rows, window, best_first_high=True)
        return Found([field.to_python(pk) for pk in ids], len(rows), exact)
    build = _pg_matching if postgresql else _sqlite_matching
    sql, params = build(
        child_id, terms, narrowed, (", f.rank AS rank", "rank")[postgresql] if relevance else ""
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM ({sql}) matching LIMIT %s", [*params, COUNT_UP_TO + 1])
        # PostgreSQL tells how many rows came back before any is read: past COUNT_UP_TO
        # they are not needed, and making Python rows of 1,001 dates cost more than the
        # query (7 ms against 1 ms, for a common word).
        found = cursor.rowcount if postgresql else -1
        rows = cursor.fetchall() if found <= COUNT_UP_TO else []
        found = max(found, len(rows))
        if found > COUNT_UP_TO:
            sql, params = page_sql(child_id, terms, window, narrowed, many=True)
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
        else:
            ids = _cut(rows, window, best_first_high=postgresql)
    return Found([field.to_python(pk) for pk in ids], found, found <= COUNT_UP_TO)


# A phrase whose words are together in more entries than this is looked for among the
# newest this many of them (PostgreSQL; docs/api.md).
PHRASE_AMONG = COUNT_UP_TO


def _pg_phrase(child_id, terms: Terms, narrowed, relevance: bool) -> tuple[list[tuple], bool]:
    """The entries matching a search with a quoted phrase, and whether that is all of them.

    The GIN index knows which entries hold a word, not where: every entry holding all the
    phrase's words has its stored vector read to check the order. For two common words that
    was 36,000 entries and 1.5 s (issue 21). So the entries holding all the words are taken
    newest first, at most ``PHRASE_AMONG + 1`` of them (from the GIN index when they are
    few, down the date index when they are many: a few thousand entries), and the phrase
    is checked on those. When there were more, the count is "more than" what was found
    there, and older entries holding the phrase are not shown: a narrower search (a date
    range, another word) reaches them."""
    tsquery, query_params = _tsquery(terms)
    words: list[str] = []
    for group in terms.groups:
        words += [word for word in group if word not in words]
    loose, loose_params = _tsquery(Terms(tuple((word,) for word in words)))
    also, also_params = _narrowed(narrowed, "id")
    rank = f", ts_rank(search_vector, {tsquery}) AS rank" if relevance else ""
    sql = (
        f"SELECT id, occurred_at, seq{rank}, search_vector @@ {tsquery} AS hit FROM trail_entry"
        f" WHERE child_id = %s AND search_vector @@ {loose}{also}"
        " ORDER BY occurred_at DESC, seq DESC LIMIT %s"
    )
    params = [*(query_params if relevance else []), *query_params, child_id, *loose_params,
              *also_params, PHRASE_AMONG + 1]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    exact = len(rows) <= PHRASE_AMONG
    return [row[:-1] for row in rows[:PHRASE_AMONG] if row[-1]], exact


def _moment(value) -> datetime:
    """A date from the database as an aware datetime (SQLite may give its text)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _cut(rows: list[tuple], window: Window, *, best_first_high: bool) -> list:
    """One window of at most ``COUNT_UP_TO`` matching rows (id, occurred_at, seq[, rank]),
    in the window's order: what ``page_sql`` would give for them."""
    keyed = [(_moment(row[1]), row[2], row) for row in rows]
    keyed.sort(key=lambda item: (item[0], item[1]), reverse=window.order != "oldest")
    if window.order == "relevance":
        # Stable: equal ranks keep newest first. bm25 is better when lower, ts_rank higher.
        keyed.sort(key=lambda item: item[2][3], reverse=best_first_high)
    elif window.after is not None:
        when, seq = _moment(window.after[0]), window.after[1]
        if window.order == "oldest":
            keyed = [item for item in keyed if (item[0], item[1]) > (when, seq)]
        else:
            keyed = [item for item in keyed if (item[0], item[1]) < (when, seq)]
    return [item[2][0] for item in keyed[window.offset : window.offset + window.limit]]


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


# SQLite: the contentless FTS5 table f, and its row map m (child, date, seq) of 0008.
# CROSS JOIN fixes the order SQLite joins them in.


def _fts5_match(terms: Terms) -> str:
    # Each group is one FTS5 string: a word, or a phrase of adjacent words. Side by side
    # they mean AND; inside quotes nothing is an operator.
    return " ".join('"' + " ".join(group).replace('"', '""') + '"' for group in terms.groups)


def _sqlite_matching(child_id, terms: Terms, narrowed, rank: str = "") -> tuple[str, list]:
    also, also_params = _narrowed(narrowed, "m.entry_id")
    sql = (
        f"SELECT m.entry_id, m.occurred_at, m.seq{rank}"
        " FROM trail_entry_fts f CROSS JOIN trail_entry_fts_row m ON m.fts_rowid = f.rowid"
        " WHERE trail_entry_fts MATCH %s AND m.child_id = %s" + also
    )
    return sql, [_fts5_match(terms), _hex(child_id), *also_params]


def _sqlite(child_id, terms: Terms, window: Window, narrowed, many: bool) -> tuple[str, list]:
    adapt = connection.ops.adapt_datetimefield_value
    after, after_params = _after(window, "occurred_at", "seq", adapt)
    relevance = window.order == "relevance"
    order = _order(window, "rank", "occurred_at", "seq")
    cut = " LIMIT %s OFFSET %s"
    if many and relevance:
        # Ranked among the newest RANKED matches only (met down the map's index as below):
        # ranking every match of a word in most of a long trail is the slow order.
        newest, params = _sqlite(child_id, terms, Window("newest", RANKED), narrowed, True)
        sql = (
            "SELECT m.entry_id FROM trail_entry_fts f"
            " CROSS JOIN trail_entry_fts_row m ON m.fts_rowid = f.rowid"
            " WHERE trail_entry_fts MATCH %s AND m.entry_id IN (" + newest + ")"
            " ORDER BY " + _order(window, "f.rank", "m.occurred_at", "m.seq") + cut
        )
        return sql, [_fts5_match(terms), *params, window.limit, window.offset]
    if many and not relevance:
        # Down the map's (child, date, seq) index, each entry tested against the set of
        # matches, which SQLite builds once from the index. The unary + keeps SQLite from
        # looking up every match by its key instead, then sorting them all.
        also, also_params = _narrowed(narrowed, "entry_id")
        sql = (
            "SELECT entry_id FROM trail_entry_fts_row WHERE child_id = %s AND +fts_rowid IN"
            " (SELECT rowid FROM trail_entry_fts WHERE trail_entry_fts MATCH %s)"
            + also
            + after
            + " ORDER BY "
            + order
            + cut
        )
        params = [_hex(child_id), _fts5_match(terms), *also_params, *after_params]
        return sql, [*params, window.limit, window.offset]
    matching, params = _sqlite_matching(
        child_id, terms, narrowed, ", f.rank AS rank" if relevance else ""
    )
    sql = f"SELECT entry_id FROM ({matching}) hits WHERE 1 = 1{after} ORDER BY {order}{cut}"
    return sql, [*params, *after_params, window.limit, window.offset]


def _hex(child_id) -> str:
    return getattr(child_id, "hex", str(child_id).replace("-", ""))


# PostgreSQL: the stored, GIN-indexed search_vector of 0008.


def _tsquery(terms: Terms) -> tuple[str, list]:
    parts, params = [], []
    for group in terms.groups:
        function = "phraseto_tsquery" if len(group) > 1 else "plainto_tsquery"
        parts.append(f"{function}('{PG_CONFIG}'::regconfig, %s)")
        params.append(" ".join(group))
    return "(" + " && ".join(parts) + ")", params


def _pg_matching(child_id, terms: Terms, narrowed, rank: str = "") -> tuple[str, list]:
    # OFFSET 0 keeps the matches a subquery of their own, planned for all of its rows: from
    # the GIN index, never by walking the date index testing each entry on the way (what
    # words in about 1% of entries did, issue 21). Read lazily, so a LIMIT stops it.
    tsquery, query_params = _tsquery(terms)
    also, also_params = _narrowed(narrowed, "id")
    rank_sql = f", ts_rank(search_vector, {tsquery}) AS rank" if rank else ""
    sql = (
        f"SELECT id, occurred_at, seq{rank_sql} FROM trail_entry"
        f" WHERE child_id = %s AND search_vector @@ {tsquery}{also} OFFSET 0"
    )
    rank_params = query_params if rank else []
    return sql, [*rank_params, child_id, *query_params, *also_params]


def _postgresql(child_id, terms: Terms, window: Window, narrowed, many: bool) -> tuple[str, list]:
    after, after_params = _after(window, "occurred_at", "seq", lambda value: value)
    relevance = window.order == "relevance"
    order = _order(window, "rank DESC", "occurred_at", "seq")
    cut = " LIMIT %s OFFSET %s"
    if many and relevance:
        # Ranked among the newest RANKED matches only, met down the date index as below:
        # ts_rank on every match of a word in most of a long trail is the slow order.
        tsquery, query_params = _tsquery(terms)
        newest, params = _postgresql(child_id, terms, Window("newest", RANKED), narrowed, True)
        newest = newest.replace(
            "SELECT id FROM",
            f"SELECT id, occurred_at, seq, ts_rank(search_vector, {tsquery}) AS rank FROM",
            1,
        )
        sql = f"SELECT id FROM ({newest}) newest ORDER BY {order}{cut}"
        return sql, [*query_params, *params, window.limit, window.offset]
    if many and not relevance:
        # Down the (child, date, seq) index, the stored vector tested on each entry: with
        # more than 1,000 matches, a page's worth comes soon.
        tsquery, query_params = _tsquery(terms)
        also, also_params = _narrowed(narrowed, "id")
        sql = (
            f"SELECT id FROM trail_entry WHERE child_id = %s AND search_vector @@ {tsquery}"
            + also
            + after
            + " ORDER BY "
            + order
            + cut
        )
        params = [child_id, *query_params, *also_params, *after_params]
        return sql, [*params, window.limit, window.offset]
    matching, params = _pg_matching(child_id, terms, narrowed, "rank" if relevance else "")
    sql = f"SELECT id FROM ({matching}) hits WHERE true{after} ORDER BY {order}{cut}"
    return sql, [*params, *after_params, window.limit, window.offset]
