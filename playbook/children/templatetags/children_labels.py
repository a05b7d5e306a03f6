"""`role_shown`: a team member's role in the reader's language, as children/_role.html
words it, without the template's closing new line (it sits inside parentheses). The one
owner of this filter: the trail's, the advocacy's and the binder's pages load it here."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def role_shown(member) -> SafeString:
    # render_to_string escapes what it renders: the result is safe as it is.
    return mark_safe(render_to_string("children/_role.html", {"member": member}).strip())  # noqa: S308
