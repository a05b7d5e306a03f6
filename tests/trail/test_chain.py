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


def test_a_changed_date_is_named(child):
    first = append(child, occurred_at=_when(1), kind="note", body="one")
    append(child, occurred_at=_when(2), kind="note", body="two")
    Entry.objects.filter(pk=first.pk).update(occurred_at=_when(3))
    report = verify(child)
    assert not report.ok and report.first_bad == first
    assert report.reason == "its content was changed"
    assert "broken at entry 1" in report.summary()


def test_a_removed_entry_is_named_by_the_one_after_it(child):
    append(child, occurred_at=_when(1), kind="note", body="one")
    middle = append(child, occurred_at=_when(2), kind="note", body="two")
    last = append(child, occurred_at=_when(3), kind="note", body="three")
    Entry.objects.filter(pk=middle.pk).delete()
    report = verify(child)
    assert report.first_bad == last and report.reason == "entry 2 is missing"


def test_a_rewritten_entry_with_a_fresh_hash_breaks_the_next_link(child):
    from playbook.trail.chain import content_digest, link_hash

    first = append(child, occurred_at=_when(1), kind="note", body="one")
    second = append(child, occurred_at=_when(2), kind="note", body="two")
    # A careful forger recomputes the changed entry's own hashes...
    first.body = "forged"
    first.content_hash = content_digest(first, [])
    first.hash = link_hash(GENESIS, 1, first.content_hash)
    Entry.objects.filter(pk=first.pk).update(
        body=first.body, content_hash=first.content_hash, hash=first.hash
    )
    # ...and the entry after it no longer follows.
    report = verify(child)
    assert report.first_bad == second
    assert report.reason == "it does not follow the entry before it"


def test_a_deleted_attachment_file_is_detected(child):
    entry = append(child, occurred_at=_when(1), kind="email",
                   attachments=[NewAttachment("a.pdf", b"pdf")])  # fmt: skip
    entry.attachments.get().file.delete(save=False)
    report = verify(child)
    assert report.first_bad == entry and "a.pdf" in report.reason


def test_append_many_chains_in_the_order_given(child):
    from playbook.trail.chain import Draft, append_many

    before = append(child, occurred_at=_when(1), kind="note", body="before")
    made = append_many(
        child, [Draft(occurred_at=_when(9 - i), kind="note", body=str(i)) for i in range(3)]
    )
    assert [e.seq for e in made] == [2, 3, 4]
    assert made[0].prev_hash == before.hash and made[2].prev_hash == made[1].hash
    assert verify(child).ok and verify(child).checked == 4


def test_chains_are_per_child(child, household):
    from playbook.children.models import Child

    other = Child.objects.create(household=household, name="Ana", birth_date="2017-01-01",
                                 grade="3", state="CA")  # fmt: skip
    append(child, occurred_at=_when(1), kind="note", body="a")
    theirs = append(other, occurred_at=_when(1), kind="note", body="b")
    assert theirs.seq == 1 and theirs.prev_hash == GENESIS


def test_a_time_given_in_another_zone_hashes_as_the_stored_instant(child):
    from zoneinfo import ZoneInfo

    when = datetime(2026, 9, 14, 15, 30, tzinfo=ZoneInfo("America/Los_Angeles"))
    entry = append(child, occurred_at=when, kind="call", body="x")
    assert entry.occurred_at == when
    assert verify(child).ok
