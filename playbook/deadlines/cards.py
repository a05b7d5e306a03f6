"""The dates of the child home's "Coming up" and of the deadlines page, drawn in Python
(issue 13, as ``playbook.coach.cards`` draws the moves page's cards).

The big child has about 45 dates coming up, 70 deadlines and 45 in the meeting prep
pack's next eight weeks: a template loop over them
resolved a dozen variables by name, two or three filters and a translation per date, the
largest part of drawing either page fresh after a change. Here each date is the same
markup, escaped as the template escapes it, with the page's translations looked up once
(``tests/deadlines/test_cards.py`` checks it against the template's loop, in both
languages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language, gettext, ngettext

from playbook.day_text import days_as
from playbook.own_words import own_words
from playbook.widgets import escaped as esc

from .engine import labels_of

_NOT_WORD = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")


def slug(value: str) -> str:
    """``slugify``, without its lazy-text wrapper and Unicode folding when the id is ASCII
    (every deadline's is: a rule and a UUID or a date), which leaves it as it is: a third
    of drawing the big child's 113 cards."""
    value = str(value)
    if not value.isascii():
        return slugify(value)
    return _DASHES.sub("-", _NOT_WORD.sub("", value.lower())).strip("-_")


def own(text) -> str:
    """``own_words``: the regular expression only where there is a quotation to mark."""
    plain = str(text)
    return own_words(text) if "“" in plain or "«" in plain else esc(text)


def coming_up_cards(coming_up: list) -> SafeString:
    """The loop of ``deadlines/_coming_up.html``: the first three dates, then the rest
    behind a disclosure."""
    why = esc(gettext("Why this date"))
    short_date = days_as("SHORT_DATE_FORMAT")
    parts = []
    for counter, u in enumerate(coming_up, 1):
        parts.append("\n    ")
        if counter == 4:
            n = len(coming_up) - 3
            more = ngettext(
                "One more date in the next 60 days", "%(n)s more dates in the next 60 days", n
            ) % {"n": esc(localize(n))}
            parts.append(
                f'</ul>\n  <details class="more">\n    <summary>{more}</summary>\n'
                '  <ul class="deadline-list">'
            )
        title = own(u.title)
        late = " deadline-overdue" if u.overdue else ""
        parts.append(
            f'\n    <li class="card{late}">\n      <p class="deadline-when"><strong>{title}'
            f"</strong><br>\n        {esc(short_date(u.due))} · "
            f'<span class="{"overdue" if u.overdue else ""}">{esc(u.when)}</span></p>\n'
            f'      <details class="more"><summary>{why}<span class="sr-only">: {title}</span>'
            f"</summary>\n      <p>{own(u.basis)}"
        )
        if u.citation:
            parts.append(f' <span class="citation">{esc(u.citation)}</span>')
        parts.append("</p>\n      ")
        if u.label:
            parts.append(f'<p class="citation">{esc(u.shown_label or u.label)}</p>')
        parts.append("\n      </details>\n    </li>\n    ")
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


def deadline_cards(items: Iterable[tuple], long_day: str) -> SafeString:
    """The loop of ``deadlines/deadlines.html``: every deadline as (deadline, when words,
    overdue). ``long_day``: the page's date format with the weekday."""
    why = esc(gettext("Why this date"))
    no_date = gettext("No date: %(when)s")
    counted_in = gettext("counted in %(words)s")
    long_date = days_as(long_day)
    cited_as: dict[tuple, str] = {}
    parts = []
    for d, when, overdue in items:
        title = own(d.title)
        when = esc(when)
        parts.append(
            f'\n  <li class="card deadline{" deadline-overdue" if overdue else ""}" '
            f'id="deadline-{esc(slug(d.id))}">\n    <h3 class="deadline-title">{title}</h3>\n'
            '    <p class="deadline-when">\n      '
        )
        if d.due:
            parts.append(
                f"\n      <strong>{esc(long_date(d.due))}</strong>\n      · "
                f'<span class="{"overdue" if overdue else ""}">{when}</span>\n      '
            )
        else:
            parts.append(f"\n      <strong>{no_date % {'when': when}}</strong>\n      ")
        parts.append(
            f'\n    </p>\n    <details class="more"><summary>{why}<span class="sr-only">: '
            f"{title}</span></summary>\n    <p>{own(d.basis)}</p>\n"
            '    <p class="citation">\n      '
        )
        # Where the date comes from and how it is counted: the same few lines for most
        # cards, each worked out from these fields alone (in the page's language), and
        # written once a page.
        key = (d.citation, d.source, d.source_words, d.tag, d.counting_words)
        cited = cited_as.get(key)
        if cited is None:
            words = esc(d.shown_counting_words)
            cited = cited_as[key] = (f"{esc(d.citation)} · " if d.citation else "") + (
                f"{esc(d.shown_label)} · {counted_in % {'words': words}}\n    </p>\n    "
            )
        parts.append(cited)
        if d.note:
            parts.append(f'<p class="hint">{own(d.note)}</p>')
        parts.append("\n    </details>\n  </li>\n  ")
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


def deadline_links(rows: Iterable[tuple]) -> SafeString:
    """The loop of the deadlines page's summary: a link to each (deadline, when words,
    overdue) row's card, comma-separated (the overdue ones: 40 on the big child)."""
    return mark_safe(  # noqa: S308 (each part escaped)
        ", ".join(f'<a href="#deadline-{esc(slug(d.id))}">{own(d.title)}</a>' for d, _, _ in rows)
    )


def prep_deadline_lines(rows: Iterable[tuple]) -> SafeString:
    """The meeting prep pack's "Deadlines coming up": each (deadline, when words) in one
    line, its title and where its date comes from in the reader's language."""
    english = get_language() == "en"
    short_date = days_as("SHORT_DATE_FORMAT")
    rows = list(rows)
    labels = {} if english else labels_of([d for d, _ in rows])
    parts = []
    for d, when in rows:
        title = esc(d.title) if english else own(d.title)
        cited = f"{esc(d.citation)} · " if d.citation else ""
        source = esc(capfirst(d.source_words)) if english else esc(labels[d.label_key][1])
        parts.append(
            f"<li>{esc(short_date(d.due))} ({esc(when)}): {title} "
            f'<span class="citation">{cited}{source}</span></li>'
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)
