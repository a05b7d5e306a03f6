"""Reading a backup zip without trusting it: every member is read a chunk at a time, and
the whole zip may expand to at most settings.RESTORE_MAX_BYTES, counting the bytes really
read (a member's header can understate its size).

The manifest's SHA-256 values only catch damage: whoever edits a backup can recompute them.
What a restore may write is decided by restore.py, not here.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings

from .backup import (
    FILES_PREFIX,
    FORMAT,
    MANIFEST,
    BackupError,
    schema_read_as_now,
    schema_version,
)

# Version 1 also held the members' accounts: a restore reads it and leaves them out.
READABLE_VERSIONS = {1, 2}
CHUNK = 64 * 1024
# A manifest lists one line per upload: 16 MB is room for about 100,000 files.
MANIFEST_MAX_BYTES = 16 * 1024 * 1024
# records.json is parsed in memory, where it takes several times its size; years of a
# family's records come to a few tens of MB.
RECORDS_MAX_BYTES = 256 * 1024 * 1024
# What a ZipFile reads in bounded steps (bzip2 and lzma members can inflate a read
# without limit), unencrypted.
READABLE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
ENCRYPTED = 0x1
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError)
NOTHING_RESTORED = "nothing was restored"


@dataclass(frozen=True)
class BackedUpFile:
    """An upload as the manifest lists it. ``name`` was its storage name when backed up;
    here it only finds the bytes in the zip."""

    name: str
    size: int
    sha256: str

    @property
    def member(self) -> str:
        return FILES_PREFIX + self.name


@dataclass(frozen=True)
class Contents:
    """A backup whose every member was read and matched the manifest."""

    manifest: dict
    rows: list
    files: dict[str, BackedUpFile]


class _Allowance:
    """How many more bytes the zip may expand to."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise BackupError(too_large())


def too_large() -> str:
    limit = settings.RESTORE_MAX_BYTES // (1024 * 1024)
    return (
        f"This backup expands to more than {limit:,} MB, the most this installation restores "
        f"(its PLAYBOOK_RESTORE_MAX_MB setting); {NOTHING_RESTORED}."
    )


def damaged(what: str = "The zip file is damaged") -> BackupError:
    return BackupError(f"{what}; {NOTHING_RESTORED}.")


def read_checked(archive: zipfile.ZipFile) -> Contents:
    """The manifest, the parsed records and the listed uploads, each checked against the
    manifest; BackupError for anything else. Nothing is written."""
    try:
        names = _check_members(archive)
        allowance = _Allowance(settings.RESTORE_MAX_BYTES)
        manifest = _manifest(archive, names, allowance)
        rows = _records(archive, manifest, names, allowance)
        files = _listed_files(manifest)
        for listed in files.values():
            _check_file(archive, listed, names, allowance)
    except ZIP_ERRORS as exc:
        raise damaged() from exc
    listed = {MANIFEST, manifest["records"]["name"]} | {f.member for f in files.values()}
    extra = [name for name in names if name not in listed and not name.endswith("/")]
    if extra:
        raise damaged(f"The backup holds a file its manifest does not list ({extra[0]})")
    return Contents(manifest, rows, files)


def _chunks(
    archive: zipfile.ZipFile, name: str, limit: int, allowance: _Allowance
) -> Iterator[bytes]:
    """The member's bytes, a chunk at a time; refused past ``limit`` bytes, whatever its
    header says."""
    if archive.getinfo(name).file_size > limit:
        raise damaged(f"{name} in the backup is larger than it should be")
    read = 0
    with archive.open(name) as member:
        while chunk := member.read(CHUNK):
            read += len(chunk)
            allowance.spend(len(chunk))
            if read > limit:
                raise damaged(f"{name} in the backup is larger than it should be")
            yield chunk


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not (path.is_absolute() or ".." in path.parts or "\\" in name)


