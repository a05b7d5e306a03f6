"""The services page's session rows drawn in Python (issue 13, as ``playbook.advocacy.cards``
draws the asks page's).

The page lists the latest ten sessions of each service (thirty on the seed's big child):
the template's loop gave each a date written twice, three labels, a link reversed and a
form with its token, most of the page's drawing after the ledger itself. Each row here is
the markup the template wrote, escaped as it escaped it; the link is reversed once per page
and the labels translated once (``tests/ledger/test_cards.py`` checks the rows against the
template's loop, in both languages, for a reader who may write and one who may not).

Each line's facts (promised, delivered, missed, owed: ten translations and their branches
per service) are drawn here too, held the same way to the template block they replace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.template.defaultfilters import lower
from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from playbook.children.links import link_for_each
from playbook.day_text import date_writer
from playbook.trail.templatetags.readers_dates import own, readers_format
from playbook.widgets import csrf_input

from . import labels


def _cell(label: str) -> str:
    return f'\n          <td data-label="{esc(label)}">'


def _why(reason: str) -> str:
    return f" ({esc(lower(labels.reason_label(reason)))})"


@dataclass(frozen=True)
class RowWords:
    """What every row of the page's tables shares, in the active language: the cells'
    labels, the statuses and reasons translated, the two date formats read, the link and
    the token. Made once for the page (``templatetags.ledger_labels``), not per table."""

    date_cell: str
    what_cell: str
    minutes_cell: str
    who_cell: str
    remove: str
    of_day: str  # "the session of %(day)s"
    status: dict[str, str]
    why: dict[str, str]  # a reason as the template's "lower" wrote it, in brackets
    long_day: Callable[[date], str]
    short_day: Callable[[date], str]
    link: Callable[[object], str]
    token: str

    @classmethod
    def now(cls, child, csrf_token) -> RowWords:
        return cls(
            date_cell=_cell(gettext("Date")),
            what_cell=_cell(gettext("What happened")),
            minutes_cell=_cell(gettext("Minutes")),
            who_cell=_cell(gettext("Provider and note")),
            remove=esc(gettext("Remove")),
            of_day=gettext("the session of %(day)s"),
            status={value: esc(labels.status_label(value)) for value in labels.STATUS},
            why={value: _why(value) for value in labels.REASON},
            long_day=date_writer(readers_format("D M j, Y")),
            short_day=date_writer(readers_format("M j, Y")),
            link=link_for_each("ledger_session_delete", child.pk),
            token=csrf_input(csrf_token),
        )


def session_rows(
    sessions: Iterable, child, can_write: bool, csrf_token, words: RowWords | None = None
) -> SafeString:
    """The rows of a service's "Sessions logged" table (``ledger/services.html``);
    ``words``: the page's, when it has several tables."""
    w = words or RowWords.now(child, csrf_token)
    parts = []
    for s in sessions:
        why = "" if not s.reason else w.why.get(s.reason) or _why(s.reason)
        said = ": " if s.provider and s.note else ""
        form = ""
        if can_write:
            day = w.of_day % {"day": esc(w.short_day(s.date))}
            form = (
                f'<td>\n            <form method="post" action="{esc(w.link(s.pk))}"'
                f' class="inline-form">\n              {w.token}\n              <button'
                f' type="submit" class="link-button">{w.remove}<span class="sr-only"> {day}'
                "</span></button>\n            </form>\n          </td>"
            )
        status = w.status.get(s.status) or esc(labels.status_label(s.status))
        parts.append(
            f"\n        <tr>{w.date_cell}{esc(w.long_day(s.date))}</td>"
            f"{w.what_cell}{status}{why}</td>"
            f"{w.minutes_cell}{esc(localize(s.minutes))}</td>"
            f"{w.who_cell}{esc(s.provider)}{said}{own(s.note)}</td>\n          {form}"
            "\n        </tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


# The "missed" reasons as the page words them (lower case, after "N minutes:").
_MISSED = {
    "provider_absent": gettext_noop("provider absent"),
    "school_event": gettext_noop("school event"),
    "other": gettext_noop("other reason"),
}


def _n(value) -> str:
    """A number as the template writes it into a sentence."""
    return esc(localize(value))


def tally_facts(t, first_name: str) -> SafeString:
    """A service line's ``<dl class="facts">`` (``ledger/services.html``): promised,
    delivered, missed and owed, as the template's block of translations wrote it."""
    minutes = gettext("%(n)s minutes")
    promised = minutes % {"n": _n(t.promised)}
    if t.child_absent:
        less = gettext("(%(scheduled)s less %(absent)s while %(name)s was absent)")
        promised += " " + less % {
            "scheduled": _n(t.scheduled),
            "absent": _n(t.child_absent),
            "name": esc(first_name),
        }
    delivered = minutes % {"n": _n(t.delivered)}
    if t.made_up:
        delivered += ", " + gettext("including %(n)s made up") % {"n": _n(t.made_up)}
    if t.missed:
        no_reason = gettext_noop("no reason given")
        reasons = ", ".join(
            f"{esc(gettext(_MISSED.get(reason, no_reason)))} {_n(n)}"
            for reason, n in t.missed_by_reason.items()
        )
        missed = gettext("%(n)s minutes:") % {"n": _n(t.missed)} + "\n      " + reasons
    else:
        missed = esc(gettext("none logged"))
    if t.surplus:
        last = esc(gettext("Extra minutes"))
        more = gettext("%(n)s minutes more than promised") % {"n": _n(t.surplus)}
        balance = f'<span class="badge badge-ok">{more}</span>'
    else:
        last = esc(gettext("Owed to date"))
        if t.owed:
            owed = gettext("%(n)s minutes owed") % {"n": _n(t.owed)}
            balance = f'<strong class="ledger-owed">{owed}</strong>'
        else:
            nothing = esc(gettext("Nothing owed"))
            balance = f'<span class="badge badge-ok">{nothing}</span>'
    promised_label, delivered_label = gettext("Promised to date"), gettext("Delivered")
    missed_label = gettext("Missed")
    return mark_safe(  # noqa: S308 (each value escaped above; the sentences are the catalogue's)
        '<dl class="facts">\n'
        f"    <dt>{esc(promised_label)}</dt><dd>{promised}</dd>\n"
        f"    <dt>{esc(delivered_label)}</dt><dd>{delivered}</dd>\n"
        f"    <dt>{esc(missed_label)}</dt><dd>{missed}</dd>\n"
        f"    <dt>{last}</dt>\n"
        f"    <dd>{balance}</dd>\n"
        "  </dl>"
    )
