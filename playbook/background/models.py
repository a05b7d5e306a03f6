"""Which task workers are alive: each one says so every few seconds."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import F
from django.utils import timezone


class WorkerBeat(models.Model):
    """A worker's last sign of life. A task still marked running whose worker has not been
    seen for a while was cut off (the process was killed, the host went down) and is
    handed to another worker (playbook.background.recovery)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.host} (pid {self.pid})"


class BackgroundJob(models.Model):
    """What a job a parent waits for keeps while a worker does it (a binder, an email
    import): its stage and progress for the page that follows it, how many runs it took,
    and when it started and ended. Each job names its own statuses (queued, running, done,
    failed) in words of its own."""

    FINISHED = ("done", "failed")
    STALE_AFTER_SECONDS = 15 * 60

    progress = models.PositiveSmallIntegerField(default=0)
    stage = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def stale(self) -> bool:
        """Not finished after 15 minutes: no worker is running, or it is stuck. The page
        then stops following it and offers to start again."""
        age = timezone.now() - self.created_at
        return not self.finished and age.total_seconds() > self.STALE_AFTER_SECONDS

    @classmethod
    def start_attempt(cls, pk, queryset: models.QuerySet | None = None):
        """The job, with this run counted in its attempts; None when it is gone (deleted
        with its child) or was finished by an earlier run."""
        manager = cls._default_manager
        job = (queryset if queryset is not None else manager.all()).filter(pk=pk).first()
        if job is None or job.finished:
            return None
        manager.filter(pk=job.pk).update(attempts=F("attempts") + 1)
        job.refresh_from_db(fields=["attempts"])
        return job

    def step(self, progress: int, stage: str, **fields) -> None:
        """How far the job has got, for the page that follows it: one UPDATE."""
        type(self)._default_manager.filter(pk=self.pk).update(
            progress=progress, stage=stage, **fields
        )

    def try_again_or_fail(
        self, max_attempts: int, fail: Callable[[], None], requeue: Callable[[], None] | None
    ) -> None:
        """After a run that failed for a reason another run may not meet: queue it again,
        or, its attempts spent, fail it."""
        if self.attempts >= max_attempts:
            fail()
            return
        self.step(0, "Trying again", status="queued")
        if requeue is not None:
            requeue()
