"""Markup drawn in Python held to the template it replaced (the cards and rows of issue 13)."""

from __future__ import annotations

from django.template import engines
from django.utils import translation


def drawn_and_expected(drawing: str, old: str, context: dict, language: str) -> tuple[str, str]:
    """``context`` rendered, in ``language``, by the template that draws in Python and by the
    old template loop: (drawn, expected)."""
    django = engines["django"]
    with translation.override(language):
        expected = django.from_string(old).render(context)
        drawn = django.from_string(drawing).render(context)
    return drawn, expected
