"""`playbook worker`: run the background tasks (binders, large imports, digests).

With the database queue (the default) it drains it, hands back tasks of workers that were
cut off, and says it is alive every few seconds. With PLAYBOOK_REDIS_URL set it runs RQ's
worker on the same queue. Run one or more per host; `playbook serve` starts one for you.
"""

from __future__ import annotations

from django.core.management import call_command
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db.backend import DatabaseBackend

from playbook.accounts.management.commands._base import PlaybookCommand


class Command(PlaybookCommand):
    help = "Run background tasks until stopped (Ctrl+C or SIGTERM finishes the current one)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Stop when the queue is empty instead of waiting for more.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between looks at an empty queue (default 1).",
        )

    def handle(self, *args, batch: bool, interval: float, **options) -> None:
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if isinstance(backend, DatabaseBackend):
            self._database_worker(batch=batch, interval=interval)
        else:
            call_command("rqworker", "default", job_class="django_tasks_rq.Job", burst=batch)

    def _database_worker(self, *, batch: bool, interval: float) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        from playbook.background.recovery import Heartbeat, beat, requeue_cut_off

        worker_id = get_random_string(32)
        beat(worker_id)
        requeue_cut_off()
        heartbeat = Heartbeat(worker_id)
        heartbeat.start()
        worker = Worker(
            queue_names=["default"],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=not batch,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()
