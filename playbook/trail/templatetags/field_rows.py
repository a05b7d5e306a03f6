"""``{% field_row form.kind %}``: a form field's row as ``includes/field.html`` draws it,
written in one pass.

The timeline draws eight of them (its seven filters and the fingerprint) on every view:
through the include, each cost about 0.08 ms besides its widget, close to a tenth of the
page's own time. The markup, whitespace included, is the include's
(``tests/trail/test_field_rows.py`` checks it field by field, with errors, hints and
checkboxes).
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from playbook.widgets import escaped as _e

register = template.Library()


@register.simple_tag
def field_row(field: BoundField) -> SafeString:
    errors = field.errors
    opened = f'<div class="field{" field-error" if errors else ""}">\n  '
    widget = str(field)  # the widget's HTML, as ``{{ field }}`` writes it
    auto_id, label = _e(field.auto_id), _e(field.label)
    if getattr(field.field.widget, "input_type", None) == "checkbox":
        box = f'<div class="checkbox">{widget} <label for="{auto_id}">{label}</label></div>'
        return mark_safe(f"{opened}\n  {box}\n  \n</div>\n")  # noqa: S308 (escaped above)
    if not field.field.required:
        optional = _e(gettext("(optional)"))
        label += f' <span class="optional">{optional}</span>'
    hint = ""
    if field.help_text:
        hint = f'<p class="hint" id="{auto_id}_helptext">{_e(field.help_text)}</p>'
    said = _e(gettext("Error:")) if errors else ""
    shown_errors = "".join(
        f'<p class="error-text" id="{auto_id}_error"><span class="sr-only">{said} </span>'
        f"{_e(error)}</p>"
        for error in errors
    )
    return mark_safe(  # noqa: S308 (each value escaped above)
        f'{opened}\n  <label for="{auto_id}">{label}</label>\n'
        f"  {hint}\n  {shown_errors}\n  {widget}\n  \n</div>\n"
    )
