"""``{% field_row %}`` writes what ``includes/field.html`` draws, byte for byte: required or
optional, with a hint, with errors, a checkbox, a select of the family's words, in English
and in Spanish."""

from __future__ import annotations

import uuid

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from playbook.trail.forms import FingerprintForm, TimelineFilterForm
from playbook.trail.templatetags.field_rows import field_row


class _Every(forms.Form):
    name = forms.CharField(label="Name <& co>", help_text='Say "who" & why.')
    note = forms.CharField(required=False, widget=forms.Textarea)
    agree = forms.BooleanField(label="I agree <really>")
    count = forms.IntegerField(required=False, min_value=1)


def _timeline_form(data=None) -> TimelineFilterForm:
    return TimelineFilterForm(
        data,
        team=[(uuid.uuid4(), "Ms. <Lee>")],
        concerns=[(uuid.uuid4(), "Reading & writing")],
        asks=[(uuid.uuid4(), 'A "quiet" room')],
    )


def _forms():
    yield _Every()
    yield _Every({"name": "", "count": "0", "note": "<b>"})  # errors on three fields
    yield FingerprintForm()
    yield FingerprintForm({"fingerprint": "nonsense"})
    yield _timeline_form()
    yield _timeline_form({"date_from": "2026-02-01", "date_to": "2026-01-01", "kind": "x"})


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_row_is_the_row_the_include_drew(language):
    drawn = 0
    with translation.override(language):
        for form in _forms():
            form.is_bound and form.is_valid()
            for field in form:
                expected = render_to_string("includes/field.html", {"field": field})
                assert field_row(field) == expected, field.name
                drawn += 1
    assert drawn > 20
