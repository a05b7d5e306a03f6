"""Taking a backup zip apart and putting a changed one together, as anyone editing the file
could: the checksums in the manifest are recomputed, so only the restore's own rules stand
between a crafted backup and the installation."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.storage import default_storage

Rows = list[dict]


def members_of(archive: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        return {name: source.read(name) for name in source.namelist()}


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


def craft(
    archive: bytes,
    change_rows: Callable[[Rows], None] = lambda rows: None,
    files: dict[str, bytes] | None = None,
) -> bytes:
    """The backup with its records changed in place and ``files`` (storage name: bytes)
    added to, or replacing in, the zip and its manifest, every checksum made to match."""
    members = members_of(archive)
    manifest = json.loads(members["manifest.json"])
    rows = json.loads(members["records.json"])
    change_rows(rows)
    records = json.dumps(rows).encode()
    members["records.json"] = records
    manifest["records"]["sha256"] = hashlib.sha256(records).hexdigest()
    for name, content in (files or {}).items():
        members["files/" + name] = content
        manifest["files"] = [item for item in manifest["files"] if item["name"] != name]
        manifest["files"].append(
            {"name": name, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
        )
    members["manifest.json"] = json.dumps(manifest).encode()
    return zip_of(members)


def rows_of(rows: Rows, label: str) -> Rows:
    return [row for row in rows if row["model"] == label]


def stored_files() -> dict[str, str]:
    """Every file in the uploads storage with the SHA-256 of its bytes."""
    found = {}
    pending = [""]
    while pending:
        folder = pending.pop()
        folders, names = default_storage.listdir(folder)
        pending.extend(f"{folder}{sub}/" for sub in folders)
        for name in names:
            with default_storage.open(folder + name, "rb") as handle:
                found[folder + name] = hashlib.sha256(handle.read()).hexdigest()
    return found


# A zip written byte by byte, for headers that do not tell the truth.


@dataclass(frozen=True)
class RawMember:
    name: str
    payload: bytes  # as stored in the zip: deflated, or the plain bytes when stored
    crc: int
    size: int  # what the headers say it expands to
    method: int = zipfile.ZIP_DEFLATED


def stored_member(name: str, content: bytes) -> RawMember:
    """A member kept as it is, with a header that tells the truth."""
    return RawMember(name, content, zlib.crc32(content), len(content), zipfile.ZIP_STORED)


def raw_zip(members: list[RawMember]) -> bytes:
    out = io.BytesIO()
    central = []
    for member in members:
        offset = out.tell()
        name = member.name.encode()
        sizes = (member.crc, len(member.payload), member.size)
        out.write(
            struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0, member.method, 0, 33, *sizes, len(name), 0
            )
        )
        out.write(name + member.payload)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                member.method,
                0,
                33,
                *sizes,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0
        )
    )
    return out.getvalue()
