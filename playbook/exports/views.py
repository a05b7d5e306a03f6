"""Binder, backup and restore pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import (
    get_language,
    gettext,
    gettext_lazy,
    gettext_noop,
    pgettext_lazy,
)
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from playbook.accounts.access import can_write, first_membership
from playbook.accounts.access_log import EXPORTED, record
from playbook.accounts.models import ROLE_WORDS, Membership, Role
from playbook.advocacy.models import Concern
from playbook.children.access import child_for_form
from playbook.days_in_reach import in_reach
from playbook.trail.forms import OwnWordsSelect

from . import jobs
from .backup import BackupError, backup_bytes
from .models import BinderJob
from .restore import RestoreReport, may_restore, restore_backup


class BinderForm(forms.Form):
    date_from = forms.DateField(
        validators=[in_reach],
        label=pgettext_lazy("dates", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = forms.DateField(
        validators=[in_reach],
        label=pgettext_lazy("dates", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    concern = forms.ModelChoiceField(
        label=_("Only about this concern"),
        queryset=Concern.objects.none(),
        required=False,
        empty_label=_("All concerns"),
        widget=OwnWordsSelect,
    )

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concern"].queryset = Concern.objects.filter(child=child)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the range must not be before its start."))
        return data


@login_required
def binder_page(request: HttpRequest, child_id) -> HttpResponse:
    write = request.method == "POST"
    child = child_for_form(request, child_id)
    form = BinderForm(request.POST if write else None, child=child)
    if write and form.is_valid():
        job = BinderJob.objects.create(
            child=child,
            requested_by=request.user,
            # The binder is written in the language of the person who asks for it.
            language=_language(request),
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            concern=form.cleaned_data["concern"],
        )
        jobs.start(job)
        return redirect("binder_job", child_id=child.pk, job_id=job.pk)
    recent = list(BinderJob.objects.filter(child=child).select_related("concern")[:5])
    membership = Membership.objects.filter(household=child.household_id, user=request.user).first()
    return render(
        request,
        "exports/binder_page.html",
        {
            "child": child,
            "section": "binder",
            "form": form,
            "recent": recent,
            "can_write": can_write(child),
            "can_back_up": membership is not None and membership.role in (Role.OWNER, Role.PARENT),
        },
        status=400 if form.errors else 200,
    )


@login_required
def binder_job(request: HttpRequest, child_id, job_id) -> HttpResponse:
    job = jobs.job_of(request.user, child_id, job_id)
    template = "exports/_binder_status.html" if request.htmx else "exports/binder_job.html"
    return render(request, template, {"child": job.child, "section": "binder", "job": job})


@login_required
def binder_download(request: HttpRequest, child_id, job_id) -> HttpResponse:
    job = jobs.job_of(request.user, child_id, job_id)
    if job.status != BinderJob.Status.DONE or not job.file:
        raise Http404
    name = jobs.binder_file_name(job.child, job.child.day_of(job.created_at))
    return FileResponse(
        job.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf"
    )


@login_required
@require_POST
def household_backup(request: HttpRequest) -> HttpResponse:
    """The whole household as one zip: owners and parents only (it holds everything)."""
    membership = first_membership(request.user)
    if membership.role not in (Role.OWNER, Role.PARENT):
        raise PermissionDenied("Only the family's owner or a parent can download a full backup.")
    content = backup_bytes(membership.household)
    record(
        request,
        membership.household,
        action=EXPORTED,
        what=gettext_noop("a full backup of the family"),
    )
    response = HttpResponse(content, content_type="application/zip")
    stamp = membership.household.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="iep-playbook-backup-{stamp}.zip"'
    messages.success(request, gettext("Backup made."))
    return response


class RestoreForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Your backup file"),
        help_text=gettext_lazy("The .zip file that “Download a full backup” gave you."),
        widget=forms.FileInput(attrs={"accept": ".zip,application/zip"}),
        error_messages={
            "required": gettext_lazy("Choose the backup .zip file to restore."),
            "empty": gettext_lazy("This file is empty. Choose the backup .zip file again."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                gettext(
                    "This backup is larger than %(limit)s MB, the most this page takes. "
                    "Whoever runs your IEP Playbook can restore it on the server (playbook "
                    "restore FILE.zip --owner YOUR-EMAIL)."
                )
                % {"limit": limit}
            )
        return upload


@login_required
def household_restore(request: HttpRequest) -> HttpResponse:
    """A backup zip restored as a new family owned by the person uploading it (decision
    0013): owners of a family only."""
    allowed = may_restore(request.user)
    if request.method == "POST" and not allowed:
        raise PermissionDenied(gettext("Only a family's owner can restore a backup."))
    form = RestoreForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = restore_backup(form.cleaned_data["file"], request.user)
        except BackupError as refused:
            form.add_error("file", str(refused))
        else:
            return _restored(request, report)
    return render(
        request,
        "exports/restore.html",
        {"form": form, "can_restore": allowed},
        status=400 if form.errors else 200,
    )


def _language(request: HttpRequest) -> str:
    """The language the page was asked in: the person's choice (decision 0034)."""
    return "es" if (get_language() or "en").startswith("es") else "en"


def _restored(request: HttpRequest, report: RestoreReport) -> HttpResponse:
    to_invite = [(email, _role_label(role)) for email, role in report.members_to_invite]
    return render(request, "exports/restore_done.html", {"report": report, "to_invite": to_invite})


def _role_label(role: str) -> str:
    return gettext(ROLE_WORDS[Role(role)]) if role in Role.values else role
