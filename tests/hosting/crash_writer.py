"""Run by test_crash_safety: appends trail entries forever, printing "ack <seq>" after each
commit, until it is killed."""

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

# Run as a script: make the repository importable whatever is installed in the venv.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings")

import django  # noqa: E402

django.setup()

from playbook.children.models import Child  # noqa: E402
from playbook.trail.chain import NewAttachment, append  # noqa: E402

child = Child.objects.get(pk=sys.argv[1])
while True:
    entry = append(
        child,
        occurred_at=datetime.now(UTC),
        kind="note",
        subject="Written under load",
        body="x" * 2000,
        attachments=[NewAttachment("note.txt", os.urandom(4096))],
    )
    print(f"ack {entry.seq}", flush=True)
