"""The paper trail: append-only entries, each chained to the one before by a hash."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_noop

from playbook.background.models import BackgroundJob
from playbook.children.models import Child, TeamMember

from .kept_english import english_day


class Kind(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Letter"
    CALL = "call", "Phone call"
    MEETING = "meeting", "Meeting"
    NOTE = "note", "Note or conversation"
    DOCUMENT = "document", "Document"


class Direction(models.TextChoices):
    SENT = "sent", "Sent by us"
    RECEIVED = "received", "Received from the school"
    NONE = "none", "Neither"


class Entry(models.Model):
    """One item of the paper trail. Never edited: a correction is a new entry whose
    ``corrects`` points at the old one."""

    household_path = "child__household"
    path_param = "entry_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="entries")
    seq = models.PositiveIntegerField(help_text="Place in the hash chain, in order of recording.")
    recorded_at = models.DateTimeField(default=timezone.now)
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.NONE)
    counterpart = models.ForeignKey(
        TeamMember, models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    sender = models.CharField(max_length=300, blank=True)
    recipients = models.TextField(blank=True)
    subject = models.CharField(max_length=500, blank=True)
    body = models.TextField(blank=True)
    message_id = models.CharField(max_length=500, blank=True)
    # For imported email: a digest of what the message says, so a message without a
    # Message-ID is still recognised when it is imported again.
    import_digest = models.CharField(max_length=64, blank=True)
    corrects = models.ForeignKey(
        # RESTRICT, not PROTECT: a correction keeps its original alive, yet deleting the
        # whole child (both go together) is allowed.
        "self",
        models.RESTRICT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    flags = models.JSONField(default=dict, blank=True)
    # Which formula made content_hash (playbook.trail.chain): entries keep the one they
    # were recorded with, so a trail recorded before a change still verifies.
    hash_version = models.PositiveSmallIntegerField(default=2)
    content_hash = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["occurred_at", "seq"]
        verbose_name_plural = "entries"
        constraints = [
            models.UniqueConstraint(fields=["child", "seq"], name="trail_entry_seq_unique"),
        ]
        indexes = [
            # The timeline: a child's entries by date, and "older than this entry".
            models.Index(fields=["child", "occurred_at", "seq"], name="trail_entry_timeline"),
            # Import de-duplication by Message-ID.
            models.Index(fields=["child", "message_id"], name="trail_entry_message_id"),
            # Import de-duplication of messages that have no Message-ID.
            models.Index(fields=["child", "import_digest"], name="trail_entry_import_digest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}: {self.subject}"

    @property
    def title(self) -> str:
        """What the entry is called where it is listed: its subject, else its kind."""
        return self.subject or self.get_kind_display()

    # A list of entries (trail.filters.listing) fetches every entry's attachments and
    # corrections in one query each, as plain lists: Django's prefetch into ``.all()``
    # builds a queryset per entry, which cost more than the queries on a page of 50.
    @property
    def files(self) -> list[Attachment]:
        """The attachments, by file name."""
        listed = getattr(self, "listed_attachments", None)
        if listed is None:  # prefetched the usual way, or not at all
            listed = sorted(self.attachments.all(), key=lambda a: a.filename)
        return listed

    @property
    def corrected_by(self) -> list[Entry]:
        """The later entries that correct this one."""
        listed = getattr(self, "listed_corrections", None)
        return listed if listed is not None else list(self.corrections.all())


def attachment_upload_to(instance: Attachment, filename: str) -> str:
    return f"trail/{instance.entry.child_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    household_path = "entry__child__household"
    path_param = "attachment_id"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    entry = models.ForeignKey(Entry, models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_upload_to)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=150, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["filename"]

    def __str__(self) -> str:
        return self.filename


class ChainAnchor(models.Model):
    """A chain head (last entry's seq and hash) the app has shown outside itself: printed
    in a binder or sent in a weekly email. A trail later found shorter than an anchor, or
    with another hash at its seq, was cut short or rewritten.

    The database could be rewritten along with this table; the copy a parent kept (on paper,
    in an email) is the anchor nobody can change. This table catches what it can without
    the parent's help."""

    household_path = "child__household"

    class ShownIn(models.TextChoices):
        BINDER = "binder", "binder"
        DIGEST = "digest", "weekly email"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="chain_anchors")
    seq = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)
    shown_at = models.DateTimeField(default=timezone.now)
    shown_in = models.CharField(max_length=10, choices=ShownIn.choices)

    class Meta:
        ordering = ["seq", "shown_at"]
        constraints = [
            # The first showing of a head is kept; showing it again adds nothing.
            models.UniqueConstraint(fields=["child", "seq", "hash"], name="trail_chainanchor_once"),
        ]

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"

    @property
    def named(self) -> str:
        """How a chain report names this anchor: "the binder of March 3, 2026"."""
        return ANCHOR_NAMES[self.shown_in] % {"day": english_day(self.child.day_of(self.shown_at))}


# How a chain report names an anchor (kept English, shown by trail.chain.CHAIN_WORDS).
ANCHOR_NAMES = {
    ChainAnchor.ShownIn.BINDER: gettext_noop("the binder of %(day)s"),
    ChainAnchor.ShownIn.DIGEST: gettext_noop("the weekly email of %(day)s"),
}


class VerifiedHead(models.Model):
    """How far the chain was last found intact, so the next check walks only what was
    added since (issue 21). ``full_at``: when every entry was last walked; what came before
    ``seq`` is re-walked only by a full check (on demand, or the verify-trail command)."""

    household_path = "child__household"

    child = models.OneToOneField(
        Child, models.CASCADE, primary_key=True, related_name="verified_head"
    )
    seq = models.PositiveIntegerField()
    hash = models.CharField(max_length=64)
    checked_at = models.DateTimeField(default=timezone.now)
    full_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


def email_import_upload_to(instance: EmailImport, filename: str) -> str:
    return f"imports/{instance.child_id}/{instance.pk}"


class EmailImport(BackgroundJob):
    """A .eml or .mbox file imported in the background (playbook.trail.import_jobs), and
    the account of what it added. The file is kept in private storage only until the
    import ends, done or failed; the report stays."""

    household_path = "child__household"
    path_param = "import_id"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    child = models.ForeignKey(Child, models.CASCADE, related_name="email_imports")
    requested_by = models.ForeignKey(
        "accounts.User", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The name the parent's file had: the importer reads .eml and .mbox differently, and
    # the report names the file.
    filename = models.CharField(max_length=255)
    file = models.FileField(upload_to=email_import_upload_to, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    imported_count = models.PositiveIntegerField(default=0)
    duplicate_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    # Labels such as "message 12", as the importer's report gives them.
    duplicate_items = models.JSONField(default=list, blank=True)
    skipped_items = models.JSONField(default=list, blank=True)  # [{item, reason}]
    notes = models.JSONField(default=list, blank=True)  # [{item, note}]

    class Meta(BackgroundJob.Meta):
        indexes = [
            # The import page's list of a child's recent imports.
            models.Index(fields=["child", "-created_at"], name="trail_emailimport_recent"),
        ]

    def __str__(self) -> str:
        return f"Import of {self.filename} ({self.status})"
