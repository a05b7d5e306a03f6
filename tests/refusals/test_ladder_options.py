"""The chain of command page's ask picker, drawn in Python (playbook.pages.ladder.ask_options),
is the markup the template loop drew, escaping included, in English and in Spanish."""

from __future__ import annotations

import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from django.template import engines
from django.utils import translation

from playbook.pages.ladder import ask_options

# The loop as refusals/ladder.html wrote it before the options were drawn in Python.
OPTIONS_LOOP = """{% load i18n %}{% for a in asks %}<option value="{{ a.pk }}"{% if ask and a.pk == ask.pk %} selected{% endif %} data-own-words>{{ a.subject }} ({% with day=a.asked_on|date:"SHORT_DATE_FORMAT" %}{% blocktranslate %}asked {{ day }}{% endblocktranslate %}{% endwith %})</option>{% endfor %}"""  # fmt: skip

ASKS = [
    SimpleNamespace(pk=uuid.uuid4(), subject="Speech <eval> & “OT”", asked_on=date(2026, 10, 1)),
    SimpleNamespace(pk=uuid.uuid4(), subject="Records 100%", asked_on=date(2026, 1, 12)),
    SimpleNamespace(pk=uuid.uuid4(), subject="O'Brien's \"aide\"", asked_on=date(2025, 9, 2)),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("chosen", [None, 0, 2])
def test_the_ask_options_are_the_templates_markup(language, chosen):
    ask = ASKS[chosen] if chosen is not None else None
    with translation.override(language):
        expected = engines["django"].from_string(OPTIONS_LOOP).render({"asks": ASKS, "ask": ask})
        drawn = ask_options(ASKS, ask.pk if ask else None)
    assert drawn == expected
    assert drawn.count("<option ") == 3 and "&lt;eval&gt;" in drawn
    assert drawn.count(" selected") == (chosen is not None)
    assert ("pedido el" in drawn) == (language == "es")


def test_no_open_asks_draw_no_options():
    assert ask_options([], None) == ""
