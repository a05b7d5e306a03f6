"""An IEP PDF read in the background (issue 13): the job row the upload page and the API
follow while a worker reads the PDF (playbook.iep_import.readings)."""

from __future__ import annotations

import secrets
import uuid

from django.db import models

from playbook.background.models import BackgroundJob
from playbook.children.models import Child
from playbook.children.uploads import document_suffix

# The folder of PDFs held between "read it" and "save this IEP" (iep_hold sweeps it).
FOLDER = "iep-imports"


def reading_upload_to(instance: IepReading, filename: str) -> str:
    # A random name, never the parent's: the file name may say whose IEP it is.
    return f"{FOLDER}/{secrets.token_hex(16)}{document_suffix(filename)}"


class IepReading(BackgroundJob):
    """An uploaded IEP PDF and what reading it found. The file is kept in private storage
    only while it is needed: until the reading fails, or, for the review page, until the
    parent saves or discards the IEP (an API reading drops it once read). Nothing here is
    an IEP: the parent's confirmation makes one (children.ieps.create_iep)."""

    household_path = "child__household"
    path_param = "reading_id"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Reading"
        DONE = "done", "Read"
        FAILED = "failed", "Could not be read"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="iep_readings")
    requested_by = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    file = models.FileField(upload_to=reading_upload_to, blank=True)
    # The page keeps the file for the review step; an API reading does not need it after.
    for_review = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    # The HTTP status an API client is given for a refused file (400, 413, 422).
    error_status = models.PositiveSmallIntegerField(null=True, blank=True)
    reading = models.JSONField(null=True, blank=True)  # Reading.as_dict() once done

    class Meta(BackgroundJob.Meta):
        indexes = [models.Index(fields=["child", "-created_at"], name="iep_reading_recent")]

    def __str__(self) -> str:
        return f"Reading of {self.file_name} ({self.status})"
