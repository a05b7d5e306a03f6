"""Background tasks on a real queue (issue 13): a worker killed half way leaves its task to
the next worker, which finishes it; the Redis queue runs the same tasks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

ENQUEUE = """
import django, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "playbook.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.background.tasks import note_runs
print(note_runs.enqueue(sys.argv[1], sys.argv[2] == "hang").id)
"""

RESULT = """
import django, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "playbook.settings"
django.setup()
from tests.background.tasks import note_runs
result = note_runs.get_result(sys.argv[1])
print(result.status, len(result.worker_ids))
"""


def _env(tmp_path, **extra) -> dict:
    env = {**os.environ, "PLAYBOOK_DATA_DIR": str(tmp_path / "data"), **extra}
    env.pop("DATABASE_URL", None)  # a scratch SQLite database, never the CI server's
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("PLAYBOOK_REDIS_URL", None)
    env.update(extra)
    return env


def _python(env, script, *args) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _worker(env, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "playbook.cli", "worker", *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(check, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_a_task_whose_worker_is_killed_is_finished_by_the_next_worker(tmp_path):
    # A beat of one second: a worker is lost after six missed beats, and on a loaded machine a
    # shorter beat let the live worker's own beats fall behind (seen: a 60 s timeout at load 10).
    env = _env(tmp_path, PLAYBOOK_WORKER_BEAT_SECONDS="1")
    runs, done = tmp_path / "runs", tmp_path / "done"
    result_id = _python(env, ENQUEUE, str(tmp_path), "hang")

    first = _worker(env, "--interval", "0.2")
    try:
        _wait_for(runs.exists, 60, "the first worker to start the task")
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    assert not done.exists()
    assert _python(env, RESULT, result_id) == "RUNNING 1"

    second = _worker(env, "--interval", "0.2")
    try:
        _wait_for(done.exists, 60, "the second worker to finish the task")
    finally:
        second.terminate()
        second.wait(timeout=30)
    assert len(runs.read_text().splitlines()) == 2
    assert _python(env, RESULT, result_id) == "SUCCESSFUL 2"


REDIS_URL = os.environ.get("PLAYBOOK_TEST_REDIS_URL", "")


@pytest.mark.skipif(
    not REDIS_URL, reason="needs a Redis server: .ci/run sets PLAYBOOK_TEST_REDIS_URL"
)
def test_the_redis_queue_runs_tasks(tmp_path):
    env = _env(tmp_path, PLAYBOOK_REDIS_URL=REDIS_URL)
    result_id = _python(env, ENQUEUE, str(tmp_path), "no")
    worker = subprocess.run(
        [sys.executable, "-m", "playbook.cli", "worker", "--batch"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert worker.returncode == 0, worker.stderr
    assert (tmp_path / "done").read_text() == "done"
    assert _python(env, RESULT, result_id).startswith("SUCCESSFUL")
