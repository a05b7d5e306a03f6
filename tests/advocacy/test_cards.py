"""The asks page's rows drawn in Python (playbook.advocacy.cards) are the markup the template
loops drew, escaping included, in English and in Spanish: the asks waiting for a reply
(advocacy/_open_asks.html) and the answered ones (advocacy/ask_list.html)."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import pytest

from playbook.advocacy.asks import OpenAsk
from tests.markup import drawn_and_expected

# The loops as the templates wrote them before the rows were drawn in Python.
WAITING_LOOP = """{% load i18n %}<tbody>
  {% for wait in waiting %}
  <tr>
    <td data-label="{% translate 'Ask' %}"><a href="{% url 'ask_detail' child.pk wait.ask.pk %}" data-own-words>{{ wait.ask.subject }}</a>{% if wait.ask.asked_of %}<br><span class="muted">{{ wait.ask.asked_of.name }}</span>{% endif %}</td>
    <td data-label="{% translate 'Asked' %}">{{ wait.ask.asked_on|date:"SHORT_DATE_FORMAT" }}</td>
    <td data-label="{% translate 'Waited' %}">{% blocktranslate count n=wait.days_waited %}{{ n }} day{% plural %}{{ n }} days{% endblocktranslate %}</td>
    <td data-label="{% translate 'Reply due' %}">{% if wait.overdue %}<span class="overdue">{% blocktranslate count n=wait.days_overdue %}Overdue by {{ n }} day{% plural %}Overdue by {{ n }} days{% endblocktranslate %}</span> ({{ wait.ask.reply_due|date:"SHORT_DATE_FORMAT" }}){% elif wait.ask.reply_due %}{{ wait.ask.reply_due|date:"SHORT_DATE_FORMAT" }}{% else %}{% translate "Not set" %}{% endif %}</td>
  </tr>
  {% endfor %}
  </tbody>"""  # fmt: skip
WAITING = """{% load ask_cards %}<tbody>
  {% waiting_rows waiting child %}
  </tbody>"""  # fmt: skip
ANSWERED_LOOP = """{% load i18n %}<tbody>
  {% for ask in answered %}
  <tr>
    <td data-label="{% translate 'Ask' %}"><a href="{% url 'ask_detail' child.pk ask.pk %}" data-own-words>{{ ask.subject }}</a></td>
    <td data-label="{% translate 'Asked' %}">{{ ask.asked_on|date:"SHORT_DATE_FORMAT" }}{% if ask.asked_of %}, {{ ask.asked_of.name }}{% endif %}</td>
    <td data-label="{% translate 'Outcome' %}">{% include "advocacy/_ask_outcome.html" %}</td>
  </tr>
  {% endfor %}
  </tbody>"""  # fmt: skip
ANSWERED = """{% load ask_cards %}<tbody>
  {% answered_rows answered child %}
  </tbody>"""  # fmt: skip

CHILD = SimpleNamespace(pk=uuid.uuid4())
CASE_MANAGER = SimpleNamespace(name="Ms. O'Brien <case manager>")


def ask(subject="Records", asked_of=None, status="open", reply_due=None, reply_date=None):
    return SimpleNamespace(
        pk=uuid.uuid4(), subject=subject, asked_on=date(2026, 10, 1), asked_of=asked_of,
        status=status, reply_due=reply_due, reply_date=reply_date,
        get_status_display=lambda: f"{status} <as the model says it>",
    )  # fmt: skip


WAITING_ASKS = [
    OpenAsk(ask("Speech <eval> & “OT”", CASE_MANAGER, reply_due=date(2026, 10, 11)), 1, True, 1),
    OpenAsk(ask("Aide", reply_due=date(2026, 11, 1)), 31, True, 1200),
    OpenAsk(ask("IEE", CASE_MANAGER, reply_due=date(2026, 12, 1)), 0, False, 0),
    OpenAsk(ask("Records"), 2, False, 0),
]
ANSWERED_ASKS = [
    ask("Speech <eval> & “OT”", CASE_MANAGER, "granted", reply_date=date(2026, 10, 5)),
    ask("Aide", None, "granted"),
    ask("IEE", CASE_MANAGER, "partly_granted", reply_date=date(2026, 10, 6)),
    ask("Bus", None, "partly_granted"),
    ask("OT", None, "refused", reply_date=date(2026, 10, 7)),
    ask("PT", CASE_MANAGER, "refused"),
    ask("Notes", None, "no_reply", reply_date=date(2026, 10, 8)),
    ask("Records", None, "answered", reply_date=date(2026, 10, 9)),
    ask("Policy", None, "answered"),
    ask("Odd", None, "someday"),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 4])
def test_the_waiting_rows_are_the_templates_markup(language, count):
    context = {"waiting": WAITING_ASKS[:count], "child": CHILD}
    drawn, expected = drawn_and_expected(WAITING, WAITING_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<tr>") == count
    assert count < 1 or "&lt;eval&gt;" in drawn


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("count", [0, 1, 10])
def test_the_answered_rows_are_the_templates_markup(language, count):
    context = {"answered": ANSWERED_ASKS[:count], "child": CHILD}
    drawn, expected = drawn_and_expected(ANSWERED, ANSWERED_LOOP, context, language)
    assert drawn == expected
    assert drawn.count("<tr>") == count
    assert count < 10 or "&lt;as the model says it&gt;" in drawn
    assert count < 10 or ("Granted" in drawn) == (language == "en")
