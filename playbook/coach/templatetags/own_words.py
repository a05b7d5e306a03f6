"""`own_words`: the words a parent or the school wrote, quoted in a sentence of the app's,
are marked translate="no" (issue 19). They are shown as written, in whatever language they
were written in: a browser's translator leaves them alone, and the Spanish page check does
not read them as English left behind."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# “...” in English sentences, «...» in Spanish ones.
QUOTED = re.compile(r"(“[^”]*”|«[^»]*»)")


@register.filter(is_safe=True)
def own_words(text: object) -> SafeString:
    escaped = str(conditional_escape(text))
    return mark_safe(QUOTED.sub(r'<span translate="no">\1</span>', escaped))  # noqa: S308
