"""Importing email in the background: the job row (EmailImport) in the database, the work
on the task queue (playbook.background). The import page always works this way and polls
the row; the API does for files over PLAYBOOK_EMAIL_IMPORT_IN_REQUEST_MAX_MB.

The import itself is email_import's: all or nothing, and a message already on the trail is
recognised as a duplicate. So a failed import is simply run again, MAX_ATTEMPTS times in
all, and a worker killed half way has kept nothing for the next run to trip over
(playbook.background.recovery gives the task to another worker). The uploaded file is
kept in private storage until the job ends, done or failed, then removed.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_noop
from django_tasks import task

from playbook.accounts.access import get_for_user
from playbook.accounts.models import User
from playbook.background.queue import enqueue_after_commit
from playbook.children.models import Child
from playbook.plain_text import one_line

from . import email_import, import_words
from .email_import import ImportReport
from .models import EmailImport

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
PROGRESS_EVERY = 200  # messages read between two updates of the job's progress
# Kept in English on the job; the page shows them in the reader's language (issue 19).
GAVE_UP = gettext_noop(
    "The import was tried three times and did not finish, so nothing from this file was "
    "added: the trail is as it was. Please upload the file again later. If it stops again, "
    "split the mailbox by date (a few months at a time) and import the parts one after the "
    "other: messages already on the trail are skipped."
)
INTERRUPTED = gettext_noop(
    "This import has not finished after 15 minutes: the server's background worker may not "
    "be running. Upload the file again; messages already on the trail are skipped, so "
    "nothing is added twice."
)


def job_of(user: User, child_id, import_id) -> EmailImport:
    """The user's import job for this child; Http404 for any other (pages and API)."""
    job = get_for_user(
        user,
        EmailImport,
        import_id,
        queryset=EmailImport.objects.select_related("child__household"),
    )
    if str(job.child_id) != str(child_id):
        raise Http404
    return job


def start(child: Child, upload: UploadedFile, user: User) -> EmailImport:
    """Keep the upload and queue its import once the transaction commits. A file the
    importer would refuse (email_import.TooLarge, UnsupportedFile) is refused now, before
    anything is kept."""
    email_import.check_upload(upload)
    name = one_line(PurePath(upload.name or "").name)[:255] or "the file"
    job = EmailImport.objects.create(child=child, requested_by=user, filename=name, file=upload)
    enqueue_after_commit(import_email, str(job.pk))
    return job


@task()
def import_email(job_id: str) -> None:
    run(job_id)


def run(job_id) -> None:
    job = EmailImport.start_attempt(job_id, EmailImport.objects.select_related("child"))
    if job is None:
        return
    if job.attempts > MAX_ATTEMPTS:
        _fail(job, GAVE_UP)
        return
    try:
        report = _import(job)
    except (email_import.TooLarge, email_import.UnsupportedFile) as refused:
        # The file itself (or a limit lowered since it was queued): another try cannot help.
        _fail(job, str(refused))
    except Exception as exc:
        # The type only: the text of an exception may quote a message (decision 0015).
        log.warning(
            "email import %s failed (attempt %s): %s", job.pk, job.attempts, type(exc).__name__
        )
        job.try_again_or_fail(
            MAX_ATTEMPTS,
            lambda: _fail(job, GAVE_UP),
            lambda: enqueue_after_commit(import_email, str(job.pk)),
        )
    else:
        _done(job, report)


def _import(job: EmailImport) -> ImportReport:
    job.step(5, gettext_noop("Opening the file"), status=EmailImport.Status.RUNNING)
    with job.file.open("rb") as stored:
        upload = UploadedFile(stored, name=job.filename, size=job.file.size)
        if email_import.check_upload(upload) == "eml":
            return email_import.import_upload(job.child, upload)
        # An mbox is read from a file of its own (the mailbox module wants a path), as
        # import_upload does, so that the job can say how far reading has got.
        with tempfile.NamedTemporaryFile(prefix="playbook-mbox-", suffix=".mbox") as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
            copy.flush()
            messages = email_import.mbox_messages(copy.name, job.filename)
            return email_import.import_messages(
                job.child, _reading(job, messages, upload.size), source=job.filename
            )


def _reading(
    job: EmailImport, messages: Iterable[tuple[str, bytes | None]], size: int
) -> Iterator[tuple[str, bytes | None]]:
    """The messages, passed on one by one while the job says how far reading has got.
    Reading is most of an import's time (decision 0015); writing starts when it ends."""
    job.step(10, gettext_noop("Reading the messages"))
    read_bytes = 0
    for count, (label, raw) in enumerate(messages, start=1):
        read_bytes += len(raw or b"")
        if count % PROGRESS_EVERY == 0:
            progress = 10 + min(75, 75 * read_bytes // max(size, 1))
            job.step(progress, import_words.READING_SO_FAR % {"count": f"{count:,}"})
        yield label, raw
    job.step(85, gettext_noop("Saving the messages to the trail"))


def _done(job: EmailImport, report: ImportReport) -> None:
    EmailImport.objects.filter(pk=job.pk).update(
        status=EmailImport.Status.DONE,
        progress=100,
        stage="Done",
        imported_count=len(report.imported),
        duplicate_count=report.duplicates,
        skipped_count=len(report.rejected),
        duplicate_items=report.duplicate_items,
        skipped_items=report.rejected,
        notes=report.notes,
        finished_at=timezone.now(),
    )
    _remove_file(job)


def _fail(job: EmailImport, message: str) -> None:
    EmailImport.objects.filter(pk=job.pk).update(
        status=EmailImport.Status.FAILED, error=message[:500], finished_at=timezone.now()
    )
    _remove_file(job)


def _remove_file(job: EmailImport) -> None:
    """The uploaded file is family mail: kept no longer than its import. Removed after the
    job is marked finished, so a crash in between leaves a file, never a job that runs
    again (and reports every message as already on the trail)."""
    if not job.file:
        return
    try:
        job.file.delete(save=False)
    except OSError:
        log.warning("email import %s: its uploaded file could not be removed", job.pk)
        return
    EmailImport.objects.filter(pk=job.pk).update(file="")
