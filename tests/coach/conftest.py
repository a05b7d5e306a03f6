"""What the digest tests share: a Monday, and an ask the school has left waiting."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from playbook.advocacy.models import Ask

MONDAY = date(2026, 11, 16)


def remind(today: date) -> str:
    out = io.StringIO()
    call_command("remind", today=today.isoformat(), stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def waiting_ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=MONDAY - timedelta(days=20),
        channel="email",
    )