def _check_members(archive: zipfile.ZipFile) -> list[str]:
    """The members' names, once the zip's own directory shows nothing unsafe: no odd
    names, no member twice, nothing packed in a way we do not read in bounded steps, and
    no more in all than the cap (before anything is inflated)."""
    infos = archive.infolist()
    names = [info.filename for info in infos]
    unsafe = next((name for name in names if not _safe_name(name)), None)
    if unsafe is not None:
        raise damaged(f"This zip holds an unsafe file name ({unsafe})")
    if len(set(names)) != len(names):
        raise damaged("This zip holds two files under one name")
    odd = next(
        (i for i in infos if i.compress_type not in READABLE_METHODS or i.flag_bits & ENCRYPTED),
        None,
    )
    if odd is not None:
        raise damaged(
            f"The backup's file {odd.filename} is encrypted or packed in a way IEP Playbook "
            "does not write"
        )
    if sum(info.file_size for info in infos) > settings.RESTORE_MAX_BYTES:
        raise BackupError(too_large())
    return names


def _manifest(archive: zipfile.ZipFile, names: list[str], allowance: _Allowance) -> dict:
    if MANIFEST not in names:
        raise damaged("This zip is not an IEP Playbook backup: it has no manifest.json")
    try:
        manifest = json.loads(b"".join(_chunks(archive, MANIFEST, MANIFEST_MAX_BYTES, allowance)))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise damaged("The backup's manifest.json is damaged") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise damaged("This zip is not an IEP Playbook household backup")
    if manifest.get("version") not in READABLE_VERSIONS:
        raise damaged(
            f"This backup uses format version {manifest.get('version')!r}; this installation "
            f"reads versions {', '.join(map(str, sorted(READABLE_VERSIONS)))}"
        )
    if schema_read_as_now(manifest.get("schema")) != schema_version():
        raise damaged(
            "This backup was made by a different version of IEP Playbook (its database schema "
            "differs). Restore it with the version that made it, then upgrade"
        )
    records = manifest.get("records")
    if not (
        isinstance(records, dict)
        and isinstance(records.get("name"), str)
        and isinstance(records.get("sha256"), str)
        and isinstance(manifest.get("files"), list)
    ):
        raise damaged("The backup's manifest is incomplete")
    return manifest


def _records(
    archive: zipfile.ZipFile, manifest: dict, names: list[str], allowance: _Allowance
) -> list:
    name = manifest["records"]["name"]
    if name not in names:
        raise damaged(f"The backup is missing its records ({name})")
    if archive.getinfo(name).file_size > RECORDS_MAX_BYTES:
        raise damaged(
            f"The backup's records are larger than this installation reads "
            f"({RECORDS_MAX_BYTES // (1024 * 1024)} MB)"
        )
    payload = bytearray()
    for chunk in _chunks(archive, name, RECORDS_MAX_BYTES, allowance):
        payload += chunk
    if hashlib.sha256(payload).hexdigest() != manifest["records"]["sha256"]:
        raise damaged("The backup's records do not match their checksum: the file is damaged")
    try:
        rows = json.loads(payload)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise damaged("The backup's records are not readable") from exc
    if not isinstance(rows, list):
        raise damaged("The backup's records are not readable")
    return rows


def _listed_files(manifest: dict) -> dict[str, BackedUpFile]:
    files: dict[str, BackedUpFile] = {}
    for item in manifest["files"]:
        listed = _listed_file(item)
        if listed.name in files:
            raise damaged(f"The manifest lists the file {listed.name} twice")
        files[listed.name] = listed
    return files


def _listed_file(item: object) -> BackedUpFile:
    if not isinstance(item, dict):
        raise damaged("The backup's manifest is incomplete")
    name, size, sha256 = item.get("name"), item.get("size"), item.get("sha256")
    if not isinstance(name, str) or not _safe_name(name):
        raise damaged(f"The manifest names an unsafe file ({name!r})")
    if type(size) is not int or size < 0 or not isinstance(sha256, str):
        raise damaged(f"The manifest's entry for {name} is incomplete")
    return BackedUpFile(name, size, sha256)


def _check_file(
    archive: zipfile.ZipFile, listed: BackedUpFile, names: list[str], allowance: _Allowance
) -> None:
    if listed.member not in names:
        raise damaged(f"The backup is missing the file {listed.name}")
    digest = hashlib.sha256()
    size = 0
    for chunk in _chunks(archive, listed.member, listed.size, allowance):
        digest.update(chunk)
        size += len(chunk)
    if size != listed.size or digest.hexdigest() != listed.sha256:
        raise damaged(f"The file {listed.name} in the backup was changed or damaged")
