"""The moves page's "Make a move" menu, its rows made in the view (``coach.views.move_menu``),
is the markup the template's loop drew when it reversed and translated each row itself, in
English and in Spanish."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

import pytest
from django.template import engines
from django.template.loader import get_template
from django.utils import translation

from playbook.coach.views import MOVE_MENU, move_menu

# The loop as coach/moves.html wrote it before the view made the rows.
LOOP = """{% load i18n %}<ul class="move-menu">
  {% for title, kind, purpose in menu %}
  <li><a href="{% url 'letter_new' child.pk kind %}">{% translate title %}</a> <span class="muted">{% translate purpose %}</span></li>
  {% endfor %}
</ul>"""  # fmt: skip


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_menu_is_the_loops_markup(language):
    source = get_template("coach/moves.html").template.source
    menu = source[source.index('<ul class="move-menu">') : source.index("</ul>") + 5]
    child = SimpleNamespace(pk=uuid.uuid4())
    django = engines["django"]
    with translation.override(language):
        drawn = django.from_string(menu).render({"menu": move_menu(child)})
        expected = django.from_string(LOOP).render({"child": child, "menu": MOVE_MENU})
    assert drawn == expected
    assert drawn.count("<li>") == len(MOVE_MENU)
    assert f"/children/{child.pk}/letters/new/iee_request/" in drawn
