"""LongSelect writes the same select as Django's, faster."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.test.html import parse_html

from playbook.widgets import DateInput, LongSelect, NumberInput, TextInput

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


class Inputs(forms.Form):
    django_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ours_date = forms.DateField(required=False, widget=DateInput(attrs={"type": "date"}))
    django_text = forms.CharField(
        max_length=200,
        help_text="Like 214:3f9a",
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off", "x": True}),
    )
    ours_text = forms.CharField(
        max_length=200,
        help_text="Like 214:3f9a",
        widget=TextInput(attrs={"spellcheck": "false", "autocomplete": "off", "x": True}),
    )
    django_number = forms.IntegerField(required=False, min_value=0)
    ours_number = forms.IntegerField(required=False, min_value=0, widget=NumberInput)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"django_date": "2026-09-14", "ours_date": "2026-09-14"},
        {"django_date": 'x" <y>', "ours_date": 'x" <y>', "django_text": "a&b", "ours_text": "a&b"},
        {"django_number": "12", "ours_number": "12"},
        {"django_number": '3" <x>', "ours_number": '3" <x>'},
    ],
)
def test_one_pass_inputs_write_djangos_html(data):
    form = Inputs(data)
    if data:
        form.is_valid()
    for kind in ("date", "text", "number"):
        ours = str(form[f"ours_{kind}"]).replace("ours_", "FIELD_")
        django = str(form[f"django_{kind}"]).replace("django_", "FIELD_")
        assert ours == django, (ours, django)  # byte for byte, attribute order too
    if data and "ours_text" in data:
        assert 'value="a&amp;b"' in str(form["ours_text"])
        assert 'value="x&quot; &lt;y&gt;"' in str(form["ours_date"])


def _options_as_format_html_join_wrote_them(choices, selected, own_words):
    """The options as LongSelect and the timeline's OwnWordsSelect wrote them before
    ``option_tags``: one ``format_html`` each."""
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    return format_html_join(
        "",
        '<option value="{}"{}{}>{}</option>',
        (
            (
                key,
                mark_safe(" selected") if str(key) in selected else "",
                mark_safe(" data-own-words") if own_words and key else "",
                label,
            )
            for key, label in choices
        ),
    )


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("own_words", [False, True])
@pytest.mark.parametrize("selected", [set(), {"a2"}, {"", "7"}])
def test_option_tags_are_the_options_format_html_join_wrote(language, own_words, selected):
    import uuid

    from django.utils import translation
    from django.utils.safestring import mark_safe
    from django.utils.translation import gettext_lazy

    from playbook.widgets import option_tags

    key = uuid.UUID(int=7)
    choices = [
        ("", gettext_lazy("Any ask")),
        *CHOICES[1:],
        (7, "Seven & <b>"),
        (key, mark_safe("<em>already safe</em>")),
        ('q"&<', "Tomás's ‘letter’"),
    ]
    with translation.override(language):
        old = _options_as_format_html_join_wrote_them(choices, selected, own_words)
        new = option_tags(choices, selected, own_words)
    assert new == old
    assert isinstance(new, str) and hasattr(new, "__html__")
    assert ("Cualquier" in new) == (language == "es")
