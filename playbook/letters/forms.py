"""The inputs of a letter kind as a form: the same parameters the API takes, with choices
from this child's records."""

from __future__ import annotations

from django import forms
from django.db import models
from django.template.loader import render_to_string

from playbook.advocacy.forms import DATE_ERROR, DateInput
from playbook.advocacy.models import Ask, AskStatus, Concern
from playbook.children.models import IEP, Child, Goal, Service, TeamMember
from playbook.meetings.models import Meeting, Trial
from playbook.plain_text import validate_block, validate_one_line
from playbook.refusals.models import Refusal
from playbook.trail.models import Entry

from .compose import all_params
from .models import Delivery, DeliveryError, check_delivery
from .params import Param, Window, parse_window
from .registry import LetterKind

ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth"]


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
            child.meetings.exclude(status=Meeting.Status.CANCELLED),
            lambda m: (
                f"{m.get_kind_display()}, {m.date:%b %d, %Y}"
                if m.date
                else f"{m.get_kind_display()}, {m.get_status_display().lower()} (no date yet)"
            ),
        )
    if model is Trial:
        return (
            child.trials.all(),
            lambda t: f"{t.proposal} (from {t.start_date:%b} {t.start_date.day}, {t.weeks} weeks)",
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
    if model is Goal:
        return (
            Goal.objects.filter(iep__child=child)
            .select_related("iep")
            .order_by("-iep__start_date", "position"),
            lambda g: (
                f"{g.text[:80]} (IEP from {g.iep.start_date:%b} {g.iep.start_date.day}, "
                f"{g.iep.start_date.year})"
            ),
        )
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


class _Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes that also take ids joined by commas, as links carry them."""

    # Not "checkbox": includes/field.html lays that out as one box with its label after
    # it; a list of boxes gets the label, hint and errors above it like any other field.
    input_type = "checkbox-list"

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["type"] = "checkbox"
        return option

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name) or []
        return [part.strip() for v in values for part in str(v).split(",") if part.strip()]


class _Lines(forms.CharField):
    """A list of short texts, typed one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def clean(self, value):
        text = super().clean(value)
        return [line.strip() for line in (text or "").splitlines() if line.strip()]


class _WindowsWidget(forms.Widget):
    """A date and optional start and end times per row, each with its own label."""

    def __init__(self, rows: int, attrs=None) -> None:
        super().__init__(attrs)
        self.rows = rows

    def value_from_datadict(self, data, files, name):
        return [
            {
                part: (data.get(f"{name}_{n}_{part}") or "").strip()
                for part in ("date", "start", "end")
            }
            for n in range(self.rows)
        ]

    def value_omitted_from_data(self, data, files, name):
        return not any(key.startswith(f"{name}_") for key in data)

    def render(self, name, value, attrs=None, renderer=None):
        given = [w.as_json() if isinstance(w, Window) else w for w in (value or [])]
        rows = []
        for n in range(self.rows):
            row = given[n] if n < len(given) and isinstance(given[n], dict) else {}
            rows.append({"n": n, "ordinal": ORDINALS[n] if n < len(ORDINALS) else n + 1, **row})
        return render_to_string(
            "letters/windows_field.html",
            {"name": name, "id": (attrs or {}).get("id", f"id_{name}"), "rows": rows},
        )


class _Windows(forms.Field):
    def __init__(self, *, rows: int, **kwargs) -> None:
        super().__init__(widget=_WindowsWidget(rows), **kwargs)

    def clean(self, value):
        chosen = []
        for n, row in enumerate(value or [], 1):
            if not any(row.values()):
                continue
            try:
                chosen.append(parse_window(row).as_json())
            except ValueError as error:
                raise forms.ValidationError(f"Window {n}: {error}") from None
        if self.required and not chosen:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return chosen


def _field(param: Param, child: Child) -> forms.Field:
    common = {
        "label": param.label,
        "required": param.required,
        "help_text": param.help,
        "error_messages": {
            "required": (param.missing[:1].upper() + param.missing[1:])
            if param.missing
            else f"Choose {param.label.lower()}."
        },
    }
    if param.model:
        queryset, labeller = _choices(param, child)
        if param.many:
            return _Choices(queryset, labeller=labeller, widget=_Checkboxes, **common)
        empty = "The usual person" if param.name == "to" else "Choose..."
        return _Choice(queryset, labeller=labeller, empty_label=empty, **common)
    if param.choices:
        # An optional choice has a default: its first value, shown selected.
        blank = [("", "Choose...")] if param.required else []
        return forms.ChoiceField(choices=[*blank, *param.choices], **common)
    if param.type == "date":
        common["error_messages"].update(DATE_ERROR)
        return forms.DateField(widget=DateInput(), **common)
    if param.type == "int":
        return forms.IntegerField(min_value=param.minimum, max_value=param.maximum, **common)
    if param.type == "window":
        return _Windows(rows=param.maximum or 3, **common)
    if param.many:
        return _Lines(validators=[validate_block], **common)
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), validators=[validate_block], **common
    )


