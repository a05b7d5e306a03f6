"""Deadlines are derived, never stored; only the parent's dismissals of coach suggestions,
the calendar feed token and digest bookkeeping are kept."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext

from playbook.children.models import Child
from playbook.days_in_reach import in_reach


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
        validators=[in_reach],
    )
    signed_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the school received your signed consent.",
        validators=[in_reach],
    )
    report_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day you received the evaluation report, if yet.",
        validators=[in_reach],
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
        validators=[in_reach],
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
            errors["signed_on"] = gettext(
                "Enter the day of your written request or of your consent."
            )
        if self.requested_on and self.signed_on and self.signed_on < self.requested_on:
            errors["signed_on"] = gettext("Consent cannot come before the request.")
        if self.report_on and self.signed_on is None:
            errors["report_on"] = gettext("Enter the consent date before the report date.")
        elif self.report_on and self.report_on < self.signed_on:
            errors["report_on"] = gettext("The report cannot come before the consent was signed.")
        first = self.signed_on or self.requested_on
        if self.next_year_starts and first and self.next_year_starts <= first:
            errors["next_year_starts"] = gettext("The next school year starts after the request.")
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


class Removal(models.Model):
    """A day, or part of one, the school kept the child out of class for behavior. Early
    pick-ups and "informal" send-homes count as removals too (34 CFR §§ 300.530, 300.536)."""

    household_path = "child__household"
    path_param = "removal_id"

    class Kind(models.TextChoices):
        SUSPENSION = "suspension", "Suspension"
        INFORMAL = "informal", "Informal removal or early pick-up"
        IN_SCHOOL = "in_school", "In-school removal"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="removals")
    date = models.DateField(help_text="The first day of the removal.", validators=[in_reach])
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUSPENSION)
    days = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="School days removed, for a whole day or more (0.5 for half a day).",
    )
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Hours removed, for part of a day (an early pick-up).",
    )
    school_day_hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="How many hours a full school day lasts, to count the hours as part of a day.",
    )
    decided_by = models.CharField(max_length=150, blank=True)
    placement_change_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the school decided to change the placement for discipline, if it did.",
        validators=[in_reach],
    )
    notes = models.TextField(blank=True, max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-created_at"]

    def clean(self) -> None:
        """The rules every write checks, from the page and the API alike."""
        errors = {}
        if (self.days is None) == (self.hours is None):
            errors["days"] = gettext("Enter either the school days or the hours removed.")
        if self.days is not None and not 0 < self.days <= 180:
            errors["days"] = gettext("Enter between 0.25 and 180 school days.")
        if self.hours is not None:
            if self.school_day_hours is None:
                errors["school_day_hours"] = gettext(
                    "Enter how many hours a full school day lasts."
                )
            elif not 0 < self.school_day_hours <= 12:
                errors["school_day_hours"] = gettext("A school day lasts between 1 and 12 hours.")
            elif not 0 < self.hours <= self.school_day_hours:
                errors["hours"] = gettext(
                    "The hours must be more than 0 and at most a full school day."
                )
        if self.placement_change_on and self.date and self.placement_change_on < self.date:
            errors["placement_change_on"] = gettext("The decision cannot come before the removal.")
        if errors:
            raise ValidationError(errors)

    @property
    def count_words(self) -> str:
        """ "0.5", or "0.5 (3.25 of 6.5 hours)" for part of a day."""
        words = _plain(self.day_count)
        if self.hours is not None and self.school_day_hours:
            words += f" ({_plain(self.hours)} of {_plain(self.school_day_hours)} hours)"
        return words

    @property
    def shown_count_words(self) -> str:
        """`count_words` in the reader's language."""
        words = shown_number(self.day_count)
        if self.hours is not None and self.school_day_hours:
            words += " " + gettext("(%(hours)s of %(full)s hours)") % {
                "hours": shown_number(self.hours),
                "full": shown_number(self.school_day_hours),
            }
        return words

    @property
    def day_count(self) -> Decimal:
        """School days of removal; part of a day counts as its share of the school day."""
        if self.days is not None:
            return Decimal(self.days)
        if self.hours is not None and self.school_day_hours:
            return (Decimal(self.hours) / Decimal(self.school_day_hours)).quantize(Decimal("0.01"))
        return Decimal(0)


def _plain(number) -> str:
    return f"{Decimal(number).normalize():f}"


def shown_number(number) -> str:
    """A count of days or hours as the reader writes it: 2.5, or 2,5 in Spanish."""
    return _plain(number).replace(".", get_format("DECIMAL_SEPARATOR"))
