"""What is computed from a child's records (coach, deadlines) is kept until they change:
every model under a child is watched, every write that skips signals says so itself, and
the token's deletion is part of the writing transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from playbook.advocacy.models import Ask, Concern, DataSeries, Evidence, Measurement, Meeting
from playbook.children import computed
from playbook.children.models import IEP, Service
from playbook.coach.moves import next_moves
from playbook.deadlines.engine import deadlines_for
from playbook.ledger.csv_import import import_service_log
from playbook.ledger.models import ServiceSession
from playbook.trail.chain import append

TODAY = date(2026, 11, 16)


def version(child) -> str:
    return computed.records_version(child.pk)


def changes_version(child, write) -> bool:
    before = version(child)
    write()
    return version(child) != before


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child, subject="an OT evaluation", asked_of=case_manager,
        asked_on=TODAY - timedelta(days=20), channel="email",
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


def test_reading_twice_keeps_the_token_and_the_result(ask):
    token = version(ask.child)
    assert version(ask.child) == token
    first = next_moves(ask.child, TODAY)
    ask.child.refresh_from_db()
    assert next_moves(ask.child, TODAY) == first
    assert version(ask.child) == token


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


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "playbook_cache",
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
)
def test_in_the_shared_database_cache_the_token_goes_with_the_transaction(child):
    call_command("createcachetable", verbosity=0)
    token = version(child)
    with pytest.raises(RuntimeError), transaction.atomic():
        Concern.objects.create(child=child, title="Reading")
        assert caches["default"].get(computed.TOKEN_KEY.format(child.pk)) is None
        raise RuntimeError("the write fails")
    assert version(child) == token, "a rolled-back write keeps the records as they were"
    with transaction.atomic():
        Concern.objects.create(child=child, title="Reading")
    assert version(child) != token


def test_a_parent_not_found_yet_is_looked_up_again(child):
    """A restore can save a record just before its parent: "not found" is not kept."""
    import uuid as uuid_module

    iep_id = uuid_module.uuid4()
    service = Service(iep_id=iep_id, service="Speech", minutes=30, per="week")
    assert computed.child_id_of(service, "iep__child") is None
    IEP.objects.create(
        pk=iep_id, child=child, start_date=date(2026, 9, 1), end_date=date(2027, 8, 31)
    )
    assert computed.child_id_of(service, "iep__child") == child.pk
