"""Appending to the paper trail, and checking that nothing in it was changed.

Each entry stores ``content_hash`` (SHA-256 of everything stored about it, its
attachments' names, types, sizes and SHA-256 included) and ``hash`` = SHA-256 of (previous
entry's hash, its seq, its content hash). Changing any stored entry, or an attachment,
breaks the chain from that entry on.

What the chain alone cannot show is an end cut off, or a trail rewritten and re-hashed from
some entry on: both chain again. For that the last entry's seq and hash (the *head*, a
``Fingerprint``) is printed in every binder and weekly email: a parent who kept one can
check the trail against it, and the app remembers the heads it has shown
(``ChainAnchor``) and checks against them every time (decision 0016).

Entries keep the formula they were hashed with (``Entry.hash_version``): version 1, before
that decision, left out when an entry was recorded, its flags, its import digest and its
attachments' names and types.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from playbook.children.computed import records_changed
from playbook.children.models import Child, TeamMember

from .kept_english import KeptEnglish
from .models import ANCHOR_NAMES, Attachment, ChainAnchor, Entry, VerifiedHead

GENESIS = "0" * 64
HASH_VERSION = 2  # what new entries are hashed with; verify() reads every version so far


@dataclass(frozen=True)
class NewAttachment:
    filename: str
    content: bytes
    content_type: str = "application/octet-stream"


def content_digest(entry: Entry, attachments: Iterable[Attachment]) -> str:
    """SHA-256 over the entry's stored fields in a canonical form, by the formula of the
    entry's ``hash_version``. ``attachments``: the entry's, saved or about to be."""
    if entry.hash_version == 1:
        content = _content_v1(entry, [a.sha256 for a in attachments])
    else:
        content = _content_v2(entry, attachments)
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _content_v2(entry: Entry, attachments: Iterable[Attachment]) -> dict:
    """Every stored field but the chain's own (seq and prev_hash are in the link hash). An
    attachment by what it is, never by where its file is stored: a restore renames files."""
    return {
        "version": 2,
        "id": str(entry.pk),
        "child": str(entry.child_id),
        "recorded_at": _utc(entry.recorded_at).isoformat(),
        "occurred_at": _utc(entry.occurred_at).isoformat(),
        "kind": entry.kind,
        "direction": entry.direction,
        "counterpart": str(entry.counterpart_id or ""),
        "sender": entry.sender,
        "recipients": entry.recipients,
        "subject": entry.subject,
        "body": entry.body,
        "message_id": entry.message_id,
        "import_digest": entry.import_digest,
        "corrects": str(entry.corrects_id or ""),
        "flags": entry.flags,
        "attachments": sorted([a.filename, a.content_type, a.size, a.sha256] for a in attachments),
    }


def _content_v1(entry: Entry, attachment_hashes: list[str]) -> dict:
    """The formula before decision 0016, for entries recorded with it."""
    return {
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
        attachments: list[list[tuple[Attachment, bytes]]] = []
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
                flags=_as_stored(draft.flags or {}),
                hash_version=HASH_VERSION,
                prev_hash=prev_hash,
            )
            files = [(_attachment_row(entry, new), new.content) for new in draft.attachments]
            entry.content_hash = content_digest(entry, [row for row, _ in files])
            entry.hash = link_hash(prev_hash, seq, entry.content_hash)
            prev_hash = entry.hash
            entries.append(entry)
            attachments.append(files)
        Entry.objects.bulk_create(entries, batch_size=200)
        records_changed(child.pk)  # bulk_create sends no post_save
        for files in attachments:
            for row, content in files:
                row.file.save(row.filename, ContentFile(content), save=False)
                row.save()
    return entries


def _as_stored(flags: dict) -> dict:
    """The flags as the database gives them back (tuples become lists...), so the hash
    made now is the hash checked later."""
    return json.loads(json.dumps(flags))


def _attachment_row(entry: Entry, new: NewAttachment) -> Attachment:
    """The attachment's row as it will be stored, before its file is written."""
    return Attachment(
        entry=entry,
        filename=new.filename[:255],
        content_type=new.content_type[:150],
        size=len(new.content),
        sha256=hashlib.sha256(new.content).hexdigest(),
    )


# Fingerprints: a chain head kept outside the database


@dataclass(frozen=True)
class Fingerprint:
    """An entry's place in the chain and its hash, written ``214:3f9a…`` (the full hash).
    The last entry's is the trail's head; the number may be missing from one a parent
    copied by hand."""

    seq: int | None
    hash: str

    def __str__(self) -> str:
        return self.hash if self.seq is None else f"{self.seq}:{self.hash}"


class BadFingerprint(ValueError):
    """A fingerprint that cannot be read; the message says how it should look."""


