"""API routes for the paper trail (docs/api.md): entries, email import, attachments, the chain."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated
from uuid import UUID

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from playbook.accounts.access import get_for_user
from playbook.api.common import Day, In, RowOut, conditional_answer
from playbook.children.access import child_for_read, child_for_write
from playbook.children.models import Child
from playbook.plain_text import TypedLine
from playbook.trail import chain, email_import, import_jobs, paging, signals
from playbook.trail.downloads import attachment_response
from playbook.trail.filters import EntryFilter, FilterError, household_zone, listing
from playbook.trail.log_entry import LogError, detect_refusal
from playbook.trail.models import Attachment, Direction, EmailImport, Entry, Kind

router = Router(tags=["trail"])

MAX_LIMIT = 500
# `from` is a Python keyword, so the parameters carry it as an alias.
_FROM = Query(None, alias="from")
_TO = Query(None, alias="to")
_FILE = File(None)


class Error(Schema):
    detail: str


class AttachmentOut(RowOut):
    id: UUID
    name: str
    size: int
    sha256: str
    content_type: str
    url: str


class EntryOut(RowOut):
    id: UUID
    seq: int
    occurred_at: datetime
    recorded_at: datetime
    kind: str
    direction: str
    counterpart: UUID | None
    sender: str
    recipients: str
    subject: str
    body: str
    message_id: str
    corrects: UUID | None
    corrected_by: list[UUID]
    attachments: list[AttachmentOut]
    hash: str
    prev_hash: str
    flags: dict


class EntryPage(Schema):
    items: list[EntryOut]
    count: int


class EntryIn(In):
    occurred_at: Annotated[str, TypedLine] | None = None
    kind: Annotated[str, TypedLine] | None = None
    direction: Annotated[str, TypedLine] = Direction.NONE
    counterpart: Annotated[str, TypedLine] | None = None
    subject: Annotated[str, TypedLine] = ""
    body: str = ""
    corrects: Annotated[str, TypedLine] | None = None
    sender: Annotated[str, TypedLine] = ""
    recipients: Annotated[str, TypedLine] = ""


class Rejection(Schema):
    item: str
    reason: str


class ImportNote(Schema):
    item: str
    note: str


class ImportedEmailOut(Schema):
    imported: list[UUID]
    duplicates: int
    duplicate_items: list[str]
    rejected: list[Rejection]
    notes: list[ImportNote]


class EmailImportReport(Schema):
    imported: int = Field(description="how many messages were added to the trail")
    duplicates: int
    duplicate_items: list[str]
    rejected: list[Rejection]
    notes: list[ImportNote]


class EmailImportOut(Schema):
    id: UUID
    status: str = Field(description="queued, running, done or failed")
    progress: int = Field(description="0 to 100")
    stage: str
    error: str = Field(description="why it failed, in plain words; nothing was added then")
    report: EmailImportReport | None = Field(description="what was added, once done")
    url: str = Field(description="where to ask for the job again")
    created_at: datetime
    finished_at: datetime | None


class HeadOut(Schema):
    seq: int
    hash: str


class ChainOut(Schema):
    ok: bool
    checked: int
    incremental: bool = Field(
        description="true: only the entries added since the last check were walked, the "
        "ones before it were found intact by the check of `full_at` or later"
    )
    full_at: datetime | None = Field(description="when every entry was last walked")
    first_bad: UUID | None
    first_bad_seq: int | None
    reason: str
    head: HeadOut | None


def entry_out(entry: Entry) -> dict:
    """An entry as the API shows it. Needs ``filters.listing``'s prefetches to stay at a
    fixed number of queries for a list."""
    return {
        "id": entry.pk,
        "seq": entry.seq,
        "occurred_at": entry.occurred_at,
        "recorded_at": entry.recorded_at,
        "kind": entry.kind,
        "direction": entry.direction,
        "counterpart": entry.counterpart_id,
        "sender": entry.sender,
        "recipients": entry.recipients,
        "subject": entry.subject,
        "body": entry.body,
        "message_id": entry.message_id,
        "corrects": entry.corrects_id,
        "corrected_by": [c.pk for c in entry.corrected_by],
        "attachments": [
            {
                "id": a.pk,
                "name": a.filename,
                "size": a.size,
                "sha256": a.sha256,
                "content_type": a.content_type,
                "url": reverse("api:trail_attachment", kwargs={"attachment_id": a.pk}),
            }
            for a in entry.files
        ],
        "hash": entry.hash,
        "prev_hash": entry.prev_hash,
        "flags": entry.flags,
    }


@router.get(
    "children/{child_id}/entries",
    response={200: list[EntryOut], 422: Error},
    summary="The paper trail, oldest first",
)
@conditional_answer
def list_entries(
    request: HttpRequest,
    response: HttpResponse,
    child_id: UUID,
    kind: str = "",
    counterpart: str = "",
    date_from: Day | None = _FROM,
    date_to: Day | None = _TO,
    ask: str = "",
    concern: str = "",
    q: str = "",
    order: str = "oldest",
    limit: int = 100,
    offset: int = 0,
    after: UUID | None = None,
):
    """Entries by `occurred_at`, oldest first (`order=newest` for newest first, and with `q`
    `order=relevance` for the best matches first). Filters: `kind`, `counterpart` (team
    member id), `from` / `to` (YYYY-MM-DD, in the household's time zone), `ask`, `concern`,
    and `q` (words that must all appear in the subject or body; a "quoted phrase" must
    appear as written). Paginated with `limit` (at most 500) and `after` (the id of the
    last entry of the page before: the same speed at any depth) or `offset`. The
    `X-Total-Count` header gives the number of matching entries, or `1000+` when more than
    1,000 match and the filter is not a search. The answer is a list, like every other
    list route."""
    child = child_for_read(request, child_id)
    if not 1 <= limit <= MAX_LIMIT:
        return Status(
            422, {"detail": gettext("limit must be between 1 and %(max)s.") % {"max": MAX_LIMIT}}
        )
    if offset < 0:
        return Status(422, {"detail": gettext("offset must be 0 or more.")})
    if order not in paging.ORDERS:
        return Status(
            422,
            {
                "detail": gettext("order must be one of %(orders)s.")
                % {"orders": ", ".join(paging.ORDERS)}
            },
        )
    start = None
    if after is not None:
        start = paging.entry_after(child, after)
        if start is None:
            return Status(
                422,
                {
                    "detail": gettext("after %(after)s is not one of this child's entries.")
                    % {"after": after}
                },
            )
    wanted = EntryFilter(kind, counterpart, date_from, date_to, ask, concern, q)
    try:
        page = paging.read_page(child, wanted, order=order, limit=limit, offset=offset, after=start)
    except FilterError as error:
        return Status(422, {"detail": str(error)})
    response["X-Total-Count"] = page.total_header
    return [entry_out(e) for e in page.entries]


@router.post(
    "children/{child_id}/entries",
    response={201: EntryOut, 422: Error},
    summary="Add an entry to the paper trail",
)
def create_entry(request: HttpRequest, child_id: UUID, payload: EntryIn):
    """Entries are never edited: to correct one, post a new entry with `corrects` set to
    the id of the one it corrects."""
    child = child_for_write(request, child_id)
    try:
        fields = _validated(child, payload)
    except LogError as error:
        return Status(422, {"detail": str(error)})
    entry = chain.append(child, **fields)
    signals.heard([entry])
    return Status(201, entry_out(listing(Entry.objects.filter(pk=entry.pk)).get()))


def _validated(child: Child, payload: EntryIn) -> dict:
    if not payload.occurred_at:
        raise LogError(
            gettext("occurred_at is required: when it happened, YYYY-MM-DD or a date-time.")
        )
    occurred_at = _when(child, payload.occurred_at)
    if not payload.kind or payload.kind not in Kind.values:
        raise LogError(
            gettext("kind must be one of %(kinds)s.") % {"kinds": ", ".join(Kind.values)}
        )
    if payload.direction not in Direction.values:
        raise LogError(
            gettext("direction must be one of %(directions)s.")
            % {"directions": ", ".join(Direction.values)}
        )
    subject, body = payload.subject.strip(), payload.body.strip()
    if not subject and not body:
        raise LogError(gettext("Write what happened in body (or at least give a subject)."))
    if len(subject) > 500:
        raise LogError(gettext("subject must be at most 500 characters."))
    if len(payload.sender) > 300:
        raise LogError(gettext("sender must be at most 300 characters."))
    counterpart = None
    if payload.counterpart:
        counterpart = _one_of(
            child.team,
            payload.counterpart,
            gettext("counterpart %(id)s is not one of this child's team members."),
        )
    corrects = None
    if payload.corrects:
        corrects = _one_of(
            child.entries,
            payload.corrects,
            gettext("corrects %(id)s is not one of this child's trail entries."),
        )
    flags = detect_refusal(body) if payload.direction == Direction.RECEIVED else {}
    return {
        "occurred_at": occurred_at,
        "kind": payload.kind,
        "direction": payload.direction,
        "counterpart": counterpart,
        "subject": subject,
        "body": body,
        "corrects": corrects,
        "sender": payload.sender.strip(),
        "recipients": payload.recipients.strip(),
        "flags": flags,
    }


def _one_of(manager, pk: str, not_found: str):
    try:
        UUID(str(pk))
        return manager.get(pk=pk)
    except (ValueError, manager.model.DoesNotExist):
        raise LogError(not_found % {"id": pk}) from None


def _when(child: Child, text: str) -> datetime:
    zone = household_zone(child)
    try:
        if len(text) == 10:
            # A day with no time: noon, so the day reads the same in any time zone nearby.
            when = datetime.combine(date.fromisoformat(text), time(12), zone)
        else:
            when = datetime.fromisoformat(text)
            if timezone.is_naive(when):
                when = when.replace(tzinfo=zone)
    except ValueError:
        raise LogError(
            gettext("occurred_at must be a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDTHH:MM).")
        ) from None
    if when > timezone.now() + timedelta(days=1):
        raise LogError(
            gettext("occurred_at is in the future: the trail records what has happened.")
        )
    if when.year < 1980:
        raise LogError(gettext("occurred_at is too far in the past to be right."))
    return when


@router.post(
    "children/{child_id}/entries/import",
    response={200: ImportedEmailOut, 202: EmailImportOut, 413: Error, 422: Error, 503: Error},
    summary="Import email (.eml or .mbox)",
)
def import_email(request: HttpRequest, child_id: UUID, file: UploadedFile | None = _FILE):
    """Multipart `file`: one .eml message or a .mbox export, up to PLAYBOOK_MAX_UPLOAD_MB
    (413 above it). Answers the new entries' ids, which messages were already on the trail,
    the messages that could not be read (with the reason), and notes about imported ones (a
    missing date, a skipped attachment). All or nothing: 503 if writing failed partway, and
    then no message of the file was kept. A file over
    PLAYBOOK_EMAIL_IMPORT_IN_REQUEST_MAX_MB (default 2) takes too long to import while the
    client waits: it is imported in the background and the answer is 202 with the job,
    to ask for again at its `url` until it is done."""
    child = child_for_write(request, child_id)
    if file is None:
        return Status(
            422, {"detail": gettext("Attach the .eml or .mbox file as the multipart field 'file'.")}
        )
    try:
        if file.size > settings.EMAIL_IMPORT_IN_REQUEST_MAX_BYTES:
            job = import_jobs.start(child, file, request.user)
            job.refresh_from_db()  # the immediate task backend (tests) has run it already
            return Status(202, _import_job_out(job))
        report = email_import.import_upload(child, file)
    except email_import.TooLarge as error:
        return Status(413, {"detail": str(error)})
    except email_import.UnsupportedFile as error:
        return Status(422, {"detail": str(error)})
    except email_import.ImportFailed as error:
        return Status(503, {"detail": str(error)})
    return report.as_json()


@router.get(
    "children/{child_id}/email-imports/{import_id}",
    response={200: EmailImportOut, 404: Error},
    url_name="trail_email_import",
    summary="An email import in the background: how far it is, and what it added",
)
def get_email_import(request: HttpRequest, child_id: UUID, import_id: UUID):
    return _import_job_out(import_jobs.job_of(request.user, child_id, import_id))


def _import_job_out(job: EmailImport) -> dict:
    status, error = job.status, job.error
    if job.stale:
        status, error = EmailImport.Status.FAILED, import_jobs.INTERRUPTED
    report = None
    if status == EmailImport.Status.DONE:
        report = {
            "imported": job.imported_count,
            "duplicates": job.duplicate_count,
            "duplicate_items": job.duplicate_items,
            "rejected": job.skipped_items,
            "notes": job.notes,
        }
    return {
        "id": job.pk,
        "status": status,
        "progress": job.progress,
        "stage": job.stage,
        "error": error,
        "report": report,
        "url": reverse(
            "api:trail_email_import", kwargs={"child_id": job.child_id, "import_id": job.pk}
        ),
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


@router.get(
    "children/{child_id}/entries/verify",
    response={200: ChainOut, 422: Error},
    summary="Check the trail's hash chain",
)
def verify_chain(request: HttpRequest, child_id: UUID, against: str = "", full: bool = False):
    """Whether every entry still matches its hash and follows the one before it, and the
    trail still holds every head printed in a binder or weekly email; if not, the first
    entry that does not (`first_bad`), or the first one missing from the end
    (`first_bad_seq` alone), and why. `against`: a fingerprint the family kept, `SEQ:HASH`
    or the hash alone, checked too. `head`: the last entry's fingerprint, to keep.

    The walk goes on from where the last check found the trail intact (`incremental`),
    so it costs what was added since; `full=true` walks every entry again, as the
    `verify-trail` command does."""
    child = child_for_read(request, child_id)
    try:
        kept = chain.parse_fingerprint(against) if against else None
    except chain.BadFingerprint as error:
        return Status(422, {"detail": f"against: {error}"})
    report = chain.verify(child, against=kept, incremental=not full)
    return {
        "ok": report.ok,
        "checked": report.checked,
        "incremental": report.walked_from is not None,
        "full_at": report.full_at,
        "first_bad": report.first_bad.pk if report.first_bad else None,
        "first_bad_seq": report.bad_seq,
        "reason": report.reason,
        "head": {"seq": report.head.seq, "hash": report.head.hash} if report.head else None,
    }


@router.get(
    "children/{child_id}/entries/{entry_id}",
    response=EntryOut,
    summary="One entry of the paper trail",
)
def get_entry(request: HttpRequest, child_id: UUID, entry_id: UUID):
    child = child_for_read(request, child_id)
    entry = get_for_user(
        request.user, Entry, entry_id, queryset=listing(Entry.objects.filter(child=child))
    )
    return entry_out(entry)


@router.get(
    "attachments/{attachment_id}",
    url_name="trail_attachment",
    summary="Download an entry's attachment",
)
def download_attachment(request: HttpRequest, attachment_id: UUID) -> FileResponse:
    attachment = get_for_user(
        request.user, Attachment, attachment_id, queryset=Attachment.objects.all()
    )
    return attachment_response(attachment)
