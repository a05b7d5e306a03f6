"""Forms for the ledger pages: the quick log, the threshold, the date range, the import."""

from __future__ import annotations

from datetime import date

from django import forms
from django.conf import settings
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from playbook.children.models import IEP, Service
from playbook.days_in_reach import in_reach
from playbook.trail.forms import OwnWordsSelect
from playbook.widgets import DateInput as OnePassDateInput
from playbook.widgets import NumberInput as OnePassNumberInput

from . import labels
from .models import MAX_SESSION_MINUTES, LedgerSettings, MissedReason, SessionStatus


def usual_session_minutes(service: Service, last_minutes: int | None = None) -> int:
    """The minutes a session of this service usually lasts: the IEP's minutes divided by its
    sessions when it says how many, else the last session logged, else the IEP's minutes."""
    if service.sessions:
        return max(service.minutes // service.sessions, 1)
    if last_minutes:
        return last_minutes
    return min(service.minutes, MAX_SESSION_MINUTES)


class DateInput(OnePassDateInput):
    """A date picker, written in one pass (``playbook.widgets``)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class SessionForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), widget=OwnWordsSelect)
    date = forms.DateField(validators=[in_reach], label=_("Date"), widget=DateInput)
    status = forms.ChoiceField(
        label=_("What happened"), choices=labels.status_choices, widget=forms.RadioSelect
    )
    minutes = forms.IntegerField(
        label=_("Minutes"),
        required=False,
        min_value=0,
        max_value=MAX_SESSION_MINUTES,
        help_text=_(
            "The minutes given, or for a missed session the minutes that were due. "
            "Leave blank for the usual session length, shown next to the service."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    reason = forms.ChoiceField(
        label=_("Why was it missed?"),
        required=False,
        choices=[("", _("Choose a reason (for a missed session)")), *labels.reason_choices()],
    )
    provider = forms.CharField(label=_("Provider"), required=False, max_length=150)
    note = forms.CharField(
        label=pgettext_lazy("session note", "Note"), required=False, max_length=500
    )

    def __init__(self, *args, services: list[Service], today: date, usual: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {str(s.pk): s for s in services}
        self.today = today
        self.usual = usual  # service id -> usual session minutes
        self.fields["service"].choices = [
            (str(s.pk), _session_choice(s.service, usual[str(s.pk)])) for s in services
        ]

    def clean_date(self) -> date:
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError(
                _("That date is in the future: log sessions after they happen.")
            )
        return day

    def clean(self):
        data = super().clean()
        service = self.services.get(data.get("service") or "")
        data["service"] = service
        if service is None:
            return data
        status = data.get("status")
        if data.get("minutes") is None:
            data["minutes"] = self.usual[str(service.pk)]
        if status == SessionStatus.MISSED:
            data["reason"] = data.get("reason") or MissedReason.UNKNOWN
        else:
            data["reason"] = ""
            if status and data["minutes"] == 0:
                self.add_error(
                    "minutes", _("A session that took place lasted more than 0 minutes.")
                )
        return data


class ThresholdForm(forms.ModelForm):
    class Meta:
        model = LedgerSettings
        fields = ["owed_threshold_minutes"]
        labels = {"owed_threshold_minutes": _("Minutes owed before we suggest asking for make-up")}
        help_texts = {
            "owed_threshold_minutes": _(
                "When one service owes this many minutes or more, the "
                "ledger suggests asking the school for make-up (compensatory) services."
            )
        }
        widgets = {"owed_threshold_minutes": OnePassNumberInput(attrs={"inputmode": "numeric"})}


class RangeForm(forms.Form):
    start = forms.DateField(
        validators=[in_reach],
        label=pgettext_lazy("dates", "From"),
        required=False,
        widget=DateInput,
    )
    end = forms.DateField(
        validators=[in_reach], label=pgettext_lazy("dates", "To"), required=False, widget=DateInput
    )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date comes before the start date."))
        return data


class ImportForm(forms.Form):
    service = forms.ChoiceField(label=_("Which service is this log for?"), widget=OwnWordsSelect)
    file = forms.FileField(
        label=_("Service log (CSV)"),
        help_text=_(
            "A spreadsheet saved as CSV, with a header row naming the date, minutes "
            "and status columns (reason and provider are optional)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, services: list[Service], **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {str(s.pk): s for s in services}
        self.fields["service"].choices = [(str(s.pk), s.service) for s in services]

    def clean_service(self) -> Service:
        return self.services[self.cleaned_data["service"]]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("That file is too large to be a service log."))
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                _(
                    "Choose a .csv file. In Excel or Google Sheets: File, Save as (or Download), CSV."
                )
            )
        return upload


class CompareForm(forms.Form):
    a = forms.ChoiceField(label=_("Earlier IEP"))
    b = forms.ChoiceField(label=_("Later IEP"))

    def __init__(self, *args, ieps: list[IEP], **kwargs):
        super().__init__(*args, **kwargs)
        self.ieps = {str(i.pk): i for i in ieps}
        choices = [(str(i.pk), _iep_choice(i.start_date)) for i in ieps]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            self.add_error("b", _("Choose two different IEPs."))
        return data


def _day(day: date) -> str:
    return f"{day:%b} {day.day}, {day.year}"


def _iep_choice(day: date) -> str:
    """ "IEP starting Jun 21, 2025", the date in the reader's language (issue 19)."""
    if (get_language() or "en").startswith("en"):
        return f"IEP starting {_day(day)}"
    shown = dateformat.format(day, get_format("SHORT_DATE_FORMAT"))
    return gettext("IEP starting %(day)s") % {"day": shown}


def _session_choice(name: str, minutes: int) -> str:
    """A service and its usual session, "Speech therapy (30 min sessions)"."""
    return gettext("%(service)s (%(minutes)s min sessions)") % {
        "service": name,
        "minutes": minutes,
    }
