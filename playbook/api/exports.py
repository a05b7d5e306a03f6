"""API routes for the binder (docs/api.md), and binder jobs (docs/api.md): a large
record's binder takes minutes, too long for one request, so a client can start a job,
poll it and download the PDF when it is ready, as the binder page does. Also the restore
of a household backup, as on the account page (decision 0013)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from ninja import Field, File, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from playbook.advocacy.models import Concern
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child
from playbook.exports import jobs
from playbook.exports.backup import BackupError
from playbook.exports.binder import Scope, render_pdf, scoped_entries
from playbook.exports.models import BinderJob
from playbook.exports.restore import may_restore, restore_backup

from .common import READ_ERRORS, WRITE_ERRORS, Day, In, error_responses, refuse_oversized

router = Router(tags=["exports"])


class BinderQuery(In):
    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
    concern: UUID | None = None
    today: Day | None = None

    model_config = {"populate_by_name": True}


def _scope_asked(
    child: Child, date_from: date | None, date_to: date | None, concern_id: UUID | None
) -> Scope:
    """The binder's range and concern as asked for (422 for a range that runs backwards or
    a concern that is not this child's)."""
    if date_from and date_to and date_to < date_from:
        raise HttpError(422, gettext("to: must not be before from."))
    concern = None
    if concern_id:
        concern = Concern.objects.filter(child=child, pk=concern_id).first()
        if concern is None:
            raise HttpError(422, gettext("concern: no concern of this child has that id."))
    return Scope(date_from, date_to, concern)


@router.get(
    "children/{child_id}/binder.pdf",
    response={200: None},
    openapi_extra={
        "responses": {"200": {"description": "The binder", "content": {"application/pdf": {}}}}
    },
)
def binder_pdf(request: HttpRequest, child_id: str, query: Query[BinderQuery]):
    """The binder as a PDF; ?from=&to=&concern= narrow it."""
    child = child_for_read(request, child_id)
    scope = _scope_asked(child, query.from_, query.to, query.concern)
    entries = scoped_entries(child, scope).count()
    if entries > settings.BINDER_IN_REQUEST_MAX_ENTRIES:
        # Laying out thousands of entries takes minutes: longer than a request may hold
        # a worker (the proxy and gunicorn give up first).
        raise HttpError(
            422,
            gettext(
                "This binder would hold %(entries)s trail entries, more than can be made while "
                "you wait (at most %(max)s). Make it in the background with POST binder-jobs "
                "(same from, to and concern), or narrow it with from and to."
            )
            % {"entries": f"{entries:,}", "max": f"{settings.BINDER_IN_REQUEST_MAX_ENTRIES:,}"},
        )
    pdf = render_pdf(child, scope, query.today or child.today())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, jobs.binder_file_name(child, child.today())
    )
    return response


class BinderJobIn(In):
    from_: Day | None = Field(None, alias="from")
    to: Day | None = None
    concern: UUID | None = None

    model_config = {"populate_by_name": True}


class BinderJobOut(Schema):
    id: UUID
    status: str = Field(description="queued, running, done or failed")
    progress: int = Field(description="0 to 100")
    stage: str
    error: str
    created_at: datetime
    finished_at: datetime | None
    download: str | None = Field(description="the PDF's address once the job is done")


def _job_out(job: BinderJob) -> BinderJobOut:
    status, error = job.status, job.error
    if job.stale:  # its process died mid-way (a restart): it will never finish
        status, error = BinderJob.Status.FAILED, "The binder was interrupted. Please start again."
    ready = status == BinderJob.Status.DONE and bool(job.file)
    download = reverse("api:binder_job_pdf", args=[job.child_id, job.pk])
    return BinderJobOut(
        id=job.pk,
        status=status,
        progress=job.progress,
        stage=job.stage,
        error=error,
        created_at=job.created_at,
        finished_at=job.finished_at,
        download=download if ready else None,
    )


@router.post(
    "children/{child_id}/binder-jobs",
    response={202: BinderJobOut, **WRITE_ERRORS},
    summary="Start making the binder in the background",
)
def start_binder_job(request: HttpRequest, child_id: str, payload: BinderJobIn):
    """Starts the binder (narrowed like binder.pdf) and answers at once with the job to
    poll. The same range already being made is answered with that job, not a second one."""
    child = child_for_write(request, child_id)
    asked = _scope_asked(child, payload.from_, payload.to, payload.concern)
    scope = {"date_from": asked.date_from, "date_to": asked.date_to, "concern": asked.concern}
    running = [
        job
        for job in BinderJob.objects.filter(
            child=child, status__in=[BinderJob.Status.QUEUED, BinderJob.Status.RUNNING], **scope
        )
        if not job.stale
    ]
    if running:
        return Status(202, _job_out(running[0]))
    job = BinderJob.objects.create(child=child, requested_by=request.user, **scope)
    jobs.start(job)
    job.refresh_from_db()
    return Status(202, _job_out(job))


@router.get(
    "children/{child_id}/binder-jobs/{job_id}",
    response={200: BinderJobOut, **READ_ERRORS},
    summary="A binder job: how far it is, and where to download it when done",
)
def get_binder_job(request: HttpRequest, child_id: str, job_id: str):
    return _job_out(jobs.job_of(request.user, child_id, job_id))


@router.get(
    "children/{child_id}/binder-jobs/{job_id}/binder.pdf",
    url_name="binder_job_pdf",
    response={200: None, **READ_ERRORS, **error_responses(409)},
    openapi_extra={
        "responses": {"200": {"description": "The binder", "content": {"application/pdf": {}}}}
    },
    summary="Download a finished binder job's PDF",
)
def binder_job_pdf(request: HttpRequest, child_id: str, job_id: str):
    job = jobs.job_of(request.user, child_id, job_id)
    if job.status != BinderJob.Status.DONE or not job.file:
        raise HttpError(
            409, gettext("This binder is not ready yet: ask the job again in a moment.")
        )
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=jobs.binder_file_name(job.child, job.child.day_of(job.created_at)),
        content_type="application/pdf",
    )


_BACKUP_FILE = File(None)


class RestoredHousehold(Schema):
    id: UUID
    name: str


class MemberToInvite(Schema):
    email: str
    role: str


class RestoreOut(Schema):
    household: RestoredHousehold
    records: int = Field(description="records restored")
    files: int = Field(description="uploaded files restored")
    members_to_invite: list[MemberToInvite] = Field(
        description="the backup's other members: not restored; invite them again"
    )


@router.post(
    "households/restore",
    response={201: RestoreOut, **WRITE_ERRORS},
    summary="Restore a household backup as a new household",
)
def restore_household(request: HttpRequest, file: UploadedFile | None = _BACKUP_FILE):
    """Multipart `file`: a backup zip (docs/backup-format.md). It becomes a new household
    owned by the caller, who must own a household; the backup's other members are listed,
    not restored. 422 names what is wrong with a backup (then nothing was restored)."""
    if not may_restore(request.user):
        raise HttpError(403, gettext("Only a family's owner can restore a backup."))
    if file is None:
        raise HttpError(422, gettext("Attach the backup .zip as the multipart field 'file'."))
    refuse_oversized(file)
    try:
        report = restore_backup(file, request.user)
    except BackupError as refused:
        raise HttpError(422, str(refused)) from None
    return Status(
        201,
        RestoreOut(
            household=RestoredHousehold(id=report.household_id, name=report.household_name),
            records=report.records,
            files=report.files,
            members_to_invite=[
                MemberToInvite(email=email, role=role) for email, role in report.members_to_invite
            ],
        ),
    )
