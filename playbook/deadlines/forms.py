from __future__ import annotations

from django import forms

from playbook.children.models import SchoolBreak
from playbook.children.school_calendar import federal_holiday_names

from .models import EvaluationConsent, Removal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SchoolBreakForm(forms.ModelForm):
    class Meta:
        model = SchoolBreak
        fields = ["name", "start", "end"]
        labels = {"name": "Name", "start": "First day off", "end": "Last day off"}
        help_texts = {"name": "For example: Winter break, Spring break, Summer."}
        widgets = {"start": DATE, "end": DATE}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The last day off must be on or after the first day off.")
        return data


class InSessionForm(forms.Form):
    holidays = forms.MultipleChoiceField(
        label="Federal holidays school is in session",
        help_text="Check your district's calendar: many schools teach on Columbus Day or "
        "Veterans Day. A checked holiday counts as a school day.",
        choices=[(name, name) for name in federal_holiday_names()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ConsentForm(forms.ModelForm):
    class Meta:
        model = EvaluationConsent
        fields = ["requested_on", "signed_on", "absences", "next_year_starts", "note"]
        labels = {
            "requested_on": "Day the school received your written request or referral",
            "signed_on": "Day the school received your signed consent",
            "absences": "School days absent during the evaluation",
            "next_year_starts": "First day of the next school year",
            "note": "What the evaluation covers",
        }
        help_texts = {
            "requested_on": "Some states count from the request (Texas, California).",
            "signed_on": "The evaluation clock starts on this day, not on the day you asked.",
            "absences": "Texas extends its clock when your child misses three or more days.",
            "next_year_starts": "Only if the evaluation runs into the summer.",
            "note": "For example: speech, OT and academics.",
        }
        widgets = {"requested_on": DATE, "signed_on": DATE, "next_year_starts": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absences"].required = False

    def clean_absences(self):
        return self.cleaned_data.get("absences") or 0


class ReportReceivedForm(forms.ModelForm):
    class Meta:
        model = EvaluationConsent
        fields = ["report_on"]
        labels = {"report_on": "Day you received the evaluation report"}
        widgets = {"report_on": DATE}

    def clean_report_on(self):
        day = self.cleaned_data.get("report_on")
        if day is None:
            raise forms.ValidationError("Enter the day you received the report.")
        if self.instance.signed_on and day < self.instance.signed_on:
            raise forms.ValidationError("The report cannot come before the consent was signed.")
        return day


class RemovalForm(forms.ModelForm):
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
            "date": "Day of the removal",
            "kind": "What happened",
            "days": "School days removed",
            "hours": "Or: hours removed",
            "school_day_hours": "Hours in a full school day",
            "decided_by": "Who decided",
            "placement_change_on": "Day the school decided a change of placement",
            "notes": "Notes",
        }
        help_texts = {
            "kind": "Being sent home early or asked to pick your child up counts too.",
            "school_day_hours": "Needed with hours, to count them as part of a day.",
            "placement_change_on": "Only if the school decided to change the placement for "
            "discipline; the review of whether the behavior came from the disability is due "
            "10 school days later.",
            "notes": "What you were told, and whether you got it in writing.",
        }
        widgets = {"date": DATE, "placement_change_on": DATE}
