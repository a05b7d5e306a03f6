"""The moves page's suggestion cards, drawn in Python (issue 13).

The big child has about 90 suggestions: ``{% include "coach/_suggestion.html" %}`` for each
cost about 40% of the moves page drawn fresh after a change (every variable resolved by name,
two ``{% url %}`` and two translations per card). Here each card is the same markup, escaped
as the template escapes it, with one ``reverse`` per letter kind and one for the dismiss form
per page (``tests/coach/test_cards.py`` checks it against the template, in both languages).
The child home's three cards are drawn one by one the same way (``suggestion_card``), inside
the home's own template loop; ``coach/_suggestion.html`` stays as the markup both are held to.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import urlencode
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from playbook.widgets import csrf_input

from .rules import Suggestion
from .templatetags.own_words import own_words


def suggestion_cards(
    suggestions: Iterable[Suggestion], child, *, can_write: bool, csrf_token, full_path: str
) -> SafeString:
    """Each card as ``{% for s in suggestions %}\\n  {% include %}\\n{% endfor %}`` wrote it."""
    cards = _cards(
        suggestions, child, can_write=can_write, csrf_token=csrf_token, full_path=full_path
    )
    return mark_safe("".join(f"\n  {card}\n" for card in cards))  # noqa: S308 (escaped)


def suggestion_card(
    suggestion: Suggestion, child, *, can_write: bool, csrf_token, full_path: str
) -> SafeString:
    """One card as ``{% include "coach/_suggestion.html" %}`` wrote it (the child home's)."""
    (card,) = _cards(
        [suggestion], child, can_write=can_write, csrf_token=csrf_token, full_path=full_path
    )
    return mark_safe(card)  # noqa: S308 (escaped in _cards)


def _cards(
    suggestions: Iterable[Suggestion], child, *, can_write: bool, csrf_token, full_path: str
) -> list[str]:
    """Each card's markup, every part escaped as the template escapes it."""
    draft = conditional_escape(gettext("Draft the letter"))
    not_now = conditional_escape(gettext("Not now"))
    letter_urls: dict[str, str] = {}
    form_head = form_tail = ""
    if can_write:
        token = csrf_input(csrf_token)
        form_head = (
            '\n    <form method="post" action="'
            f'{conditional_escape(reverse("child_moves_dismiss", args=[child.pk]))}" '
            f'class="inline-form">\n      {token}\n      <input type="hidden" name="key" value="'
        )
        form_tail = (
            f'">\n      <input type="hidden" name="next" value="{conditional_escape(full_path)}">'
            f'\n      <button type="submit" class="button-secondary">{not_now}'
            '<span class="sr-only">: '
        )
    cards = []
    for s in suggestions:
        title = own_words(s.title)
        parts = [
            f'<article class="card move-card">\n  <h3>{title}</h3>\n'
            f'  <p>{own_words(s.why)}</p>\n  <div class="actions">\n    '
        ]
        if s.link:
            parts.append(
                f'\n    <a class="button" href="{conditional_escape(s.link)}">'
                f"{conditional_escape(s.link_label)}</a>\n    "
            )
        elif s.letter_kind:
            url = letter_urls.get(s.letter_kind)
            if url is None:
                url = letter_urls[s.letter_kind] = conditional_escape(
                    reverse("letter_new", args=[child.pk, s.letter_kind])
                )
            query = "&amp;".join(
                f"{conditional_escape(name)}={conditional_escape(urlencode(value))}"
                for name, value in s.letter_params.items()
            )
            parts.append(f'\n    <a class="button" href="{url}?{query}">{draft}</a>\n    ')
        parts.append("\n    ")
        if can_write:
            parts.append(
                f"{form_head}{conditional_escape(s.key)}{form_tail}{title}</span></button>"
                "\n    </form>\n    "
            )
        parts.append("\n  </div>\n</article>\n")
        cards.append("".join(parts))
    return cards
