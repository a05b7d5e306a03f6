"""The inputs of a letter kind as a form: the same parameters the API takes, with choices
from this child's records."""

from __future__ import annotations

from django import forms
from django.db import models
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from playbook.advocacy.forms import DATE_ERROR, DateInput
from playbook.advocacy.models import Ask, AskStatus, Concern
from playbook.children.models import IEP, Child, Goal, Service, TeamMember
from playbook.days_in_reach import in_reach
from playbook.deadlines.models import Removal
from playbook.meetings.forms import (
    KIND_WORDS,
    OwnWordsCheckboxes,
    OwnWordsSelect,
    OwnWordsTextarea,
    role_words,
    spanish,
)
from playbook.meetings.meetings import status_words
from playbook.meetings.models import Meeting, Trial
from playbook.plain_text import validate_block, validate_one_line
from playbook.refusals.models import Refusal
from playbook.trail.models import Entry

from .compose import all_params
from .models import Delivery, DeliveryError, check_delivery
from .params import Param, Window, WindowProblem, parse_window
from .registry import LetterKind

ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth"]
# The same, as the page shows them ("First choice", "Primera opción").
ORDINAL_CHOICES = [
    _("First choice"),
    _("Second choice"),
    _("Third choice"),
    _("Fourth choice"),
    _("Fifth choice"),
]


def shown(text: str) -> str:
    """A kind's word (a parameter's label, hint or choice: letters/page_words.py) in the
    reader's language; English as the kind wrote it."""
    return gettext(text) if text else text


def _short(day) -> str:
    """Mar 2, 2026 / 2 mar 2026, in an option's label."""
    if spanish():
        return formats.date_format(day, "SHORT_DATE_FORMAT")
    return f"{day:%b} {day.day}, {day.year}"


def _ask_label(a) -> str:
    if spanish():
        return gettext("%(subject)s (asked %(day)s)") % {
            "subject": a.subject,
            "day": _short(a.asked_on),
        }
    return f"{a.subject} (asked {a.asked_on:%b} {a.asked_on.day}, {a.asked_on.year})"


def _entry_label(e) -> str:
    # The day the call or meeting happened where the family lives, not in UTC.
    day = e.child.day_of(e.occurred_at)
    if spanish():
        return gettext("%(kind)s, %(day)s: %(subject)s") % {
            "kind": gettext(e.get_kind_display()),
            "day": _short(day),
            "subject": e.subject or gettext("no subject"),
        }
    return f"{e.get_kind_display()}, {day:%b %d, %Y}: {e.subject or 'no subject'}"


def _meeting_label(m) -> str:
    if not spanish():
        return (
            f"{m.get_kind_display()}, {m.date:%b %d, %Y}"
            if m.date
            else f"{m.get_kind_display()}, {m.get_status_display().lower()} (no date yet)"
        )
    kind = KIND_WORDS.get(m.kind, m.get_kind_display())
    if m.date:
        return f"{kind}, {_short(m.date)}"
    return gettext("%(kind)s, %(status)s (no date yet)") % {
        "kind": kind,
        "status": status_words(m.status),
    }


def _trial_label(t) -> str:
    if spanish():
        return gettext("%(proposal)s (from %(day)s, %(weeks)s weeks)") % {
            "proposal": t.proposal,
            "day": formats.date_format(t.start_date, "MONTH_DAY_FORMAT"),
            "weeks": t.weeks,
        }
    return f"{t.proposal} (from {t.start_date:%b} {t.start_date.day}, {t.weeks} weeks)"


def _iep_from(iep) -> str:
    if spanish():
        return gettext("IEP from %(day)s") % {"day": _short(iep.start_date)}
    return f"IEP from {iep.start_date:%b} {iep.start_date.day}, {iep.start_date.year}"


def _choices(param: Param, child: Child) -> tuple[models.QuerySet, callable]:
    model = param.model
    if model is Concern:
        return child.concerns.filter(status=Concern.Status.OPEN), lambda c: c.title
    if model is Ask:
        return (
            child.asks.filter(status__in=param.statuses or [AskStatus.OPEN, AskStatus.NO_REPLY]),
            _ask_label,
        )
    if model is Entry:
        return (
            child.entries.filter(kind__in=["call", "note", "meeting"]).order_by("-occurred_at"),
            _entry_label,
        )
    if model is Meeting:
        return (
            child.meetings.exclude(status=Meeting.Status.CANCELLED),
            _meeting_label,
        )
    if model is Trial:
        return (
            child.trials.all(),
            _trial_label,
        )
    if model is Refusal:
        return child.refusals.select_related("said_by"), _refusal_label
    if model is IEP:
        return (
            child.ieps.all(),
            lambda i: (
                gettext("IEP starting %(day)s") % {"day": _short(i.start_date)}
                if spanish()
                else f"IEP starting {i.start_date:%b} {i.start_date.day}, {i.start_date.year}"
            ),
        )
    if model is TeamMember:
        return child.team.all(), lambda m: f"{m.name}, {role_words(m)}"
    if model is Service:
        return (
            Service.objects.filter(iep__child=child)
            .select_related("iep")
            .order_by("-iep__start_date", "position", "service"),
            lambda s: f"{s} ({_iep_from(s.iep)})",
        )
    if model is Goal:
        return (
            Goal.objects.filter(iep__child=child)
            .select_related("iep")
            .order_by("-iep__start_date", "position"),
            lambda g: f"{g.text[:80]} ({_iep_from(g.iep)})",
        )
    if model is Removal:
        return child.removals.all(), _removal_label
    raise TypeError(model)


