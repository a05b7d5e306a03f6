"""Zip bombs (issue 20, finding 17): a restore reads the zip a chunk at a time and stops at
PLAYBOOK_RESTORE_MAX_MB, counting the bytes it really reads, so a small zip that expands to
gigabytes is answered in plain words, in fixed memory and time."""

from __future__ import annotations

import io
import json
import time
import tracemalloc
import zipfile
import zlib

import pytest

from playbook.accounts.models import Household
from playbook.exports.backup import BackupError, backup_bytes
from playbook.exports.restore import restore_backup

from .backup_zips import RawMember, members_of, raw_zip, stored_member

MB = 1024 * 1024


def _zeros_deflated(megabytes: int) -> bytes:
    """Raw deflate data for that many MB of zero bytes, about 1 KB a MB, made at once: each
    MB is the same block (a full flush forgets what came before)."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    one_mb = block.compress(bytes(MB)) + block.flush(zlib.Z_FULL_FLUSH)
    return one_mb * megabytes + b"\x03\x00"  # an empty final block


def _zeros_crc(megabytes: int) -> int:
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(bytes(MB), crc)
    return crc


def _bomb(household, megabytes: int, *, crc: int = 0, claimed_mb: int | None = None) -> bytes:
    """A real backup of the household plus one listed file of zero bytes."""
    members = members_of(backup_bytes(household))
    manifest = json.loads(members["manifest.json"])
    size = (claimed_mb if claimed_mb is not None else megabytes) * MB
    manifest["files"].append({"name": "bomb.bin", "size": size, "sha256": "0" * 64})
    return raw_zip(
        [
            stored_member("manifest.json", json.dumps(manifest).encode()),
            stored_member("records.json", members["records.json"]),
            RawMember("files/bomb.bin", _zeros_deflated(megabytes), crc, size),
        ]
    )


def _refusal_within_limits(archive: bytes, owner) -> tuple[str, int, float]:
    """The refusal's message, the peak of memory allocated and the seconds taken."""
    tracemalloc.start()
    began = time.perf_counter()
    try:
        with pytest.raises(BackupError) as refused:
            restore_backup(io.BytesIO(archive), owner)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return str(refused.value), peak, time.perf_counter() - began


def test_a_zip_expanding_past_the_cap_is_refused_before_it_is_read(
    alice, household, child, settings
):
    settings.RESTORE_MAX_BYTES = 1024 * MB
    archive = _bomb(household, 1536)  # 1.5 GB of zeros in a 1.5 MB zip
    assert len(archive) < 2 * MB
    household.delete()

    message, peak, seconds = _refusal_within_limits(archive, alice)

    assert "expands to more than 1,024 MB" in message
    assert peak < 16 * MB
    assert seconds < 10  # it is refused from the zip's directory alone: nothing is inflated
    assert not Household.objects.exists()


def test_a_large_file_is_checked_in_fixed_memory(alice, household, child):
    archive = _bomb(household, 128, crc=_zeros_crc(128))  # within the default cap
    household.delete()

    message, peak, _ = _refusal_within_limits(archive, alice)

    assert "bomb.bin in the backup was changed or damaged" in message
    assert peak < 16 * MB  # read a chunk at a time: 128 MB never sit in memory
    assert not Household.objects.exists()


def test_a_file_larger_than_its_header_says_is_refused(alice, household, child):
    archive = _bomb(household, 256, claimed_mb=1)
    household.delete()

    message, peak, _ = _refusal_within_limits(archive, alice)

    assert "damaged" in message
    assert peak < 16 * MB
    assert not Household.objects.exists()


def test_records_too_large_to_read_are_refused(alice, household, child):
    members = members_of(backup_bytes(household))
    huge = RawMember("records.json", _zeros_deflated(300), 0, 300 * MB)
    manifest = stored_member("manifest.json", members["manifest.json"])
    household.delete()

    message, peak, _ = _refusal_within_limits(raw_zip([manifest, huge]), alice)

    assert "records are larger than" in message
    assert peak < 16 * MB


def test_a_member_packed_another_way_is_refused(alice, household, child):
    members = members_of(backup_bytes(household))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_BZIP2) as target:
        for name, content in members.items():
            target.writestr(name, content)
    household.delete()

    with pytest.raises(BackupError, match="packed in a way"):
        restore_backup(io.BytesIO(out.getvalue()), alice)
