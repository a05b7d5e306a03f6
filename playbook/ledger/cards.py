"""The services page's session rows drawn in Python (issue 13, as ``playbook.advocacy.cards``
draws the asks page's).

The page lists the latest ten sessions of each service (thirty on the seed's big child):
the template's loop gave each a date written twice, three labels, a link reversed and a
form with its token, most of the page's drawing after the ledger itself. Each row here is
the markup the template wrote, escaped as it escaped it; the link is reversed once per page
and the labels translated once (``tests/ledger/test_cards.py`` checks the rows against the
template's loop, in both languages, for a reader who may write and one who may not).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import lower
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from playbook.children.links import link_for_each
from playbook.day_text import date_writer
from playbook.trail.templatetags.readers_dates import own, readers_format
from playbook.widgets import csrf_input

from . import labels


def _cell(label: str) -> str:
    return f'\n          <td data-label="{esc(label)}">'


def _why(reason: str) -> str:
    return f" ({esc(lower(labels.reason_label(reason)))})"


def session_rows(sessions: Iterable, child, can_write: bool, csrf_token) -> SafeString:
    """The rows of a service's "Sessions logged" table (``ledger/services.html``)."""
    date_cell, what_cell = _cell(gettext("Date")), _cell(gettext("What happened"))
    minutes_cell, who_cell = _cell(gettext("Minutes")), _cell(gettext("Provider and note"))
    remove, of_day = esc(gettext("Remove")), gettext("the session of %(day)s")
    link = link_for_each("ledger_session_delete", child.pk)
    token = csrf_input(csrf_token)
    # The statuses and reasons (the reasons as the template's "lower" wrote them) translated
    # once for the table, not for each row.
    status = {value: esc(labels.status_label(value)) for value in labels.STATUS}
    why_of = {value: _why(value) for value in labels.REASON}
    # The two formats read, and the day and month names translated, once for the page.
    long_day, short_day = (
        date_writer(readers_format("D M j, Y")),
        date_writer(readers_format("M j, Y")),
    )
    parts = []
    for s in sessions:
        why = "" if not s.reason else why_of.get(s.reason) or _why(s.reason)
        said = ": " if s.provider and s.note else ""
        form = ""
        if can_write:
            day = of_day % {"day": esc(short_day(s.date))}
            form = (
                f'<td>\n            <form method="post" action="{esc(link(s.pk))}"'
                f' class="inline-form">\n              {token}\n              <button'
                f' type="submit" class="link-button">{remove}<span class="sr-only"> {day}'
                "</span></button>\n            </form>\n          </td>"
            )
        parts.append(
            f"\n        <tr>{date_cell}{esc(long_day(s.date))}</td>"
            f"{what_cell}{status.get(s.status) or esc(labels.status_label(s.status))}{why}</td>"
            f"{minutes_cell}{esc(localize(s.minutes))}</td>"
            f"{who_cell}{esc(s.provider)}{said}{own(s.note)}</td>\n          {form}"
            "\n        </tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)
