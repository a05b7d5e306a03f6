"""``{% plan_items items %}``: the plan's items (``playbook.plan.items``), with the page's
child, CSRF token, month and write permission."""

from __future__ import annotations

from django import template

from playbook.plan.items import plan_items as draw
from playbook.widgets import page_form

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_items(context, items):
    return draw(
        items,
        context["child"],
        month=str(context.get("month", "")),
        **page_form(context),
    )
