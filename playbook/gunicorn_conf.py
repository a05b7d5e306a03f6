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

timeout = 120
accesslog = "-"


def close_database_connections() -> None:
    from django.db import connections

    connections.close_all()


def pre_fork(server, worker) -> None:
    close_database_connections()


def post_fork(server, worker) -> None:
    close_database_connections()
