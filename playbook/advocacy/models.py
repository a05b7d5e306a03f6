"""What the parent is working on: concerns with evidence, asks and their replies, refusals,
trials of a team proposal, meetings, and progress data."""

from __future__ import annotations

import uuid

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from playbook.children.models import Child, TeamMember
from playbook.trail.models import Entry


class Concern(models.Model):
    household_path = "child__household"
    path_param = "concern_id"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Resolved"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="concerns")
    title = models.CharField(max_length=200)
    area = models.CharField(max_length=100, blank=True)
    details = models.TextField(blank=True)
    request = models.TextField(blank=True, help_text="What you are asking the school to do.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.concern.child_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """One bullet of evidence: an example, a reason or a data point."""

    household_path = "concern__child__household"
    path_param = "evidence_id"

    class Kind(models.TextChoices):
        EXAMPLE = "example", "Example"
        REASON = "reason", "Reason"
        DATA = "data", "Data point"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    concern = models.ForeignKey(Concern, models.CASCADE, related_name="evidence")
    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EXAMPLE)
    date = models.DateField(null=True, blank=True)
    attachment = models.FileField(upload_to=evidence_upload_to, blank=True)
    attachment_name = models.CharField(max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"
    MEETING = "meeting", "At a meeting"


class AskStatus(models.TextChoices):
    OPEN = "open", "Waiting for a reply"
    ANSWERED = "answered", "Answered"
    GRANTED = "granted", "Granted"
    PARTLY_GRANTED = "partly_granted", "Partly granted"
    REFUSED = "refused", "Refused"
    NO_REPLY = "no_reply", "No reply"


class Ask(models.Model):
    """Something the parent requested of the school, and what came of it."""

    household_path = "child__household"
    path_param = "ask_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="asks")
    subject = models.CharField(max_length=300)
    details = models.TextField(blank=True)
    asked_of = models.ForeignKey(
        TeamMember, models.SET_NULL, null=True, blank=True, related_name="asks"
    )
    asked_on = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=20, choices=AskStatus.choices, default=AskStatus.OPEN)
    reply_due = models.DateField(null=True, blank=True)
    reply_text = models.TextField(blank=True)
    reply_date = models.DateField(null=True, blank=True)
    concern = models.ForeignKey(
        Concern, models.SET_NULL, null=True, blank=True, related_name="asks"
    )
    # What move opened it (a letter kind), so the coach knows a meeting request from a
    # records request.
    kind = models.CharField(max_length=40, blank=True)
    entries = models.ManyToManyField(Entry, blank=True, related_name="asks")
    involved = models.ManyToManyField(TeamMember, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["asked_on", "created_at"]
        indexes = [models.Index(fields=["child", "status"], name="advocacy_ask_open")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reply_due__isnull=True)
                | models.Q(reply_due__gte=models.F("asked_on")),
                name="advocacy_ask_reply_due_on_or_after_asked_on",
                violation_error_message="The reply date can't be before the day you asked.",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.status == AskStatus.OPEN


class Refusal(models.Model):
    """A "no" worth challenging."""

    household_path = "child__household"
    path_param = "refusal_id"

    class PolicyOutcome(models.TextChoices):
        NOT_ASKED = "", "Not asked yet"
        PENDING = "pending", "Waiting for the policy"
        PRODUCED = "produced", "Policy produced"
        NONE_EXISTS = "none_exists", "No such policy exists"
        NO_REPLY = "no_reply", "No reply"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="refusals")
    said_by = models.ForeignKey(
        TeamMember, models.SET_NULL, null=True, blank=True, related_name="refusals"
    )
    said_on = models.DateField()
    words = models.TextField()
    ask = models.ForeignKey(Ask, models.SET_NULL, null=True, blank=True, related_name="refusals")
    entry = models.ForeignKey(
        Entry, models.SET_NULL, null=True, blank=True, related_name="refusals"
    )
    policy_outcome = models.CharField(
        max_length=20, choices=PolicyOutcome.choices, default=PolicyOutcome.NOT_ASKED, blank=True
    )
    policy_citation = models.CharField(max_length=300, blank=True)
    policy_outcome_on = models.DateField(null=True, blank=True)
    policy_notes = models.TextField(blank=True)
    # The trail entry holding the policy document the school produced.
    policy_entry = models.ForeignKey(
        Entry, models.SET_NULL, null=True, blank=True, related_name="policies_for"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-said_on", "-created_at"]


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
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "data series"

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    household_path = "series__child__household"
    path_param = "measurement_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    series = models.ForeignKey(DataSeries, models.CASCADE, related_name="points")
    date = models.DateField()
    value = models.FloatField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
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
    start_date = models.DateField()
    weeks = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    measure = models.CharField(max_length=300)
    how_often = models.CharField(max_length=100, blank=True)
    measured_by = models.CharField(max_length=150, blank=True)
    review_date = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default="", blank=True)
    concern = models.ForeignKey(
        Concern, models.SET_NULL, null=True, blank=True, related_name="trials"
    )
    series = models.ForeignKey(
        DataSeries, models.SET_NULL, null=True, blank=True, related_name="trials"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start_date"]


class Meeting(models.Model):
    household_path = "child__household"
    path_param = "meeting_id"

    class Kind(models.TextChoices):
        IEP = "iep", "IEP meeting"
        ANNUAL_REVIEW = "annual_review", "Annual review"
        REEVALUATION = "reevaluation", "Reevaluation meeting"
        TRIAL_REVIEW = "trial_review", "Trial review"
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
    date = models.DateField(null=True, blank=True)
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
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["scheduled", "held"], date__isnull=True),
                name="advocacy_meeting_dated_when_scheduled_or_held",
                violation_error_message="A scheduled or held meeting needs its date.",
            )
        ]
