"""The inputs of a letter kind as a form: the same parameters the API takes, with choices
from this child's records."""

from __future__ import annotations

from django import forms
from django.db import models

from playbook.advocacy.forms import DATE_ERROR, DateInput
from playbook.advocacy.models import Ask, AskStatus, Concern, Meeting
from playbook.children.models import Child, Service, TeamMember
from playbook.trail.models import Entry

from .compose import all_params
from .params import Param
from .registry import LetterKind


def _choices(model, child: Child) -> tuple[models.QuerySet, callable]:
    if model is Concern:
        return child.concerns.filter(status=Concern.Status.OPEN), lambda c: c.title
    if model is Ask:
        return (
            child.asks.filter(status__in=[AskStatus.OPEN, AskStatus.NO_REPLY]),
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
    if model is TeamMember:
        return child.team.all(), lambda m: f"{m.name}, {m.role_label}"
    if model is Service:
        return (
            Service.objects.filter(iep__child=child)
            .select_related("iep")
            .order_by("-iep__start_date", "position", "service"),
            lambda s: (
                f"{s} (IEP from {s.iep.start_date:%b} {s.iep.start_date.day}, "
                f"{s.iep.start_date.year})"
            ),
        )
    raise TypeError(model)


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
        queryset, labeller = _choices(param.model, child)
        if param.many:
            return _Choices(queryset, labeller=labeller, **common)
        empty = "The usual person" if param.name == "to" else "Choose..."
        return _Choice(queryset, labeller=labeller, empty_label=empty, **common)
    if param.type == "date":
        common["error_messages"].update(DATE_ERROR)
        return forms.DateField(widget=DateInput(), **common)
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
