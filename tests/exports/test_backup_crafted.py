"""Crafted backups (issue 20, finding 2). A backup's checksums can be recomputed by whoever
edits it, so the restore's own rules must hold whatever the zip says: it only ever adds a
new household. No other family's records, members or files change, nobody but the person
restoring becomes a member, no account is created or changed, and a restore that fails
removes only the files it wrote."""

from __future__ import annotations

import io
import json
import uuid
from datetime import date

import pytest
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from playbook.accounts.models import Household, Membership, Role, User
from playbook.advocacy.models import Concern, Evidence
from playbook.children.models import IEP, Child
from playbook.exports.backup import BackupError, backup_bytes, household_models
from playbook.exports.restore import restore_backup
from playbook.letters.models import Letter

from .backup_zips import craft, rows_of, stored_files


@pytest.fixture
def alices_evidence(child):
    concern = Concern.objects.create(child=child, title="Reading")
    evidence = Evidence.objects.create(concern=concern, text="Reads 40 wpm", kind="data")
    evidence.attachment.save("probe.jpg", ContentFile(b"alice's own file"))
    return evidence


@pytest.fixture
def charlies_backup(charlie, bob):
    """Charlie's family (Bob helps as a parent) backed up, then deleted from this
    installation; both accounts stay."""
    household = charlie.memberships.get().household
    Membership.objects.create(household=household, user=bob, role=Role.PARENT)
    kit = Child.objects.create(
        household=household,
        name="Kit Other",
        birth_date=date(2016, 1, 2),
        grade="4",
        school="Oak School",
        district="Oak District",
        state="OR",
    )
    iep = IEP.objects.create(child=kit, start_date=date(2026, 1, 5), end_date=date(2027, 1, 4))
    iep.file.save("iep.pdf", ContentFile(b"%PDF-1.4 charlie's IEP"))
    concern = Concern.objects.create(child=kit, title="Fractions")
    evidence = Evidence.objects.create(concern=concern, text="Worksheet", kind="example")
    evidence.attachment.save("worksheet.jpg", ContentFile(b"charlie's worksheet"))
    Letter.objects.create(child=kit, kind="follow_up", subject="Math", created_by=charlie)
    archive = backup_bytes(household)
    household.delete()
    return archive


class Untouched:
    """What exists now, outside the household a restore is about to add: every family's
    rows, every account and every stored file."""

    def __init__(self) -> None:
        self.household_ids = list(Household.objects.values_list("pk", flat=True))
        self.rows = self._rows()
        self.files = stored_files()

    def _rows(self) -> dict:
        found = {}
        for model in household_models():
            path = "pk" if model is Household else model.household_path
            rows = model._base_manager.filter(**{f"{path}__in": self.household_ids})
            found[model._meta.label] = serializers.serialize("json", rows.order_by("pk"))
        found["accounts"] = list(
            User.objects.order_by("email").values(
                "email", "password", "is_staff", "is_superuser", "is_active", "display_name"
            )
        )
        return found

    def check(self) -> None:
        assert self._rows() == self.rows
        now = stored_files()
        assert {name: now.get(name) for name in self.files} == self.files

    def new_households(self) -> list[Household]:
        return list(Household.objects.exclude(pk__in=self.household_ids))


def _restore(archive: bytes, owner: User):
    return restore_backup(io.BytesIO(archive), owner)


def _household_id(rows) -> str:
    return rows_of(rows, "accounts.household")[0]["pk"]


def test_a_backup_cannot_make_anyone_a_member_of_another_family(
    household, charlie, charlies_backup
):
    untouched = Untouched()

    def takeover(rows):
        rows.append(
            {
                "model": "accounts.membership",
                "pk": str(uuid.uuid4()),
                "fields": {
                    "household": str(household.pk),
                    "user": ["charlie@example.com"],
                    "role": "owner",
                    "created_at": "2026-01-01T00:00:00Z",
                },
            }
        )

    _restore(craft(charlies_backup, takeover), charlie)

    untouched.check()
    assert not Membership.objects.filter(household=household, user=charlie).exists()
    [restored] = untouched.new_households()
    assert list(restored.memberships.values_list("user__email", "role")) == [
        ("charlie@example.com", "owner")
    ]


def test_only_the_person_restoring_becomes_a_member(alice, charlie, bob, charlies_backup):
    untouched = Untouched()

    report = _restore(charlies_backup, alice)

    untouched.check()
    [restored] = untouched.new_households()
    assert list(restored.memberships.values_list("user__email", "role")) == [
        ("alice@example.com", "owner")
    ]
    assert sorted(report.members_to_invite) == [
        ("bob@example.com", "parent"),
        ("charlie@example.com", "owner"),
    ]
    # Charlie wrote the letter; he is not part of the restored family, so no one is named.
    assert Letter.objects.get(child__household=restored).created_by is None


