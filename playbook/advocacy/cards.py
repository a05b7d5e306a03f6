"""The asks page's rows drawn in Python (issue 13, as ``playbook.meetings.cards`` draws the
prep pack's): the asks waiting for a reply and the answered ones.

On the seed's big child the page lists about 150 asks waiting; the template loops over them
(a link reversed, three dates, two translations with a count and an include each) were most
of drawing the page fresh after a change. Each row here is the markup the template wrote,
escaped as it escaped it; the link is reversed once per page, the labels translated once
(``tests/advocacy/test_cards.py`` checks the rows against the template's loops, in both
languages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.formats import localize
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from playbook.children.links import link_for_each
from playbook.day_text import days_as


def _ask_link(child) -> Callable[[object], str]:
    """The link to an ask of ``child``, as ``{% url 'ask_detail' child.pk ask.pk %}`` gives it."""
    link = link_for_each("ask_detail", child.pk)
    return lambda ask_id: esc(link(ask_id))


def _days() -> Callable[[object], str]:
    write = days_as("SHORT_DATE_FORMAT")
    return lambda value: esc(write(value))


def _cell(label: str) -> str:
    return f'\n    <td data-label="{esc(label)}">'


def waiting_rows(waiting: Iterable, child) -> SafeString:
    """The rows of ``advocacy/_open_asks.html``: each ask waiting, the days waited, when the
    reply is due."""
    link, day = _ask_link(child), _days()
    ask_cell, asked_cell = _cell(gettext("Ask")), _cell(gettext("Asked"))
    waited_cell, due_cell = _cell(gettext("Waited")), _cell(gettext("Reply due"))
    not_set = esc(gettext("Not set"))
    parts = []
    for wait in waiting:
        ask = wait.ask
        who = f'<br><span class="muted">{esc(ask.asked_of.name)}</span>' if ask.asked_of else ""
        waited = ngettext("%(n)s day", "%(n)s days", wait.days_waited) % {
            "n": esc(localize(wait.days_waited))
        }
        if wait.overdue:
            late = ngettext("Overdue by %(n)s day", "Overdue by %(n)s days", wait.days_overdue)
            due = (
                f'<span class="overdue">{late % {"n": esc(localize(wait.days_overdue))}}</span>'
                f" ({day(ask.reply_due)})"
            )
        else:
            due = day(ask.reply_due) if ask.reply_due else not_set
        parts.append(
            f'\n  <tr>{ask_cell}<a href="{link(ask.pk)}" data-own-words>{esc(ask.subject)}</a>'
            f"{who}</td>{asked_cell}{day(ask.asked_on)}</td>{waited_cell}{waited}</td>"
            f"{due_cell}{due}</td>\n  </tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


def answered_rows(answered: Iterable, child) -> SafeString:
    """The rows of the asks page's "Answered" table: each ask, when and of whom it was
    asked, its outcome (``advocacy/_ask_outcome.html``)."""
    link, day = _ask_link(child), _days()
    ask_cell, asked_cell = _cell(gettext("Ask")), _cell(gettext("Asked"))
    outcome_cell = _cell(gettext("Outcome"))
    outcome = _outcomes(day)
    parts = []
    for ask in answered:
        who = f", {esc(ask.asked_of.name)}" if ask.asked_of else ""
        parts.append(
            f'\n  <tr>{ask_cell}<a href="{link(ask.pk)}" data-own-words>{esc(ask.subject)}</a>'
            f"</td>{asked_cell}{day(ask.asked_on)}{who}</td>{outcome_cell}{outcome(ask)}"
            "\n</td>\n  </tr>\n  "  # the outcome's template ended with a newline
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


def _outcomes(day: Callable[[object], str]) -> Callable[[object], str]:
    """An answered ask's outcome and its date, as ``advocacy/_ask_outcome.html`` says it."""
    dated = {
        "granted": (gettext("Granted on %(day)s"), esc(gettext("Granted"))),
        "partly_granted": (gettext("Partly granted on %(day)s"), esc(gettext("Partly granted"))),
        "refused": (gettext("Refused on %(day)s"), esc(gettext("Refused"))),
        "answered": (gettext("Answered on %(day)s"), esc(gettext("Answered"))),
    }
    no_reply = esc(gettext("No reply"))

    def outcome(ask) -> str:
        if ask.status in dated:
            on_day, undated = dated[ask.status]
            return on_day % {"day": day(ask.reply_date)} if ask.reply_date else undated
        if ask.status == "no_reply":
            return no_reply
        return esc(ask.get_status_display())

    return outcome
