"""Form widgets shared by the apps."""

from __future__ import annotations

import html
from collections.abc import Iterable

from django import forms
from django.forms.utils import flatatt
from django.template import Context
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class LongSelect(forms.Select):
    """A ``<select>`` for lists that grow with the record (every ask, every concern).

    Django renders each option through two templates; with 200 asks that was a fifth of
    the timeline's time (benchmarks/latency.py). The same HTML, written here in one pass.
    Flat choices only (no option groups).
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = option_tags(self.choices, selected)
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


def escaped(value) -> str:
    """What ``format_html`` and a template do to a value (``conditional_escape``), written
    out: Django's lazy-text check around each ``escape`` cost more than the escaping (200
    options in a picker, a thousand values on the timeline's cards, 600 on the deadlines
    page). Every card drawn in Python escapes with this one."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def option_tags(choices: Iterable, selected: set[str], own_words: bool = False) -> SafeString:
    """The ``<option>`` of each (key, label), as ``format_html_join`` wrote them;
    ``own_words``: each labelled one but the empty choice is the family's (data-own-words)."""
    parts = []
    for key, label in choices:
        chosen = " selected" if str(key) in selected else ""
        own = " data-own-words" if own_words and key else ""
        parts.append(f'<option value="{escaped(key)}"{chosen}{own}>{escaped(label)}</option>')
    return mark_safe("".join(parts))  # noqa: S308 (each value escaped above)


class OnePassInput:
    """An ``<input>`` written in one pass: Django renders it through three templates
    (the widget's, ``input.html``, ``attrs.html``), a quarter of a millisecond each on the
    timeline's filters. The same HTML (``tests/test_widgets.py``). Mixed into an input
    widget: ``class DateInput(OnePassInput, forms.DateInput)``."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]  # type: ignore[attr-defined]
        shown = widget["value"]
        written = format_html(' value="{}"', str(shown)) if shown is not None else ""
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            written,
            _attributes(widget["attrs"]),
        )


class DateInput(OnePassInput, forms.DateInput):
    pass


class TextInput(OnePassInput, forms.TextInput):
    pass


class NumberInput(OnePassInput, forms.NumberInput):
    pass


def _attributes(attrs: dict) -> str:
    """``attrs.html``: a True attribute bare, a False one left out, any other ``="value"``,
    in the widget's order (``flatatt`` would write the True ones last: not Django's HTML)."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(" {}", key)
                if value is True
                else format_html(' {}="{}"', key, str(value)),
            )
            for key, value in attrs.items()
            if value is not False
        ),
    )


def page_form(context) -> dict:
    """What a form drawn in Python takes from its page's template context: whether the
    viewer may write, and the page's CSRF token (``csrf_input`` writes its field)."""
    return {"can_write": bool(context.get("can_write")), "csrf_token": context.get("csrf_token")}


def csrf_input(csrf_token) -> SafeString:
    """``{% csrf_token %}`` for a form drawn in Python: Django's own tag, given the page's
    token once (no token, or none made for this request: nothing, as the tag writes)."""
    return CsrfTokenNode().render(Context({"csrf_token": csrf_token}))