def _removal_label(removal: Removal) -> str:
    """A removal as the discipline letters offer it: its day and kind."""
    kinds = {
        "suspension": lambda: pgettext("removal", "Suspension"),
        "informal": lambda: gettext("Informal removal or early pick-up"),
        "in_school": lambda: gettext("In-school removal"),
    }
    if spanish():
        kind = kinds[removal.kind]() if removal.kind in kinds else removal.get_kind_display()
        return f"{kind}, {_short(removal.date)}"
    return (
        f"{removal.get_kind_display()}, {removal.date:%b} {removal.date.day}, {removal.date.year}"
    )


def _refusal_label(refusal: Refusal) -> str:
    who = refusal.said_by.name if refusal.said_by else gettext("The school")
    words = " ".join(refusal.words.split())
    words = words if len(words) <= 60 else words[:59] + "\u2026"
    return f"{who}, {_short(refusal.said_on)}: \u201c{words}\u201d"


class _Choice(forms.ModelChoiceField):
    widget = OwnWordsSelect

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


class _Checkboxes(OwnWordsCheckboxes):
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

    widget = OwnWordsTextarea(attrs={"rows": 4})

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
            rows.append(
                {
                    "n": n,
                    "ordinal": ORDINALS[n] if n < len(ORDINALS) else n + 1,
                    "choice": ORDINAL_CHOICES[n] if n < len(ORDINAL_CHOICES) else n + 1,
                    **row,
                }
            )
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
            except WindowProblem as problem:
                raise forms.ValidationError(
                    gettext("Window %(n)s: %(problem)s")
                    % {"n": n, "problem": problem.shown_message}
                ) from None
        if self.required and not chosen:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return chosen


def _field(param: Param, child: Child) -> forms.Field:
    missing = shown(param.missing)
    common = {
        "label": shown(param.label),
        "required": param.required,
        "help_text": shown(param.help),
        "error_messages": {
            "required": (missing[:1].upper() + missing[1:])
            if missing
            else gettext("Choose %(what)s.") % {"what": shown(param.label).lower()}
        },
    }
    if param.model:
        queryset, labeller = _choices(param, child)
        if param.many:
            return _Choices(queryset, labeller=labeller, widget=_Checkboxes, **common)
        empty = gettext("The usual person") if param.name == "to" else gettext("Choose...")
        return _Choice(queryset, labeller=labeller, empty_label=empty, **common)
    if param.choices:
        # An optional choice has a default: its first value, shown selected.
        blank = [("", gettext("Choose..."))] if param.required else []
        choices = [(value, shown(label)) for value, label in param.choices]
        return forms.ChoiceField(choices=[*blank, *choices], **common)
    if param.type == "date":
        common["error_messages"].update(DATE_ERROR)
        return forms.DateField(validators=[in_reach], widget=DateInput(), **common)
    if param.type == "int":
        return forms.IntegerField(min_value=param.minimum, max_value=param.maximum, **common)
    if param.type == "window":
        return _Windows(rows=param.maximum or 3, **common)
    if param.many:
        return _Lines(validators=[validate_block], **common)
    return forms.CharField(
        widget=OwnWordsTextarea(attrs={"rows": 3}), validators=[validate_block], **common
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
                    label=gettext("Another concern") if param.many else gettext("Or add a concern"),
                    required=False,
                    max_length=200,
                    validators=[validate_one_line],
                    help_text=gettext(
                        "In a few words. It is saved with your concerns and added here."
                    ),
                )
                self.concern_param = param

    def clean(self):
        cleaned = super().clean()
        param = getattr(self, "concern_param", None)
        if param and param.required and not cleaned.get(param.name):
            self.add_error(
                param.name,
                gettext("Choose the concern, or type one under “Or add a concern”."),
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
        label=_("Subject"),
        max_length=300,
        validators=[validate_one_line],
        error_messages={"required": _("Give the letter a subject.")},
    )
    body = forms.CharField(
        label=_("Letter text"),
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
        validators=[in_reach],
        label=_("Date you sent it"),
        widget=DateInput(),
        error_messages={"required": _("Give the date you sent it."), **DATE_ERROR},
    )
    via = forms.ChoiceField(
        label=_("How you sent it"),
        choices=[(value, _(label)) for value, label in Delivery.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose how you sent it from the list.")},
    )
    tracking_number = forms.CharField(
        label=_("Tracking number (certified mail)"),
        max_length=60,
        required=False,
        help_text=_("From the certified mail receipt: it proves the school received it."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("via"):
            return data  # as planned when drafting (drafts.mark_sent checks it)
        try:
            data["tracking_number"] = check_delivery(data["via"], data.get("tracking_number", ""))
        except DeliveryError as error:
            self.add_error("tracking_number", gettext(error.message))
        return data
