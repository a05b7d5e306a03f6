"""The child home's "Waiting on the school" lines drawn in Python (playbook.pages.waiting)
are the markup the template's loop drew, escaping included, in English and in Spanish."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import pytest

from playbook.advocacy.asks import OpenAsk
from tests.markup import drawn_and_expected

# The loop as children/home/_waiting.html wrote it before the lines were drawn in Python.
LOOP = """{% load i18n %}<ul>
    {% for wait in waiting %}
    <li><a href="{% url 'ask_detail' child.pk wait.ask.pk %}" data-own-words>{{ wait.ask.subject }}</a>{% if wait.ask.asked_of %} <span class="muted">({{ wait.ask.asked_of.name }})</span>{% endif %}<br>
      <span class="muted">{% blocktranslate count n=wait.days_waited with date=wait.ask.asked_on|date:"SHORT_DATE_FORMAT" %}Asked {{ date }}, {{ n }} day ago{% plural %}Asked {{ date }}, {{ n }} days ago{% endblocktranslate %}</span>{% if wait.overdue %} <span class="wait-status">· <span class="overdue">{% blocktranslate count n=wait.days_overdue %}Overdue by {{ n }} day{% plural %}Overdue by {{ n }} days{% endblocktranslate %}</span></span>{% elif wait.ask.reply_due %} <span class="wait-status">· {% translate "Reply due" %} {{ wait.ask.reply_due|date:"SHORT_DATE_FORMAT" }}</span>{% endif %}</li>
    {% endfor %}
  </ul>"""  # fmt: skip
DRAWN = """{% load waiting_lines %}<ul>
    {% waiting_lines waiting %}
  </ul>"""  # fmt: skip

CHILD = SimpleNamespace(pk=uuid.uuid4())
CASE_MANAGER = SimpleNamespace(name="Ms. O'Brien <case manager>")


def ask(subject="Records", asked_of=None, reply_due=None, asked_on=date(2026, 10, 1)):
    return SimpleNamespace(
        pk=uuid.uuid4(), subject=subject, asked_on=asked_on, asked_of=asked_of,
        reply_due=reply_due,
    )  # fmt: skip


WAITS = [
    OpenAsk(ask("Speech <eval> & “OT”", CASE_MANAGER, reply_due=date(2026, 10, 11)), 1, True, 1),
    OpenAsk(ask("Aide", reply_due=date(2026, 11, 1), asked_on=date(2023, 1, 9)), 1400, True, 1200),
    OpenAsk(ask("IEE", CASE_MANAGER, reply_due=date(2026, 12, 1)), 0, False, 0),
    OpenAsk(ask("Records"), 2, False, 0),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("shown", [0, 1, 3, 4])
def test_the_lines_are_the_templates_markup(language, shown):
    context = {"waiting": WAITS[:shown], "child": CHILD}
    drawn, expected = drawn_and_expected(DRAWN, LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<li>") == shown


def test_the_home_draws_its_lines():
    from django.template.loader import get_template

    source = get_template("children/home/_waiting.html").template.source
    assert "{% waiting_lines waiting %}" in source
    assert "{% for wait in waiting %}" not in source
