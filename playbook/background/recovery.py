"""Tasks cut off half way are run again.

A worker writes a WorkerBeat every PLAYBOOK_WORKER_BEAT_SECONDS from a thread of its own,
also while a long task runs. A task the database queue still calls running, whose last
worker has missed six beats, was cut off (kill -9, out of memory, a host that went down): it goes
back to the queue, up to MAX_RUNS runs in all, and is marked failed after that, so a task
that kills its worker every time cannot take the queue down with it.
"""

from __future__ import annotations

import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.models import DBTaskResult

from .models import WorkerBeat

MAX_RUNS = 3


def beat_seconds() -> float:
    return settings.PLAYBOOK_WORKER_BEAT_SECONDS


def lost_after() -> timedelta:
    """Six missed beats: a worker that busy is as good as gone."""
    return timedelta(seconds=6 * beat_seconds())


CUT_OFF = "The worker running this task stopped before it finished."


def beat(worker_id: str) -> None:
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "seen_at": timezone.now(),
        },
    )


class Heartbeat(threading.Thread):
    """Beats for a worker until stopped, on a database connection of its own, and every
    so often hands tasks of lost workers back to the queue."""

    def __init__(self, worker_id: str) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        beats_per_sweep = 6
        count = 0
        try:
            while not self.stopping.wait(beat_seconds()):
                close_old_connections()
                beat(self.worker_id)
                count += 1
                if count % beats_per_sweep == 0:
                    requeue_cut_off()
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopping.set()


def requeue_cut_off(now=None) -> int:
    """Put back on the queue every running task whose worker is gone; returns how many."""
    now = now or timezone.now()
    alive = set(
        WorkerBeat.objects.filter(seen_at__gte=now - lost_after()).values_list(
            "worker_id", flat=True
        )
    )
    moved = 0
    given_up = []
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= MAX_RUNS:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = "playbook.background.recovery.CutOff"
                result.traceback = CUT_OFF
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                given_up.append(result)
            else:
                result.status = TaskResultStatus.READY
                result.started_at = None
                result.save(update_fields=["status", "started_at"])
            moved += 1
    WorkerBeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    for result in given_up:
        _finished(result)
    return moved


def _finished(result: DBTaskResult) -> None:
    """Tell the task's app it has failed for good, as the worker does for a task that
    raises (``task_finished``): a killed task runs no code of its own to clean up after
    itself (the weekly digest gives its week back)."""
    try:
        task_result = result.task_result
    except ImportError:  # the task's code is gone: nobody to tell
        return
    task_finished.send(sender=type(task_result.task.get_backend()), task_result=task_result)