_FINGERPRINT = re.compile(r"(?:(?:entry\s*)?(?P<seq>[0-9]+)\s*:\s*)?(?P<hash>[0-9a-f]{64})")


def parse_fingerprint(text: str) -> Fingerprint:
    """``214:<hash>``, ``entry 214: <hash>`` or the hash alone, in either case."""
    found = _FINGERPRINT.fullmatch(text.strip().lower())
    seq = int(found["seq"]) if found and found["seq"] else None
    if found is None or seq == 0:
        raise BadFingerprint(
            "Enter the fingerprint as it was printed: the entry number, a colon, then the "
            "64 letters and digits of its hash (0-9 and a-f), like 214:3f9a…; or the 64 "
            "characters alone."
        )
    return Fingerprint(seq, found["hash"])


def head_of(child: Child) -> Fingerprint | None:
    """The last entry's fingerprint, None for an empty trail. One query."""
    last = Entry.objects.filter(child=child).order_by("-seq").values_list("seq", "hash").first()
    return Fingerprint(*last) if last else None


def remember_shown(child: Child, head: Fingerprint | None, shown_in: str) -> None:
    """Keep a head the app has just printed (``ChainAnchor.ShownIn``), so the trail is
    checked against it from now on. The first showing of a head is kept. One query."""
    if head is None:
        return
    anchor = ChainAnchor(child=child, seq=head.seq, hash=head.hash, shown_in=shown_in)
    ChainAnchor.objects.bulk_create([anchor], ignore_conflicts=True)


# Checking the chain

# Why the chain does not verify: kept English (the API and verify-trail give them as they
# are), shown in the reader's language by CHAIN_WORDS.
CHAIN_WORDS = KeptEnglish()
MISSING = CHAIN_WORDS.kept(gettext_noop("entry %(seq)s is missing"))
NOT_FOLLOWING = CHAIN_WORDS.kept(gettext_noop("it does not follow the entry before it"))
OLDER_FORMULA = CHAIN_WORDS.kept(
    gettext_noop("it claims an older fingerprint formula than the entries before it")
)
UNKNOWN_FORMULA = CHAIN_WORDS.kept(
    gettext_noop("its fingerprint formula (version %(version)s) is unknown")
)
ATTACHMENT_CHANGED = CHAIN_WORDS.kept(gettext_noop("attachment %(name)s was changed"))
CONTENT_CHANGED = CHAIN_WORDS.kept(gettext_noop("its content was changed"))
HASH_MISMATCH = CHAIN_WORDS.kept(gettext_noop("its hash does not match"))
KEPT_NOWHERE = CHAIN_WORDS.kept(
    gettext_noop(
        "no entry has the fingerprint you kept: entries were removed or rewritten since, or the "
        "fingerprint was copied wrong"
    )
)
CUT_SHORT = CHAIN_WORDS.kept(
    gettext_noop("%(showed)s, but the trail now %(ends)s: entries were removed from the end")
)
ENDS_AT = CHAIN_WORDS.kept(gettext_noop("ends at entry %(seq)s"))
NO_ENTRIES = CHAIN_WORDS.kept(gettext_noop("has no entries"))
YOU_KEPT = CHAIN_WORDS.kept(gettext_noop("you kept the fingerprint of entry %(seq)s"))
SHOWED = CHAIN_WORDS.kept(gettext_noop("%(place)s showed entry %(seq)s"))
REWRITTEN = CHAIN_WORDS.kept(gettext_noop("%(another)s, so the trail was rewritten up to here"))
NOT_YOURS = CHAIN_WORDS.kept(gettext_noop("its hash is not the one in the fingerprint you kept"))
NOT_SHOWN = CHAIN_WORDS.kept(gettext_noop("its hash is not the one %(place)s showed"))
for _name in ANCHOR_NAMES.values():
    CHAIN_WORDS.kept(_name)


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad: Entry | None = None
    reason: str = ""
    bad_seq: int | None = None  # the first entry that does not hold, or the first missing
    head: Fingerprint | None = None  # the last entry's, when the trail holds
    against: Fingerprint | None = None  # the kept fingerprint it was found to match
    # An incremental check: the entries up to this seq were walked by the full check of
    # ``full_at`` (or a check since) and only those after it now; None for a full walk.
    walked_from: int | None = None
    full_at: datetime | None = None

    @property
    def added_since(self) -> int:
        """How many entries an incremental check walked."""
        return self.checked - (self.walked_from or 0)

    def summary(self) -> str:
        """One line a parent (or the verify-trail command) can read."""
        if self.ok:
            noun = "entry" if self.checked == 1 else "entries"
            line = f"intact: {self.checked} {noun} checked"
            if self.walked_from is not None:
                line += f" ({self.added_since} added since the last check walked)"
            if self.against is not None:
                line += f"; entry {self.against.seq} matches the fingerprint you kept"
            return line
        entry = self.first_bad
        if entry is None:
            return f"broken: {self.reason}"
        when = entry.child.day_of(entry.occurred_at).isoformat()
        return f"broken at entry {entry.seq} ({entry.title}, {when}): {self.reason}"


