"""Repeated lines of the meeting prep pack drawn in Python (issue 13, as
``playbook.coach.cards`` draws the moves page's cards): a series' data points, read-only,
and the asks waiting on the school.

On the seed's big child the pack shows about 90 data points and 40 open asks; the template
loops over them (every variable resolved by name, a filter or a translation each) were
about half of drawing the pack fresh after a change. Each line here is the markup the
template wrote, escaped as it escaped it (``tests/meetings/test_cards.py`` checks it
against the template's loops, in both languages).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext


def data_rows(points: Iterable) -> SafeString:
    """The rows of ``data/_table.html`` when the table is not editable."""
    points = list(points)
    if not points:
        none_yet = esc(gettext("No data points yet."))
        return mark_safe(  # noqa: S308 (a translation, escaped)
            f'\n    <tr><td colspan="3">{none_yet}</td></tr>\n  '
        )
    day_label, value_label, note_label = gettext("Date"), gettext("Value"), gettext("Note")
    day = f'<td data-label="{esc(day_label)}">'
    value = f'</td><td data-label="{esc(value_label)}">'
    note = f'</td><td data-label="{esc(note_label)}">'
    parts = []
    for p in points:
        said = f"<span data-own-words>{esc(p.note)}</span>" if p.note else ""
        parts.append(
            f"\n    <tr>{day}{esc(date_filter(p.date, 'SHORT_DATE_FORMAT'))}{value}"
            f"{esc(floatformat(p.value, '-2'))}{note}{said}</td></tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


def waiting_lines(open_asks: Iterable[tuple]) -> SafeString:
    """The pack's "Waiting on the school": each open ask with the days waited."""
    parts = []
    for ask, waited in open_asks:
        data = {
            "day": esc(date_filter(ask.asked_on, "SHORT_DATE_FORMAT")),
            "days": esc(localize(waited)),
        }
        if ask.asked_of:
            data["name"] = esc(ask.asked_of.name)
            said = ngettext(
                "asked %(day)s of %(name)s, %(days)s day ago",
                "asked %(day)s of %(name)s, %(days)s days ago",
                waited,
            )
        else:
            said = ngettext(
                "asked %(day)s, %(days)s day ago", "asked %(day)s, %(days)s days ago", waited
            )
        parts.append(f"<li><span data-own-words>{esc(ask.subject)}</span>: {said % data}</li>")
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)
