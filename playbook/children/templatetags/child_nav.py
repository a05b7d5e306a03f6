"""``{% nav_links child as links %}``: the links of the child's navigation
(``playbook.children.links``), read in children/_nav.html as ``{{ links.child_home }}``."""

from __future__ import annotations

from django import template

from playbook.children import links

register = template.Library()


@register.simple_tag
def nav_links(child) -> dict[str, str]:
    return links.nav_links(child)
