"""The trail's kinds and directions (``playbook.trail.labels``) and what the email import
said and why the hash chain does not verify (``playbook.trail.kept_english``), in the
reader's language."""

from __future__ import annotations

from django import template

from playbook.trail import import_words, labels
from playbook.trail.chain import CHAIN_WORDS

register = template.Library()


@register.filter
def kind_label(kind: str) -> str:
    return labels.kind_label(kind)


@register.filter
def direction_label(direction: str) -> str:
    return labels.direction_label(direction)


@register.filter
def import_said(words: str) -> str:
    """What the email import said about a message (kept English), in the reader's
    language."""
    return import_words.shown(words)


@register.filter
def chain_said(reason: str) -> str:
    """Why the hash chain does not verify (kept English), in the reader's language."""
    return CHAIN_WORDS.shown(reason)
