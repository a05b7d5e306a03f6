"""`readers_date`: a date in the reader's language (issue 19).

The trail, ledger and binder pages wrote their dates with literal English formats
("j M Y", "M j, Y g:i A"). English keeps each page's own format, so nothing English
changes; any other language gets its DATE_FORMAT or SHORT_DATE_FORMAT from
playbook/formats (a format naming the whole month, "F", is the long one), and the time
when the English format had one."""

from __future__ import annotations

from django import template
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()

TIME = "g:i a"


def readers_format(english: str) -> str:
    """The format to write a date with, in the active language, for a page whose English
    format is ``english``."""
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return english
    name = "DATE_FORMAT" if "F" in english else "SHORT_DATE_FORMAT"
    shown = get_format(name, language)
    if "l" in english:
        shown = "l " + shown
    elif "D" in english:
        shown = "D " + shown
    if any(code in english for code in "gGhHi"):
        shown += ", " + TIME
    return shown


@register.filter(expects_localtime=True)
def readers_date(value, english: str = "M j, Y"):
    """``{{ day|readers_date:"j M Y" }}``: the English format in English, the reader's
    language's own format otherwise. Empty for no date."""
    if value in (None, ""):
        return ""
    return dateformat.format(value, readers_format(english))


@register.filter
def own(value) -> str:
    """``{{ service.service|own }}``: words the family or the school wrote, marked
    ``data-own-words`` on a page in another language than English (decision 0041); in
    English the markup is as it always was."""
    if (get_language() or "en").startswith("en"):
        return conditional_escape(value)
    return format_html("<span data-own-words>{}</span>", value)
