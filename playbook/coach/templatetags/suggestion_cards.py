"""``{% suggestion_cards suggestions %}``: the moves page's cards (``playbook.coach.cards``),
and ``{% suggestion_card s %}``: one of the child home's, each with the page's own CSRF
token, path and write permission."""

from __future__ import annotations

from django import template

from playbook.coach.cards import suggestion_card as draw_one
from playbook.coach.cards import suggestion_cards as draw
from playbook.widgets import page_form

register = template.Library()


@register.simple_tag(takes_context=True)
def suggestion_cards(context, suggestions):
    return draw(
        suggestions,
        context["child"],
        full_path=context["request"].get_full_path(),
        **page_form(context),
    )


@register.simple_tag(takes_context=True)
def suggestion_card(context, suggestion):
    return draw_one(
        suggestion,
        context["child"],
        full_path=context["request"].get_full_path(),
        **page_form(context),
    )
