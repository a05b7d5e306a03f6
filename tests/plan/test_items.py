"""The plan's items drawn in Python (playbook.plan.items) are the markup plan/_item.html
draws, escaping included, in English and in Spanish, on the home and on the plan page."""

from __future__ import annotations

import pytest
from django.template import engines

from playbook.plan.content import PlanItem
from playbook.plan.schedule import Scheduled
from tests.markup import drawn_and_expected


def _item(n: int, **spanish) -> PlanItem:
    return PlanItem(
        id=f"item-{n}&<x>",
        title=f"Ask for <b>records</b> & “notes” {n}",
        why="Because the school's file is 'yours' to see & copy.",
        bands=("elem",),
        **spanish,
    )


ITEMS = [
    Scheduled(_item(1), "2026-12", False),
    Scheduled(
        _item(2, title_es="Pida los <registros>", why_es="Porque sí & más."),
        "2026-12",
        True,
        outcome="done",
    ),  # fmt: skip
    Scheduled(_item(3), "2026-11", True, outcome="not_for_us"),
    Scheduled(_item(4), "2026-12", False, when="10 weeks before the <annual> review on May 2"),
    Scheduled(_item(5), "2026-12", True, when="éxito & más", outcome="done"),
]

LOOP = '{% for s in items %}{% include "plan/_item.html" %}{% endfor %}'
DRAWN = "{% load plan_items %}{% plan_items items %}"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("can_write", [True, False])
@pytest.mark.parametrize("shown", [0, 1, 5])
def test_the_items_are_the_templates_markup(child, language, can_write, shown):
    context = {
        "items": ITEMS[:shown],
        "child": child,
        "can_write": can_write,
        "csrf_token": "tok<en>",
        "month": "2026-12&",
    }
    drawn, expected = drawn_and_expected(DRAWN, LOOP, context, language)
    assert drawn == expected
    assert ("csrfmiddlewaretoken" in drawn) is (can_write and shown > 0)


def test_no_token_and_no_month_draw_as_the_template(child):
    context = {"items": ITEMS, "child": child, "can_write": True, "csrf_token": "NOTPROVIDED"}
    django = engines["django"]
    assert django.from_string(DRAWN).render(context) == django.from_string(LOOP).render(context)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_home_and_the_plan_page_draw_their_items(child, language):
    """Both templates call the drawing where the include loop was."""
    from django.template.loader import get_template

    for name, loops in (("plan/_this_month.html", 1), ("plan/plan.html", 2)):
        source = get_template(name).template.source
        assert source.count("{% plan_items ") == loops
        assert '{% include "plan/_item.html" %}' not in source
