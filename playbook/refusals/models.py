"""A "no" worth challenging, and what the school said of its policy."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone

from playbook.advocacy.models import Ask
from playbook.children.models import Child, TeamMember
from playbook.days_in_reach import in_reach
from playbook.school_language import kinds
from playbook.trail.models import Entry


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
    said_on = models.DateField(validators=[in_reach])
    words = models.TextField()
    # The kind of "no" the recogniser heard in the words (school_language.kinds: resources,
    # rule, myth, delay, legal, convenience, deflection), or "" when it named none (issue 14).
    kind = models.CharField(max_length=20, blank=True, default="")
    # The sentences of the words heard as a "no", as they stand there: read once, when the
    # refusal is recorded, not on every page and API read.
    matched = models.JSONField(default=list, blank=True)
    ask = models.ForeignKey(Ask, models.SET_NULL, null=True, blank=True, related_name="refusals")
    entry = models.ForeignKey(
        Entry, models.SET_NULL, null=True, blank=True, related_name="refusals"
    )
    policy_outcome = models.CharField(
        max_length=20, choices=PolicyOutcome.choices, default=PolicyOutcome.NOT_ASKED, blank=True
    )
    policy_citation = models.CharField(max_length=300, blank=True)
    policy_outcome_on = models.DateField(null=True, blank=True, validators=[in_reach])
    policy_notes = models.TextField(blank=True)
    # The trail entry holding the policy document the school produced.
    policy_entry = models.ForeignKey(
        Entry, models.SET_NULL, null=True, blank=True, related_name="policies_for"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "advocacy_refusal"  # the table kept its name when refusals left advocacy
        ordering = ["-said_on", "-created_at"]

    @property
    def kind_of_no(self) -> kinds.Kind | None:
        """The stored kind with its plain-words meaning and its move; None when none was
        heard."""
        return kinds.kind(self.kind) if self.kind else None
