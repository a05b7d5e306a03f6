"""One page of a child's trail, for the timeline and the entries API.

A page is one query for its entries (up to three small ones more for their attachments and
corrections) and at most one for the count, at any depth and any size of trail (issue 21):

- "after this entry" (keyset) pages cost the same at entry 50,000 as at entry 1; ``offset``
  still works, for links and clients made before;
- a search reads its matches from the full-text index once, up to ``EXACT_UP_TO + 1``:
  that is its count, and for a few matches the page is cut from them; past that it is
  "more than" ``EXACT_UP_TO`` and the page is found by walking the child's entries in
  order (``search.find``, decision 0042); the page's entries are then read by key;
- the whole trail's count is the last entry's seq (entries are never removed; a gap is what
  the chain check reports); any other filter is counted up to ``EXACT_UP_TO`` and is
  otherwise "more than" that, and the page says which;
- the page's entries say themselves whether they have attachments or corrections, so those
  are read only for a page that has some (most pages have none): 0 to 3 small queries
  instead of Django's two prefetches, which cost more than the entries on a page of 50.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet

from playbook.children.models import Child

from . import search
from .filters import EntryFilter
from .models import Attachment, Entry

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
    columns: Sequence[str] = (),
) -> Page:
    """Raises FilterError (from ``wanted``) for a bad filter. ``columns``: only these of
    each entry, for a page that shows no more (the timeline's cards); all when empty."""
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
        by_id = {e.pk: e for e in _listed(Entry.objects.filter(pk__in=found.ids), columns)}
        entries = [by_id[pk] for pk in found.ids if pk in by_id]
        total, exact = min(found.total, search.COUNT_UP_TO), found.exact
    else:
        entries = list(_keyset(_listed(narrowed, columns), window))
        total, exact = _count(child, wanted, narrowed)
    more = len(entries) > limit
    shown = entries[:limit]
    _attach(child, shown)
    return Page(shown, total, exact, offset, more)


def _listed(queryset: QuerySet[Entry], columns: Sequence[str]) -> QuerySet[Entry]:
    """The entries with their team member, and whether each has attachments or
    corrections (an index probe per entry shown, in the same query). With ``columns``,
    the team member is only their name (``counterpart_name``): the cards show no more, and
    a team member made for each entry cost a fifth of the page's read."""
    queryset = queryset.annotate(
        has_attachments=Exists(Attachment.objects.filter(entry=OuterRef("pk"))),
        has_corrections=Exists(Entry.objects.filter(corrects=OuterRef("pk"))),
    )
    if columns:
        return queryset.only(*columns).annotate(counterpart_name=F("counterpart__name"))
    return queryset.select_related("counterpart")


def _attach(child: Child, entries: list[Entry]) -> None:
    """What ``filters.listing`` prefetches, read only for the entries that have it: their
    attachments (by file name), the entries correcting them (id and seq), and the entry
    each correction corrects (id and seq)."""
    files: dict = defaultdict(list)
    if with_files := [e.pk for e in entries if e.has_attachments]:  # type: ignore[attr-defined]
        for attachment in Attachment.objects.filter(entry_id__in=with_files).order_by("filename"):
            files[attachment.entry_id].append(attachment)
    corrections: dict = defaultdict(list)
    if corrected := [e.pk for e in entries if e.has_corrections]:  # type: ignore[attr-defined]
        later = Entry.objects.filter(child=child, corrects_id__in=corrected)
        for correction in later.only("id", "seq", "corrects_id"):
            corrections[correction.corrects_id].append(correction)
    originals = {}
    if correcting := {e.corrects_id for e in entries if e.corrects_id}:
        earlier = Entry.objects.filter(child=child, pk__in=correcting).only("id", "seq")
        originals = {original.pk: original for original in earlier}
    for entry in entries:
        entry.listed_attachments = files[entry.pk]  # type: ignore[attr-defined]
        entry.listed_corrections = corrections[entry.pk]  # type: ignore[attr-defined]
        if entry.corrects_id in originals:
            entry.corrects = originals[entry.corrects_id]


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
        return _last_seq(child), True
    found = narrowed.order_by().values("pk")[: EXACT_UP_TO + 1].count()
    return (found, True) if found <= EXACT_UP_TO else (EXACT_UP_TO, False)


def _last_seq(child: Child) -> int:
    return Entry.objects.filter(child=child).aggregate(last=Max("seq"))["last"] or 0


def entry_after(child: Child, entry_id) -> Entry | None:
    """The entry a page starts after, or None when it is not one of the child's."""
    return Entry.objects.filter(child=child, pk=entry_id).only("id", "occurred_at", "seq").first()
