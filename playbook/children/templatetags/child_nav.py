"""``{% child_nav child section %}``: the child's navigation, drawn in Python
(``playbook.children.links``)."""

from __future__ import annotations

from django import template

from playbook.children import links

register = template.Library()


@register.simple_tag
def child_nav(child, section):
    return links.nav_html(child, section)
