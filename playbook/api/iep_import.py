"""API routes for iep_import (docs/api.md): read an IEP PDF for review; saves nothing.

Both routes read through playbook.iep_import.readings, as the upload page does:
`ieps/import` while the client waits, `iep-readings` in the background (decision 0035). The
job keeps its stage and error in English; the answers give them in the reader's language
(issue 19), as the page does."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Field, File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from playbook.children.access import child_for_write
from playbook.iep_import import readings
from playbook.iep_import.models import IepReading
from playbook.iep_import.reading import shown, too_large_message

router = Router(tags=["iep_import"])
# Optional so that a request without the file gets our own 400, not a validation list.
OPTIONAL_FILE = File(None)


class Found(Schema):
    value: str
    page: int


class Facts(Schema):
    meeting_date: Found | None
    start_date: Found | None
    end_date: Found | None
    last_evaluation_date: Found | None
    reevaluation_due: Found | None


class ServiceRead(Schema):
    service: str
    minutes: int | None
    per: str | None
    setting: str
    page: int


class TextRead(Schema):
    text: str
    page: int


class GoalRead(Schema):
    text: str
    page: int
    area: str | None = None
    baseline: str | None = None


class Placement(Schema):
    text: str
    page: int
    general_education_percent: int | None


class IEPReading(Schema):
    facts: Facts
    services: list[ServiceRead]
    goals: list[GoalRead]
    accommodations: list[TextRead]
    missing: list[str]
    date_of_birth: Found | None
    placement: Placement | None
    parent_concerns: TextRead | None
    supplementary_aids: list[TextRead]


class Detail(Schema):
    detail: str


class IEPReadingJob(Schema):
    id: UUID
    status: str = Field(description="queued, running, done or failed")
    progress: int
    stage: str
    error: str = Field(description="why the PDF could not be read, when failed")
    error_status: int | None = Field(
        description="the status ieps/import would have answered for a refused file"
    )
    reading: IEPReading | None = Field(description="what was read, once done")
    url: str = Field(description="where to ask for the job again")
    created_at: datetime
    finished_at: datetime | None


def _refused_upload(file: UploadedFile | None):
    if file is None:
        return Status(
            400,
            {
                "detail": gettext(
                    "Send the IEP as a PDF or a Word document (.docx) in a multipart field "
                    "named 'file'."
                )
            },
        )
    if file.size and file.size > settings.MAX_UPLOAD_BYTES:
        return Status(413, {"detail": shown(too_large_message())})
    return None


def _job_out(job: IepReading) -> dict:
    status, error = readings.status_of(job)
    return {
        "id": job.pk,
        "status": status,
        "progress": job.progress,
        # A job not started yet has no stage, in either language.
        "stage": readings.shown_stage(job) if job.stage else "",
        "error": shown(error),
        "error_status": job.error_status if status == IepReading.Status.FAILED else None,
        "reading": job.reading if status == IepReading.Status.DONE else None,
        "url": reverse("api:iep_reading", kwargs={"child_id": job.child_id, "reading_id": job.pk}),
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


@router.post(
    "children/{child_id}/ieps/import",
    response={
        200: IEPReading,
        400: Detail,
        401: Detail,
        403: Detail,
        404: Detail,
        413: Detail,
        422: Detail,
    },
    summary="Read an IEP PDF for review (saves nothing)",
)
def import_iep(request: HttpRequest, child_id: str, file: UploadedFile | None = OPTIONAL_FILE):
    """The facts an IEP PDF states, each with its page, for the parent to confirm or
    correct; `missing` names what could not be found. Nothing is saved."""
    child = child_for_write(request, child_id)
    refused = _refused_upload(file)
    if refused:
        return refused
    job = readings.read_now(
        readings.start(child, file, request.user, for_review=False, queue=False)
    )
    # The client has its answer: the job row is not kept (this route saves nothing).
    job.delete()
    if job.status == IepReading.Status.DONE:
        return Status(200, job.reading)
    return Status(job.error_status or 422, {"detail": shown(job.error)})


@router.post(
    "children/{child_id}/iep-readings",
    response={
        202: IEPReadingJob,
        400: Detail,
        401: Detail,
        403: Detail,
        404: Detail,
        413: Detail,
        422: Detail,
    },
    summary="Read an IEP PDF in the background (saves nothing)",
)
def start_iep_reading(
    request: HttpRequest, child_id: str, file: UploadedFile | None = OPTIONAL_FILE
):
    """The same reading as `ieps/import`, on the task queue: 202 with the job at once;
    ask for it again at its `url` until `status` is `done` (then `reading` holds what
    `ieps/import` answers) or `failed` (then `error` says why in plain words)."""
    child = child_for_write(request, child_id)
    refused = _refused_upload(file)
    if refused:
        return refused
    job = readings.start(child, file, request.user, for_review=False)
    job.refresh_from_db()  # the immediate task backend (tests) has run it already
    return Status(202, _job_out(job))


@router.get(
    "children/{child_id}/iep-readings/{reading_id}",
    response={200: IEPReadingJob, 401: Detail, 404: Detail, 422: Detail},
    url_name="iep_reading",
    summary="An IEP PDF being read: how far it is, then what was read",
)
def get_iep_reading(request: HttpRequest, child_id: UUID, reading_id: UUID):
    return _job_out(readings.job_of(request.user, child_id, reading_id))
