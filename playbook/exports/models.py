"""Binders made in the background, so a large case never keeps a parent waiting on a page."""

from __future__ import annotations

import uuid

from django.db import models

from playbook.advocacy.models import Concern
from playbook.background.models import BackgroundJob
from playbook.children.models import Child
from playbook.days_in_reach import in_reach


def binder_upload_to(instance: BinderJob, filename: str) -> str:
    return f"binders/{instance.child_id}/{instance.pk}.pdf"


class BinderJob(BackgroundJob):
    household_path = "child__household"
    path_param = "job_id"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be made"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="binder_jobs")
    requested_by = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    date_from = models.DateField(null=True, blank=True, validators=[in_reach])
    date_to = models.DateField(null=True, blank=True, validators=[in_reach])
    concern = models.ForeignKey(Concern, models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=binder_upload_to, blank=True)
    error = models.CharField(max_length=300, blank=True)
    # The language of the person who asked for it (en or es): the binder is written in it.
    language = models.CharField(max_length=8, default="en")

    def __str__(self) -> str:
        return f"Binder for {self.child} ({self.status})"
