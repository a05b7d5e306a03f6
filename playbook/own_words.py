"""`own_words`: the words a parent or the school wrote, quoted in a sentence of the app's,
are marked `data-own-words` (issue 19). They are shown as written, in whatever language
they were written in, and the Spanish page check does not read them as English left
behind. (Not translate="no": a parent may want a browser to translate the school's words.)

Here, below every app, so that any app's cards drawn in Python mark them as the template
filter (``{% load own_words %}``, playbook.coach.templatetags) does."""

from __future__ import annotations

import re

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

# “...” in English sentences, «...» in Spanish ones.
QUOTED = re.compile(r"(“[^”]*”|«[^»]*»)")


def own_words(text: object) -> SafeString:
    escaped = str(conditional_escape(text))
    return mark_safe(QUOTED.sub(r"<span data-own-words>\1</span>", escaped))  # noqa: S308
