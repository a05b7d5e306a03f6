"""A backup made before meetings and refusals left advocacy (decision 0026) still restores:
its records name the old labels and its schema the old migrations."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from playbook.accounts.models import Household
from playbook.exports.backup import backup_bytes
from playbook.exports.restore import restore_backup
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial
from playbook.refusals.models import Refusal

from .backup_zips import craft, members_of, zip_of

OLD_LABELS = {
    "meetings.meeting": "advocacy.meeting",
    "meetings.trial": "advocacy.trial",
    "meetings.dataseries": "advocacy.dataseries",
    "meetings.measurement": "advocacy.measurement",
    "refusals.refusal": "advocacy.refusal",
}


def _as_made_before_the_split(archive: bytes) -> bytes:
    def old_labels(rows):
        for row in rows:
            row["model"] = OLD_LABELS.get(row["model"], row["model"])

    members = members_of(craft(archive, old_labels))
    manifest = json.loads(members["manifest.json"])
    schema = manifest["schema"]
    del schema["meetings"], schema["refusals"]
    schema["advocacy"] = "0003_one_owner_constraints"
    members["manifest.json"] = json.dumps(manifest).encode()
    return zip_of(members)


@pytest.fixture
def meetings_and_refusals(child, case_manager):
    series = DataSeries.objects.create(child=child, name="Words a minute", unit="words")
    Measurement.objects.create(series=series, date=date(2026, 9, 8), value=41)
    trial = Trial.objects.create(
        child=child,
        proposal="Reading pull-out",
        start_date=date(2026, 9, 14),
        weeks=6,
        measure="words a minute",
        review_date=date(2026, 10, 26),
        series=series,
    )
    meeting = Meeting.objects.create(child=child, status="requested", trial=trial)
    meeting.invitees.add(case_manager)
    Refusal.objects.create(child=child, said_on=date(2026, 9, 10), words="We don't do that.")


def test_a_backup_made_before_the_split_restores_every_meeting_and_refusal(
    household, alice, meetings_and_refusals
):
    archive = _as_made_before_the_split(backup_bytes(household))
    assert b'"advocacy.meeting"' in members_of(archive)["records.json"]
    household.delete()
    assert not Meeting.objects.exists()

    report = restore_backup(io.BytesIO(archive), alice)

    child = Household.objects.get(pk=report.household_id).children.get()
    meeting = child.meetings.get()
    assert meeting.trial.series.points.get().value == 41
    assert meeting.invitees.get().name
    assert child.refusals.get().words == "We don't do that."


def test_a_backup_of_another_schema_is_still_refused(household, alice, meetings_and_refusals):
    members = members_of(backup_bytes(household))
    manifest = json.loads(members["manifest.json"])
    manifest["schema"]["advocacy"] = "0002_refusal_policy_outcome"
    del manifest["schema"]["meetings"], manifest["schema"]["refusals"]
    members["manifest.json"] = json.dumps(manifest).encode()
    household.delete()
    from playbook.exports.backup import BackupError

    with pytest.raises(BackupError, match="different version"):
        restore_backup(io.BytesIO(zip_of(members)), alice)
