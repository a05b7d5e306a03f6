"""Asks carried up the chain of command (decision 0036) survive a backup, and a backup made
before the chain's columns existed still restores (they come back empty)."""

from __future__ import annotations

import io
import json
from datetime import date

from playbook.accounts.models import Household
from playbook.advocacy.models import Ask
from playbook.exports.backup import backup_bytes
from playbook.exports.restore import restore_backup

from .backup_zips import craft, members_of, zip_of


def _chain(child, case_manager):
    original = Ask.objects.create(
        child=child,
        subject="Direct OT twice a week",
        asked_on=date(2026, 3, 2),
        escalated_on=date(2026, 3, 27),
    )
    Ask.objects.create(
        child=child,
        subject="Escalation to Dana Cole: Direct OT twice a week",
        asked_on=date(2026, 3, 27),
        asked_of=case_manager,
        about=original,
        kind="escalation",
    )


def test_an_escalated_chain_comes_back_whole(household, alice, child, case_manager):
    _chain(child, case_manager)
    archive = backup_bytes(household)
    household.delete()
    report = restore_backup(io.BytesIO(archive), alice)
    restored = Household.objects.get(pk=report.household_id).children.get()
    carried = restored.asks.get(kind="escalation")
    assert carried.about.subject == "Direct OT twice a week"
    assert carried.about.escalated_on == date(2026, 3, 27)
    assert carried.about.child_id == restored.pk


def test_a_backup_made_before_the_chain_columns_restores_them_empty(
    household, alice, child, case_manager
):
    Ask.objects.create(child=child, subject="Direct OT twice a week", asked_on=date(2026, 3, 2))

    def without_chain(rows):
        for row in rows:
            if row["model"] == "advocacy.ask":
                del row["fields"]["about"], row["fields"]["escalated_on"]

    members = members_of(craft(backup_bytes(household), without_chain))
    assert b'"escalated_on"' not in members["records.json"]
    manifest = json.loads(members["manifest.json"])
    manifest["schema"]["advocacy"] = "0004_meetings_and_refusals_move_out"
    members["manifest.json"] = json.dumps(manifest).encode()
    household.delete()
    report = restore_backup(io.BytesIO(zip_of(members)), alice)
    ask = Household.objects.get(pk=report.household_id).children.get().asks.get()
    assert ask.subject == "Direct OT twice a week"
    assert ask.about is None and ask.escalated_on is None
