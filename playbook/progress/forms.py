from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from playbook.children.uploads import WORD_DOCUMENT
from playbook.days_in_reach import in_reach


class ReportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("The progress report (PDF or Word)"),
        help_text=_(
            "The report on the IEP goals the school sent: a PDF or a Word document (.docx)."
        ),
        widget=forms.FileInput(attrs={"accept": f"application/pdf,.pdf,{WORD_DOCUMENT},.docx"}),
        error_messages={
            "required": _("Choose the progress report to upload."),
            "empty": _("This file is empty. Choose the progress report file again."),
        },
    )
    report_date = forms.DateField(
        validators=[in_reach],
        label=_("Date of the report"),
        required=False,
        help_text=_("Only if the report does not print its date."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date like 2027-01-29.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            mb = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(gettext("This file is larger than %(mb)s MB.") % {"mb": mb})
        return upload
