"""gunicorn settings every launcher of IEP Playbook shares: `playbook serve` loads them, and
`gunicorn -c python:playbook.gunicorn_conf playbook.wsgi:application` does too.

The hooks make sure no database connection crosses a fork. A PostgreSQL connection is a
socket: workers that inherit the master's share it, and their answers cross (one parent's
request answered with another's rows). `playbook serve` closes its connections after the
start-up work; the master closes any it has again before each fork, and each new worker
closes any it still sees before serving, so a connection is only ever used by the process
that opened it.
"""

from __future__ import annotations

import gc

timeout = 120
accesslog = "-"


def close_database_connections() -> None:
    from django.db import connections

    connections.close_all()


def keep_out_of_collections() -> None:
    """What is loaded by now (Django, the app, its modules: some 250,000 objects) lives as
    long as the process: Python's collector need not walk it again. Without this, every few
    dozen requests a full collection walked all of it inside someone's request (about
    140 ms on the big child's pages, docs/performance.md). Before a fork, it also leaves
    those objects' memory pages shared with the workers (the gc module's documentation)."""
    gc.collect()
    gc.freeze()


def pre_fork(server, worker) -> None:
    close_database_connections()
    keep_out_of_collections()


def post_fork(server, worker) -> None:
    close_database_connections()


def post_worker_init(worker) -> None:
    # Without --preload (or `playbook serve`, which loads the app first) the app is
    # loaded here, in the worker.
    keep_out_of_collections()
