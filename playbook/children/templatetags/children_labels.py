"""A team member's role in the reader's language (``playbook.children.roles``):
``role_shown`` where it sits inside a sentence or parentheses, ``{% team_role member %}``
for a page's list of members (the roles translated once a page). The one owner of both:
the trail's, the advocacy's, the binder's and the team's pages load them here."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from playbook.children.roles import role_writer

register = template.Library()


@register.filter
def role_shown(member) -> SafeString:
    return role_writer()(member)


@register.simple_tag(takes_context=True)
def team_role(context, member) -> SafeString:
    key = ("team_role", get_language())
    write = context.render_context.get(key)
    if write is None:
        write = context.render_context[key] = role_writer()
    # Followed by the new line the template include wrote, so the pages keep their bytes.
    return mark_safe(f"{write(member)}\n")  # noqa: S308 (escaped in role_writer)
