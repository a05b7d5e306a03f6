"""The moves page's cards drawn in Python (playbook.coach.cards) are the markup
coach/_suggestion.html draws, escaping included, in English and in Spanish."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import RequestFactory

from playbook.coach.rules import Suggestion
from tests.markup import drawn_and_expected

SUGGESTIONS = [
    Suggestion(
        move="follow_up",
        title="Follow up on <b>speech</b> & “OT”",
        why="Your request, “an OT evaluation”, has had no reply for 12 days.",
        urgency=-3,
        refs={"ask": "a1"},
        letter_kind="follow_up",
        letter_params={"ask": "a1", "topic": "a b&c/é"},
        facts_used=("a1", "open"),
    ),
    Suggestion(
        move="confirm_sent",
        title="Did you send “Records <now>”?",
        why="You drafted it 3 days ago.",
        urgency=4,
        link="/children/x/letters/1/?a=1&b=2",
        link_label="Open the draft",
    ),
    Suggestion(move="plan", title="Nothing to draft", why="Just so.", urgency=9),
    Suggestion(move="escalate", title="Go up", why="w", urgency=1, letter_kind="escalation"),
]

LOOP = '{% for s in suggestions %}\n  {% include "coach/_suggestion.html" %}\n{% endfor %}'
CARDS = "{% load suggestion_cards %}{% suggestion_cards suggestions %}"


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("can_write", [True, False])
def test_the_cards_are_the_templates_markup(child, language, can_write):
    request = RequestFactory().get("/children/x/moves/?from=a&b=<c>")
    context = {
        "suggestions": SUGGESTIONS,
        "child": child,
        "can_write": can_write,
        "csrf_token": "tok<en>",
        "request": request,
    }
    drawn, expected = drawn_and_expected(CARDS, LOOP, context, language)
    assert drawn == expected
    assert ("csrfmiddlewaretoken" in drawn) is can_write


def test_no_token_draws_no_token_field(child):
    context = {"suggestions": SUGGESTIONS[:1], "child": child, "can_write": True,
               "csrf_token": "NOTPROVIDED", "request": RequestFactory().get("/")}  # fmt: skip
    django = engines["django"]
    assert django.from_string(CARDS).render(context) == django.from_string(LOOP).render(context)


def _home_section(with_include: bool) -> str:
    """The child home's next moves (coach/_next_moves.html) as it is, or with each card
    drawn by the include it replaced."""
    from django.template.loader import get_template

    source = get_template("coach/_next_moves.html").template.source
    assert "{% suggestion_card s %}" in source
    if with_include:
        source = source.replace("{% suggestion_card s %}", '{% include "coach/_suggestion.html" %}')
    return source


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("can_write", [True, False])
@pytest.mark.parametrize("shown", [0, 1, 2, 4])
def test_the_child_homes_cards_are_the_templates_markup(child, language, can_write, shown):
    request = RequestFactory().get("/children/x/?from=a&b=<c>")
    context = {
        "suggestions": SUGGESTIONS[:shown],
        "child": child,
        "can_write": can_write,
        "csrf_token": "tok<en>",
        "request": request,
    }
    drawn, expected = drawn_and_expected(
        _home_section(with_include=False), _home_section(with_include=True), context, language
    )
    assert drawn == expected
    assert drawn.count('<article class="card move-card">') == min(shown, 3)
