"""An uploaded IEP PDF held between "read it" and "save this IEP": a file with a random
name in the private upload storage, known only to the parent's session. It is deleted on
save, on "discard", when a new PDF replaces it, and after HOLD_FOR by the next upload."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone

from playbook.children.models import Child

FOLDER = "iep-imports"
HOLD_FOR = timedelta(days=2)


def _key(child: Child) -> str:
    return f"iep_import:{child.pk}"


def hold(request: HttpRequest, child: Child, content: bytes, file_name: str, reading: dict):
    discard(request, child)
    sweep()
    path = default_storage.save(f"{FOLDER}/{secrets.token_hex(16)}.pdf", ContentFile(content))
    request.session[_key(child)] = {
        "path": path,
        "file_name": file_name,
        "reading": reading,
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