@dataclass(frozen=True)
class _Anchor:
    """A fingerprint to check the trail against, and where it was seen: "the binder of
    March 3, 2026" (a head the app showed), or kept by the parent."""

    fingerprint: Fingerprint
    seen_in: str = ""

    def showed(self, seq: int) -> str:
        if not self.seen_in:
            return YOU_KEPT % {"seq": seq}
        return SHOWED % {"place": self.seen_in, "seq": seq}

    def names_another_hash(self) -> str:
        if not self.seen_in:
            return NOT_YOURS
        return NOT_SHOWN % {"place": self.seen_in}


def verify(
    child: Child, against: Fingerprint | None = None, *, incremental: bool = False
) -> ChainReport:
    """Walk the child's chain in seq order; name the first entry that does not hold. Then
    check it against every head the app has shown and against the fingerprint ``against``
    a parent kept, if given: a trail ending before one, or with another hash at its seq,
    was cut short or rewritten.

    ``incremental``: the walk starts at the head the last check found intact
    (``VerifiedHead``), after making sure that entry is still there, unchanged, with as
    many entries before it: a check costs what was added since, at any size of trail. An
    entry before that head changed since is found only by the next full walk (the report
    says when the last one was); whatever the shortcut cannot be sure of, the full walk
    answers."""
    anchors = [
        _Anchor(Fingerprint(a.seq, a.hash), a.named)
        for a in child.chain_anchors.order_by("seq", "shown_at")
    ]
    if against is not None:
        anchors.append(_Anchor(against))
    verified = VerifiedHead.objects.filter(child=child).first() if incremental else None
    start = _resume_point(child, verified) if verified is not None else None
    walk = _walk(child, anchors, start)
    if walk.broken is not None:
        if start is not None:
            return verify(child, against)
        return walk.broken
    # The lowest anchor that does not hold says most; one found nowhere is told last.
    for anchor in sorted(anchors, key=lambda a: walk.seq_of(a.fingerprint) or math.inf):
        broken = _check_anchor(child, walk, anchor)
        if broken is not None:
            if start is not None:
                return verify(child, against)
            return broken
    full_at = _remember_verified(child, walk.head, verified, full=start is None)
    matched = Fingerprint(walk.seq_of(against), against.hash) if against else None
    return ChainReport(
        True,
        walk.checked,
        head=walk.head,
        against=matched,
        walked_from=start.seq if start is not None else None,
        full_at=full_at,
    )


def _resume_point(child: Child, verified: VerifiedHead) -> Entry | None:
    """The entry the last check ended at, when the trail still holds it unchanged with
    as many entries before it; None sends the check back to entry 1."""
    entry = Entry.objects.filter(child=child, seq=verified.seq).first()
    if entry is None or entry.hash != verified.hash:
        return None
    if Entry.objects.filter(child=child, seq__lte=verified.seq).count() != verified.seq:
        return None
    attachments = list(Attachment.objects.filter(entry=entry))
    if _problem(entry, entry.seq, entry.prev_hash, entry.hash_version, attachments):
        return None
    return entry


def _remember_verified(
    child: Child, head: Fingerprint | None, verified: VerifiedHead | None, *, full: bool
):
    """Keep the head just found intact; returns when the last full walk was."""
    if head is None:
        VerifiedHead.objects.filter(child=child).delete()
        return None
    now = timezone.now()
    if verified is None:
        verified = VerifiedHead.objects.filter(child=child).first()
    full_at = now if full else (verified.full_at if verified else None)
    if verified and (verified.seq, verified.hash, verified.full_at) == (
        head.seq,
        head.hash,
        full_at,
    ):
        return full_at
    VerifiedHead.objects.update_or_create(
        child=child,
        defaults={"seq": head.seq, "hash": head.hash, "checked_at": now, "full_at": full_at},
    )
    return full_at


@dataclass
class _Walk:
    checked: int = 0
    head: Fingerprint | None = None
    broken: ChainReport | None = None
    # The hashes at the anchors' seqs, and where the hashes of anchors without one are.
    hashes: dict[int, str] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)

    def seq_of(self, fingerprint: Fingerprint) -> int | None:
        return fingerprint.seq or self.found.get(fingerprint.hash)