NEW_CONCERN = "new_concern"


def concern_param(kind: LetterKind) -> Param | None:
    """The kind's parameter that names the parent's concerns, if it has one."""
    return next((p for p in all_params(kind) if p.model is Concern), None)


class LetterInputsForm(forms.Form):
    def __init__(self, *args, kind: LetterKind, child: Child, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        for param in all_params(kind):
            self.fields[param.name] = _field(param, child)
            if param.model is Concern:
                # A concern can be added right here: no dead end when there is none yet.
                self.fields[param.name].required = False
                self.fields[NEW_CONCERN] = forms.CharField(
                    label="Another concern" if param.many else "Or add a concern",
                    required=False,
                    max_length=200,
                    validators=[validate_one_line],
                    help_text="In a few words. It is saved with your concerns and added here.",
                )
                self.concern_param = param

    def clean(self):
        cleaned = super().clean()
        param = getattr(self, "concern_param", None)
        if param and param.required and not cleaned.get(param.name):
            self.add_error(
                param.name,
                "Choose the concern, or type one under \u201cOr add a concern\u201d.",
            )
        return cleaned

    def lacks_required(self) -> bool:
        """True when a link carried only some of the inputs (the coach and other pages
        link that way): then the page shows them chosen, without an error for what the
        parent has not entered yet."""
        param = getattr(self, "concern_param", None)
        needed = {name for name, field in self.fields.items() if field.required}
        if param and param.required:
            needed.add(param.name)
        return any(
            not _given(self._typed(name))
            and not (param and name == param.name and _given(self._typed(NEW_CONCERN)))
            for name in needed
        )

    def typed(self) -> dict:
        """What was given, as initial values for an unbound form."""
        return {name: self._typed(name) for name in self.fields if _given(self._typed(name))}

    def _typed(self, name: str):
        return self.fields[name].widget.value_from_datadict(
            self.data, self.files, self.add_prefix(name)
        )

    def raw_params(self) -> dict:
        """cleaned_data in the form the API takes (ids as strings), blanks left out."""
        raw = {}
        for name, value in self.cleaned_data.items():
            if name == NEW_CONCERN:
                continue
            if value in (None, "") or (isinstance(value, models.QuerySet) and not value):
                continue
            if isinstance(value, models.Model):
                value = str(value.pk)
            elif isinstance(value, models.QuerySet):
                value = [str(v.pk) for v in value]
            raw[name] = value
        return raw


def _given(value) -> bool:
    if isinstance(value, list | tuple):
        return any(_given(v) for v in value)
    if isinstance(value, dict):
        return any(_given(v) for v in value.values())
    return value not in (None, "")


class LetterTextForm(forms.Form):
    subject = forms.CharField(
        label="Subject",
        max_length=300,
        validators=[validate_one_line],
        error_messages={"required": "Give the letter a subject."},
    )
    body = forms.CharField(
        label="Letter text",
        widget=forms.Textarea(attrs={"rows": 24}),
        required=False,
        validators=[validate_block],
    )


def check_edited_text(form: forms.Form, text: dict) -> bool:
    """The new-letter page keeps the parent's edit of the subject and body outside any form
    (a redraw must not lose it): the character checks of LetterTextForm for what they
    typed, each problem added to ``form``. True when there is none."""
    for name, validate in (("subject", validate_one_line), ("body", validate_block)):
        if text[name] == text[f"generated_{name}"]:
            continue  # our own draft: its files clean what old records put in it
        try:
            validate(text[name])
        except forms.ValidationError as error:
            label = LetterTextForm.base_fields[name].label
            form.add_error(None, f"{label}: {' '.join(error.messages)}")
    return not form.errors


class SentForm(forms.Form):
    date = forms.DateField(
        label="Date you sent it",
        widget=DateInput(),
        error_messages={"required": "Give the date you sent it.", **DATE_ERROR},
    )
    via = forms.ChoiceField(
        label="How you sent it",
        choices=Delivery.choices,
        required=False,
        error_messages={"invalid_choice": "Choose how you sent it from the list."},
    )
    tracking_number = forms.CharField(
        label="Tracking number (certified mail)",
        max_length=60,
        required=False,
        help_text="From the certified mail receipt: it proves the school received it.",
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("via"):
            return data  # as planned when drafting (drafts.mark_sent checks it)
        try:
            data["tracking_number"] = check_delivery(data["via"], data.get("tracking_number", ""))
        except DeliveryError as error:
            self.add_error("tracking_number", error.message)
        return data
