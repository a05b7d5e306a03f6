"""Static files are built (collected, fingerprinted, compressed) only when their sources
changed: compressing the vendored files takes about a minute, and a parent restarting the
app should not wait for it every time (issue 17).

The sources' fingerprint (every file's path, size and modification time, as the finders see
them) is kept beside the built files; a start whose fingerprint matches skips the build.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

FINGERPRINT_NAME = ".sources-fingerprint"
MANIFEST_NAME = "staticfiles.json"


def sources_fingerprint() -> str:
    digest = hashlib.sha256()
    entries = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            entries.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for entry in sorted(entries):
        digest.update(entry.encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _stamp() -> Path:
    return Path(settings.STATIC_ROOT) / FINGERPRINT_NAME


def is_current() -> bool:
    stamp = _stamp()
    manifest = Path(settings.STATIC_ROOT) / MANIFEST_NAME
    return (
        stamp.exists() and manifest.exists() and stamp.read_text().strip() == sources_fingerprint()
    )


def build_if_changed(say=lambda line: None) -> bool:
    """Collect the static files unless the built ones match the sources; whether it built."""
    if is_current():
        return False
    say("Building the static files (after an install or an update only; about a minute)...")
    fingerprint = sources_fingerprint()
    call_command("collectstatic", interactive=False, verbosity=0)
    _stamp().write_text(fingerprint + "\n")
    return True
