"""Reading an IEP PDF in the background (issue 13, decision 0035): the job row
(IepReading) in the database, the reading on the task queue (playbook.background).

The upload page and `POST children/{id}/iep-readings` queue the reading and follow the
row; `POST children/{id}/ieps/import` still answers while the client waits, through the
same start() and run(), without the queue. Reading saves nothing and changes nothing but
its own row, so a reading cut off half way (a worker killed) is simply run again
(playbook.background.recovery hands the task to another worker); a failing one is tried
MAX_ATTEMPTS times, then marked failed in words the parent can read. A file the reader
refuses (not a PDF, a scan, locked, too big...) is not tried again: its message is the
job's error. The log names the job and the type of a failure, never the file's name or
its text.
"""

from __future__ import annotations

import logging
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django_tasks import task

from playbook.accounts.access import get_for_user
from playbook.accounts.models import User
from playbook.background.queue import enqueue_after_commit
from playbook.children.models import Child
from playbook.plain_text import one_line

from . import iep_hold
from .models import IepReading
from .reading import ImportRefused, read_iep

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
GAVE_UP = gettext_noop(
    "We tried three times to read this file and could not finish, so nothing was read. "
    "Please upload it again later, or enter the IEP by hand."
)
INTERRUPTED = gettext_noop(
    "This file has not been read after 15 minutes: the server's background worker may not "
    "be running. Upload it again, or enter the IEP by hand."
)


# How far a reading has got, kept in English on the job (the API's "stage") and shown in
# the reader's language by shown_stage(); "Trying again" is BackgroundJob's.
OPENING = gettext_noop("Opening the file")
READING = gettext_noop("Reading the pages and finding the dates, services and goals")
DONE = gettext_noop("Done")
STAGES = (OPENING, READING, DONE, gettext_noop("Trying again"))
NOT_STARTED = gettext_noop("Waiting to start")


def shown_stage(job: IepReading) -> str:
    return gettext(job.stage or NOT_STARTED)


def job_of(user: User, child_id, reading_id, *, write: bool = False) -> IepReading:
    """The user's reading for this child; Http404 for any other (pages and API)."""
    job = get_for_user(
        user,
        IepReading,
        reading_id,
        write=write,
        queryset=IepReading.objects.select_related("child__household"),
    )
    if str(job.child_id) != str(child_id):
        raise Http404
    return job


def start(
    child: Child, upload: UploadedFile, user: User, *, for_review: bool, queue: bool = True
) -> IepReading:
    """Keep the upload and, with ``queue``, read it on the task queue once the transaction
    commits. Without ``queue`` the caller runs it (run()) while its client waits."""
    iep_hold.sweep()
    name = one_line(PurePath(upload.name or "").name)[:255] or "iep.pdf"
    job = IepReading.objects.create(
        child=child, requested_by=user, file_name=name, file=upload, for_review=for_review
    )
    if queue:
        enqueue_after_commit(read_iep_pdf, str(job.pk))
    return job


def read_now(job: IepReading) -> IepReading:
    """Run the reading here, trying again as the queue would; the finished job."""
    for _ in range(MAX_ATTEMPTS + 1):
        run(job.pk, requeue=False)
        job.refresh_from_db()
        if job.finished:
            break
    return job


@task()
def read_iep_pdf(reading_id: str) -> None:
    run(reading_id)


def run(reading_id, *, requeue: bool = True) -> None:
    job = IepReading.start_attempt(reading_id)
    if job is None:
        return
    if job.attempts > MAX_ATTEMPTS:
        _fail(job, GAVE_UP)
        return
    try:
        job.step(10, OPENING, status=IepReading.Status.RUNNING)
        if not job.file:
            raise FileNotFoundError
        with job.file.open("rb") as stored:
            content = stored.read()
        job.step(30, READING)
        reading = read_iep(content)
    except ImportRefused as refused:
        # The file itself: another try cannot help.
        _fail(job, refused.message, refused.status)
    except Exception as exc:
        # The type only: the text of an exception may quote the IEP.
        log.warning(
            "IEP reading %s failed (attempt %s): %s", job.pk, job.attempts, type(exc).__name__
        )
        job.try_again_or_fail(
            MAX_ATTEMPTS,
            lambda: _fail(job, GAVE_UP),
            (lambda: enqueue_after_commit(read_iep_pdf, str(job.pk))) if requeue else None,
        )
    else:
        IepReading.objects.filter(pk=job.pk).update(
            status=IepReading.Status.DONE,
            progress=100,
            stage=DONE,
            reading=reading.as_dict(),
            finished_at=timezone.now(),
        )
        if not job.for_review:
            _remove_file(job)


def _fail(job: IepReading, message: str, status: int = 422) -> None:
    IepReading.objects.filter(pk=job.pk).update(
        status=IepReading.Status.FAILED,
        error=message[:500],
        error_status=status,
        finished_at=timezone.now(),
    )
    _remove_file(job)


def _remove_file(job: IepReading) -> None:
    """The PDF is the family's: kept no longer than needed. Removed after the job is marked
    finished, so a crash in between leaves a file (swept after two days), never a job that
    runs again."""
    if not job.file:
        return
    try:
        job.file.delete(save=False)
    except OSError:
        log.warning("IEP reading %s: its uploaded file could not be removed", job.pk)
        return
    IepReading.objects.filter(pk=job.pk).update(file="")


def status_of(job: IepReading) -> tuple[str, str]:
    """(status, error) as the parent and the API are told: a job not finished after 15
    minutes is answered as failed."""
    if job.stale:
        return IepReading.Status.FAILED, INTERRUPTED
    return job.status, job.error
