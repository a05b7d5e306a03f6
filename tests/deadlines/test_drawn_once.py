"""What the deadlines engine and page now look up once per request, held to what they looked
up for every date (issue 13): the dates written by ``clocks.date_words`` are
``clocks.shown_date``'s, and the page's summary links are the template loop they replaced."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.utils import translation

from playbook.deadlines import clocks
from tests.deadlines.test_cards import DEADLINE_CARDS, DEADLINE_LOOP, deadline
from tests.markup import drawn_and_expected


@pytest.mark.parametrize("language", ["en", "es", "es-mx"])
def test_date_words_are_shown_date_every_day(language):
    start = date(2023, 12, 25)  # three years and more, a leap day among them
    days = [start + timedelta(days=n) for n in range(3 * 366 + 40)]
    days += [date(1999, 1, 1), date(2100, 2, 28), date(2024, 2, 29)]
    with translation.override(language):
        write = clocks.date_words()
        assert [write(day) for day in days] == [clocks.shown_date(day) for day in days]


SUMMARY_LOOP = """{% load own_words %}{% for d, when, late in overdue %}<a href="#deadline-{{ d.id|slugify }}">{{ d.title|own_words }}</a>{% if not forloop.last %}, {% endif %}{% endfor %}"""  # fmt: skip
SUMMARY_LINKS = "{% load deadline_cards %}{% deadline_links overdue %}"


TITLES = ("Reply due: “a <b> & c” {}", "Trial review: «Lectura» & <x> {}", 'O\'Neil "x" {}')


def row(i: int) -> tuple:
    title = TITLES[i % 3].format(i)
    return (SimpleNamespace(id=f"reply_due:{i}A b/c", title=title), f"in {i} days", True)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 2, 3, 5])
def test_summary_links_are_the_templates_markup(language, count):
    context = {"overdue": [row(i) for i in range(count)]}
    drawn, expected = drawn_and_expected(SUMMARY_LINKS, SUMMARY_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<a ") == count
    if count > 1:
        assert "<span data-own-words>“a &lt;b&gt; &amp; c”</span>" in drawn


@pytest.mark.parametrize("language", ["en", "es"])
def test_cards_escape_quotes_as_the_template(language):
    """The cards' own escaping (``cards.esc``) on every value with quotes in it."""
    quoted = 'O\'Neil said "no" & <left>'
    items = []
    for i in range(4):
        d = deadline(i)
        d.title, d.citation, d.shown_label, d.shown_counting_words = (quoted,) * 4
        d.id = f"{d.id}'\""
        items.append((d, quoted, i % 2 == 0))
    drawn, expected = drawn_and_expected(DEADLINE_CARDS, DEADLINE_LOOP, {"items": items}, language)
    assert drawn == expected
    assert "O&#x27;Neil said &quot;no&quot;" in drawn


SLUG_CASES = [
    "reply_due:3f1c0b6e-2d7a-4c55-9f0e-3b2a1c0d9e8f",
    "annual_review:12", "filing_windows:state_complaint:2026-09-20", "_x_", "-a--b-", "a  b\tc",
    "A b/c'\"<>&", "__init__", "x:-:y", "", "é:ñ", "Ｆｕｌｌ", "ß ß", "a\u00a0b", "1-2_3",
]  # fmt: skip


@pytest.mark.parametrize("value", SLUG_CASES)
def test_a_cards_slug_is_slugifys(value):
    from django.utils.text import slugify

    from playbook.deadlines.cards import slug

    assert slug(value) == slugify(value)
