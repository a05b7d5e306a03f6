"""The forms a parent fills in about a child, the school team and an IEP."""

from __future__ import annotations

import os
from datetime import date

from django import forms
from django.db import transaction
from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from playbook.accounts.models import latest_today
from playbook.days_in_reach import in_reach
from playbook.plain_text import validate_one_line

from .computed import records_changed
from .models import (
    IEP,
    STATE_NAMES,
    US_STATES,
    Accommodation,
    Child,
    Goal,
    Grade,
    Per,
    Service,
    TeamMember,
    TeamRole,
    default_state,
)
from .roles import ROLE_LABELS
from .uploads import WORD_DOCUMENT, check_iep_document, limit_in_mb

DATE_FORMATS = ["%Y-%m-%d", "%m/%d/%Y"]
DATE_ERROR = _(
    "Enter the date as YYYY-MM-DD (for example 2026-09-01), or pick it from the calendar."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(
    label: str, *, required: bool = True, help_text: str = "", missing: str = ""
) -> forms.DateField:
    """A date with its own words; ``missing`` is what a required one says when left blank."""
    errors = {"invalid": DATE_ERROR}
    if missing:
        errors["required"] = missing
    return forms.DateField(
        validators=[in_reach],
        label=label,
        required=required,
        help_text=help_text,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages=errors,
    )


def state_choices() -> list[tuple[str, str]]:
    """The states by name in the reader's language, each with its code."""
    named = ((code, f"{STATE_NAMES.get(code, name)} ({code})") for code, name in US_STATES.items())
    return [("", gettext("Choose a state"))] + sorted(named, key=lambda c: c[1])


MONTH_CHOICES = [(n, MONTHS[n]) for n in range(1, 13)]


# Per's English labels stay as they are (the English letters use them); a form offers them
# in the reader's language, in the words of children/_per.html. The roles' words are
# playbook.children.roles'.
PER_LABELS = {Per.DAY: _("per day"), Per.WEEK: _("per week"), Per.MONTH: _("per month")}


class ChildForm(forms.ModelForm):
    # Optional (issue 17): the grade is enough to start; the rules that count from a
    # birthday ask for it when they need it.
    birth_date = date_field(
        _("Birth date"),
        required=False,
        help_text=_(
            "You can add it later. A few deadlines count from it: transition "
            "planning, the age of majority, the third birthday."
        ),
    )
    state = forms.ChoiceField(
        label=_("State"),
        choices=state_choices,
        help_text=_(
            "Some deadlines and rules depend on the state. Change it if the school "
            "is in another state."
        ),
        error_messages={
            "required": _("Choose the state the school is in."),
            "invalid_choice": _("Choose a state from the list."),
        },
    )
    school_year_start_month = forms.TypedChoiceField(
        label=_("School year starts in"),
        choices=MONTH_CHOICES,
        coerce=int,
        initial=8,
        help_text=_("The month school starts, for the month-by-month plan."),
        error_messages={"invalid_choice": _("Choose a month from the list.")},
    )

    class Meta:
        model = Child
        fields = [
            "name",
            "birth_date",
            "grade",
            "school",
            "school_address",
            "district",
            "state",
            "school_year_start_month",
        ]
        labels = {
            "name": _("Child's name"),
            "grade": _("Grade"),
            "school": _("School"),
            "school_address": _("School's postal address"),
            "district": _("School district"),
        }
        help_texts = {
            "name": _("As the school writes it, so letters match their records."),
            "school_address": _("Printed under the person's name on your letters."),
        }
        widgets = {"school_address": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("Enter your child's name.")},
            "grade": {
                "required": _("Choose your child's grade."),
                "invalid_choice": _("Choose a grade from the list."),
            },
        }

    def __init__(self, *args, household=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", gettext("Choose a grade"))] + list(Grade.choices)
        if household is not None and self.instance._state.adding:
            # A model form's initial comes from the (empty) instance: set it there.
            self.initial.setdefault("state", "")
            self.initial["state"] = self.initial["state"] or default_state(household)

    def clean_birth_date(self) -> date | None:
        born = self.cleaned_data["birth_date"]
        if born is None:
            return None
        today = latest_today()
        if born > today:
            raise forms.ValidationError(gettext("The birth date cannot be in the future."))
        if born.year < today.year - 30:
            raise forms.ValidationError(
                gettext("Check the year: that would make your child over 30.")
            )
        return born


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["role", "name", "discipline", "email", "phone"]
        labels = {
            "name": _("Name"),
            "role": _("Role"),
            "discipline": _("Discipline"),
            "email": _("Email"),
            "phone": _("Phone"),
        }
        help_texts = {
            "discipline": _(
                "For a therapist: speech, occupational therapy, physical therapy, counseling..."
            ),
            "email": _("Letters to this person are addressed here."),
        }
        error_messages = {
            "name": {"required": _("Enter the person's name.")},
            "role": {
                "required": _("Choose the person's role."),
                "invalid_choice": _("Choose a role from the list."),
            },
            "email": {"invalid": _("Enter an email address like name@school.org.")},
        }
        widgets = {"phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", gettext("Choose a role"))] + [
            (value, ROLE_LABELS.get(value, label)) for value, label in TeamRole.choices
        ]
        # Names and addresses go into letters' mail headers: one line each.
        for name in ("name", "discipline", "email", "phone"):
            self.fields[name].validators.append(validate_one_line)


