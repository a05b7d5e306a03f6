"""``{% data_rows points %}``, ``{% agenda_cards agenda child %}``,
``{% waiting_lines open_asks %}`` and ``{% refusal_lines refusals %}``: the prep pack's
repeated lines drawn in Python (``playbook.meetings.cards``)."""

from __future__ import annotations

from django import template

from playbook.meetings import cards

register = template.Library()


@register.simple_tag
def data_rows(points):
    return cards.data_rows(points)


@register.simple_tag
def waiting_lines(open_asks):
    return cards.waiting_lines(open_asks)


@register.simple_tag
def agenda_cards(agenda, child):
    return cards.agenda_cards(agenda, child.pk)


@register.simple_tag
def refusal_lines(refusals):
    return cards.refusal_lines(refusals)
