"""Each child's records version (a counter on the child's row) goes up with every change to
the child's records: every model under a child is watched, every write that skips signals
says so itself, and the bump commits or rolls back with the write. What is computed from
the records (coach, deadlines) is kept under it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.db import transaction

from playbook.advocacy.models import Ask, Concern, Evidence
from playbook.children import computed
from playbook.children.models import IEP, Child, Service
from playbook.coach.moves import next_moves
from playbook.deadlines.engine import deadlines_for
from playbook.ledger.csv_import import import_service_log
from playbook.ledger.models import ServiceSession
from playbook.meetings.models import DataSeries, Measurement, Meeting
from playbook.trail.chain import append

TODAY = date(2026, 11, 16)


def version(child) -> int:
    return Child._base_manager.values_list("records_version", flat=True).get(pk=child.pk)


def changes_version(child, write) -> bool:
    before = version(child)
    write()
    return version(child) != before


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=TODAY - timedelta(days=20),
        channel="email",
    )  # fmt: skip  (its reply was due 10 school days later, November 10)


@pytest.fixture
def speech(child):
    iep = IEP.objects.create(child=child, start_date=date(2026, 9, 1), end_date=date(2027, 8, 31))
    return Service.objects.create(iep=iep, service="Speech", minutes=60, per="week")


def test_every_model_under_a_child_is_watched_or_named_with_a_reason():
    under_a_child = {
        model._meta.label_lower for model in apps.get_models() if computed.child_path(model)
    }
    watched = {model._meta.label_lower for model in computed.watched_models()}
    assert under_a_child == watched | set(computed.NOT_WATCHED)
    assert {"advocacy.ask", "advocacy.evidence", "ledger.servicesession"} <= watched
    assert set(computed.NOT_WATCHED) <= under_a_child, "a stale name in NOT_WATCHED"


def test_reading_twice_keeps_the_version_and_the_result(ask):
    before = version(ask.child)
    first = next_moves(ask.child, TODAY)
    ask.child.refresh_from_db()
    assert next_moves(ask.child, TODAY) == first
    assert version(ask.child) == before


def test_a_child_saved_from_an_old_copy_does_not_put_its_version_back(child):
    old_copy = Child.objects.get(pk=child.pk)
    Concern.objects.create(child=child, title="Reading")
    after_the_concern = version(child)
    old_copy.school = "Jefferson Middle"
    old_copy.save()
    assert version(child) == after_the_concern + 1


def test_saves_deletes_and_links_at_every_depth_change_the_version(child, ask, speech):
    concern = Concern.objects.create(child=child, title="Reading")
    series = DataSeries.objects.create(child=child, name="Words per minute", unit="wpm")
    meeting = Meeting.objects.create(child=child)
    session = ServiceSession(service=speech, date=TODAY, minutes=30, status="delivered")

    def reply():
        ask.status = "granted"
        ask.save()

    writes = {
        "an ask's reply": reply,
        "evidence (one level down)": lambda: Evidence.objects.create(concern=concern, text="x"),
        "a data point": lambda: Measurement.objects.create(series=series, date=TODAY, value=3),
        "a session (two levels down)": session.save,
        "deleting the session": session.delete,
        "an agenda item (many-to-many)": lambda: meeting.agenda.add(concern),
        "the child itself": lambda: child.save(),
        "the household (its time zone)": lambda: child.household.save(),
        "an entry on the trail": lambda: append(
            child, occurred_at=datetime(2026, 11, 2, 15, tzinfo=UTC), kind="note", body="x"
        ),
    }
    unchanged = [name for name, write in writes.items() if not changes_version(child, write)]
    assert unchanged == []


def test_writes_that_skip_signals_change_the_version(child, speech):
    log = b"date,minutes,status\n11/02/2026,30,delivered\n11/03/2026,0,missed\n"

    def imported():
        report = import_service_log(speech, log, today=TODAY)
        assert report.imported == 2

    assert changes_version(child, imported)
    assert ServiceSession.objects.filter(service=speech).count() == 2


def test_another_childs_writes_leave_this_child_alone(child, charlie, ask):
    other = charlie.memberships.get().household.children.create(
        name="Other", birth_date=date(2016, 1, 1), grade="4", state="TX"
    )
    assert not changes_version(child, lambda: Concern.objects.create(child=other, title="x"))


def test_the_coach_sees_a_reply_given_after_it_was_asked(ask):
    assert [s.move for s in next_moves(ask.child, TODAY)] == ["follow_up"]
    ask.status = "granted"
    ask.reply_date = TODAY
    ask.save()
    assert next_moves(ask.child, TODAY) == []


def test_the_coach_is_kept_per_day(ask):
    assert next_moves(ask.child, TODAY - timedelta(days=10)) == []  # not yet due
    assert [s.move for s in next_moves(ask.child, TODAY)] == ["follow_up"]


def test_deadlines_follow_a_reply_date_set_after_they_were_computed(ask):
    def reply_due():
        return [d.due for d in deadlines_for(ask.child, TODAY) if d.ref == str(ask.pk)]

    assert reply_due() == []
    ask.reply_due = TODAY + timedelta(days=3)
    ask.save()
    assert reply_due() == [TODAY + timedelta(days=3)]


def test_the_bump_goes_with_the_transaction(child):
    before = version(child)
    with pytest.raises(RuntimeError), transaction.atomic():
        Concern.objects.create(child=child, title="Reading")
        assert version(child) == before + 1  # inside: the writer sees its own change
        raise RuntimeError("the write fails")
    assert version(child) == before, "a rolled-back write keeps the records as they were"
    with transaction.atomic():
        Concern.objects.create(child=child, title="Reading")
    assert version(child) == before + 1


def test_a_record_saved_before_its_parent_bumps_nothing_and_does_not_fail(child):
    """A restore can save a record just before its parent."""
    import uuid as uuid_module

    before = version(child)
    iep_id = uuid_module.uuid4()
    service = Service(iep_id=iep_id, service="Speech", minutes=30, per="week")
    computed.record_changed(service, "iep__child")
    assert version(child) == before
    IEP.objects.create(
        pk=iep_id, child=child, start_date=date(2026, 9, 1), end_date=date(2027, 8, 31)
    )
    computed.record_changed(service, "iep__child")
    assert version(child) == before + 2  # the IEP's own save, then the service's
