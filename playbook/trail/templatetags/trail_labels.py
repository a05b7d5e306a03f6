"""The trail's kinds and directions in the reader's language (``playbook.trail.labels``)."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from playbook.trail import labels

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    return labels.kind_label(kind)


@register.filter
def direction_label(direction: str) -> str:
    return labels.direction_label(direction)


@register.filter
def role_name(member) -> str:
    """A team member's role in the reader's language, as ``children/_role.html`` words it
    (without the newline the included file ends with)."""
    return mark_safe(render_to_string("children/_role.html", {"member": member}).strip())  # noqa: S308 (escaped by the template)