def lines(text: str) -> list[str]:
    """One item per non-empty line, bullets and numbering stripped."""
    items = []
    for line in text.splitlines():
        item = line.strip().lstrip("-*•").strip()
        if item:
            items.append(item)
    return items


_ACCEPTED = f"application/pdf,.pdf,{WORD_DOCUMENT},.docx"


class IEPForm(forms.ModelForm):
    # The goals and accommodations are the IEP's words, shown as written (decision 0041).
    meeting_date = date_field(
        _("Meeting date"), required=False, help_text=_("The day the team met.")
    )
    start_date = date_field(
        _("Start date"),
        help_text=_("The day the IEP took effect."),
        missing=_("Enter the start date."),
    )
    end_date = date_field(
        _("End date (annual review due)"),
        help_text=_("The IEP ends on this date; the annual review is due by then."),
        missing=_("Enter the end date (annual review due)."),
    )
    last_evaluation_date = date_field(
        _("Last evaluation date"),
        required=False,
        help_text=_("When your child was last evaluated (or reevaluated)."),
    )
    reevaluation_due = date_field(
        _("Reevaluation due"),
        required=False,
        help_text=_(
            "Leave blank and we use 3 years after the last evaluation (34 CFR 300.303), "
            "or 2 years for intellectual disability in Pennsylvania (22 Pa. Code 14.124(c))."
        ),
    )
    goals_text = forms.CharField(
        label=_("Goals"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-own-words": ""}),
        help_text=_("One goal per line, as written in the IEP."),
    )
    accommodations_text = forms.CharField(
        label=_("Accommodations"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "data-own-words": ""}),
        help_text=_("One accommodation per line (extended time, preferential seating...)."),
    )
    upload = forms.FileField(
        label=_("The IEP document (PDF or Word)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": _ACCEPTED}),
    )

    class Meta:
        model = IEP
        fields = [
            "meeting_date",
            "start_date",
            "end_date",
            "last_evaluation_date",
            "reevaluation_due",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = gettext(
            "Optional. A PDF or a Word document (.docx) up to %(mb)s MB."
        ) % {"mb": limit_in_mb()}
        if self.instance.pk and not self.instance._state.adding:
            self.initial.setdefault(
                "goals_text", "\n".join(g.text for g in self.instance.goals.all())
            )
            self.initial.setdefault(
                "accommodations_text",
                "\n".join(a.text for a in self.instance.accommodations.all()),
            )
            if self.instance.file:
                self.fields["upload"].help_text = gettext(
                    "Stored: %(name)s. Choose a file only to replace it (a PDF or a Word "
                    "document up to %(mb)s MB)."
                ) % {
                    "name": self.instance.file_name or gettext("the IEP file"),
                    "mb": limit_in_mb(),
                }
        # The model field has a file too; ours is "upload" so the widget never offers to clear.
        self.fields["upload"].widget = forms.FileInput(attrs={"accept": _ACCEPTED})

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.upload_suffix = check_iep_document(upload)
        return upload

    def clean(self) -> dict:
        data = super().clean()
        # End after start, reevaluation after evaluation: IEP.clean(), run by the ModelForm.
        meeting, end = data.get("meeting_date"), data.get("end_date")
        if meeting and end and meeting >= end:
            self.add_error("meeting_date", gettext("The meeting date must be before the end date."))
        return data

    def ask_for_upload_again(self) -> None:
        """Browsers never re-send a chosen file, so say so rather than lose it quietly."""
        if self.cleaned_data.get("upload") and "upload" not in self.errors:
            self.add_error(
                "upload",
                gettext(
                    "Choose the file again: a browser forgets the chosen file when the page "
                    "comes back with something to fix."
                ),
            )

    def goals(self) -> list[str]:
        return lines(self.cleaned_data.get("goals_text", ""))

    def accommodations(self) -> list[str]:
        return lines(self.cleaned_data.get("accommodations_text", ""))


class ServiceForm(forms.ModelForm):
    minutes = forms.IntegerField(
        label=_("Minutes"),
        min_value=1,
        max_value=10080,
        error_messages={
            "required": _("Enter the minutes."),
            "invalid": _("Enter the minutes as a whole number, like 30."),
            "min_value": _("Enter 1 minute or more (not a negative number)."),
            "max_value": _("That is more minutes than a week has; check the number."),
        },
    )
    sessions = forms.IntegerField(
        label=_("Sessions"),
        required=False,
        min_value=1,
        max_value=100,
        help_text=_("Optional: how many sessions make up those minutes."),
        error_messages={
            "invalid": _("Enter the sessions as a whole number, like 2."),
            "min_value": _("Enter 1 session or more, or leave it blank."),
            "max_value": _("That is a lot of sessions; check the number."),
        },
    )

    class Meta:
        model = Service
        fields = ["service", "minutes", "per", "sessions", "setting"]
        labels = {"service": _("Service"), "per": _("How often"), "setting": _("Setting")}
        help_texts = {"setting": _("For example: special education classroom, general education.")}
        error_messages = {
            "service": {"required": _("Name the service, like speech therapy.")},
            "per": {
                "required": _("Choose per day, per week or per month."),
                "invalid_choice": _("Choose per day, per week or per month."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["per"].choices = [("", gettext("Choose"))] + [
            (value, PER_LABELS.get(value, label)) for value, label in Per.choices
        ]


class BaseServiceFormSet(forms.BaseInlineFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = gettext("Remove this service")


ServiceFormSet = forms.inlineformset_factory(
    IEP,
    Service,
    form=ServiceForm,
    formset=BaseServiceFormSet,
    extra=1,
    can_delete=True,
    max_num=40,
    validate_max=True,
)


def save_iep(form: IEPForm, services: forms.BaseInlineFormSet) -> IEP:
    """The IEP with its services, goals, accommodations and file: all of it or nothing.

    Call only when the form and the formset are both valid.
    """
    iep = form.instance
    before = iep.file.name if iep.file else ""
    try:
        return _save_iep(form, services)
    except BaseException:
        # The rows are rolled back; a newly stored file must not outlive them.
        if iep.file and iep.file.name != before:
            iep.file.storage.delete(iep.file.name)
        raise


@transaction.atomic
def _save_iep(form: IEPForm, services: forms.BaseInlineFormSet) -> IEP:
    iep = form.save(commit=False)
    upload = form.cleaned_data.get("upload")
    replaced = iep.file.name if upload and iep.file else ""
    if upload:
        iep.file_name = os.path.basename(upload.name)[-255:] or "iep.pdf"
        # Kept under the suffix of what it is, whatever its name says (iep_upload_to).
        upload.name = f"iep{form.upload_suffix}"
        iep.file = upload
    iep.save()
    services.instance = iep
    position = 0
    for row in services.forms:
        if row.instance._state.adding and not row.has_changed():
            continue  # a blank row left for another service
        if services._should_delete_form(row):
            if not row.instance._state.adding:
                row.instance.delete()
            continue
        row.instance.iep = iep
        row.instance.position = position
        row.instance.save()
        position += 1
    _replace_texts(iep.goals, Goal, iep, form.goals())
    _replace_texts(iep.accommodations, Accommodation, iep, form.accommodations())
    if replaced:
        storage = iep.file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return iep


def _replace_texts(related, model, iep: IEP, texts: list[str]) -> None:
    if [item.text for item in related.all()] == texts:
        return
    related.all().delete()
    model.objects.bulk_create(
        [model(iep=iep, text=text, position=n) for n, text in enumerate(texts)]
    )
    records_changed(iep.child_id)  # bulk_create sends no post_save
