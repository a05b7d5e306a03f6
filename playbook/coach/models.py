"""The weekly digest: when a household wants it, who opted out, and what was sent."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from playbook.accounts.models import Household, User

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class DigestSettings(models.Model):
    household_path = "household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.OneToOneField(Household, models.CASCADE, related_name="digest_settings")
    weekday = models.PositiveSmallIntegerField(
        choices=WEEKDAYS, default=0, validators=[MinValueValidator(0), MaxValueValidator(6)]
    )
    enabled = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.household} on {self.get_weekday_display()}"


class DigestOptOut(models.Model):
    """A member who does not want the weekly digest."""

    household_path = "household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, models.CASCADE, related_name="+")
    user = models.ForeignKey(User, models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "user"], name="coach_optout_unique")
        ]


class DigestSent(models.Model):
    """One row per household and week. Inserting it is the claim: a second `playbook remind`,
    on this host or another, fails the unique constraint and sends nothing."""

    household_path = "household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, models.CASCADE, related_name="+")
    week_start = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "week_start"], name="coach_digest_once")
        ]
