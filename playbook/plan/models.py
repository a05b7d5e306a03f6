"""What the parent ticked off in the month-by-month plan. The items themselves are data
(plan.toml); only the ticks are stored."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from playbook.children.models import Child


class ChecklistTick(models.Model):
    """Item ``item_id`` settled for the month ``period`` ("YYYY-MM") it belongs to: done,
    or set aside as not for this family. Either way it leaves the open list."""

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        NOT_FOR_US = "not_for_us", "Not for us"

    household_path = "child__household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="checklist_ticks")
    item_id = models.CharField(max_length=80)
    period = models.CharField(max_length=7)
    done_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.DONE)

    class Meta:
        ordering = ["period", "done_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "item_id", "period"], name="plan_tick_once_per_period"
            )
        ]
