"""Issue 20, finding 6: every stored field of an entry and of its attachments is hashed,
and entries hashed before that (version 1) still verify with the formula they were made
with."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile

from playbook.trail.chain import GENESIS, NewAttachment, append, content_digest, link_hash, verify
from playbook.trail.models import Attachment, Entry


def _when(day: int) -> datetime:
    return datetime(2026, 9, day, 15, 0, tzinfo=UTC)


def _three(child) -> list[Entry]:
    return [
        append(child, occurred_at=_when(day), kind="note", body=f"entry {day}") for day in (1, 2, 3)
    ]


def test_a_changed_recording_time_is_named(child):
    _, middle, _ = _three(child)
    Entry.objects.filter(pk=middle.pk).update(recorded_at=middle.recorded_at - timedelta(days=30))
    report = verify(child)
    assert not report.ok
    assert report.first_bad == middle and report.reason == "its content was changed"


def test_changed_flags_are_named(child):
    entry = append(
        child,
        occurred_at=_when(1),
        kind="email",
        direction="received",
        body="We cannot provide that.",
        flags={"refusal": ["cannot provide"]},
    )
    append(child, occurred_at=_when(2), kind="note", body="later")
    Entry.objects.filter(pk=entry.pk).update(flags={})  # the "no" quietly unflagged
    report = verify(child)
    assert not report.ok and report.first_bad == entry


def test_the_import_digest_is_hashed_too(child):
    entry = append(child, occurred_at=_when(1), kind="email", body="x", import_digest="a" * 64)
    Entry.objects.filter(pk=entry.pk).update(import_digest="b" * 64)
    assert verify(child).first_bad == entry


@pytest.mark.parametrize(
    "change",
    [{"filename": "harmless.txt"}, {"content_type": "text/plain"}, {"size": 1}],
    ids=["filename", "content_type", "size"],
)
def test_changed_attachment_details_are_named(child, change):
    entry = append(
        child,
        occurred_at=_when(1),
        kind="email",
        attachments=[NewAttachment("evaluation.pdf", b"%PDF report", "application/pdf")],
    )
    Attachment.objects.filter(entry=entry).update(**change)
    report = verify(child)
    assert not report.ok and report.first_bad == entry


def test_where_the_file_is_stored_is_not_part_of_the_hash(child):
    # A backup restore puts files back under new storage names: the trail still holds.
    entry = append(child, occurred_at=_when(1), kind="email",
                   attachments=[NewAttachment("a.pdf", b"pdf bytes")])  # fmt: skip
    attachment = entry.attachments.get()
    with attachment.file.open("rb") as handle:
        content = handle.read()
    stored_as = attachment.file.name
    attachment.file.save("restored", ContentFile(content), save=True)
    assert attachment.file.name != stored_as
    assert verify(child).ok


def test_flags_given_as_tuples_hash_as_they_are_stored(child):
    append(child, occurred_at=_when(1), kind="email", body="No.",
           flags={"refusal": ("no",), "count": 2})  # fmt: skip
    assert verify(child).ok


def _version_1(child, seq: int, prev_hash: str, body: str) -> Entry:
    """An entry as the app recorded it before the formula changed."""
    entry = Entry(
        child=child,
        seq=seq,
        occurred_at=_when(seq),
        kind="note",
        body=body,
        flags={"logged_as": "note"},
        prev_hash=prev_hash,
        hash_version=1,
    )
    entry.content_hash = content_digest(entry, [])
    entry.hash = link_hash(prev_hash, seq, entry.content_hash)
    entry.save()
    return entry


def test_entries_hashed_the_old_way_still_verify_and_new_ones_follow_them(child):
    first = _version_1(child, 1, GENESIS, "old one")
    second = _version_1(child, 2, first.hash, "old two")
    third = append(child, occurred_at=_when(3), kind="note", body="new")
    assert third.hash_version == 2 and third.prev_hash == second.hash
    assert verify(child).ok and verify(child).checked == 3
    # Version 1 covered the body...
    Entry.objects.filter(pk=first.pk).update(body="tampered")
    assert verify(child).first_bad == first


def test_an_entry_cannot_go_back_to_the_old_formula(child):
    first = append(child, occurred_at=_when(1), kind="note", body="new")
    # A forger re-hashes the last entry the old way, which leaves out its flags.
    second = append(child, occurred_at=_when(2), kind="note", body="x", flags={"refusal": ["no"]})
    second.hash_version = 1
    second.flags = {}
    second.content_hash = content_digest(second, [])
    second.hash = link_hash(first.hash, 2, second.content_hash)
    Entry.objects.filter(pk=second.pk).update(
        hash_version=1, flags={}, content_hash=second.content_hash, hash=second.hash
    )
    report = verify(child)
    assert report.first_bad == second
    assert "older" in report.reason


def _hashed_as_shipped_before_0016(row, prev_hash: str) -> tuple[str, str]:
    """(content_hash, hash) by the formula of the release before decision 0016, as it was
    shipped: the trails already recorded were made with this."""
    import hashlib
    import json

    content = {
        "child": str(row.child_id),
        "occurred_at": row.occurred_at.astimezone(UTC).isoformat(),
        "kind": row.kind,
        "direction": row.direction,
        "counterpart": "",
        "sender": row.sender,
        "recipients": row.recipients,
        "subject": row.subject,
        "body": row.body,
        "message_id": row.message_id,
        "corrects": "",
        "attachments": [],
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    content_hash = hashlib.sha256(canonical.encode()).hexdigest()
    return content_hash, hashlib.sha256(
        f"{prev_hash}:{row.seq}:{content_hash}".encode()
    ).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_a_trail_recorded_before_the_upgrade_verifies_after_it(child):
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("trail", "0005_search_row_map")]
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old_entry = executor.loader.project_state(before).apps.get_model("trail", "Entry")
        prev_hash = GENESIS
        for seq in (1, 2):
            row = old_entry(child_id=child.pk, seq=seq, occurred_at=_when(seq), kind="note",
                            body=f"old {seq}", flags={"logged_as": "note"}, prev_hash=prev_hash)  # fmt: skip
            row.content_hash, row.hash = _hashed_as_shipped_before_0016(row, prev_hash)
            row.save()
            prev_hash = row.hash
    finally:
        # Every app back at its latest migration, whatever happened above.
        MigrationExecutor(connection).migrate(latest)
    assert set(Entry.objects.values_list("hash_version", flat=True)) == {1}
    append(child, occurred_at=_when(3), kind="note", body="after the upgrade")
    assert verify(child).ok and verify(child).checked == 3
