"""Appending to the paper trail, and checking that nothing in it was changed.

Each entry stores ``content_hash`` (SHA-256 of its content, attachments included by their
own SHA-256) and ``hash`` = SHA-256 of (previous entry's hash, its seq, its content hash).
Changing any stored entry, or an attachment's bytes, breaks the chain from that entry on.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.files.base import ContentFile
from django.db import transaction

from playbook.children.computed import records_changed
from playbook.children.models import Child, TeamMember

from .models import Attachment, Entry

GENESIS = "0" * 64


@dataclass(frozen=True)
class NewAttachment:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


def content_digest(entry: Entry, attachment_hashes: Iterable[str]) -> str:
    """SHA-256 over the entry's content in a canonical form. Flags are left out: they are
    the app's annotations (e.g. a recognised refusal), not what was said."""
    content = {
        "child": str(entry.child_id),
        "occurred_at": _utc(entry.occurred_at).isoformat(),
        "kind": entry.kind,
        "direction": entry.direction,
        "counterpart": str(entry.counterpart_id or ""),
        "sender": entry.sender,
        "recipients": entry.recipients,
        "subject": entry.subject,
        "body": entry.body,
        "message_id": entry.message_id,
        "corrects": str(entry.corrects_id or ""),
        "attachments": sorted(attachment_hashes),
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _utc(when: datetime) -> datetime:
    """The instant in UTC, as the database gives it back, whatever zone it came in."""
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def link_hash(prev_hash: str, seq: int, content_hash: str) -> str:
    return hashlib.sha256(f"{prev_hash}:{seq}:{content_hash}".encode()).hexdigest()


@dataclass(frozen=True)
class Draft:
    """An entry not yet on the trail: what ``append_many`` takes, one per entry."""

    occurred_at: datetime
    kind: str
    direction: str = "none"
    subject: str = ""
    body: str = ""
    counterpart: TeamMember | None = None
    sender: str = ""
    recipients: str = ""
    message_id: str = ""
    import_digest: str = ""
    corrects: Entry | None = None
    flags: dict | None = None
    attachments: Sequence[NewAttachment] = ()


def append(
    child: Child,
    *,
    occurred_at: datetime,
    kind: str,
    direction: str = "none",
    subject: str = "",
    body: str = "",
    counterpart: TeamMember | None = None,
    sender: str = "",
    recipients: str = "",
    message_id: str = "",
    corrects: Entry | None = None,
    flags: dict | None = None,
    attachments: Sequence[NewAttachment] = (),
    import_digest: str = "",
) -> Entry:
    """Add an entry at the end of the child's chain."""
    draft = Draft(
        occurred_at=occurred_at,
        kind=kind,
        direction=direction,
        subject=subject,
        body=body,
        counterpart=counterpart,
        sender=sender,
        recipients=recipients,
        message_id=message_id,
        import_digest=import_digest,
        corrects=corrects,
        flags=flags,
        attachments=attachments,
    )
    return append_many(child, [draft])[0]


def append_many(child: Child, drafts: Sequence[Draft]) -> list[Entry]:
    """Add entries at the end of the child's chain, in the order given, in one transaction.

    The child's row is locked for the length of the transaction, so two writers for one
    child never share a seq. Entries are inserted together; attachments are written one
    file at a time.
    """
    if not drafts:
        return []
    with transaction.atomic():
        # SQLite's IMMEDIATE transactions already serialise writers; on PostgreSQL the row
        # lock does it per child.
        Child.objects.select_for_update().only("pk").get(pk=child.pk)
        last = Entry.objects.filter(child=child).order_by("-seq").values_list("seq", "hash").first()
        seq, prev_hash = (last[0], last[1]) if last else (0, GENESIS)
        entries: list[Entry] = []
        digests: list[list[str]] = []
        for draft in drafts:
            seq += 1
            entry = Entry(
                child=child,
                seq=seq,
                occurred_at=_utc(draft.occurred_at),
                kind=draft.kind,
                direction=draft.direction,
                counterpart=draft.counterpart,
                sender=draft.sender,
                recipients=draft.recipients,
                subject=draft.subject,
                body=draft.body,
                message_id=draft.message_id,
                import_digest=draft.import_digest,
                corrects=draft.corrects,
                flags=draft.flags or {},
                prev_hash=prev_hash,
            )
            hashes = [hashlib.sha256(a.content).hexdigest() for a in draft.attachments]
            entry.content_hash = content_digest(entry, hashes)
            entry.hash = link_hash(prev_hash, seq, entry.content_hash)
            prev_hash = entry.hash
            entries.append(entry)
            digests.append(hashes)
        Entry.objects.bulk_create(entries, batch_size=200)
        records_changed(child.pk)  # bulk_create sends no post_save
        for entry, draft, hashes in zip(entries, drafts, digests, strict=True):
            for new, digest in zip(draft.attachments, hashes, strict=True):
                attachment = Attachment(
                    entry=entry,
                    filename=new.filename[:255],
                    content_type=new.content_type[:150],
                    size=len(new.content),
                    sha256=digest,
                )
                attachment.file.save(new.filename, ContentFile(new.content), save=False)
                attachment.save()
    return entries


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad: Entry | None = None
    reason: str = ""

    def summary(self) -> str:
        """One line a parent (or the verify-trail command) can read."""
        if self.ok:
            noun = "entry" if self.checked == 1 else "entries"
            return f"intact: {self.checked} {noun} checked"
        entry = self.first_bad
        assert entry is not None
        when = entry.occurred_at.date().isoformat()
        return f"broken at entry {entry.seq} ({entry.title}, {when}): {self.reason}"


def verify(child: Child) -> ChainReport:
    """Walk the child's chain in seq order; name the first entry that does not hold."""
    prev_hash = GENESIS
    checked = 0
    # Attachments are few next to entries: one query for all of them beats a prefetch per
    # chunk of entries.
    attachments: dict[object, list[Attachment]] = defaultdict(list)
    for attachment in Attachment.objects.filter(entry__child=child).only(
        "entry_id", "file", "filename", "sha256"
    ):
        attachments[attachment.entry_id].append(attachment)
    entries = Entry.objects.filter(child=child).order_by("seq").defer("flags", "recorded_at")
    for expected_seq, entry in enumerate(entries.iterator(chunk_size=1000), start=1):
        checked += 1
        if entry.seq != expected_seq:
            return ChainReport(False, checked, entry, f"entry {expected_seq} is missing")
        if entry.prev_hash != prev_hash:
            return ChainReport(False, checked, entry, "it does not follow the entry before it")
        stored = []
        for attachment in attachments.get(entry.pk, ()):
            digest = _file_sha256(attachment)
            if digest != attachment.sha256:
                return ChainReport(
                    False, checked, entry, f"attachment {attachment.filename} was changed"
                )
            stored.append(digest)
        if content_digest(entry, stored) != entry.content_hash:
            return ChainReport(False, checked, entry, "its content was changed")
        if link_hash(prev_hash, entry.seq, entry.content_hash) != entry.hash:
            return ChainReport(False, checked, entry, "its hash does not match")
        prev_hash = entry.hash
    return ChainReport(True, checked)


def _file_sha256(attachment: Attachment) -> str:
    digest = hashlib.sha256()
    try:
        with attachment.file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except (FileNotFoundError, ValueError):
        return "missing"
    return digest.hexdigest()
