"""``{% team_role member %}``: a team member's role as ``children/_role.html`` writes it
(``playbook.pages.roles``), the labels translated once a page."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from playbook.pages.roles import role_writer

register = template.Library()


@register.simple_tag(takes_context=True)
def team_role(context, member):
    key = ("team_role", get_language())
    write = context.render_context.get(key)
    if write is None:
        write = context.render_context[key] = role_writer()
    # The include wrote the template file's last newline after the role.
    return mark_safe(f"{write(member)}\n")  # noqa: S308 (escaped in role_writer)
