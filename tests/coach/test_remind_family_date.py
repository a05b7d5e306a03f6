"""Issue 15: the weekly digest goes by each household's own date, not the server's. Two
families, one in New York and one in Los Angeles, both choose Tuesday: at midnight in New
York (21:00 Monday in Los Angeles) only the New York family's Tuesday has come."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import time_machine
from django.core import mail
from django.core.management import call_command

from playbook.advocacy.models import Ask
from playbook.children.models import Child, TeamMember
from playbook.coach.models import DigestSent, DigestSettings

NY_MIDNIGHT = datetime(2026, 11, 17, 5, 0, tzinfo=UTC)  # Tue 00:00 NY, Mon 21:00 LA
LA_AFTER_MIDNIGHT = datetime(2026, 11, 17, 8, 30, tzinfo=UTC)  # Tue 00:30 LA
ASKED_ON = date(2026, 10, 27)


def remind() -> str:
    out = io.StringIO()
    call_command("remind", stdout=out)
    return out.getvalue().strip()


def family(household, zone: str, name: str) -> Child:
    household.time_zone = zone
    household.save(update_fields=["time_zone"])
    DigestSettings.objects.create(household=household, weekday=1)  # Tuesday
    child = Child.objects.create(
        household=household, name=name, birth_date=date(2015, 3, 14), grade="5", state="CA"
    )
    manager = TeamMember.objects.create(child=child, name="Dana Cole", role="case_manager")
    Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=manager,
        asked_on=ASKED_ON,
        channel="email",
    )
    return child


def test_each_household_gets_its_digest_on_its_own_day(alice, charlie):
    family(alice.memberships.get().household, "America/Los_Angeles", "Sam Rivera")
    family(charlie.memberships.get().household, "America/New_York", "Ana Lopez")

    with time_machine.travel(NY_MIDNIGHT, tick=False):
        assert remind() == "queued 1 digest"
    [new_york] = mail.outbox
    assert new_york.to == ["charlie@example.com"]
    # Built with New York's date: Tuesday, November 17, 21 days after the ask.
    assert "has had no reply for 21 days" in new_york.alternatives[0][0]
    assert DigestSent.objects.get().week_start == date(2026, 11, 16)

    with time_machine.travel(NY_MIDNIGHT + timedelta(hours=1), tick=False):
        assert remind() == "queued 0 digests"  # still Monday in Los Angeles

    with time_machine.travel(LA_AFTER_MIDNIGHT, tick=False):
        assert remind() == "queued 1 digest"
    assert mail.outbox[1].to == ["alice@example.com"]
    assert "has had no reply for 21 days" in mail.outbox[1].alternatives[0][0]
    weeks = {s.household.time_zone: s.week_start for s in DigestSent.objects.all()}
    assert weeks == {
        "America/New_York": date(2026, 11, 16),
        "America/Los_Angeles": date(2026, 11, 16),
    }


def test_remind_today_still_names_one_date_for_all(alice, charlie):
    family(alice.memberships.get().household, "America/Los_Angeles", "Sam Rivera")
    family(charlie.memberships.get().household, "America/New_York", "Ana Lopez")
    out = io.StringIO()
    call_command("remind", today="2026-11-17", stdout=out)
    assert out.getvalue().strip() == "queued 2 digests"
