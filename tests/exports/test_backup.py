"""Backup and restore: every record and file comes back as a new household owned by the
person restoring; damaged or foreign zips are refused and write nothing. (Crafted backups:
test_backup_crafted.py; zip bombs: test_backup_zip_bomb.py.)"""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC, date, datetime

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import FileField

from playbook.accounts.models import Household, Membership
from playbook.advocacy.models import Ask, Concern, Evidence
from playbook.children.models import IEP, Service
from playbook.exports.backup import BackupError, backup_bytes, household_models
from playbook.exports.restore import restore_backup
from playbook.letters.models import Letter
from playbook.trail.chain import NewAttachment, append, verify

from .backup_zips import members_of, zip_of

PDF = b"%PDF-1.4\n% a tiny test file\n%%EOF\n"


@pytest.fixture
def full_household(alice, household, child, case_manager):
    iep = IEP.objects.create(
        child=child, start_date=date(2026, 1, 5), end_date=date(2027, 1, 4), file_name="iep.pdf"
    )
    iep.file.save("iep.pdf", ContentFile(PDF))
    Service.objects.create(iep=iep, service="Speech", minutes=60, per="week")
    concern = Concern.objects.create(child=child, title="Reading")
    evidence = Evidence.objects.create(concern=concern, text="Reads 40 wpm", kind="data")
    evidence.attachment.save("sample.jpg", ContentFile(b"\xff\xd8\xff jpeg bytes"))
    entry = append(
        child,
        occurred_at=datetime(2026, 9, 3, 14, tzinfo=UTC),
        kind="email",
        direction="sent",
        counterpart=case_manager,
        subject="Reading",
        body="Please evaluate.",
        attachments=[NewAttachment("work.pdf", PDF, "application/pdf")],
    )
    append(child, occurred_at=datetime(2026, 9, 4, tzinfo=UTC), kind="note", corrects=entry)
    ask = Ask.objects.create(
        child=child, subject="Evaluation", asked_of=case_manager, asked_on=date(2026, 9, 3)
    )
    ask.entries.add(entry)
    Letter.objects.create(
        child=child, kind="written_concerns", subject="Reading", body="Dear...", created_by=alice
    )
    return household


def _snapshot(household) -> dict:
    """Every record of the household, its uploads by content (they come back under new
    names) and without its memberships (the person restoring becomes the only member)."""
    records = {}
    for model in household_models():
        if model is Membership:
            continue
        path = "pk" if model is Household else model.household_path
        rows = model._default_manager.filter(**{path: household.pk}).order_by("pk")
        data = json.loads(serializers.serialize("json", rows, use_natural_foreign_keys=True))
        for row in data:
            # A counter for repeat views, not a record: a restore moves it on (decision 0023).
            row["fields"].pop("records_version", None)
            for name, value in row["fields"].items():
                if _is_upload(model, name) and value:
                    with default_storage.open(value, "rb") as handle:
                        row["fields"][name] = handle.read()
        records[model._meta.label] = data
    return records


def _is_upload(model, name) -> bool:
    return isinstance(model._meta.get_field(name), FileField)


def _files(household) -> dict[str, bytes]:
    names = {}
    for model in household_models():
        path = "pk" if model is Household else model.household_path
        for record in model._default_manager.filter(**{path: household.pk}):
            for field in record._meta.fields:
                stored = getattr(record, field.name)
                if isinstance(field, FileField) and stored:
                    with stored.open("rb") as handle:
                        names[stored.name] = handle.read()
    return names


def _wipe(household) -> None:
    """The household and its uploads gone from this installation; the accounts stay."""
    for name in _files(household):
        default_storage.delete(name)
    household.delete()


def test_round_trip_restores_every_record_and_file(full_household, alice, child):
    before = _snapshot(full_household)
    files_before = _files(full_household)
    assert len(files_before) == 3
    archive = backup_bytes(full_household)
    _wipe(full_household)
    assert Household.objects.count() == 0

    report = restore_backup(io.BytesIO(archive), alice)

    household = Household.objects.get(pk=report.household_id)
    assert _snapshot(household) == before
    restored_files = _files(household)
    assert sorted(restored_files.values()) == sorted(files_before.values())
    assert not set(restored_files) & set(files_before)  # under new names
    assert verify(household.children.get()).ok
    assert list(household.memberships.values_list("user", "role")) == [(alice.pk, "owner")]
    assert Ask.objects.get().entries.count() == 1
    assert (report.records, report.files, report.members_to_invite) == (12, 3, [])


def test_a_backup_holds_no_password_hash(full_household, alice, bob):
    """Issue 20, finding 8: a backup leaves the members' accounts out; a restored family's
    other members are invited again and set their own password."""
    members = members_of(backup_bytes(full_household))
    everything = b"".join(members.values())
    for person in (alice, bob):
        assert person.password.encode() not in everything
    rows = json.loads(members["records.json"])
    assert not [row for row in rows if row["model"] == "accounts.user"]
    assert not [row for row in rows if "password" in row["fields"]]
    # Who the members were is kept, by email, so the owner can invite them again.
    memberships = [row["fields"] for row in rows if row["model"] == "accounts.membership"]
    assert sorted((m["user"], m["role"]) for m in memberships) == [
        (["alice@example.com"], "owner"),
        (["bob@example.com"], "advocate_read"),
    ]