def _child_row(child, **changes) -> dict:
    [row] = json.loads(serializers.serialize("json", [child]))
    row["fields"].update(changes)
    return row


def test_a_backup_cannot_take_another_familys_child(child, charlie, charlies_backup):
    untouched = Untouched()

    def move_alices_child(rows):
        rows.append(_child_row(child, household=_household_id(rows)))

    with pytest.raises(BackupError, match="already in this installation"):
        _restore(craft(charlies_backup, move_alices_child), charlie)

    untouched.check()
    assert untouched.new_households() == []
    child.refresh_from_db()
    assert child.household.name == "Alice Parent's family"


def test_a_backup_cannot_add_a_child_to_another_family(household, child, charlie, charlies_backup):
    untouched = Untouched()

    def child_in_alices_family(rows):
        row = _child_row(child, household=str(household.pk), name="Planted")
        row["pk"] = str(uuid.uuid4())
        rows.append(row)

    with pytest.raises(BackupError, match="not in the backup"):
        _restore(craft(charlies_backup, child_in_alices_family), charlie)

    untouched.check()
    assert list(household.children.values_list("name", flat=True)) == ["Sam Rivera"]


def _point_evidence_at(name: str):
    def change(rows):
        for row in rows_of(rows, "advocacy.evidence"):
            row["fields"]["attachment"] = name

    return change


def test_a_backup_cannot_replace_another_familys_file(alices_evidence, charlie, charlies_backup):
    alices_name = alices_evidence.attachment.name
    untouched = Untouched()

    archive = craft(
        charlies_backup, _point_evidence_at(alices_name), files={alices_name: b"forged"}
    )
    _restore(archive, charlie)

    untouched.check()
    with default_storage.open(alices_name, "rb") as handle:
        assert handle.read() == b"alice's own file"
    [restored] = untouched.new_households()
    evidence = Evidence.objects.get(concern__child__household=restored)
    assert evidence.attachment.name != alices_name
    with evidence.attachment.open("rb") as handle:
        assert handle.read() == b"forged"


@pytest.mark.django_db(transaction=True)
def test_a_failed_restore_leaves_other_families_files_alone(
    alices_evidence, charlie, charlies_backup
):
    """A reference the database only checks at commit used to fail after the files were
    written: the rollback then deleted Alice's file, which the backup had named."""
    alices_name = alices_evidence.attachment.name
    untouched = Untouched()

    def dangling(rows):
        _point_evidence_at(alices_name)(rows)
        rows_of(rows, "advocacy.concern")[0]["fields"]["child"] = str(uuid.uuid4())

    archive = craft(charlies_backup, dangling, files={alices_name: b"forged"})
    with pytest.raises(BackupError):
        _restore(archive, charlie)

    untouched.check()
    assert stored_files() == untouched.files
    assert untouched.new_households() == []


def test_a_restore_that_fails_midway_removes_only_what_it_wrote(
    alices_evidence, charlie, charlies_backup
):
    """The database refuses a record after the uploads before it were written: those, and
    only those, are removed."""
    alices_name = alices_evidence.attachment.name
    untouched = Untouched()

    def impossible_consent(rows):
        _point_evidence_at(alices_name)(rows)
        kit = rows_of(rows, "children.child")[0]["pk"]
        rows.append(
            {
                "model": "deadlines.evaluationconsent",
                "pk": str(uuid.uuid4()),
                "fields": {"child": kit, "signed_on": "2026-05-01", "report_on": "2026-04-01"},
            }
        )

    archive = craft(charlies_backup, impossible_consent, files={alices_name: b"forged"})
    with pytest.raises(BackupError, match="do not fit together"):
        _restore(archive, charlie)

    untouched.check()
    assert stored_files() == untouched.files
    assert untouched.new_households() == []


def test_accounts_in_a_backup_are_never_created_or_changed(charlie, charlies_backup):
    untouched = Untouched()

    def accounts(rows):
        for email in ("charlie@example.com", "mallory@example.com"):
            rows.insert(
                0,
                {
                    "model": "accounts.user",
                    "fields": {
                        "email": email,
                        "password": "md5$forged$0123456789abcdef",
                        "is_staff": True,
                        "is_superuser": True,
                        "is_active": True,
                    },
                },
            )

    _restore(craft(charlies_backup, accounts), charlie)

    untouched.check()
    assert not User.objects.filter(email="mallory@example.com").exists()
    assert not User.objects.filter(is_superuser=True).exists()
