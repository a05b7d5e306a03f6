"""The inputs of a letter kind as a form: the same parameters the API takes, with choices
from this child's records."""

from __future__ import annotations

from django import forms
from django.db import models

from playbook.advocacy.forms import DATE_ERROR, DateInput
from playbook.advocacy.models import Ask, AskStatus, Concern, Meeting, Refusal
from playbook.children.models import IEP, Child, TeamMember
from playbook.trail.models import Entry

from .compose import all_params
from .params import Param
from .registry import LetterKind


def _choices(param: Param, child: Child) -> tuple[models.QuerySet, callable]:
    model = param.model
    if model is Concern:
        return child.concerns.filter(status=Concern.Status.OPEN), lambda c: c.title
    if model is Ask:
        return (
            child.asks.filter(status__in=param.statuses or [AskStatus.OPEN, AskStatus.NO_REPLY]),
            lambda a: f"{a.subject} (asked {a.asked_on:%b} {a.asked_on.day}, {a.asked_on.year})",
        )
    if model is Entry:
        return (
            child.entries.filter(kind__in=["call", "note", "meeting"]).order_by("-occurred_at"),
            lambda e: (
                f"{e.get_kind_display()}, {e.occurred_at:%b %d, %Y}: {e.subject or 'no subject'}"
            ),
        )
    if model is Meeting:
        return (
            child.meetings.exclude(date=None),
            lambda m: f"{m.get_kind_display()}, {m.date:%b %d, %Y}",
        )
    if model is Refusal:
        return child.refusals.select_related("said_by"), _refusal_label
    if model is IEP:
        return (
            child.ieps.all(),
            lambda i: f"IEP starting {i.start_date:%b} {i.start_date.day}, {i.start_date.year}",
        )
    if model is TeamMember:
        return child.team.all(), lambda m: f"{m.name}, {m.role_label}"
    raise TypeError(model)


def _refusal_label(refusal: Refusal) -> str:
    who = refusal.said_by.name if refusal.said_by else "The school"
    words = " ".join(refusal.words.split())
    words = words if len(words) <= 60 else words[:59] + "\u2026"
    return f"{who}, {refusal.said_on:%b} {refusal.said_on.day}, {refusal.said_on.year}: \u201c{words}\u201d"


class _Choice(forms.ModelChoiceField):
    def __init__(self, *args, labeller, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.labeller = labeller

    def label_from_instance(self, obj) -> str:
        return self.labeller(obj)


class _Choices(forms.ModelMultipleChoiceField):
    def __init__(self, *args, labeller, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.labeller = labeller

    def label_from_instance(self, obj) -> str:
        return self.labeller(obj)


def _field(param: Param, child: Child) -> forms.Field:
    common = {
        "label": param.label,
        "required": param.required,
        "help_text": param.help,
        "error_messages": {"required": f"Choose {param.label.lower()}."},
    }
    if param.model:
        queryset, labeller = _choices(param, child)
        if param.many:
            return _Choices(queryset, labeller=labeller, **common)
        empty = "The usual person" if param.name == "to" else "Choose..."
        return _Choice(queryset, labeller=labeller, empty_label=empty, **common)
    if param.choices:
        # An optional choice has a default: its first value, shown selected.
        blank = [("", "Choose...")] if param.required else []
        return forms.ChoiceField(choices=[*blank, *param.choices], **common)
    if param.type == "date":
        return forms.DateField(widget=DateInput(), error_messages=DATE_ERROR, **common)
    if param.type == "int":
        return forms.IntegerField(min_value=param.minimum, max_value=param.maximum, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)


class LetterInputsForm(forms.Form):
    def __init__(self, *args, kind: LetterKind, child: Child, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for param in all_params(kind):
            self.fields[param.name] = _field(param, child)

    def raw_params(self) -> dict:
        """cleaned_data in the form the API takes (ids as strings), blanks left out."""
        raw = {}
        for name, value in self.cleaned_data.items():
            if value in (None, "") or (isinstance(value, models.QuerySet) and not value):
                continue
            if isinstance(value, models.Model):
                value = str(value.pk)
            elif isinstance(value, models.QuerySet):
                value = [str(v.pk) for v in value]
            raw[name] = value
        return raw


class LetterTextForm(forms.Form):
    subject = forms.CharField(
        label="Subject", max_length=300, error_messages={"required": "Give the letter a subject."}
    )
    body = forms.CharField(
        label="Letter text", widget=forms.Textarea(attrs={"rows": 24}), required=False
    )


class SentForm(forms.Form):
    date = forms.DateField(
        label="Date you sent it",
        widget=DateInput(),
        error_messages={"required": "Give the date you sent it.", **DATE_ERROR},
    )