def test_a_version_1_backup_restores_without_its_accounts(full_household, alice):
    """Version 1 held the accounts with their password hashes: they are left out."""
    members = members_of(backup_bytes(full_household))
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = 1
    rows = json.loads(members["records.json"])
    rows.insert(
        0,
        {
            "model": "accounts.user",
            "fields": {"email": "alice@example.com", "password": "md5$old$hash"},
        },
    )
    members["records.json"] = json.dumps(rows).encode()
    manifest["records"]["sha256"] = hashlib.sha256(members["records.json"]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    password = alice.password
    _wipe(full_household)

    restore_backup(io.BytesIO(zip_of(members)), alice)

    alice.refresh_from_db()
    assert alice.password == password
    assert Household.objects.get().children.count() == 1


def _rezip(archive: bytes, change) -> bytes:
    members = members_of(archive)
    change(members)
    return zip_of(members)


def _tamper_file(members):
    name = next(n for n in members if n.startswith("files/trail/"))
    members[name] = b"changed bytes"


def _drop_manifest(members):
    del members["manifest.json"]


def _traversal(members):
    members["../x"] = b"escape"


def _unknown_schema(members):
    manifest = json.loads(members["manifest.json"])
    manifest["schema"]["trail"] = "0999_from_the_future"
    members["manifest.json"] = json.dumps(manifest).encode()


def _unknown_version(members):
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = 99
    members["manifest.json"] = json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_tamper_file, "was changed or damaged"),
        (_drop_manifest, "no manifest.json"),
        (_traversal, "unsafe file name"),
        (_unknown_schema, "different version of IEP Playbook"),
        (_unknown_version, "format version 99"),
    ],
)
def test_a_damaged_or_foreign_zip_is_refused_and_writes_nothing(
    full_household, alice, change, message
):
    archive = _rezip(backup_bytes(full_household), change)
    _wipe(full_household)
    with pytest.raises(BackupError, match=message):
        restore_backup(io.BytesIO(archive), alice)
    assert Household.objects.count() == 0
    assert Membership.objects.count() == 0


def test_a_file_that_is_not_a_zip_is_refused(alice):
    with pytest.raises(BackupError, match="not a zip"):
        restore_backup(io.BytesIO(b"PK but not really"), alice)


def test_restoring_over_an_existing_household_is_refused(full_household, alice):
    archive = backup_bytes(full_household)
    with pytest.raises(BackupError, match="already in this installation"):
        restore_backup(io.BytesIO(archive), alice)


def test_the_commands_back_up_and_restore(full_household, alice, charlie, tmp_path, capsys):
    target = tmp_path / "family.zip"
    household_id = full_household.pk
    call_command("backup", str(household_id), str(target))
    _wipe(full_household)

    call_command("restore", str(target), "--owner", "CHARLIE@example.com")

    out = capsys.readouterr().out
    assert "restored Alice Parent's family for charlie@example.com" in out
    assert "alice@example.com (owner)" in out  # to invite again
    restored = Household.objects.get(pk=household_id)
    assert list(restored.memberships.values_list("user__email", flat=True)) == [charlie.email]
    call_command("verify-trail", str(restored.children.get().pk))
    assert "intact: 2 entries checked" in capsys.readouterr().out  # ids kept: the chain holds


def test_restore_without_owner_gives_the_family_back_to_its_owner(full_household, alice, tmp_path):
    """`playbook restore FILE.zip` (docs/api.md) still works where the owner's account exists."""
    target = tmp_path / "family.zip"
    call_command("backup", str(full_household.pk), str(target))
    _wipe(full_household)

    call_command("restore", str(target))

    assert list(Membership.objects.values_list("user", "role")) == [(alice.pk, "owner")]


def test_restore_without_owner_needs_the_owners_account(full_household, alice, tmp_path):
    target = tmp_path / "family.zip"
    call_command("backup", str(full_household.pk), str(target))
    _wipe(full_household)
    alice.delete()

    with pytest.raises(CommandError, match="alice@example.com, has no account") as excinfo:
        call_command("restore", str(target))
    assert excinfo.value.returncode == 2
    assert not Household.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["backup", "not-an-id", "x.zip"], "no household"),
        (["restore", "/nonexistent/backup.zip"], "no file"),
        (["restore", __file__, "--owner", "nobody@example.com"], "no account"),
    ],
)
def test_the_commands_answer_bad_arguments_in_one_line(db, args, message):
    with pytest.raises(CommandError, match=message) as excinfo:
        call_command(*args)
    assert excinfo.value.returncode == 2


def test_times_come_back_to_the_microsecond(full_household, alice, child):
    """Django's JSON writes milliseconds: 12.000456 came back as 12.000, a flaky
    difference in the round trip above about once in a hundred runs."""
    from datetime import UTC, datetime

    from playbook.advocacy.models import Concern

    moment = datetime(2026, 11, 2, 15, 4, 12, 456, tzinfo=UTC)
    concern = Concern.objects.create(child=child, title="Timing", created_at=moment)
    archive = backup_bytes(full_household)
    _wipe(full_household)
    restore_backup(io.BytesIO(archive), alice)
    assert Concern.objects.get(pk=concern.pk).created_at == moment
