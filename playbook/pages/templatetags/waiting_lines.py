"""``{% waiting_lines waiting %}``: the child home's "Waiting on the school" lines
(``playbook.pages.waiting``)."""

from __future__ import annotations

from django import template

from playbook.pages.waiting import waiting_lines as draw

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_lines(context, waiting):
    return draw(waiting, context["child"])