def _walk(child: Child, anchors: list[_Anchor], start: Entry | None = None) -> _Walk:
    """The chain walked from entry 1, or on from ``start`` (known to hold)."""
    walk = _Walk()
    wanted_seqs = {a.fingerprint.seq for a in anchors if a.fingerprint.seq}
    wanted_hashes = {a.fingerprint.hash for a in anchors if not a.fingerprint.seq}
    entries = Entry.objects.filter(child=child).order_by("seq")
    prev_hash, version, done = GENESIS, 1, 0
    if start is not None:
        prev_hash, version, done = start.hash, start.hash_version, start.seq
        walk.checked, walk.head = start.seq, Fingerprint(start.seq, start.hash)
        entries = entries.filter(seq__gt=start.seq)
        _hashes_before(child, walk, start.seq, wanted_seqs, wanted_hashes)
    # Attachments are few next to entries: one query for all of them beats a prefetch per
    # chunk of entries.
    attachments: dict[object, list[Attachment]] = defaultdict(list)
    for attachment in Attachment.objects.filter(entry__child=child, entry__seq__gt=done):
        attachments[attachment.entry_id].append(attachment)
    for expected_seq, entry in enumerate(entries.iterator(chunk_size=1000), start=done + 1):
        walk.checked += 1
        reason = _problem(entry, expected_seq, prev_hash, version, attachments[entry.pk])
        if reason:
            walk.broken = ChainReport(False, walk.checked, entry, reason, bad_seq=entry.seq)
            return walk
        if entry.seq in wanted_seqs:
            walk.hashes[entry.seq] = entry.hash
        if entry.hash in wanted_hashes:
            walk.found.setdefault(entry.hash, entry.seq)
            walk.hashes[entry.seq] = entry.hash
        prev_hash, version = entry.hash, entry.hash_version
        walk.head = Fingerprint(entry.seq, entry.hash)
    return walk


def _hashes_before(child, walk: _Walk, upto: int, seqs: set[int], hashes: set[str]) -> None:
    """The anchors' entries among those the last check walked, looked up, not walked."""
    rows = Entry.objects.filter(child=child, seq__lte=upto)
    for seq, hash_ in rows.filter(seq__in=seqs).values_list("seq", "hash"):
        walk.hashes[seq] = hash_
    if hashes:
        for seq, hash_ in rows.filter(hash__in=hashes).order_by("seq").values_list("seq", "hash"):
            walk.found.setdefault(hash_, seq)
            walk.hashes[seq] = hash_


def _problem(
    entry: Entry, expected_seq: int, prev_hash: str, version: int, attachments: list[Attachment]
) -> str:
    """Why this entry does not hold where it stands, or "" when it does."""
    if entry.seq != expected_seq:
        return MISSING % {"seq": expected_seq}
    if entry.prev_hash != prev_hash:
        return NOT_FOLLOWING
    if entry.hash_version < version:
        # Nothing is ever hashed the old way again: a forger's way to drop fields.
        return OLDER_FORMULA
    if entry.hash_version > HASH_VERSION:
        return UNKNOWN_FORMULA % {"version": entry.hash_version}
    for attachment in attachments:
        if _file_sha256(attachment) != attachment.sha256:
            return ATTACHMENT_CHANGED % {"name": attachment.filename}
    if content_digest(entry, attachments) != entry.content_hash:
        return CONTENT_CHANGED
    if link_hash(prev_hash, entry.seq, entry.content_hash) != entry.hash:
        return HASH_MISMATCH
    return ""


def _check_anchor(child: Child, walk: _Walk, anchor: _Anchor) -> ChainReport | None:
    """None when the trail still holds the anchor's entry, with the same hash."""
    fingerprint, last = anchor.fingerprint, walk.head.seq if walk.head else 0
    seq = walk.seq_of(fingerprint)
    if seq is None:
        # Only a fingerprint kept without its number can be missing altogether.
        return ChainReport(False, walk.checked, reason=KEPT_NOWHERE)
    if seq > last:
        ends = ENDS_AT % {"seq": last} if last else NO_ENTRIES
        reason = CUT_SHORT % {"showed": anchor.showed(seq), "ends": ends}
        return ChainReport(False, walk.checked, reason=reason, bad_seq=last + 1)
    if walk.hashes[seq] != fingerprint.hash:
        entry = Entry.objects.get(child=child, seq=seq)
        reason = REWRITTEN % {"another": anchor.names_another_hash()}
        return ChainReport(False, walk.checked, entry, reason, bad_seq=seq)
    return None


def _file_sha256(attachment: Attachment) -> str:
    digest = hashlib.sha256()
    try:
        with attachment.file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except (FileNotFoundError, ValueError):
        return "missing"
    return digest.hexdigest()
