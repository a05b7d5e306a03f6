"""Putting work on the task queue (Django's task framework, the django-tasks backport).

The queue is the database by default (django-tasks-db, drained by `playbook worker`, which
`playbook serve` starts beside the web server) and Redis when PLAYBOOK_REDIS_URL is set
(django-tasks-rq; `playbook worker` then runs RQ's worker). Tests use the immediate backend:
a task runs where it is enqueued.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend


def enqueue_after_commit(task, *args) -> None:
    """Enqueue once the current transaction commits, so the worker finds the rows the task
    reads. The immediate backend runs the task now, inside the transaction."""
    if isinstance(task.get_backend(), ImmediateBackend):
        task.enqueue(*args)
    else:
        transaction.on_commit(lambda: task.enqueue(*args))
