"""The prep pack's lines drawn in Python (playbook.meetings.cards) are the markup the
template loops drew, escaping included, in English and in Spanish: the read-only rows of
data/_table.html (the prep pack, a trial, a read-only member's series) and the pack's
"Waiting on the school"."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from tests.markup import drawn_and_expected

# The loops as the templates wrote them before the lines were drawn in Python.
ROWS_LOOP = """{% load i18n %}{% translate "Date" as date_words %}{% translate "Value" as value_words %}{% translate "Note" as note_words %}
  {% for p in points %}
    <tr><td data-label="{{ date_words }}">{{ p.date|date:"SHORT_DATE_FORMAT" }}</td><td data-label="{{ value_words }}">{{ p.value|floatformat:"-2" }}</td><td data-label="{{ note_words }}">{% if p.note %}<span data-own-words>{{ p.note }}</span>{% endif %}</td></tr>
  {% empty %}
    <tr><td colspan="3">{% translate "No data points yet." %}</td></tr>
  {% endfor %}"""  # fmt: skip
ROWS = "{% load prep_cards %}\n  {% data_rows points %}"

WAITING_LOOP = """{% load i18n %}<ul>{% for ask, waited in open_asks %}<li><span data-own-words>{{ ask.subject }}</span>: {% with day=ask.asked_on|date:"SHORT_DATE_FORMAT" %}{% if ask.asked_of %}{% with name=ask.asked_of.name %}{% blocktranslate trimmed count days=waited %}asked {{ day }} of {{ name }}, {{ days }} day ago{% plural %}asked {{ day }} of {{ name }}, {{ days }} days ago{% endblocktranslate %}{% endwith %}{% else %}{% blocktranslate trimmed count days=waited %}asked {{ day }}, {{ days }} day ago{% plural %}asked {{ day }}, {{ days }} days ago{% endblocktranslate %}{% endif %}{% endwith %}</li>{% endfor %}</ul>"""  # fmt: skip
WAITING = "{% load prep_cards %}<ul>{% waiting_lines open_asks %}</ul>"

POINTS = [
    SimpleNamespace(date=date(2026, 9, 1), value=3.0, note=""),
    SimpleNamespace(date=date(2026, 9, 8), value=2.456, note="After “recess” <b> & lunch"),
    SimpleNamespace(date=date(2026, 9, 15), value=1234.5, note="x"),
    SimpleNamespace(date=date(2026, 9, 22), value=-0.1, note=""),
]
ASKS = [
    (SimpleNamespace(subject="Speech <eval> & “OT”", asked_on=date(2026, 10, 1),
                     asked_of=SimpleNamespace(name="Ms. O'Brien <case manager>")), 1),
    (SimpleNamespace(subject="Records", asked_on=date(2026, 10, 2), asked_of=None), 1),
    (SimpleNamespace(subject="Aide", asked_on=date(2026, 9, 2), asked_of=None), 31),
    (SimpleNamespace(subject="IEE", asked_on=date(2025, 9, 2),
                     asked_of=SimpleNamespace(name="Dr. Lee")), 1200),
]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_read_only_rows_are_the_templates_markup(language, count):
    context = {"points": POINTS[:count]}
    drawn, expected = drawn_and_expected(ROWS, ROWS_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<tr>") == max(count, 1)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_waiting_lines_are_the_templates_markup(language):
    drawn, expected = drawn_and_expected(WAITING, WAITING_LOOP, {"open_asks": ASKS}, language)
    assert drawn == expected
    assert "&lt;eval&gt;" in drawn and drawn.count("<li>") == 4
