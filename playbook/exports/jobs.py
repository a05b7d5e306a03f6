"""Making a binder in the background: the job row in the database, the work on the task
queue (playbook.background). The page polls the row; the PDF lands in private storage.

A job that fails is tried again, MAX_ATTEMPTS times in all, then marked failed with a
message the parent can read. A worker killed half way leaves the task to another worker
(playbook.background.recovery), which starts the job again.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.http import Http404
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_noop
from django_tasks import task

from playbook.accounts.access import get_for_user
from playbook.background.queue import enqueue_after_commit

from .binder import Scope, binder_context, render_html
from .models import BinderJob

log = logging.getLogger(__name__)


def binder_file_name(child, made_on) -> str:
    """The name a binder downloads under, by every door: the child's name and the family's
    date it was made (``made_on``), e.g. ``binder-sam-rivera-2026-12-07.pdf``."""
    return f"binder-{slugify(child.name, allow_unicode=True) or 'child'}-{made_on:%Y-%m-%d}.pdf"


MAX_ATTEMPTS = 3
GAVE_UP = gettext_noop(
    "The binder could not be made after several tries. Please try again later; if it keeps "
    "failing, try a shorter date range."
)


def job_of(user, child_id, job_id) -> BinderJob:
    """The user's binder job for this child; Http404 for any other (pages and API)."""
    job = get_for_user(user, BinderJob, job_id, queryset=BinderJob.objects.select_related("child"))
    if str(job.child_id) != str(child_id):
        raise Http404
    return job


def start(job: BinderJob) -> None:
    """Queue the job once the transaction that created it commits."""
    enqueue_after_commit(make_binder, str(job.pk))


@task()
def make_binder(job_id: str) -> None:
    run(job_id)


def run(job_id) -> None:
    job = BinderJob.start_attempt(job_id, BinderJob.objects.select_related("child", "concern"))
    if job is None:
        return
    if job.attempts > MAX_ATTEMPTS:
        _give_up(job)
        return
    try:
        _make(job)
    except Exception:
        log.exception("binder job %s failed (attempt %s)", job.pk, job.attempts)
        job.try_again_or_fail(
            MAX_ATTEMPTS, lambda: _give_up(job), lambda: make_binder.enqueue(str(job.pk))
        )


def _make(job: BinderJob) -> None:
    job.step(5, gettext_noop("Gathering the records"), status=BinderJob.Status.RUNNING)
    scope = Scope(job.date_from, job.date_to, job.concern)
    # In the language of the person who asked for it, whatever the worker last served, and
    # on the family's clock: the trail's times and the scope's dates are theirs.
    with translation.override(job.language or "en"), timezone.override(job.child.zone()):
        context = binder_context(job.child, scope, job.child.today())
        job.step(30, f"Laying out {len(context['entries'])} trail entries")
        html = render_html(context)
    from weasyprint import HTML

    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    job.step(95, gettext_noop("Saving"))
    job.file.save(f"{job.pk}.pdf", ContentFile(pdf), save=False)
    BinderJob.objects.filter(pk=job.pk).update(
        file=job.file.name,
        status=BinderJob.Status.DONE,
        progress=100,
        stage="Ready",
        finished_at=timezone.now(),
    )


def _give_up(job: BinderJob) -> None:
    BinderJob.objects.filter(pk=job.pk).update(
        status=BinderJob.Status.FAILED, error=GAVE_UP, finished_at=timezone.now()
    )
