"""Template filters for letter text (`{% load phrases %}`)."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def mid_sentence(title: str) -> str:
    """A title set inside a sentence: "my request for a 1:1 aide", not "for A 1:1 aide".
    An acronym or a name in capitals ("OT evaluation", "IEE") keeps its first letter."""
    title = str(title or "").strip()
    if len(title) > 1 and title[0].isupper() and not title[1].isupper() and title[1] != ".":
        first_word = title.split()[0]
        if first_word.isalpha() or first_word in ("A", "An"):
            return title[0].lower() + title[1:]
    return title
