"""Repeated lines of the meeting prep pack drawn in Python (issue 13, as
``playbook.coach.cards`` draws the moves page's cards): a series' data points, read-only,
the agenda's concerns with their evidence and charts, the asks waiting on the school and
the school's refusals.

On the seed's big child the pack shows about 90 data points, 30 open asks and 24 refusals;
the template loops over them (every variable resolved by name, a filter or a translation
each, an include per series and per refusal) were most of drawing the pack fresh after a
change. Each line here is the markup the template wrote, escaped as it escaped it, with
the page's words translated once (``tests/meetings/test_cards.py`` checks it against the
template's loops, in both languages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import get_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext, pgettext_lazy

from playbook.day_text import days_as
from playbook.widgets import escaped as esc

CENT = Decimal("0.01")


def values_as() -> Callable[[object], str]:
    """A function writing a data point's value as ``{{ value|floatformat:"-2" }}`` does, in
    the language active now (its decimal separator read once): no decimals for a whole
    number, else two, rounded half up. Django's filter builds a ``Decimal`` context and
    looks the separator up again for every value (7 µs each, 86 on the big child's pack).
    Anything but a plain float, and numbers grouped by thousands, are left to the filter;
    ``tests/meetings/test_cards.py`` holds it to the filter for thousands of values."""
    if settings.USE_THOUSAND_SEPARATOR:
        return lambda value: floatformat(value, "-2")
    separator = get_format("DECIMAL_SEPARATOR", use_l10n=True)

    def value_text(value) -> str:
        text = repr(value)
        if type(value) is not float or "e" in text or "n" in text:  # 1e+16, nan, inf
            return floatformat(value, "-2")
        exact = Decimal(text)
        if exact == exact.to_integral_value():
            return str(int(exact))
        rounded = exact.quantize(CENT, ROUND_HALF_UP)
        whole, _, cents = f"{rounded if rounded else abs(rounded):f}".partition(".")
        return f"{whole}{separator}{cents}"

    return value_text


def data_rows(
    points: Iterable,
    short_date: Callable[[date], str] | None = None,
    value_text: Callable[[object], str] | None = None,
) -> SafeString:
    """The rows of ``data/_table.html`` when the table is not editable. ``short_date`` and
    ``value_text``: the page's ``days_as("SHORT_DATE_FORMAT")`` and ``values_as()``, when it
    has them already."""
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
    short_date = short_date or days_as("SHORT_DATE_FORMAT")
    value_text = value_text or values_as()
    parts = []
    for p in points:
        said = f"<span data-own-words>{esc(p.note)}</span>" if p.note else ""
        parts.append(
            f"\n    <tr>{day}{esc(short_date(p.date))}{value}"
            f"{esc(value_text(p.value))}{note}{said}</td></tr>\n  "
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


def waiting_lines(open_asks: Iterable[tuple]) -> SafeString:
    """The pack's "Waiting on the school": each open ask (a row with ``subject``,
    ``asked_on`` and ``asked_of_name``, None for nobody) with the days waited."""
    short_date = days_as("SHORT_DATE_FORMAT")
    parts = []
    for ask, waited in open_asks:
        data = {
            "day": esc(short_date(ask.asked_on)),
            "days": esc(localize(waited)),
        }
        if ask.asked_of_name is not None:
            data["name"] = esc(ask.asked_of_name)
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


def _table_head() -> str:
    """The start of ``data/_table.html`` when the table is not editable, up to its rows:
    the same for every series of a page."""
    caption = esc(gettext("Data points"))
    day, value, note = esc(gettext("Date")), esc(gettext("Value")), esc(gettext("Note"))
    return (
        f'<table class="stack data-table">\n  <caption class="sr-only">{caption}</caption>\n'
        f'  <thead><tr><th scope="col">{day}</th><th scope="col">{value}</th>'
        f'<th scope="col">{note}</th></tr></thead>\n  <tbody>\n  '
    )


def _series_line(series, baseline_words: str, goal_words: str) -> str:
    """``data/_series_line.html``: the series' name and unit, baseline and goal."""
    line = f"<span data-own-words>{esc(series.name)} ({esc(series.unit)})</span>"
    if series.baseline is not None:
        line += f", {baseline_words} {esc(localize(series.baseline))}"
    if series.goal is not None:
        line += f", {goal_words} {esc(localize(series.goal))}"
    return line


