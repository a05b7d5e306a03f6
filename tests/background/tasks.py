"""Tasks for the worker tests: each run leaves a line in a file, so a test can see a run
start, and the first run can be made to hang until its worker is killed."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def note_runs(folder: str, hang_first: bool) -> str:
    runs = Path(folder) / "runs"
    with runs.open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    if hang_first and len(runs.read_text().splitlines()) == 1:
        time.sleep(600)  # the test kills this worker now
    (Path(folder) / "done").write_text("done")
    return "done"
