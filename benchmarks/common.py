"""What every benchmark shares: a throwaway data directory, Django set up against it,
medians, sessions made without a login, free ports and servers that always stop."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def prepare(
    database_url: str | None = None, prefix: str = "playbook-bench-", data_dir: Path | None = None
) -> Path:
    """Point Django at a fresh data directory (SQLite in it, or DATABASE_URL) and set it up;
    at ``data_dir`` instead when given (kept, and reused if it holds data already).

    Returns the directory; the caller removes it (``cleanup``)."""
    # A benchmark stopped by run_all (SIGTERM) still runs its finally: servers stop,
    # temporary data and databases go.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix=prefix))
    else:
        data_dir.mkdir(parents=True, exist_ok=True)
    os.environ["PLAYBOOK_DATA_DIR"] = str(data_dir)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return data_dir


def cleanup(data_dir: Path | None) -> None:
    if data_dir is not None:
        shutil.rmtree(data_dir, ignore_errors=True)


def session_cookie(user) -> str:
    """A logged-in session for ``user`` made through the session engine, as login does."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


@contextmanager
def gunicorn(port: int, workers: int = 2, log: Path | None = None):
    """gunicorn serving the app on 127.0.0.1:port with the current environment and the
    settings every deployment uses (playbook.gunicorn_conf); always stopped (its whole
    process group) on the way out."""
    command = [GUNICORN, "-c", "python:playbook.gunicorn_conf", "playbook.wsgi:application",
               "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--worker-class", "sync", "--timeout", "60",
               "--graceful-timeout", "5", "--log-level", "warning"]  # fmt: skip
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    proc = subprocess.Popen(command, cwd=ROOT, env=dict(os.environ), stdout=out, stderr=out,
                            start_new_session=True)  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", proc)
        yield proc
    finally:
        stop(proc)
        if log:
            out.close()


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not answer {url} within {seconds:.0f} s")
