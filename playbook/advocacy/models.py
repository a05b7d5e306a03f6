"""What the parent is working on: concerns with evidence, and asks and their replies."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from playbook.children.models import Child, TeamMember
from playbook.days_in_reach import in_reach
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
    date = models.DateField(null=True, blank=True, validators=[in_reach])
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
    asked_on = models.DateField(validators=[in_reach])
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(max_length=20, choices=AskStatus.choices, default=AskStatus.OPEN)
    reply_due = models.DateField(null=True, blank=True, validators=[in_reach])
    reply_text = models.TextField(blank=True)
    reply_date = models.DateField(null=True, blank=True, validators=[in_reach])
    concern = models.ForeignKey(
        Concern, models.SET_NULL, null=True, blank=True, related_name="asks"
    )
    # What move opened it (a letter kind), so the coach knows a meeting request from a
    # records request.
    kind = models.CharField(max_length=40, blank=True)
    entries = models.ManyToManyField(Entry, blank=True, related_name="asks")
    involved = models.ManyToManyField(TeamMember, blank=True, related_name="+")
    # The chain of command as one thread (move 5, decision 0036): an escalation points at
    # the ORIGINAL request it carries up, whatever rung it was sent from; an ask carried up
    # to the next person is marked escalated, and is no longer followed up at its rung.
    about = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="carried_up"
    )
    escalated_on = models.DateField(null=True, blank=True, validators=[in_reach])
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

    @property
    def original(self) -> Ask:
        """The request this ask carries up the chain (itself when it is not an escalation)."""
        return self.about if self.about_id else self
