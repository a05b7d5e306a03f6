"""`playbook serve` on PostgreSQL: no database connection crosses gunicorn's fork (issue 20,
finding 1). Workers that inherited the master's connection shared one socket, and answers
crossed between parents for a while after each start."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
RESTARTS = 3
LOAD_SECONDS = 5
THREADS = 16

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith("postgres"),
    reason="the shared socket only exists with a server database (make test-pg runs it)",
)


@pytest.fixture
def scratch_database():
    """A database of its own on the test server, so `playbook serve` can migrate it."""
    import psycopg

    name = f"playbook_fork_{uuid.uuid4().hex[:10]}"
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield DATABASE_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _playbook(env: dict, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "playbook.cli", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _get(url: str, token: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


def _serve_and_load(env: dict, tokens: dict[str, str]) -> list[str]:
    """Start `playbook serve --workers 4`, and from its first healthy answer read /me with
    both parents' tokens from many threads; return every wrong answer seen."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "playbook.cli", "serve", "--port", str(port), "--workers", "4"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wrong: list[str] = []
    try:
        deadline = time.monotonic() + 90
        while _get(f"{base}/healthz")[0] != 200:
            assert server.poll() is None, "playbook serve exited"
            assert time.monotonic() < deadline, "playbook serve never answered /healthz"
            time.sleep(0.05)

        stop = time.monotonic() + LOAD_SECONDS
        emails = list(tokens)

        def reader(index: int) -> None:
            email = emails[index % len(emails)]
            while time.monotonic() < stop:
                status, body = _get(f"{base}/api/v1/me", tokens[email])
                if status != 200:
                    wrong.append(f"{email}: {status} {body[:120]!r}")
                elif json.loads(body).get("email") != email:
                    wrong.append(f"{email} was answered {body[:120]!r}")

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)
    return wrong


def test_answers_never_cross_between_parents_after_a_start(scratch_database, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": scratch_database,
        "DJANGO_SETTINGS_MODULE": "playbook.settings",
        "PLAYBOOK_DATA_DIR": str(tmp_path),
        "CONN_MAX_AGE": "60",
        # /me many times a second from one token is the point of the test, not abuse.
        "PLAYBOOK_API_RATE": "100000/m",
    }
    _playbook(env, "migrate", "--verbosity", "0")
    tokens = {}
    for email in ("fork-a@example.com", "fork-b@example.com"):
        _playbook(env, "adduser", email, "--password-stdin", stdin="a-long-fork-password\n")
        tokens[email] = _playbook(env, "token", email)

    for restart in range(RESTARTS):
        wrong = _serve_and_load(env, tokens)
        assert not wrong, f"restart {restart + 1}: {len(wrong)} wrong answers, e.g. {wrong[:3]}"
