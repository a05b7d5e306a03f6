"""LongSelect writes the same select as Django's, faster."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test.html import parse_html

from playbook.widgets import LongSelect

CHOICES = [("", "Any ask"), ("a1", "An OT evaluation"), ("a2", 'Speech "2x30" <weekly> & more')]


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip()).replace("\n", "")


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False, help_text="Pick one")
    long = forms.ChoiceField(
        choices=CHOICES, required=False, help_text="Pick one", widget=LongSelect
    )


@pytest.mark.parametrize(
    "data", [None, {"django": "a2", "long": "a2"}, {"django": "x", "long": "x"}]
)
def test_same_html_as_djangos_select(data):
    form = Both(data)
    if data:
        form.is_valid()
    ours = normalised(str(form["long"])).replace("long", "FIELD")
    django = normalised(str(form["django"])).replace("django", "FIELD")
    assert parse_html(ours) == parse_html(django)  # attribute order aside
    assert "&lt;weekly&gt; &amp; more" in ours
    assert ('value="a2" selected' in ours) == (data is not None and data["long"] == "a2")
