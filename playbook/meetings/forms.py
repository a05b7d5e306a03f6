"""Forms for meetings, trials and progress data."""

from __future__ import annotations

import math

from django import forms
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from playbook.advocacy.models import Concern
from playbook.children.roles import ROLE_LABELS
from playbook.days_in_reach import in_reach
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial

from .meetings import DATED, NEEDS_DATE, step_refusal


def spanish() -> bool:
    return not (get_language() or "en").startswith("en")


class OwnWordsSelect(forms.Select):
    """A select whose options are the family's own words (a concern's title, a data
    series' name): in another language than English, each is marked data-own-words, so the
    Spanish page check reads past them (decision 0041). The English HTML is unchanged."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value and spanish():
            option["attrs"]["data-own-words"] = True
        return option


class OwnWordsCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose labels are the family's own words (their concerns): marked
    data-own-words in another language than English, as OwnWordsSelect. The option
    template is Django's own, with the mark (the English HTML is unchanged)."""

    option_template_name = "meetings/widgets/own_words_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["own_words"] = bool(value) and spanish()
        return option


class OwnWordsTextarea(forms.Textarea):
    """A text box for what the family writes (meeting notes): marked data-own-words in
    another language than English, so a Spanish page check does not read their words."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if spanish():
            context["widget"]["attrs"]["data-own-words"] = True
        return context


# A meeting's kind and status in the reader's language (the models' labels stay English:
# the letters name them). The same words as meetings/_kind.html and _status.html.
KIND_WORDS = {
    "iep": _("IEP meeting"),
    "annual_review": _("Annual review"),
    "reevaluation": _("Reevaluation meeting"),
    "trial_review": _("Trial review"),
    "resolution_session": _("Resolution session"),
    "due_process_hearing": _("Due process hearing"),
    "other": _("Other meeting"),
}
STATUS_LABELS = {
    "requested": pgettext_lazy("meeting status", "Requested"),
    "acknowledged": pgettext_lazy("meeting status", "Acknowledged"),
    "scheduled": pgettext_lazy("meeting status", "Scheduled"),
    "held": pgettext_lazy("meeting status", "Held"),
    "cancelled": pgettext_lazy("meeting status", "Cancelled"),
}


def role_words(member) -> str:
    """The member's role in the reader's language; English is ``role_label`` as ever."""
    if not spanish():
        return member.role_label
    if member.role == "therapist" and member.discipline:
        return gettext("Therapist (%(discipline)s)") % {"discipline": member.discipline}
    words = ROLE_LABELS.get(member.role)
    return str(words) if words else member.role_label


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "status", "date", "time", "place", "invitees", "agenda", "outcome"]
        labels = {
            "kind": _("What kind of meeting"),
            "status": _("Where it stands"),
            "date": _("Date"),
            "time": _("Time"),
            "place": _("Where"),
            "invitees": _("Who is invited from the school"),
            "agenda": _("Your concerns on the agenda"),
            "outcome": _("What happened (notes for your recap)"),
        }
        widgets = {
            "date": DATE,
            "time": TIME,
            "invitees": forms.CheckboxSelectMultiple,
            "agenda": forms.CheckboxSelectMultiple,
            "outcome": OwnWordsTextarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.was = None if self.instance._state.adding else self.instance.status
        self.fields["kind"].choices = [
            (value, KIND_WORDS.get(value, label)) for value, label in Meeting.Kind.choices
        ]
        self.fields["status"].choices = [
            (value, STATUS_LABELS.get(value, label)) for value, label in Meeting.Status.choices
        ]
        self.fields["invitees"].queryset = child.team.all()
        self.fields["invitees"].label_from_instance = lambda m: f"{m.name}, {role_words(m)}"
        self.fields["agenda"].queryset = Concern.objects.filter(child=child)
        self.fields["agenda"].label_from_instance = lambda c: c.title

    def clean(self):
        data = super().clean()
        # The same rules as every other door (meetings.save_meeting), shown on the field.
        refusal = step_refusal(self.was, data.get("status") or self.was)
        if refusal:
            self.add_error("status", refusal)
        if data.get("status") in DATED and not data.get("date"):
            self.add_error("date", gettext(NEEDS_DATE))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("What happened (decisions, what was refused, who will do what by when)"),
        widget=OwnWordsTextarea(attrs={"rows": 6}),
    )


class TrialForm(forms.ModelForm):
    review_date = forms.DateField(
        validators=[in_reach],
        required=False,
        widget=DATE,
        label=_("Review date"),
        help_text=_(
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
            "proposal": _("What the school proposes to try"),
            "instead_of": _("Instead of what you asked for"),
            "start_date": _("Start date"),
            "weeks": _("For how many weeks"),
            "measure": _("What will be measured"),
            "how_often": _("How often"),
            "measured_by": _("By whom"),
            "concern": _("Which of your concerns it answers"),
            "series": _("Data series that tracks it"),
        }
        help_texts = {
            "proposal": _("For example: a shared classroom aide."),
            "instead_of": _("For example: a dedicated 1:1 aide."),
            "measure": _("For example: incidents of leaving the classroom per week."),
        }
        widgets = {"start_date": DATE, "concern": OwnWordsSelect, "series": OwnWordsSelect}

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].queryset = Concern.objects.filter(child=child)
        self.fields["series"].queryset = DataSeries.objects.filter(child=child)
        self.fields["weeks"].widget.attrs.update({"min": 1, "max": 52})

    def clean_weeks(self):
        weeks = self.cleaned_data["weeks"]
        if not 1 <= weeks <= 52:
            raise forms.ValidationError(_("Choose between 1 and 52 weeks."))
        return weeks

    def clean(self):
        data = super().clean()
        start, review = data.get("start_date"), data.get("review_date")
        if start and review and review <= start:
            self.add_error("review_date", _("The review must come after the start date."))
        return data


class SeriesForm(forms.ModelForm):
    class Meta:
        model = DataSeries
        fields = ["name", "unit", "baseline", "goal", "concern"]
        labels = {
            "name": _("What you are tracking"),
            "unit": _("Unit"),
            "baseline": _("Where it started (baseline)"),
            "goal": _("The goal"),
            "concern": _("Which concern it shows"),
        }
        help_texts = {
            "name": _("For example: words read per minute, or incidents per week."),
            "unit": _("For example: words/min, incidents, minutes of homework."),
        }
        widgets = {"concern": OwnWordsSelect}

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].queryset = Concern.objects.filter(child=child)

    def _finite(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not math.isfinite(value):
            raise forms.ValidationError(_("Enter a number."))
        return value

    def clean_goal(self):
        return self._finite("goal")

    def clean_baseline(self):
        return self._finite("baseline")


class PointForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "note"]
        labels = {"date": _("Date"), "value": _("Value"), "note": _("Note")}
        widgets = {"date": DATE}

    def clean_value(self):
        value = self.cleaned_data["value"]
        if not math.isfinite(value):
            raise forms.ValidationError(_("Enter a number."))
        return value
