"""Meetings with the team, trials of a team proposal, and progress data."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from playbook.advocacy.models import Ask, Concern
from playbook.children.models import Child, Goal, TeamMember
from playbook.days_in_reach import in_reach


class DataSeries(models.Model):
    household_path = "child__household"
    path_param = "series_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="data_series")
    name = models.CharField(max_length=150)
    unit = models.CharField(max_length=50)
    goal = models.FloatField(null=True, blank=True)
    baseline = models.FloatField(null=True, blank=True)
    concern = models.ForeignKey(
        Concern, models.SET_NULL, null=True, blank=True, related_name="data_series"
    )
    # The IEP goal this series is the parent's own measure of (issue 16): its points are
    # drawn on the goal's chart beside the school's reports. (``goal`` above is the number
    # the parent aims for.)
    iep_goal = models.ForeignKey(
        Goal, models.SET_NULL, null=True, blank=True, related_name="own_series"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        # The tables kept their names when meetings left advocacy (decision 0026).
        db_table = "advocacy_dataseries"
        ordering = ["name"]
        verbose_name_plural = "data series"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def link_to_goal(cls, goal: Goal, series: DataSeries | None) -> None:
        """Make ``series`` the parent's own data for ``goal`` (None: no series), in place
        of any other. The one write behind the goal page and the API."""
        if series is not None and series.child_id != goal.iep.child_id:
            raise ValidationError({"series": "That data series belongs to another child."})
        with transaction.atomic():
            for other in cls.objects.filter(iep_goal=goal).exclude(
                pk=series.pk if series else None
            ):
                other.iep_goal = None
                other.save(update_fields=["iep_goal"])
            if series is not None and series.iep_goal_id != goal.pk:
                series.iep_goal = goal
                series.save(update_fields=["iep_goal"])


class Measurement(models.Model):
    household_path = "series__child__household"
    path_param = "measurement_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    series = models.ForeignKey(DataSeries, models.CASCADE, related_name="points")
    date = models.DateField(validators=[in_reach])
    value = models.FloatField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "advocacy_measurement"
        ordering = ["date", "id"]


class Trial(models.Model):
    """The team's proposal, tried for a fixed time on measured terms."""

    household_path = "child__household"
    path_param = "trial_id"

    class Outcome(models.TextChoices):
        RUNNING = "", "Running"
        WORKED = "worked", "It worked"
        DID_NOT_WORK = "did_not_work", "It did not work"
        EXTENDED = "extended", "Extended"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="trials")
    proposal = models.CharField(max_length=300)
    instead_of = models.CharField(max_length=300, blank=True)
    start_date = models.DateField(validators=[in_reach])
    weeks = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    measure = models.CharField(max_length=300)
    how_often = models.CharField(max_length=100, blank=True)
    measured_by = models.CharField(max_length=150, blank=True)
    review_date = models.DateField(validators=[in_reach])
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default="", blank=True)
    concern = models.ForeignKey(
        Concern, models.SET_NULL, null=True, blank=True, related_name="trials"
    )
    series = models.ForeignKey(
        DataSeries, models.SET_NULL, null=True, blank=True, related_name="trials"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "advocacy_trial"
        ordering = ["-start_date"]


class Meeting(models.Model):
    household_path = "child__household"
    path_param = "meeting_id"

    class Kind(models.TextChoices):
        IEP = "iep", "IEP meeting"
        ANNUAL_REVIEW = "annual_review", "Annual review"
        REEVALUATION = "reevaluation", "Reevaluation meeting"
        TRIAL_REVIEW = "trial_review", "Trial review"
        # The records must be available before these too (34 CFR § 300.613(a)).
        RESOLUTION_SESSION = "resolution_session", "Resolution session"
        DUE_PROCESS_HEARING = "due_process_hearing", "Due process hearing"
        OTHER = "other", "Other meeting"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.IEP)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    date = models.DateField(null=True, blank=True, validators=[in_reach])
    time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=200, blank=True)
    invitees = models.ManyToManyField(TeamMember, blank=True, related_name="meetings")
    agenda = models.ManyToManyField(Concern, blank=True, related_name="meetings")
    outcome = models.TextField(blank=True)
    ask = models.ForeignKey(Ask, models.SET_NULL, null=True, blank=True, related_name="meetings")
    trial = models.ForeignKey(
        Trial, models.SET_NULL, null=True, blank=True, related_name="meetings"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "advocacy_meeting"
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["scheduled", "held"], date__isnull=True),
                name="advocacy_meeting_dated_when_scheduled_or_held",
                violation_error_message="A scheduled or held meeting needs its date.",
            )
        ]
