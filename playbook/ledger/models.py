"""What the school actually delivered: one row per service session the parent logs or
imports, and the parent's threshold for asking for make-up (compensatory) services."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from playbook.children.models import Child, Service
from playbook.days_in_reach import in_reach

# No single session runs longer than a school day; a larger number is a typing slip.
MAX_SESSION_MINUTES = 480
DEFAULT_OWED_THRESHOLD = 60


class SessionStatus(models.TextChoices):
    DELIVERED = "delivered", "Delivered"
    MISSED = "missed", "Missed"
    SHORTENED = "shortened", "Shortened"
    MADE_UP = "made_up", "Made up"


class MissedReason(models.TextChoices):
    PROVIDER_ABSENT = "provider_absent", "Provider absent"
    SCHOOL_EVENT = "school_event", "School event"
    CHILD_ABSENT = "child_absent", "My child was absent"
    UNKNOWN = "unknown", "Reason not given"
    OTHER = "other", "Other"


class ServiceSession(models.Model):
    """One session of an IEP service. ``minutes`` are the minutes actually given for a
    delivered, shortened or made-up session, and the minutes that were due for a missed one."""

    household_path = "service__iep__child__household"
    path_param = "session_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, models.CASCADE, related_name="ledger_sessions")
    date = models.DateField(validators=[in_reach])
    minutes = models.PositiveIntegerField(validators=[MaxValueValidator(MAX_SESSION_MINUTES)])
    status = models.CharField(max_length=10, choices=SessionStatus.choices)
    reason = models.CharField(max_length=16, choices=MissedReason.choices, blank=True)
    provider = models.CharField(max_length=150, blank=True)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-created_at"]
        indexes = [
            # The ledger reads every session of a child's services, by date.
            models.Index(fields=["service", "date"], name="ledger_session_service_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_status_display()} {self.minutes} min"

    @property
    def is_child_absence(self) -> bool:
        return self.status == SessionStatus.MISSED and self.reason == MissedReason.CHILD_ABSENT


# A session's way to its child's threshold, for the ledger to read the threshold with the
# sessions, a query fewer (a child has one settings row at most: no session is repeated).
# None: no settings row, the default threshold.
THRESHOLD_OF_SESSION = "service__iep__child__ledger_settings__owed_threshold_minutes"


class LedgerSettings(models.Model):
    """Per-child ledger preferences. Absent means the defaults."""

    household_path = "child__household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.OneToOneField(Child, models.CASCADE, related_name="ledger_settings")
    owed_threshold_minutes = models.PositiveIntegerField(
        default=DEFAULT_OWED_THRESHOLD,
        validators=[MinValueValidator(1), MaxValueValidator(10000)],
        help_text="When a service owes this many minutes, we suggest asking for make-up services.",
    )

    @classmethod
    def threshold_for(cls, child: Child) -> int:
        """One query."""
        found = cls.objects.filter(child=child).values_list("owed_threshold_minutes", flat=True)
        return next(iter(found), DEFAULT_OWED_THRESHOLD)
