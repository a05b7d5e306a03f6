"""Making a binder in the background: a thread in the web process, the job row in the
database. The page polls the row; the PDF lands in private storage."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import close_old_connections, connections, transaction
from django.http import Http404
from django.utils import timezone

from playbook.accounts.access import get_for_user
from playbook.advocacy.asks import family_today

from .binder import Scope, binder_context, render_html
from .models import BinderJob

log = logging.getLogger(__name__)


def job_of(user, child_id, job_id) -> BinderJob:
    """The user's binder job for this child; Http404 for any other (pages and API)."""
    job = get_for_user(user, BinderJob, job_id, queryset=BinderJob.objects.select_related("child"))
    if str(job.child_id) != str(child_id):
        raise Http404
    return job


def start(job: BinderJob) -> None:
    """Run the job after the transaction that created it commits (in tests: right away)."""
    if getattr(settings, "PLAYBOOK_BINDER_IN_BACKGROUND", True):
        transaction.on_commit(
            lambda: threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()
        )
    else:
        run(job.pk)


def _run_in_thread(job_id) -> None:
    close_old_connections()
    try:
        run(job_id)
    finally:
        connections.close_all()


def _step(job: BinderJob, progress: int, stage: str, **fields) -> None:
    BinderJob.objects.filter(pk=job.pk).update(progress=progress, stage=stage, **fields)


def run(job_id) -> None:
    job = BinderJob.objects.select_related("child", "concern").get(pk=job_id)
    try:
        _step(job, 5, "Gathering the records", status=BinderJob.Status.RUNNING)
        scope = Scope(job.date_from, job.date_to, job.concern)
        context = binder_context(job.child, scope, family_today(job.child))
        _step(job, 30, f"Laying out {len(context['entries'])} trail entries")
        html = render_html(context)
        from weasyprint import HTML

        pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
        _step(job, 95, "Saving")
        job.file.save(f"{job.pk}.pdf", ContentFile(pdf), save=False)
        BinderJob.objects.filter(pk=job.pk).update(
            file=job.file.name,
            status=BinderJob.Status.DONE,
            progress=100,
            stage="Ready",
            finished_at=timezone.now(),
        )
    except Exception:
        log.exception("binder job %s failed", job.pk)
        BinderJob.objects.filter(pk=job.pk).update(
            status=BinderJob.Status.FAILED,
            error="Something went wrong while making the binder. Please try again.",
            finished_at=timezone.now(),
        )
