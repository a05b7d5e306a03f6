"""One page of a child's trail, for the timeline and the entries API.

A page is one query for its entries (plus the fixed prefetches of ``filters.listing``) and
at most one for the count, at any depth and any size of trail (issue 21):

- "after this entry" (keyset) pages cost the same at entry 50,000 as at entry 1; ``offset``
  still works, for links and clients made before;
- a search reads its matches from the full-text index once, up to ``EXACT_UP_TO + 1``:
  that is its count, and for a few matches the page is cut from them; past that it is
  "more than" ``EXACT_UP_TO`` and the page is found by walking the child's entries in
  order (``search.find``, decision 0042); the page's entries are then read by key;
- the whole trail's count is the last entry's seq (entries are never removed; a gap is what
  the chain check reports); any other filter is counted up to ``EXACT_UP_TO`` and is
  otherwise "more than" that, and the page says which.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from playbook.children.models import Child

from . import search
from .filters import EntryFilter, listing
from .models import Entry

EXACT_UP_TO = search.COUNT_UP_TO
ORDERS = ("newest", "oldest", "relevance")


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    total: int
    exact: bool  # False: more than ``total`` entries match
    offset: int
    more: bool  # entries come after these

    @property
    def total_header(self) -> str:
        """``X-Total-Count``: the number, or ``1000+`` when more than 1,000 match."""
        return str(self.total) if self.exact else f"{self.total}+"

    @property
    def after(self) -> Entry | None:
        """The entry the next page starts after."""
        return self.entries[-1] if self.more and self.entries else None


def read_page(
    child: Child,
    wanted: EntryFilter,
    *,
    order: str = "newest",
    limit: int = 50,
    offset: int = 0,
    after: Entry | None = None,
) -> Page:
    """Raises FilterError (from ``wanted``) for a bad filter."""
    terms = search.parse(wanted.q)
    if order == "relevance" and not terms:
        order = "newest"
    narrowed = wanted.narrow(child, Entry.objects.filter(child=child))
    keyset = (after.occurred_at, after.seq) if after is not None else None
    window = search.Window(order, limit + 1, offset, keyset)
    if terms:
        others = narrowed if wanted.narrows else None
        found = search.find(child.pk, terms, window, others)
        # The ids are the child's (the search is scoped to it), in the page's order.
        by_id = {e.pk: e for e in listing(Entry.objects.filter(pk__in=found.ids))}
        entries = [by_id[pk] for pk in found.ids if pk in by_id]
        total, exact = min(found.total, search.COUNT_UP_TO), found.exact
    else:
        entries = list(_keyset(listing(narrowed), window))
        total, exact = _count(child, wanted, narrowed)
    more = len(entries) > limit
    return Page(entries[:limit], total, exact, offset, more)


def _ordering(order: str) -> tuple[str, str]:
    return ("occurred_at", "seq") if order == "oldest" else ("-occurred_at", "-seq")


def _keyset(narrowed: QuerySet[Entry], window: search.Window) -> QuerySet[Entry]:
    queryset = narrowed
    if window.after is not None:
        when, seq = window.after
        # The plain range first: with only the OR, SQLite walks the child's entries from the
        # newest down to the page (9 ms at entry 50,000 of 100,000) instead of seeking to it.
        if window.order == "oldest":
            queryset = queryset.filter(occurred_at__gte=when)
            queryset = queryset.filter(Q(occurred_at__gt=when) | Q(occurred_at=when, seq__gt=seq))
        else:
            queryset = queryset.filter(occurred_at__lte=when)
            queryset = queryset.filter(Q(occurred_at__lt=when) | Q(occurred_at=when, seq__lt=seq))
    ordered = queryset.order_by(*_ordering(window.order))
    return ordered[window.offset : window.offset + window.limit]


def _count(child: Child, wanted: EntryFilter, narrowed: QuerySet[Entry]) -> tuple[int, bool]:
    if not wanted.narrows:
        last = Entry.objects.filter(child=child).order_by("-seq").values_list("seq", flat=True)
        return (last.first() or 0), True
    found = narrowed.order_by().values("pk")[: EXACT_UP_TO + 1].count()
    return (found, True) if found <= EXACT_UP_TO else (EXACT_UP_TO, False)


def entry_after(child: Child, entry_id) -> Entry | None:
    """The entry a page starts after, or None when it is not one of the child's."""
    return Entry.objects.filter(child=child, pk=entry_id).only("id", "occurred_at", "seq").first()
