"""Progress reports on the IEP's goals (issue 16): the school's report, and for each goal
what it reported, matched to the goal of the IEP in effect."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from playbook.children.models import IEP, Child, Goal
from playbook.days_in_reach import in_reach


class Status(models.TextChoices):
    """The school's words, as the report's own wording maps to them (iep_layouts.toml)."""

    MASTERED = "mastered", "mastered"
    MAKING_PROGRESS = "making progress", "making progress"
    EMERGING = "emerging", "emerging"
    INSUFFICIENT = "insufficient progress", "insufficient progress"
    NOT_INTRODUCED = "not introduced", "not introduced"
    NONE = "", "no words"


class Unit(models.TextChoices):
    PERCENT = "percent", "percent"
    PER_MINUTE = "per minute", "per minute"
    RUBRIC = "rubric", "rubric level"
    COUNT = "count", "count"
    NONE = "", "no number"


class ProgressReport(models.Model):
    household_path = "child__household"
    path_param = "progress_report_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="progress_reports")
    iep = models.ForeignKey(IEP, models.SET_NULL, null=True, blank=True, related_name="+")
    report_date = models.DateField(validators=[in_reach])
    file_name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["report_date", "created_at"]

    def __str__(self) -> str:
        return f"Progress report of {self.report_date}"


class ProgressEntry(models.Model):
    household_path = "report__child__household"
    path_param = "progress_entry_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    report = models.ForeignKey(ProgressReport, models.CASCADE, related_name="entries")
    goal = models.ForeignKey(Goal, models.CASCADE, related_name="progress_entries")
    date = models.DateField(validators=[in_reach])
    value = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=12, choices=Unit.choices, blank=True)
    status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    school_words = models.CharField(max_length=500, blank=True)
    page = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["date", "report__created_at"]

    def __str__(self) -> str:
        return f"{self.date}: {self.value if self.value is not None else self.status}"
