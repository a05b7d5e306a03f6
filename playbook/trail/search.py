"""Word search over the paper trail, one interface for both databases.

``search(queryset, text)`` narrows a queryset of entries to those whose subject or body
holds every word of ``text``. SQLite answers from the FTS5 table of migration 0003,
PostgreSQL from the GIN-indexed tsvector of the same migration. Whatever the parent types
(quotes, operators, stray punctuation) is reduced to plain words first, so user text is
never read as query syntax and never breaks the query.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .models import Entry

# Letters and digits of any script; everything else separates words.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_WORDS = 12


def words(text: str | None) -> list[str]:
    """The searchable words of what the parent typed, in order, without repeats."""
    found: list[str] = []
    for word in _WORD.findall(text or ""):
        word = word.lower()
        if word not in found:
            found.append(word)
    return found[:MAX_WORDS]


def search(queryset: QuerySet[Entry], text: str | None) -> QuerySet[Entry]:
    """Entries holding every word of ``text``; the queryset unchanged when it has none."""
    terms = words(text)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        return _postgresql(queryset, terms)
    return _sqlite(queryset, terms)


def _sqlite(queryset: QuerySet[Entry], terms: list[str]) -> QuerySet[Entry]:
    # Each word is a quoted FTS5 string, so nothing in it is an operator; side by side
    # they mean AND.
    match = " ".join('"' + term.replace('"', '""') + '"' for term in terms)
    matching = RawSQL(
        "SELECT entry_id FROM trail_entry_fts WHERE trail_entry_fts MATCH %s", [match]
    )
    return queryset.filter(pk__in=matching)


def _postgresql(queryset: QuerySet[Entry], terms: list[str]) -> QuerySet[Entry]:
    from django.contrib.postgres.search import SearchQuery, SearchVector

    # The same expression as the GIN index, so the index answers it.
    vector = SearchVector("subject", "body", config="english")
    query = SearchQuery(" ".join(terms), search_type="plain", config="english")
    return queryset.annotate(_search=vector).filter(_search=query)
