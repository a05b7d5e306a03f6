"""The migration that links escalations sent before decision 0036 to their original request."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("advocacy", "0004_meetings_and_refusals_move_out"),
    ("letters", "0004_letter_language"),
]


def migrate(targets=None):
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_escalations_already_sent_carry_their_original_request(child, case_manager):
    old = migrate(BEFORE)
    Ask = old.get_model("advocacy", "Ask")
    Letter = old.get_model("letters", "Letter")
    original = Ask.objects.create(
        child_id=child.pk, subject="Direct OT twice a week", asked_on=date(2026, 3, 2)
    )
    first = Ask.objects.create(
        child_id=child.pk,
        subject="Escalation to Dana Cole: Direct OT twice a week",
        asked_on=date(2026, 3, 27),
        kind="escalation",
    )
    second = Ask.objects.create(
        child_id=child.pk,
        subject="Escalation to Maria Ortiz: Escalation to Dana Cole: Direct OT twice a week",
        asked_on=date(2026, 4, 23),
        kind="escalation",
    )
    for named, opened, on in ((original, first, 27), (first, second, 23)):
        Letter.objects.create(
            child_id=child.pk,
            kind="escalation",
            params={"ask": str(named.pk), "topic": "services"},
            subject="Asking for help",
            body="...",
            state="sent",
            sent_on=date(2026, 3 if on == 27 else 4, on),
            ask_id=opened.pk,
        )
    unsent = Ask.objects.create(child_id=child.pk, subject="Other", asked_on=date(2026, 3, 3))
    migrate()

    from playbook.advocacy.models import Ask as AskNow

    assert AskNow.objects.get(pk=first.pk).about_id == original.pk
    assert AskNow.objects.get(pk=second.pk).about_id == original.pk  # the original, not rung 1
    assert AskNow.objects.get(pk=original.pk).escalated_on == date(2026, 3, 27)
    assert AskNow.objects.get(pk=first.pk).escalated_on == date(2026, 4, 23)
    assert AskNow.objects.get(pk=second.pk).escalated_on is None
    assert AskNow.objects.get(pk=unsent.pk).about_id is None
