from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from playbook.children.models import SchoolBreak
from playbook.children.school_calendar import federal_holiday_names
from playbook.widgets import DateInput, NumberInput, TextInput

from .models import EvaluationConsent, Removal

# The federal holidays' names in the reader's language; the English name is the value kept.
HOLIDAY_NAMES = {
    "New Year's Day": _("New Year's Day"),
    "Martin Luther King Jr. Day": _("Martin Luther King Jr. Day"),
    "Washington's Birthday": _("Washington's Birthday"),
    "Memorial Day": _("Memorial Day"),
    "Juneteenth National Independence Day": _("Juneteenth National Independence Day"),
    "Independence Day": _("Independence Day"),
    "Labor Day": _("Labor Day"),
    "Columbus Day": _("Columbus Day"),
    "Veterans Day": _("Veterans Day"),
    "Thanksgiving Day": _("Thanksgiving Day"),
    "Christmas Day": _("Christmas Day"),
}
# A removal's kind in the reader's language (Removal.Kind's labels stay English).
REMOVAL_KINDS = {
    "suspension": _("Suspension"),
    "informal": _("Informal removal or early pick-up"),
    "in_school": _("In-school removal"),
}


def holiday_name(name: str) -> str:
    return str(HOLIDAY_NAMES.get(name, name))


# Written in one pass (playbook.widgets): the deadlines page draws its consent form fresh.
DATE = DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SchoolBreakForm(forms.ModelForm):
    class Meta:
        model = SchoolBreak
        fields = ["name", "start", "end"]
        labels = {"name": _("Name"), "start": _("First day off"), "end": _("Last day off")}
        help_texts = {"name": _("For example: Winter break, Spring break, Summer.")}
        widgets = {"start": DATE, "end": DATE}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day off must be on or after the first day off."))
        return data


class InSessionForm(forms.Form):
    holidays = forms.MultipleChoiceField(
        label=_("Federal holidays school is in session"),
        help_text=_(
            "Check your district's calendar: many schools teach on Columbus Day or "
            "Veterans Day. A checked holiday counts as a school day."
        ),
        choices=[(name, HOLIDAY_NAMES.get(name, name)) for name in federal_holiday_names()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ConsentForm(forms.ModelForm):
    class Meta:
        model = EvaluationConsent
        fields = ["requested_on", "signed_on", "absences", "next_year_starts", "note"]
        labels = {
            "requested_on": _("Day the school received your written request or referral"),
            "signed_on": _("Day the school received your signed consent"),
            "absences": _("School days absent during the evaluation"),
            "next_year_starts": _("First day of the next school year"),
            "note": _("What the evaluation covers"),
        }
        help_texts = {
            "requested_on": _("Some states count from the request (Texas, California)."),
            "signed_on": _("The evaluation clock starts on this day, not on the day you asked."),
            "absences": _("Texas extends its clock when your child misses three or more days."),
            "next_year_starts": _("Only if the evaluation runs into the summer."),
            "note": _("For example: speech, OT and academics."),
        }
        widgets = {
            "requested_on": DATE,
            "signed_on": DATE,
            "next_year_starts": DATE,
            "absences": NumberInput,
            "note": TextInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absences"].required = False

    def clean_absences(self):
        return self.cleaned_data.get("absences") or 0


class ReportReceivedForm(forms.ModelForm):
    class Meta:
        model = EvaluationConsent
        fields = ["report_on"]
        labels = {"report_on": _("Day you received the evaluation report")}
        help_texts = {"report_on": _("The day you received the evaluation report, if yet.")}
        widgets = {"report_on": DATE}

    def clean_report_on(self):
        day = self.cleaned_data.get("report_on")
        if day is None:
            raise forms.ValidationError(_("Enter the day you received the report."))
        if self.instance.signed_on and day < self.instance.signed_on:
            raise forms.ValidationError(_("The report cannot come before the consent was signed."))
        return day


class RemovalForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, REMOVAL_KINDS.get(value, label)) for value, label in Removal.Kind.choices
        ]

    class Meta:
        model = Removal
        fields = [
            "date",
            "kind",
            "days",
            "hours",
            "school_day_hours",
            "decided_by",
            "placement_change_on",
            "notes",
        ]
        labels = {
            "date": _("Day of the removal"),
            "kind": _("What happened"),
            "days": _("School days removed"),
            "hours": _("Or: hours removed"),
            "school_day_hours": _("Hours in a full school day"),
            "decided_by": _("Who decided"),
            "placement_change_on": _("Day the school decided a change of placement"),
            "notes": _("Notes"),
        }
        help_texts = {
            "kind": _("Being sent home early or asked to pick your child up counts too."),
            "school_day_hours": _("Needed with hours, to count them as part of a day."),
            "placement_change_on": _(
                "Only if the school decided to change the placement for discipline; the review "
                "of whether the behavior came from the disability is due 10 school days later."
            ),
            "date": _("The first day of the removal."),
            "days": _("School days removed, for a whole day or more (0.5 for half a day)."),
            "hours": _("Hours removed, for part of a day (an early pick-up)."),
            "notes": _("What you were told, and whether you got it in writing."),
        }
        widgets = {"date": DATE, "placement_change_on": DATE}
