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


class EvaluationConsent(models.Model):
    """The day the school received the parent's written consent to evaluate: it starts the
    evaluation clock (§ 300.301(c)(1) or the state's rule). A request alone starts none."""

    household_path = "child__household"
    path_param = "consent_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="evaluation_consents")
    signed_on = models.DateField(help_text="The day the school received your signed consent.")
    report_on = models.DateField(
        null=True, blank=True, help_text="The day you received the evaluation report, if yet."
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report_on__isnull=True)
                | models.Q(report_on__gte=models.F("signed_on")),
                name="deadlines_consent_report_after_signing",
            )
        ]


class CalendarFeed(models.Model):
    """One member's private calendar subscription for one child. The token in the URL is
    derived from the site's secret key and ``nonce``; only its hash is stored for lookup,
    so the database alone cannot rebuild a working URL. Renewing changes the nonce: the old
    URL stops. The feed belongs to the membership: removing the member deletes it, so their
    URL stops too, and the other members' links are their own."""

    household_path = "child__household"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="calendar_feeds")
    membership = models.ForeignKey(
        "accounts.Membership", models.CASCADE, related_name="calendar_feeds"
    )
    nonce = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["child", "membership"], name="deadlines_feed_one_per_member_and_child"
            )
        ]
