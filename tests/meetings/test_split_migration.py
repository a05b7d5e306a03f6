"""Meetings, trials, data and refusals left advocacy for their own apps (decision 0026): a
database made before the move migrates forward with every row, and migrates back."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("advocacy", "0003_one_owner_constraints")]


def migrate(targets=None):
    """Migrate to these targets (default: every app's latest); the models as they were."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _rows_made_before_the_move(old, child, member):
    ask = old.get_model("advocacy", "Ask").objects.create(
        child_id=child.pk, subject="An aide at lunch", asked_on=date(2026, 9, 1)
    )
    series = old.get_model("advocacy", "DataSeries").objects.create(
        child_id=child.pk, name="Words read a minute", unit="words"
    )
    old.get_model("advocacy", "Measurement").objects.create(
        series=series, date=date(2026, 9, 8), value=41
    )
    trial = old.get_model("advocacy", "Trial").objects.create(
        child_id=child.pk,
        proposal="Reading pull-out",
        start_date=date(2026, 9, 14),
        weeks=6,
        measure="words read a minute",
        review_date=date(2026, 10, 26),
        series=series,
    )
    meeting = old.get_model("advocacy", "Meeting").objects.create(
        child_id=child.pk, status="scheduled", date=date(2026, 10, 27), ask=ask, trial=trial
    )
    meeting.invitees.add(member.pk)
    old.get_model("advocacy", "Refusal").objects.create(
        child_id=child.pk, said_on=date(2026, 9, 10), words="We don't do that here.", ask=ask
    )


@pytest.mark.django_db(transaction=True)
def test_rows_made_before_the_split_are_found_in_the_new_apps(child, case_manager):
    ContentType.objects.filter(app_label__in=["meetings", "refusals"]).delete()
    old = migrate(BEFORE)
    old_types = old.get_model("contenttypes", "ContentType")
    for model in ("meeting", "trial", "dataseries", "measurement", "refusal"):
        old_types.objects.get_or_create(app_label="advocacy", model=model)
    _rows_made_before_the_move(old, child, case_manager)

    migrate()

    from playbook.meetings.models import DataSeries, Meeting, Trial
    from playbook.refusals.models import Refusal

    meeting = Meeting.objects.get()
    assert meeting.date == date(2026, 10, 27)
    assert meeting.ask.subject == "An aide at lunch"
    assert meeting.trial == Trial.objects.get(proposal="Reading pull-out")
    assert list(meeting.invitees.all()) == [case_manager]
    assert [point.value for point in DataSeries.objects.get().points.all()] == [41]
    assert Refusal.objects.get().words == "We don't do that here."
    assert child.refusals.get().ask == meeting.ask
    # Permissions and other references to the content types follow the models.
    assert ContentType.objects.get_for_model(Meeting).app_label == "meetings"
    assert ContentType.objects.get_for_model(Refusal).app_label == "refusals"
    assert not ContentType.objects.filter(app_label="advocacy", model="meeting").exists()


@pytest.mark.django_db(transaction=True)
def test_the_split_migrates_back_with_its_rows(child):
    from playbook.refusals.models import Refusal

    Refusal.objects.create(child=child, said_on=date(2026, 9, 10), words="No.")
    old = migrate(BEFORE)
    assert old.get_model("advocacy", "Refusal").objects.get().words == "No."
    migrate()
    assert Refusal.objects.get().words == "No."
