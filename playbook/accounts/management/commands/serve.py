"""`playbook serve`: migrate, build the static files if their sources changed, load (or
train) the recogniser of school language, then serve with gunicorn, saying at each step what
it is doing."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser

from playbook import gunicorn_conf, static_build
from playbook.catalogue import compile_all

from ._base import BadArguments, PlaybookCommand


class Command(PlaybookCommand):
    help = "Migrate the database, then serve the app (DEBUG off, static files by whitenoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.SERVE_HOST)
        parser.add_argument("--port", type=int, default=settings.SERVE_PORT)
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument(
            "--no-task-worker",
            dest="task_worker",
            action="store_false",
            help="Do not start a background task worker (run `playbook worker` elsewhere).",
        )

    def handle(
        self, *args, host: str, port: int, workers: int, task_worker: bool, **options
    ) -> None:
        if not 0 < port < 65536:
            raise BadArguments(f"--port must be between 1 and 65535, not {port}")
        if workers < 1:
            raise BadArguments("--workers must be at least 1")
        self.stdout.write("Preparing the database...")
        call_command("migrate", interactive=False, verbosity=0)
        static_build.build_if_changed(self.stdout.write)
        # A catalogue changed since `make install` (a pull) is compiled before it is read.
        compile_all()
        # Loaded here, the recogniser is in every worker from its start: a parent's first
        # reply does not wait for it (decision 0102).
        call_command("train-recogniser", stdout=self.stdout)
        # A laptop runs no hourly job: children deleted more than 30 days ago go at start.
        call_command("purge-deleted", stdout=io.StringIO())
        # The start-up work opened a connection in what becomes gunicorn's master: it must
        # not reach the workers (playbook.gunicorn_conf says why).
        gunicorn_conf.close_database_connections()
        from gunicorn.app.base import BaseApplication

        from playbook.wsgi import application

        class _Server(BaseApplication):
            def load_config(self) -> None:
                for name in ("timeout", "accesslog", "pre_fork", "post_fork", "post_worker_init"):
                    self.cfg.set(name, getattr(gunicorn_conf, name))
                self.cfg.set("bind", f"{host}:{port}")
                self.cfg.set("workers", workers)

            def load(self):
                return application

        # Binders, large imports and digests run in a worker process of their own.
        worker = (
            subprocess.Popen([sys.executable, "-m", "playbook.cli", "worker"])
            if task_worker
            else None
        )
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        self.stdout.write(
            f"Starting. Open http://{shown}:{port}/ in your browser (Ctrl+C stops it)."
        )
        self.stdout.flush()
        try:
            _Server().run()
        finally:
            if worker is not None:
                _stop(worker)


def _stop(worker: subprocess.Popen) -> None:
    """Let the task worker finish its task (it stops at SIGTERM after the current one)."""
    if worker.poll() is None:
        worker.terminate()
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()
