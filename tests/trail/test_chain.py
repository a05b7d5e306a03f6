from datetime import UTC, datetime

from playbook.trail.chain import GENESIS, NewAttachment, append, verify
from playbook.trail.models import Entry


def _when(day: int) -> datetime:
    return datetime(2026, 9, day, 15, 0, tzinfo=UTC)


def test_entries_chain_in_order_of_recording(child):
    first = append(child, occurred_at=_when(2), kind="note", subject="First", body="a")
    second = append(child, occurred_at=_when(1), kind="call", subject="Second", body="b")
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert verify(child).ok


def test_a_changed_body_is_named(child):
    append(child, occurred_at=_when(1), kind="note", body="one")
    middle = append(child, occurred_at=_when(2), kind="note", body="two")
    append(child, occurred_at=_when(3), kind="note", body="three")
    Entry.objects.filter(pk=middle.pk).update(body="tampered")
    report = verify(child)
    assert not report.ok
    assert report.first_bad == middle


def test_changed_attachment_bytes_are_detected(child):
    entry = append(
        child,
        occurred_at=_when(1),
        kind="email",
        attachments=[NewAttachment("report.txt", b"original")],
    )
    attachment = entry.attachments.get()
    with open(attachment.file.path, "wb") as handle:
        handle.write(b"changed")
    report = verify(child)
    assert not report.ok and report.first_bad == entry
    assert "report.txt" in report.reason


def test_the_hash_does_not_depend_on_the_time_zone_it_was_given_in(child):
    from zoneinfo import ZoneInfo

    local = datetime(2026, 9, 1, 9, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    append(child, occurred_at=local, kind="call", subject="Morning call")
    assert verify(child).ok  # reloaded from the database in UTC
