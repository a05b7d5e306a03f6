"""The forms of the IEP import: the upload, then the review of what was read."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from playbook.children.models import Per
from playbook.children.uploads import WORD_DOCUMENT
from playbook.days_in_reach import in_reach


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("The IEP file (PDF or Word)"),
        help_text=_(
            "The IEP the school sent you: a PDF, or a Word document (.docx) such as a draft."
        ),
        widget=forms.FileInput(attrs={"accept": f"application/pdf,.pdf,{WORD_DOCUMENT},.docx"}),
        error_messages={
            "required": _("Choose the IEP file to upload."),
            "empty": _("This file is empty. Choose the IEP file again."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            mb = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(gettext("This file is larger than %(mb)s MB.") % {"mb": mb})
        return upload


def _date_field(label: str, required: bool = False) -> forms.DateField:
    return forms.DateField(
        validators=[in_reach],
        label=label,
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, like 2026-09-15.")},
    )


class DatesForm(forms.Form):
    meeting_date = _date_field(_("IEP meeting date"))
    start_date = _date_field(_("Start date"), required=True)
    end_date = _date_field(_("End date (annual review due)"), required=True)
    last_evaluation_date = _date_field(_("Date of the last evaluation"))
    reevaluation_due = _date_field(_("Reevaluation due"))
    placement = forms.CharField(
        label=_("Placement (least restrictive environment)"),
        required=False,
        max_length=300,
        help_text=_("Where your child is taught, and how much of the day in general education."),
    )
    parent_concerns_text = forms.CharField(
        label=_("Parent concerns, as the IEP records them"),
        required=False,
        max_length=20_000,
        # The IEP's words, shown as written (decision 0041).
        widget=forms.Textarea(attrs={"rows": 4, "data-own-words": ""}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", gettext("The end date must come after the start date."))
        last, due = data.get("last_evaluation_date"), data.get("reevaluation_due")
        if last and due and due <= last:
            self.add_error("reevaluation_due", gettext("This must come after the last evaluation."))
        return data


# The period a service's minutes are counted in, in the reader's language; the value kept
# is Per's ("day", "week", "month").
PERIODS = {
    "day": pgettext_lazy("service period", "day"),
    "week": pgettext_lazy("service period", "week"),
    "month": pgettext_lazy("service period", "month"),
}


class ServiceForm(forms.Form):
    service = forms.CharField(label=_("Service"), max_length=150)
    minutes = forms.IntegerField(
        label=_("Minutes in all"),
        min_value=1,
        error_messages={"required": _("Enter the minutes, or tick Remove.")},
    )
    per = forms.ChoiceField(
        label=_("Each"),
        choices=[("", _("Choose..."))] + [(p.value, PERIODS[p.value]) for p in Per],
        error_messages={"required": _("Choose day, week or month, or tick Remove.")},
    )
    setting = forms.CharField(label=_("Where"), max_length=150, required=False)
    provider_role = forms.CharField(label=_("Provider"), max_length=150, required=False)
    sessions = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    page = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TextForm(forms.Form):
    # The IEP's words, shown as written (decision 0041).
    text = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-own-words": ""}),
    )
    page = forms.IntegerField(widget=forms.HiddenInput, required=False)


class GoalForm(TextForm):
    area = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    baseline = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


ServiceFormSet = forms.formset_factory(ServiceForm, extra=1, can_delete=True)
GoalFormSet = forms.formset_factory(GoalForm, extra=1)
AccommodationFormSet = forms.formset_factory(TextForm, extra=1)