def agenda_cards(agenda: list, child_id) -> SafeString:
    """The pack's agenda: each concern (``playbook.meetings.pack.AgendaItem``) with its
    evidence, what is asked, and each data series' chart, line and table."""
    if not agenda:
        none = esc(
            gettext(
                "No concerns are on the agenda. Add them to the meeting, or log a concern first."
            )
        )
        return mark_safe(f"\n<p>{none}</p>\n")  # noqa: S308 (a translation, escaped)
    asking = esc(gettext("What I am asking for:"))
    chart_of = gettext("Chart of %(name)s; the table that follows lists the same data.")
    baseline_words = esc(gettext("baseline"))
    goal_words = esc(pgettext("the number a data series aims for", "goal"))
    short_date = days_as("SHORT_DATE_FORMAT")
    table_head = _table_head()
    value_text = values_as()
    parts = []
    for counter, concern in enumerate(agenda, 1):
        parts.append(
            f'\n<section class="card">\n  <h3>{esc(localize(counter))}. <span data-own-words>'
            f"{esc(concern.title)}</span></h3>\n  "
        )
        if concern.details:
            parts.append(f"<p data-own-words>{esc(concern.details)}</p>")
        parts.append("\n  ")
        if concern.evidence:
            parts.append("\n  <ul>")
            for e in concern.evidence:
                day = f" ({esc(short_date(e.date))})" if e.date else ""
                parts.append(f"<li><span data-own-words>{esc(e.text)}</span>{day}</li>")
            parts.append("</ul>\n  ")
        parts.append("\n  ")
        if concern.request:
            parts.append(
                f"<p><strong>{asking}</strong> <span data-own-words>"
                f"{esc(concern.request)}</span></p>"
            )
        parts.append("\n  ")
        for series in concern.data_series:
            chart = esc(reverse("series_chart", args=(child_id, series.pk)))
            alt = chart_of % {"name": esc(series.name)}
            rows = data_rows(series.points, short_date, value_text)
            parts.append(
                f'\n  <figure class="chart">\n    <picture>\n      <source media="(max-width: '
                f'40rem)" srcset="{chart}?size=narrow" width="420" height="360">\n      '
                f'<img src="{chart}" alt="{alt}" width="700" height="320">\n    </picture>\n'
                f"    <figcaption>{_series_line(series, baseline_words, goal_words)}"
                f"</figcaption>\n  </figure>\n  {table_head}{rows}"
                "\n  </tbody>\n</table>\n\n  "
            )
        parts.append("\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)


# A refusal's policy outcome inside a sentence, lower case (meetings/_policy_outcome.html).
POLICY_OUTCOMES = {
    "pending": pgettext_lazy("policy outcome, in a sentence", "waiting for the policy"),
    "produced": pgettext_lazy("policy outcome, in a sentence", "policy produced"),
    "none_exists": pgettext_lazy("policy outcome, in a sentence", "no such policy exists"),
    "no_reply": pgettext_lazy("policy outcome, in a sentence", "no reply"),
    "": pgettext_lazy("policy outcome, in a sentence", "not asked yet"),
}


def refusal_lines(refusals: Iterable) -> SafeString:
    """The pack's "What the school has refused": each refusal (a row with ``said_on``,
    ``said_by_name``, None for nobody, ``words`` and ``policy_outcome``)."""
    outcomes = {key: esc(str(words)) for key, words in POLICY_OUTCOMES.items()}
    short_date = days_as("SHORT_DATE_FORMAT")
    parts = []
    for r in refusals:
        said_by = f", {esc(r.said_by_name)}" if r.said_by_name is not None else ""
        outcome = outcomes.get(r.policy_outcome)
        if outcome is None:  # a value the choices do not name: as its display, lower case
            outcome = esc(str(r.policy_outcome).lower())
        parts.append(
            f"<li>{esc(short_date(r.said_on))}{said_by}: <span data-own-words>&ldquo;"
            f"{esc(r.words)}&rdquo;</span> ({outcome})</li>"
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part escaped above)
