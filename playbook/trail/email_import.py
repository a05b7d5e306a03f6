"""Email into the paper trail: one .eml message or a whole .mbox export.

Each message becomes an ``email`` entry with its sender, recipients, date, subject, body and
attachments. Direction comes from the household's own addresses, the counterpart from the
team roster. A message already on the child's trail (same Message-ID, or the same content
when it has none) is counted as a duplicate and skipped. A message that cannot be read is
rejected with its reason, and the others still import.

An upload may be as large as any other (``settings.MAX_UPLOAD_BYTES``). The whole upload is
read first, then written in one transaction: if writing fails partway, or the process is
stopped, none of its messages is kept, and importing the same file again is safe.

One message over ``settings.MAX_EMAIL_MESSAGE_BYTES`` (30 MB) is rejected with its reason,
whether alone in a .eml file or inside a mailbox (issue 14, decision 0028).

Attachments over ``settings.MAX_UPLOAD_BYTES`` are skipped, not the message: the words of
an email are the record and must not be lost for the sake of one oversized file. The entry
says so in ``flags["attachments_skipped"]`` and the import report lists it as a note, so the
parent knows to keep that file elsewhere.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import mailbox
import os
import posixpath
import re
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.headerregistry import HeaderRegistry
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from playbook.accounts.models import User
from playbook.children.models import Child, TeamMember
from playbook.plain_text import block, one_line

from . import import_words as words
from . import signals
from .chain import Draft, NewAttachment, append_many
from .html_text import html_to_text
from .log_entry import detect_refusal
from .models import Attachment, Direction, Entry, Kind, attachment_upload_to

log = logging.getLogger(__name__)

BATCH = 200


class UnsupportedFile(ValueError):
    """The upload is not something the importer reads (says which kind it wants)."""


class TooLarge(ValueError):
    pass


class ImportFailed(Exception):
    """Writing the messages failed partway, so none of them was kept."""

    def __init__(self, source: str) -> None:
        super().__init__(
            f"The import stopped before it finished, so nothing from {source} was added: "
            "the trail is as it was. Try again in a few minutes. If it stops again, split "
            "the mailbox by date and import the parts one at a time."
        )


class Rejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ImportReport:
    imported: list[Entry] = field(default_factory=list)
    duplicate_items: list[str] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)

    @property
    def duplicates(self) -> int:
        return len(self.duplicate_items)

    def as_json(self) -> dict:
        return {
            "imported": [str(entry.pk) for entry in self.imported],
            "duplicates": self.duplicates,
            "duplicate_items": self.duplicate_items,
            "rejected": self.rejected,
            "notes": self.notes,
        }


# ---------------------------------------------------------------------------------------
# Reading the upload


def import_upload(
    child: Child, upload: UploadedFile, *, now: datetime | None = None
) -> ImportReport:
    """Import an uploaded .eml or .mbox file onto the child's trail."""
    name = PurePath(upload.name or "").name
    kind = check_upload(upload)
    source = name or "the file"
    if kind == "eml" and (upload.size or 0) > settings.MAX_EMAIL_MESSAGE_BYTES:
        # One message too large: refused like any unreadable message, listed with its reason.
        report = ImportReport()
        report.rejected.append(
            {"item": name or words.THE_MESSAGE, "reason": _too_large(upload.size)}
        )
        return report
    if kind == "eml":
        upload.seek(0)
        raw = upload.read()
        if raw.startswith(b"From ") and not raw.startswith(b"From: "):
            # Some mail programs save one message with its mbox "From " line on top.
            raw = raw.split(b"\n", 1)[1] if b"\n" in raw else b""
        return import_messages(child, [(name or "the message", raw)], now=now, source=source)
    path = getattr(upload, "temporary_file_path", None)
    if path is not None:
        return import_messages(child, mbox_messages(path(), name), now=now, source=source)
    with tempfile.TemporaryDirectory(prefix="playbook-mbox-") as folder:
        copy = os.path.join(folder, "import.mbox")
        with open(copy, "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        return import_messages(child, mbox_messages(copy, name), now=now, source=source)


def check_upload(upload: UploadedFile) -> str:
    """The upload's kind, "eml" or "mbox"; TooLarge or UnsupportedFile as import_upload
    would raise them, so a file kept for a background import is one it can read. A single
    message over the limit is not refused here: the import lists it in ``rejected``."""
    kind = _file_kind(PurePath(upload.name or "").name, upload)
    if kind == "mbox":
        _refuse_oversized(upload.size or 0)
    return kind


def _refuse_oversized(size: int) -> None:
    """A mailbox export is an upload like any other: PLAYBOOK_MAX_UPLOAD_MB at most."""
    limit = settings.MAX_UPLOAD_BYTES
    if size > limit:
        megabyte = 1024 * 1024
        raise TooLarge(
            words.FILE_TOO_LARGE % {"size": f"{size / megabyte:.1f}", "limit": limit // megabyte}
        )


# The compound-file header Outlook's own .msg format starts with.
_OUTLOOK_MSG = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _file_kind(name: str, upload: UploadedFile) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix in (".eml", ".msg"):
        upload.seek(0)
        head = upload.read(len(_OUTLOOK_MSG))
        upload.seek(0)
        if head == _OUTLOOK_MSG:
            raise UnsupportedFile(words.OUTLOOK_MESSAGE)
        # Some programs name a plain message (what a .eml holds) .msg: it is read as one.
        return "eml"
    if suffix in (".mbox", ".mbx"):
        return "mbox"
    raise UnsupportedFile(words.NOT_A_MAILBOX)


def mbox_messages(path: str, name: str = "") -> Iterator[tuple[str, bytes | None]]:
    """Each message of an mbox file as (label, raw bytes), read one at a time."""
    box = mailbox.mbox(path, create=False)
    try:
        found = 0
        for number, key in enumerate(box.iterkeys(), start=1):
            found += 1
            yield f"message {number}", box.get_bytes(key)
        if not found:
            yield name or "the file", None
    finally:
        box.close()


# ---------------------------------------------------------------------------------------
# Storing


@dataclass
class _Household:
    """Who is who, for direction and counterpart."""

    own_addresses: set[str]
    team_by_address: dict[str, TeamMember]
    policy: policy.EmailPolicy = policy.default

    @classmethod
    def of(cls, child: Child) -> _Household:
        own = User.objects.filter(memberships__household_id=child.household_id).values_list(
            "email", flat=True
        )
        team = {m.email.lower(): m for m in TeamMember.objects.filter(child=child) if m.email}
        return cls({email.lower() for email in own}, team)


@dataclass
class _Parsed:
    label: str
    draft: Draft
    notes: list[str]


class _RememberingRegistry(HeaderRegistry):
    """policy.default parses a header again on every access (the Content-Type of each part
    several times). Parsed headers are immutable values, so an import keeps those it has
    seen: the same Content-Type line across 2,000 messages is parsed once."""

    LIMIT = 20_000

    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[tuple[str, str], object] = {}

    def __call__(self, name: str, value: str):
        key = (name.lower(), value)
        try:
            return self._seen[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable value: parse it as usual
            return super().__call__(name, value)
        header = super().__call__(name, value)
        if len(self._seen) >= self.LIMIT:
            self._seen.clear()
        self._seen[key] = header
        return header


def _import_policy() -> policy.EmailPolicy:
    return policy.default.clone(header_factory=_RememberingRegistry())


def import_messages(
    child: Child,
    items: Iterable[tuple[str, bytes | None]],
    *,
    now: datetime | None = None,
    source: str = "the file",
) -> ImportReport:
    """Import raw messages, labelled for the report, onto the child's trail: every message
    that can be read, or none if writing fails (ImportFailed, naming the source)."""
    report = ImportReport()
    parsed = _read_all(child, items, now or timezone.now(), report)
    try:
        _store_all(child, parsed, report)
    except Exception as exc:
        # The log says where writing failed, never the exception's text: it may quote mail.
        where = traceback.extract_tb(exc.__traceback__)[-1]
        log.error(
            "email import: %s at %s:%d while writing %d messages; nothing was kept",
            type(exc).__name__,
            PurePath(where.filename).name,
            where.lineno,
            len(parsed),
        )
        raise ImportFailed(source) from exc
    return report


def _read_all(
    child: Child, items: Iterable[tuple[str, bytes | None]], now: datetime, report: ImportReport
) -> list[_Parsed]:
    """Every message read into a draft before anything is written, so the write lock (all
    of SQLite) is held for the writing only. The upload's size bounds what is held."""
    household = _Household.of(child)
    household.policy = _import_policy()
    parsed: list[_Parsed] = []
    for label, raw in items:
        try:
            parsed.append(_Parsed(label, *parse_message(raw, household, now)))
        except Rejected as rejected:
            report.rejected.append({"item": label, "reason": rejected.reason})
        except Exception as exc:  # noqa: BLE001 - one unreadable message must not stop the rest
            log.warning("email import: %s could not be read (%s)", label, type(exc).__name__)
            report.rejected.append({"item": label, "reason": words.UNREADABLE})
    return parsed


def _store_all(child: Child, parsed: list[_Parsed], report: ImportReport) -> None:
    """Write the messages in batches, all in one transaction. Attachment files are not
    part of a transaction: if writing fails, the files it wrote are removed."""
    if not parsed:
        return
    folder = _attachment_folder(child)
    with transaction.atomic():
        # Held to the end (append_many locks per batch): no other writer of this trail
        # adds files while a failed import removes its own.
        Child.objects.select_for_update().only("pk").get(pk=child.pk)
        files_before = _files_in(folder)
        try:
            for start in range(0, len(parsed), BATCH):
                _store(child, parsed[start : start + BATCH], report)
        except Exception:
            _remove_files_since(folder, files_before)
            raise


def _attachment_folder(child: Child) -> str:
    return posixpath.dirname(attachment_upload_to(Attachment(entry=Entry(child=child)), ""))


def _files_in(folder: str) -> set[str]:
    try:
        return set(Attachment.file.field.storage.listdir(folder)[1])
    except FileNotFoundError:
        return set()


def _remove_files_since(folder: str, files_before: set[str]) -> None:
    storage = Attachment.file.field.storage
    for name in _files_in(folder) - files_before:
        try:
            storage.delete(posixpath.join(folder, name))
        except OSError:
            log.warning("email import: a file of the failed import could not be removed")


def _store(child: Child, batch: list[_Parsed], report: ImportReport) -> None:
    """Skip what the trail already holds (two look-ups for the whole batch), then append
    the rest."""
    ids = {p.draft.message_id for p in batch if p.draft.message_id}
    digests = {p.draft.import_digest for p in batch if not p.draft.message_id}
    known_ids = set(
        Entry.objects.filter(child=child, message_id__in=ids).values_list("message_id", flat=True)
    )
    known_digests = set(
        Entry.objects.filter(child=child, import_digest__in=digests).values_list(
            "import_digest", flat=True
        )
    )
    fresh: list[_Parsed] = []
    for parsed in batch:
        key = parsed.draft.message_id
        seen = known_ids if key else known_digests
        key = key or parsed.draft.import_digest
        if key in seen:
            report.duplicate_items.append(parsed.label)
            continue
        seen.add(key)
        fresh.append(parsed)
    entries = append_many(child, [p.draft for p in fresh])
    report.imported.extend(entries)
    signals.heard(entries)
    for parsed in fresh:
        report.notes.extend({"item": parsed.label, "note": note} for note in parsed.notes)


# ---------------------------------------------------------------------------------------
# Reading one message

_DEFECT_REASONS = {
    "CloseBoundaryNotFoundDefect": words.CUT_OFF,
    "StartBoundaryNotFoundDefect": words.PARTS_MISSING,
    "InvalidBase64PaddingDefect": words.ENCODING_CUT,
    "InvalidBase64LengthDefect": words.ENCODING_CUT,
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _too_large(size: int) -> str:
    megabyte = 1024 * 1024
    return words.TOO_LARGE % {
        "size": f"{size / megabyte:.1f}",
        "limit": settings.MAX_EMAIL_MESSAGE_BYTES // megabyte,
    }


def parse_message(
    raw: bytes | None, household: _Household, now: datetime
) -> tuple[Draft, list[str]]:
    """The draft entry for one raw message, and notes for the report; raises Rejected."""
    if raw is None:
        raise Rejected(words.NO_MESSAGES)
    if not raw or not raw.strip():
        raise Rejected(words.EMPTY)
    if len(raw) > settings.MAX_EMAIL_MESSAGE_BYTES:
        raise Rejected(_too_large(len(raw)))
    message = BytesParser(policy=household.policy).parsebytes(raw)
    if not message.keys():
        raise Rejected(words.NO_HEADERS)
    from_addresses = _addresses(message, "From")
    if not from_addresses:
        raise Rejected(words.NO_SENDER)
    notes: list[str] = []
    flags: dict = {}

    body_part = _body_part(message)
    body = _body_text(body_part) if body_part is not None else ""
    attachments: list[NewAttachment] = []
    skipped: list[dict] = []
    extra_text: list[str] = []
    _collect(message, body_part, attachments, skipped, extra_text, parent="")
    if extra_text:
        body = "\n\n".join(t for t in [body, *extra_text] if t)
    _reject_defects(message)

    if skipped:
        flags["attachments_skipped"] = skipped
        for item in skipped:
            notes.append(
                words.ATTACHMENT_LEFT_OUT % {"name": item["name"], "reason": item["reason"]}
            )

    occurred_at, date_problem = _date(message, now)
    if date_problem:
        flags["date_missing"] = {"note": words.DATE_GUESSED_ON_ENTRY % {"problem": date_problem}}
        notes.append(words.DATE_GUESSED % {"problem": date_problem})

    to = _addresses(message, "To")
    cc = _addresses(message, "Cc")
    sender_address = from_addresses[0][1]
    if sender_address in household.own_addresses:
        direction = Direction.SENT
        counterpart = next(
            (household.team_by_address[a] for _, a in to + cc if a in household.team_by_address),
            None,
        )
    else:
        direction = Direction.RECEIVED
        counterpart = household.team_by_address.get(sender_address)

    subject = _subject(message)[:500]
    body = _clean(body)
    if direction == Direction.RECEIVED:
        flags.update(detect_refusal(body))

    message_id = _clean(_header(message, "Message-ID")).strip()[:500]
    attachment_hashes = sorted(hashlib.sha256(a.content).hexdigest() for a in attachments)
    digest_source = {
        "from": _format(from_addresses),
        "to": _format(to),
        "cc": _format(cc),
        "date": _raw_header(message, "Date").strip(),
        "subject": subject,
        "body": body,
        "attachments": attachment_hashes,
    }
    digest = hashlib.sha256(
        json.dumps(digest_source, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    draft = Draft(
        occurred_at=occurred_at,
        kind=Kind.EMAIL,
        direction=direction,
        # Cleaned after the digest, so messages imported before still count as duplicates.
        subject=one_line(subject),
        body=block(body),
        counterpart=counterpart,
        sender=one_line(_format(from_addresses[:1]))[:300],
        recipients=one_line(_format(to + cc)),
        message_id=message_id,
        import_digest=digest,
        flags=flags,
        attachments=attachments,
    )
    return draft, notes


def _reject_defects(message: Message) -> None:
    for part in message.walk():
        for defect in getattr(part, "defects", ()):
            reason = _DEFECT_REASONS.get(type(defect).__name__)
            if reason:
                raise Rejected(reason)


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - a header too broken to parse counts as absent
        return ""
    return "" if value is None else str(value)


def _addresses(message: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-case address) pairs of an address header, duplicates removed."""
    try:
        values = message.get_all(name) or []
    except Exception:  # noqa: BLE001 - e.g. a name encoded with a line break in it
        values = _decoded_on_one_line(message, name)
    pairs: list[tuple[str, str]] = []
    for value in values:
        try:
            found = [(a.display_name, a.addr_spec) for a in value.addresses]
        except Exception:  # noqa: BLE001 - fall back to the lenient parser
            found = getaddresses([str(value)])
        for display, address in found:
            address = _clean(address).strip().lower()
            if "@" in address and address not in {a for _, a in pairs}:
                pairs.append((_clean(display).strip(), address[:254]))
    return pairs


def _decoded_on_one_line(message: Message, name: str) -> list[str]:
    """A header's values with their encoded words decoded, for the lenient parser."""
    values = []
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            with contextlib.suppress(Exception):  # an undecodable word stays as it was
                value = str(make_header(decode_header(value)))
            values.append(one_line(_clean(value)))
    return values


def _format(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{name} <{address}>" if name else address for name, address in pairs)


def _subject(message: Message) -> str:
    """The subject, decoded. Raw 8-bit bytes (no encoded words, as some mailers send) are
    read as UTF-8, else Windows-1252, rather than shown as replacement characters."""
    raw = _raw_header_unclean(message, "Subject")
    if any("\udc80" <= char <= "\udcff" for char in raw):
        return " ".join(_clean(raw).split())
    return _clean(_header(message, "Subject")).strip()


def _raw_header_unclean(message: Message, name: str) -> str:
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return value if isinstance(value, str) else str(value)
    return ""


def _raw_header(message: Message, name: str) -> str:
    """A header exactly as written (the parsed form of a bad date is empty)."""
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return _clean(str(value))
    return ""


def _date(message: Message, now: datetime) -> tuple[datetime, str]:
    raw = _raw_header(message, "Date").strip()
    if not raw:
        return now, words.NO_DATE
    try:
        when = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return now, words.DATE_UNREADABLE
    if when is None:
        return now, words.DATE_UNREADABLE
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when.year < 1980:
        return now, words.DATE_WRONG
    return when, ""


def _body_part(message: EmailMessage) -> Message | None:
    try:
        return message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001
        return None


def _body_text(part: Message) -> str:
    text = _decode_text(part)
    if part.get_content_type() == "text/html":
        return html_to_text(text)
    return text


def _decode_text(part: Message) -> str:
    """A text part as str, whatever its charset claims: the declared charset, else UTF-8,
    else Windows-1252 (what mislabelled mail most often is)."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001
        payload = None
    if not isinstance(payload, bytes):
        payload = str(part.get_payload() or "").encode("utf-8", "surrogateescape")
    charset = part.get_content_charset() or "utf-8"
    for candidate in (charset, "utf-8"):
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("cp1252", errors="replace")


def _collect(
    part: Message,
    body_part: Message | None,
    attachments: list[NewAttachment],
    skipped: list[dict],
    extra_text: list[str],
    parent: str,
) -> None:
    """Walk the message: files become attachments; stray inline text parts (mail split
    around an inline attachment) join the body; alternatives to the body are left out."""
    if part is body_part:
        return
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        try:
            content = inner.as_bytes() if isinstance(inner, Message) else b""
        except Exception:  # noqa: BLE001
            content = str(inner).encode("utf-8", "surrogateescape")
        _add_attachment(
            attachments, skipped, _filename(part, "forwarded-message.eml"), content, content_type
        )
        return
    if part.is_multipart():
        for child in part.iter_parts() if hasattr(part, "iter_parts") else part.get_payload():
            _collect(child, body_part, attachments, skipped, extra_text, content_type)
        return
    disposition = part.get_content_disposition()
    filename = _raw_filename(part)
    if content_type.startswith("text/") and not filename and disposition != "attachment":
        if parent != "multipart/alternative" and content_type in ("text/plain", "text/html"):
            text = _body_text(part).strip()
            if text:
                extra_text.append(text)
        return
    try:
        content = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001
        content = None
    if not isinstance(content, bytes):
        content = b""
    _add_attachment(attachments, skipped, _filename(part, "attachment"), content, content_type)


def _add_attachment(
    attachments: list[NewAttachment],
    skipped: list[dict],
    name: str,
    content: bytes,
    content_type: str,
) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if len(content) > limit:
        skipped.append(
            {
                "name": name,
                "size": len(content),
                "reason": words.ATTACHMENT_TOO_LARGE % {"limit": limit // (1024 * 1024)},
            }
        )
        return
    attachments.append(NewAttachment(name, content, _clean(content_type)))


def _raw_filename(part: Message) -> str:
    try:
        return part.get_filename() or ""
    except Exception:  # noqa: BLE001
        return ""


def _filename(part: Message, fallback: str) -> str:
    """A safe file name: no folders, no control characters, never empty."""
    name = _clean(_raw_filename(part))
    name = PurePath(name.replace("\\", "/")).name.strip().lstrip(".")
    if not name:
        import mimetypes

        name = fallback + (mimetypes.guess_extension(part.get_content_type()) or "")
    return name[:200]


def _clean(text: str) -> str:
    """Text any database stores: undecodable bytes repaired, control characters (NUL
    above all, which PostgreSQL refuses) removed, line endings made plain."""
    if not isinstance(text, str):
        text = str(text)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raw = text.encode("utf-8", "replace")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)
