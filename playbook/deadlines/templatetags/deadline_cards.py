"""``{% coming_up_cards coming_up %}``, ``{% deadline_cards items long_day %}``,
``{% deadline_links rows %}`` and ``{% prep_deadline_lines rows %}``: the child home's, the
deadlines page's and the meeting prep pack's dates drawn in Python
(``playbook.deadlines.cards``)."""

from __future__ import annotations

from django import template

from playbook.deadlines import cards

register = template.Library()


@register.simple_tag
def coming_up_cards(coming_up):
    return cards.coming_up_cards(coming_up)


@register.simple_tag
def deadline_cards(items, long_day):
    return cards.deadline_cards(items, long_day)


@register.simple_tag
def deadline_links(rows):
    return cards.deadline_links(rows)


@register.simple_tag
def prep_deadline_lines(rows):
    return cards.prep_deadline_lines(rows)
