"""`make run` on a checkout that is already installed answers within 10 seconds: the
static files are built at install (or when they change), not on every start (issue 17).

The test runs what `make run` runs (`playbook serve`, with the Makefile's PLAYBOOK_HOST and
PLAYBOOK_PORT) in a data folder that one earlier install and start prepared, and times
the start until the log-in page answers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
START_SECONDS = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _keep_the_runs_recogniser_in(data_dir: Path) -> None:
    """The recogniser this test run trained and kept (or loads): `train-recogniser` then finds
    the model an install leaves, with the same fingerprint, instead of training it again (5 s
    on a loaded machine, decision 0102)."""
    from playbook.school_language import classifier, kept

    classifier.model()
    folder = data_dir / "recogniser"
    folder.mkdir()
    shutil.copyfile(kept.path(), folder / kept.path().name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A data folder as `make install` and a first start leave it."""
    data_dir = tmp_path_factory.mktemp("installed")
    _keep_the_runs_recogniser_in(data_dir)
    env = {**os.environ, "PLAYBOOK_DATA_DIR": str(data_dir), "PLAYBOOK_COMPRESS_STATIC": "0"}
    for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG", "PLAYBOOK_HOSTED"):
        env.pop(name, None)
    for step in (
        ["collectstatic-if-changed"],
        ["train-recogniser"],
        ["migrate", "--verbosity", "0"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "playbook.cli", *step],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    return env


def test_make_run_on_an_installed_checkout_answers_within_10_seconds(installed, tmp_path):
    port = _free_port()
    env = {**installed, "PLAYBOOK_HOST": "127.0.0.1", "PLAYBOOK_PORT": str(port)}
    log = tmp_path / "serve.log"
    started = time.monotonic()
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "playbook.cli", "serve", "--workers", "1", "--no-task-worker"],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        status = 0
        while time.monotonic() - started < START_SECONDS * 3 and server.poll() is None:
            status = _status(f"http://127.0.0.1:{port}/login/")
            if status:
                break
            time.sleep(0.2)
        seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = log.read_text()
    print(f"started and answered in {seconds:.1f} s\n{output}")
    assert status == 200, output
    assert seconds < START_SECONDS, output
    assert "Preparing the database..." in output
    assert "Building the static files" not in output  # built at install, not again
    assert f"Open http://127.0.0.1:{port}/ in your browser" in output


def test_a_changed_static_source_is_built_again(installed, tmp_path, settings):
    """The fingerprint notices a source file that changed (size or time)."""
    from playbook import static_build

    settings.STATICFILES_DIRS = [tmp_path]
    (tmp_path / "site.css").write_text("body { color: black }")
    before = static_build.sources_fingerprint()
    (tmp_path / "site.css").write_text("body { color: #222 }")
    assert static_build.sources_fingerprint() != before
