"""`{{ text|own_words }}`: the words a parent or the school wrote, quoted in a sentence of
the app's, marked `data-own-words` (issue 19; the function is ``playbook.own_words``)."""

from __future__ import annotations

from django import template

from playbook.own_words import own_words

__all__ = ["own_words"]

register = template.Library()
register.filter("own_words", own_words, is_safe=True)
