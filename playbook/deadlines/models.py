"""Deadlines are derived, never stored; only the parent's dismissals of coach suggestions,
the calendar feed token and digest bookkeeping are kept."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from playbook.children.models import Child


class Dismissal(models.Model):
    """A next-move suggestion the parent hid. ``key`` names the suggestion for the facts it
    was made from, so a change in those facts brings it back."""

    household_path = "child__household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="dismissals")
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["child", "key"], name="deadlines_dismissal_unique")
        ]
