"""``{% waiting_rows waiting child %}`` and ``{% answered_rows answered child %}``: the asks
page's rows drawn in Python (``playbook.advocacy.cards``)."""

from __future__ import annotations

from django import template

from playbook.advocacy import cards

register = template.Library()


@register.simple_tag
def waiting_rows(waiting, child):
    return cards.waiting_rows(waiting, child)


@register.simple_tag
def answered_rows(answered, child):
    return cards.answered_rows(answered, child)
