"""The timeline's entry cards, drawn in Python (issue 21).

A page of 50 cards drawn by the template language cost 45 to 65 ms on a loaded machine:
about 100 template nodes per card, each resolved by name, made the cards most of the page,
searched or not, whatever the database did. Here a card is a few ``format_html`` calls (the
same escaping as a template), about 1 ms for the 50. The markup is the card the template drew
(``tests/trail/test_cards.py`` checks it); the parts shared with the entry page
(``trail/_flags.html``, ``_attachments.html``, ``_corrections.html``) are still drawn by
their templates, for the few entries that have them.
"""

from __future__ import annotations

import uuid
import zoneinfo
from collections.abc import Iterable
from datetime import datetime, time

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, dates, timezone
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from playbook.children.models import Child

from .models import Direction, Entry

PREVIEW = 280  # characters of a long body shown before "Read all"
_PLACEHOLDER = uuid.UUID(int=0)


def entry_cards(entries: Iterable[Entry], child: Child, zone: zoneinfo.ZoneInfo) -> SafeString:
    """The ``<li>`` of each entry's card, in order."""
    # One reverse for the page; each card's link is the same route with its own id. The
    # words a card's date and kind are written with are looked up once for the page too.
    link = reverse("trail_entry", args=[child.pk, _PLACEHOLDER])
    words = _Words()
    return mark_safe("".join(_card(entry, child, zone, link, words) for entry in entries))


class _Words:
    """The names a page of cards writes in the active language, translated once."""

    def __init__(self) -> None:
        self.weekdays = [str(d) for d in dates.WEEKDAYS_ABBR.values()]
        self.months = [str(m).title() for m in dates.MONTHS_3.values()]
        # What Django's "a" writes, in its own translations.
        self.halves = (dateformat.time_format(time(0), "a"), dateformat.time_format(time(12), "a"))
        self.kinds = {value: str(label) for value, label in Entry._meta.get_field("kind").choices}

    def when(self, moment: datetime) -> str:
        """As the date format "D j M Y, g:i a": "Mon 2 Mar 2026, 9:05 a.m."."""
        hour = moment.hour % 12 or 12
        half = self.halves[moment.hour >= 12]
        return (
            f"{self.weekdays[moment.weekday()]} {moment.day} {self.months[moment.month - 1]} "
            f"{moment.year}, {hour}:{moment.minute:02d} {half}"
        )


def _preview(body: str) -> str:
    """``Truncator(body).chars(PREVIEW)``. Plain ASCII (most letters) has no combining
    marks to skip, so the cut is a slice; Truncator walks each character (3 ms a page)."""
    head = body[: PREVIEW + 1]
    if not head.isascii():
        return Truncator(body).chars(PREVIEW)
    return body if len(head) <= PREVIEW else body[: PREVIEW - 1] + "…"


def _card(entry: Entry, child: Child, zone: zoneinfo.ZoneInfo, link: str, words: _Words) -> str:
    when = timezone.localtime(entry.occurred_at, zone)
    parts = [
        format_html(
            '<li><article class="card entry" aria-labelledby="entry-{pk}">\n'
            '    <h2 class="entry-title" id="entry-{pk}"><a href="{href}">{title}</a></h2>\n'
            '    <p class="entry-meta">\n'
            '      <span class="badge">{kind}</span>\n'
            '      <time datetime="{iso}">{shown}</time>\n'
            "      {who}\n"
            '      <span class="muted">· entry {seq}</span>\n'
            "    </p>\n",
            pk=entry.pk,
            href=link.replace(str(_PLACEHOLDER), str(entry.pk)),
            title=entry.title,
            kind=words.kinds.get(entry.kind, entry.kind),
            iso=when.isoformat(),
            shown=words.when(when),
            who=_who(entry),
            seq=entry.seq,
        )
    ]
    context = {"entry": entry, "child": child}
    if entry.flags:
        parts.append(render_to_string("trail/_flags.html", context))
    if entry.body:
        body = mark_safe(linebreaks(entry.body, autoescape=True))  # escaped by linebreaks
        if len(entry.body) > PREVIEW:
            parts.append(
                format_html(
                    '    <p class="entry-preview">{preview}</p>\n'
                    '    <details class="entry-more">\n'
                    '      <summary>Read all<span class="sr-only"> of {title}</span></summary>\n'
                    '      <div class="entry-body">{body}</div>\n'
                    "    </details>\n",
                    preview=_preview(entry.body),
                    title=entry.title,
                    body=body,
                )
            )
        else:
            parts.append(format_html('    <div class="entry-body">{}</div>\n', body))
    if entry.files:
        parts.append(render_to_string("trail/_attachments.html", context))
    if entry.corrects_id or entry.corrected_by:
        parts.append(render_to_string("trail/_corrections.html", context))
    parts.append("  </article></li>\n")
    return "".join(parts)


def _who(entry: Entry) -> str:
    """ "· from Ms. Lee", "· to the school", "· with the principal", or nothing."""
    name = entry.counterpart.name if entry.counterpart_id else ""
    if entry.direction == Direction.RECEIVED:
        return format_html("<span>· from {}</span>", name or entry.sender or "the school")
    if entry.direction == Direction.SENT:
        to = name or Truncator(entry.recipients or "the school").chars(80)
        return format_html("<span>· to {}</span>", to)
    if name:
        return format_html("<span>· with {}</span>", name)
    return escape("")
