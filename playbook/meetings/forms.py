"""Forms for meetings, trials and progress data."""

from __future__ import annotations

import math

from django import forms

from playbook.advocacy.models import Concern
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial

from .meetings import DATED, NEEDS_DATE, step_refusal

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "status", "date", "time", "place", "invitees", "agenda", "outcome"]
        labels = {
            "kind": "What kind of meeting",
            "status": "Where it stands",
            "time": "Time",
            "place": "Where",
            "invitees": "Who is invited from the school",
            "agenda": "Your concerns on the agenda",
            "outcome": "What happened (notes for your recap)",
        }
        widgets = {
            "date": DATE,
            "time": TIME,
            "invitees": forms.CheckboxSelectMultiple,
            "agenda": forms.CheckboxSelectMultiple,
            "outcome": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.was = None if self.instance._state.adding else self.instance.status
        self.fields["invitees"].queryset = child.team.all()
        self.fields["invitees"].label_from_instance = lambda m: f"{m.name}, {m.role_label}"
        self.fields["agenda"].queryset = Concern.objects.filter(child=child)
        self.fields["agenda"].label_from_instance = lambda c: c.title

    def clean(self):
        data = super().clean()
        # The same rules as every other door (meetings.save_meeting), shown on the field.
        refusal = step_refusal(self.was, data.get("status") or self.was)
        if refusal:
            self.add_error("status", refusal)
        if data.get("status") in DATED and not data.get("date"):
            self.add_error("date", NEEDS_DATE)
        return data


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label="What happened (decisions, what was refused, who will do what by when)",
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class TrialForm(forms.ModelForm):
    review_date = forms.DateField(
        required=False,
        widget=DATE,
        label="Review date",
        help_text=(
            "Leave empty: we count school weeks (five school days each), skipping breaks "
            "and holidays, and set the review on the next school day."
        ),
    )

    class Meta:
        model = Trial
        fields = [
            "proposal",
            "instead_of",
            "start_date",
            "weeks",
            "measure",
            "how_often",
            "measured_by",
            "review_date",
            "concern",
            "series",
        ]
        labels = {
            "proposal": "What the school proposes to try",
            "instead_of": "Instead of what you asked for",
            "weeks": "For how many weeks",
            "measure": "What will be measured",
            "how_often": "How often",
            "measured_by": "By whom",
            "concern": "Which of your concerns it answers",
            "series": "Data series that tracks it",
        }
        help_texts = {
            "proposal": "For example: a shared classroom aide.",
            "instead_of": "For example: a dedicated 1:1 aide.",
            "measure": "For example: incidents of leaving the classroom per week.",
        }
        widgets = {"start_date": DATE}

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].queryset = Concern.objects.filter(child=child)
        self.fields["series"].queryset = DataSeries.objects.filter(child=child)
        self.fields["weeks"].widget.attrs.update({"min": 1, "max": 52})

    def clean_weeks(self):
        weeks = self.cleaned_data["weeks"]
        if not 1 <= weeks <= 52:
            raise forms.ValidationError("Choose between 1 and 52 weeks.")
        return weeks

    def clean(self):
        data = super().clean()
        start, review = data.get("start_date"), data.get("review_date")
        if start and review and review <= start:
            self.add_error("review_date", "The review must come after the start date.")
        return data


class SeriesForm(forms.ModelForm):
    class Meta:
        model = DataSeries
        fields = ["name", "unit", "baseline", "goal", "concern"]
        labels = {
            "name": "What you are tracking",
            "unit": "Unit",
            "baseline": "Where it started (baseline)",
            "goal": "The goal",
            "concern": "Which concern it shows",
        }
        help_texts = {
            "name": "For example: words read per minute, or incidents per week.",
            "unit": "For example: words/min, incidents, minutes of homework.",
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].queryset = Concern.objects.filter(child=child)

    def _finite(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not math.isfinite(value):
            raise forms.ValidationError("Enter a number.")
        return value

    def clean_goal(self):
        return self._finite("goal")

    def clean_baseline(self):
        return self._finite("baseline")


class PointForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "note"]
        labels = {"value": "Value", "note": "Note"}
        widgets = {"date": DATE}

    def clean_value(self):
        value = self.cleaned_data["value"]
        if not math.isfinite(value):
            raise forms.ValidationError("Enter a number.")
        return value
