"""The plan's items drawn in Python (issue 13): the child home's five and the plan page's
month, each the markup of ``plan/_item.html``, escaped as the template escapes it.

The include cost about 0.1 ms an item drawn fresh (two ``{% url %}``, a ``{% csrf_token %}``
and four translations each); here the tick form's address, the token and the buttons' words
are worked out once a list. ``plan/_item.html`` stays: the tick's htmx answer draws it, and
``tests/plan/test_items.py`` holds this drawing to it in English and Spanish.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext

from playbook.widgets import csrf_input

from .schedule import Scheduled


def plan_items(
    items: Iterable[Scheduled], child, *, can_write: bool, csrf_token, month: str
) -> SafeString:
    """``{% for s in items %}{% include "plan/_item.html" %}{% endfor %}``."""
    done_word = conditional_escape(pgettext("plan item", "Done"))
    not_for_us_word = conditional_escape(gettext("Not for us"))
    badges = {
        "not_for_us": f'<span class="badge">{not_for_us_word}</span> ',
        "done": f'<span class="badge badge-ok">{done_word}</span> ',
    }
    form = undo = ""
    if can_write:
        tick = conditional_escape(reverse("plan_tick", args=[child.pk]))
        form = (
            f'\n  <form method="post" action="{tick}" hx-post="{tick}" hx-target="closest li" '
            f'hx-swap="outerHTML">\n    {csrf_input(csrf_token)}\n'
        )
        undo = conditional_escape(gettext("Undo"))
        marked_not_for_us = gettext("%(title)s is marked not for us")
        marked_done = gettext("%(title)s is marked done")
        mark_done = gettext("mark “%(title)s” done")
        set_aside = gettext("set “%(title)s” aside")
    month = conditional_escape(month)
    drawn = []
    for s in items:
        title = conditional_escape(s.item.shown_title)
        named = {"title": title}
        parts = [f'<li class="card plan-item{" done" if s.done else ""}">\n  ']
        if can_write:
            fields = (
                f'    <input type="hidden" name="item" value="{conditional_escape(s.id)}">\n'
                f'    <input type="hidden" name="period" value="{conditional_escape(s.period)}">\n'
                f'    <input type="hidden" name="month" value="{month}">\n'
            )
            parts.append('\n  <div class="plan-buttons">\n  ')
            if s.done:
                settled = (marked_not_for_us if s.not_for_us else marked_done) % named
                parts.append(
                    f'{form}{fields}    <input type="hidden" name="done" value="0">\n'
                    f'    <button type="submit" class="button-secondary">{undo}'
                    f'<span class="sr-only">: {settled}</span></button>\n  </form>\n  '
                )
            else:
                parts.append(
                    f'{form}{fields}    <input type="hidden" name="done" value="1">\n'
                    '    <button type="submit" name="outcome" value="done" '
                    f'class="button-secondary">{done_word}'
                    f'<span class="sr-only">: {mark_done % named}</span></button>\n'
                    '    <button type="submit" name="outcome" value="not_for_us" '
                    f'class="link-button">{not_for_us_word}'
                    f'<span class="sr-only">: {set_aside % named}</span></button>\n  </form>\n  '
                )
            parts.append("\n  </div>\n  ")
        badge = badges["not_for_us"] if s.not_for_us else badges["done"] if s.done else ""
        hint = f'<p class="hint">{conditional_escape(capfirst(s.when))}.</p>' if s.when else ""
        parts.append(
            f'\n  <div class="plan-text">\n    <p class="plan-title">{badge}{title}</p>\n'
            f'    <p class="plan-why">{conditional_escape(s.item.shown_why)}</p>\n'
            f"    {hint}\n  </div>\n</li>\n"
        )
        drawn.append("".join(parts))
    return mark_safe("".join(drawn))  # noqa: S308 (each part escaped above)
