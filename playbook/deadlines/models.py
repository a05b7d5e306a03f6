"""Deadlines are derived, never stored; only the parent's dismissals of coach suggestions,
the calendar feed token and digest bookkeeping are kept."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
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
    """One evaluation: the written request or referral (it starts the state clocks that run
    from it, such as Texas's 15 school days to answer or California's 15 days for an
    assessment plan), the day the school received the parent's written consent (it starts
    the evaluation clock, § 300.301(c)(1) or the state's rule), the report, the school days
    the child was absent meanwhile (Texas extends its clock by them), and the first day of
    the next school year (where a state's year-end rule counts from it)."""

    household_path = "child__household"
    path_param = ("consent_id", "evaluation_id")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="evaluation_consents")
    requested_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the school received your written request or referral, if you know it.",
    )
    signed_on = models.DateField(
        null=True, blank=True, help_text="The day the school received your signed consent."
    )
    report_on = models.DateField(
        null=True, blank=True, help_text="The day you received the evaluation report, if yet."
    )
    absences = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(200)],
        help_text="School days your child was absent while the evaluation ran.",
    )
    next_year_starts = models.DateField(
        null=True,
        blank=True,
        help_text="The first day of the next school year, if the evaluation runs into summer.",
    )
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-signed_on", "-requested_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report_on__isnull=True)
                | models.Q(report_on__gte=models.F("signed_on")),
                name="deadlines_consent_report_after_signing",
            ),
            models.CheckConstraint(
                condition=models.Q(requested_on__isnull=False) | models.Q(signed_on__isnull=False),
                name="deadlines_evaluation_has_a_start",
            ),
        ]

    def clean(self) -> None:
        """The rules every write checks, from the page and the API alike."""
        errors = {}
        if self.requested_on is None and self.signed_on is None:
            errors["signed_on"] = "Enter the day of your written request or of your consent."
        if self.requested_on and self.signed_on and self.signed_on < self.requested_on:
            errors["signed_on"] = "Consent cannot come before the request."
        if self.report_on and self.signed_on is None:
            errors["report_on"] = "Enter the consent date before the report date."
        elif self.report_on and self.report_on < self.signed_on:
            errors["report_on"] = "The report cannot come before the consent was signed."
        first = self.signed_on or self.requested_on
        if self.next_year_starts and first and self.next_year_starts <= first:
            errors["next_year_starts"] = "The next school year starts after the request."
        if errors:
            raise ValidationError(errors)

    @property
    def started_on(self):
        return self.signed_on or self.requested_on


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
