"""The timeline's entry cards, drawn in Python (issue 21).

A page of 50 cards drawn by the template language cost 45 to 65 ms on a loaded machine:
about 100 template nodes per card, each resolved by name, made the cards most of the page,
searched or not, whatever the database did. Here a card is a few ``format_html`` calls (the
same escaping as a template), about 1 ms for the 50. The markup is the card the template drew
(``tests/trail/test_cards.py`` checks it); the parts shared with the entry page
(``trail/_flags.html``, ``_attachments.html``, ``_corrections.html``) are still drawn by
their templates, for the few entries that have them.

In Spanish (issue 19) the card's few words of its own (the kinds, "from", "to", "with",
"entry", "Read all", the date's format) are looked up once per page, never per card; what
the entry says (its title, body, sender, recipients) is the family's and is marked
``data-own-words``.
"""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext

from playbook.children.models import Child
from playbook.day_text import date_writer
from playbook.trail.templatetags.readers_dates import readers_format
from playbook.widgets import escaped as _e

from . import labels
from .models import Direction, Entry

PREVIEW = 280  # characters of a long body shown before "Read all"
# What a card (and its flags, attachments and corrections) reads of an entry: the page
# reads no more (paging.read_page's ``columns``, which adds the team member's name as
# ``counterpart_name``).
COLUMNS = ("id", "child_id", "seq", "occurred_at", "kind", "direction", "counterpart_id",
           "sender", "recipients", "subject", "body", "corrects_id", "flags")  # fmt: skip
_PLACEHOLDER = uuid.UUID(int=0)
_PLACEHOLDER_TEXT = str(_PLACEHOLDER)


@dataclass(frozen=True)
class _Words:
    """The card's own words in the active language, fetched once for the page."""

    kinds: dict[str, str]
    date_format: str
    when: Callable[[datetime], str]  # the date written in date_format
    school: str
    sender: str  # "· from {}"
    recipient: str  # "· to {}"
    together: str  # "· with {}"
    entry: str  # "· entry {}"
    read_all: str
    of: str  # " of {}", for screen readers

    @classmethod
    def now(cls) -> _Words:
        return cls(
            kinds={kind: str(label) for kind, label in labels.KIND.items()},
            date_format=(shown := readers_format("D j M Y, g:i a")),
            when=date_writer(shown),
            school=gettext("the school"),
            sender=gettext("· from {}"),
            recipient=gettext("· to {}"),
            together=gettext("· with {}"),
            entry=pgettext("a trail entry's number", "· entry {}"),
            read_all=gettext("Read all"),
            of=gettext(" of {}"),
        )


def _preview(body: str) -> str:
    """``Truncator(body).chars(PREVIEW)``. Plain ASCII (most letters) has no combining
    marks to skip, so the cut is a slice; Truncator walks each character (3 ms a page)."""
    head = body[: PREVIEW + 1]
    if not head.isascii():
        return Truncator(body).chars(PREVIEW)
    return body if len(head) <= PREVIEW else body[: PREVIEW - 1] + "…"


def entry_cards(entries: Iterable[Entry], child: Child, zone: zoneinfo.ZoneInfo) -> SafeString:
    """The ``<li>`` of each entry's card, in order."""
    # One reverse (and escape) for the page; each card's link is the same with its own id.
    link = _e(reverse("trail_entry", args=[child.pk, _PLACEHOLDER]))
    words = _Words.now()
    return mark_safe("".join(_card(entry, child, zone, link, words) for entry in entries))


def _card(entry: Entry, child: Child, zone: zoneinfo.ZoneInfo, link: str, words: _Words) -> str:
    when = timezone.localtime(entry.occurred_at, zone)
    pk = str(entry.pk)  # a UUID's text needs no escaping
    title = _e(entry.title)
    parts = [
        f'<li><article class="card entry" aria-labelledby="entry-{pk}">\n'
        f'    <h2 class="entry-title" id="entry-{pk}">'
        f'<a href="{link.replace(_PLACEHOLDER_TEXT, pk)}" data-own-words>{title}</a></h2>\n'
        '    <p class="entry-meta">\n'
        f'      <span class="badge">{_e(words.kinds.get(entry.kind, entry.kind))}</span>\n'
        f'      <time datetime="{_e(when.isoformat())}">{_e(words.when(when))}</time>\n'
        f"      {_who(entry, words)}\n"
        f'      <span class="muted">{_e(words.entry.format(entry.seq))}</span>\n'
        "    </p>\n"
    ]
    context = {"entry": entry, "child": child}
    if entry.flags:
        parts.append(render_to_string("trail/_flags.html", context))
    if entry.body:
        body = linebreaks(entry.body, autoescape=True)  # escaped by linebreaks
        if len(entry.body) > PREVIEW:
            of = words.of.format(f"<span data-own-words>{title}</span>")
            parts.append(
                f'    <p class="entry-preview" data-own-words>{_e(_preview(entry.body))}</p>\n'
                '    <details class="entry-more">\n'
                f'      <summary>{_e(words.read_all)}<span class="sr-only">{of}</span></summary>\n'
                f'      <div class="entry-body" data-own-words>{body}</div>\n'
                "    </details>\n"
            )
        else:
            parts.append(f'    <div class="entry-body" data-own-words>{body}</div>\n')
    if entry.files:
        parts.append(render_to_string("trail/_attachments.html", context))
    if entry.corrects_id or entry.corrected_by:
        parts.append(render_to_string("trail/_corrections.html", context))
    parts.append("  </article></li>\n")
    return "".join(parts)


def _who(entry: Entry, words: _Words) -> str:
    """ "· from Ms. Lee", "· to the school", "· with the principal", or nothing. A team
    member's name is shown as is; an address as the message wrote it is the family's
    record, marked as their own words. The sentences are the catalogue's, written as they
    are (``format_html`` does not escape its format either)."""
    name = _e(entry.counterpart_name) if entry.counterpart_id else ""  # type: ignore[attr-defined]
    if entry.direction == Direction.RECEIVED:
        return f"<span>{_said(words.sender, name, entry.sender, words)}</span>"
    if entry.direction == Direction.SENT:
        written = Truncator(entry.recipients).chars(80) if entry.recipients else ""
        return f"<span>{_said(words.recipient, name, written, words)}</span>"
    if name:
        return f"<span>{words.together.format(name)}</span>"
    return ""


def _said(sentence: str, name: str, written: str, words: _Words) -> str:
    """``sentence`` with the escaped ``name``, else what the message said, else "the
    school"."""
    if name:
        return sentence.format(name)
    if written:
        return sentence.format(f"<span data-own-words>{_e(written)}</span>")
    return sentence.format(_e(words.school))
