"""The app killed (SIGKILL) in the middle of writes on SQLite loses nothing it acknowledged
and leaves a database that passes PRAGMA integrity_check (issue 8)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SETUP = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "playbook.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from datetime import date
from playbook.accounts.households import create_parent
from playbook.children.models import Child
user = create_parent("crash@example.com", "a-long-password-1")
child = Child.objects.create(household=user.memberships.get().household, name="Crash Test",
    birth_date=date(2016, 1, 2), grade="4", state="NY")
print(child.pk)
"""


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="SQLite-only durability test")
def test_sigkill_mid_write_loses_nothing_acknowledged(tmp_path):
    env = {**os.environ, "PLAYBOOK_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_SETTINGS_MODULE")
    child_id = (
        subprocess.run(
            [sys.executable, "-c", SETUP],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    writer = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("crash_writer.py")), child_id],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    acknowledged = 0
    deadline = time.monotonic() + 60
    try:
        while acknowledged < 40 and time.monotonic() < deadline:
            line = writer.stdout.readline()
            if line.startswith("ack "):
                acknowledged = int(line.split()[1])
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    assert acknowledged >= 40, "the writer did not get going"

    db = sqlite3.connect(tmp_path / "playbook.sqlite3")
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        seqs = [row[0] for row in db.execute("SELECT seq FROM trail_entry ORDER BY seq")]
    finally:
        db.close()
    assert seqs[:acknowledged] == list(range(1, acknowledged + 1))

    verify = subprocess.run(
        [sys.executable, "-c", VERIFY.format(child_id=child_id)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert verify.stdout.strip().endswith("chain ok"), verify.stdout + verify.stderr


VERIFY = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "playbook.settings"
django.setup()
from playbook.children.models import Child
from playbook.trail.chain import verify
report = verify(Child.objects.get(pk="{child_id}"))
print("chain ok" if report.ok else f"broken at {{report.first_bad.seq}}: {{report.reason}}")
"""
