"""An uploaded IEP PDF held between "read it" and "save this IEP": a file with a random
name in the private upload storage (the file of its IepReading, read in the background),
taken into the parent's session for review once read. It is deleted on save, on
"discard", when a new PDF replaces it, and after HOLD_FOR by the next upload."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone

from playbook.children.models import Child

from .models import FOLDER, IepReading

__all__ = ["FOLDER", "HOLD_FOR", "discard", "held", "held_content", "hold", "sweep"]
HOLD_FOR = timedelta(days=2)


def _key(child: Child) -> str:
    return f"iep_import:{child.pk}"


def hold(request: HttpRequest, child: Child, job: IepReading) -> None:
    """Take a finished reading into review, in place of any other waiting for this child."""
    entry = request.session.get(_key(child))
    if entry and entry["path"] == job.file.name:
        return
    discard(request, child)
    request.session[_key(child)] = {
        "path": job.file.name,
        "file_name": job.file_name,
        "reading": job.reading,
        "reading_id": str(job.pk),
        "held_at": timezone.now().isoformat(),
    }


def held(request: HttpRequest, child: Child) -> dict | None:
    """The import waiting for review, if its file is still there."""
    entry = request.session.get(_key(child))
    if not entry:
        return None
    if not default_storage.exists(entry["path"]):
        request.session.pop(_key(child), None)
        return None
    return entry


def held_content(entry: dict) -> bytes:
    with default_storage.open(entry["path"], "rb") as f:
        return f.read()


def discard(request: HttpRequest, child: Child) -> None:
    entry = request.session.pop(_key(child), None)
    if entry:
        default_storage.delete(entry["path"])


def sweep() -> None:
    """Delete held files older than HOLD_FOR: imports the parent walked away from."""
    try:
        _, names = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - HOLD_FOR
    for name in names:
        path = f"{FOLDER}/{name}"
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
        except FileNotFoundError:
            continue
