"""API routes for iep_import (docs/api.md): read an IEP PDF for review; saves nothing."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import File, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from playbook.children.access import child_for_write
from playbook.iep_import.reading import ImportRefused, read_iep, too_large_message

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
    child_for_write(request, child_id)
    if file is None:
        return Status(400, {"detail": "Send the IEP as a PDF in a multipart field named 'file'."})
    if file.size and file.size > settings.MAX_UPLOAD_BYTES:
        return Status(413, {"detail": too_large_message()})
    try:
        reading = read_iep(file.read())
    except ImportRefused as refused:
        return Status(refused.status, {"detail": refused.message})
    return Status(200, reading.as_dict())
