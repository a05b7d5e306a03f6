"""An IEP in force since 1 Sep 2026 with speech (2 x 30 a week) and OT (30 a week), and the
IEP before it, with more speech."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.children.models import IEP, Accommodation, Goal, Service


def make_iep(child, start, end, services=(), goals=(), accommodations=(), **fields):
    iep = IEP.objects.create(child=child, start_date=start, end_date=end, **fields)
    for position, (name, minutes, per, *rest) in enumerate(services):
        Service.objects.create(
            iep=iep,
            service=name,
            minutes=minutes,
            per=per,
            sessions=rest[0] if rest else None,
            position=position,
        )
    for position, text in enumerate(goals):
        Goal.objects.create(iep=iep, text=text, position=position)
    for position, text in enumerate(accommodations):
        Accommodation.objects.create(iep=iep, text=text, position=position)
    return iep


@pytest.fixture
def iep(child):
    return make_iep(
        child,
        date(2026, 9, 1),
        date(2027, 8, 31),
        services=[("Speech-language therapy", 60, "week", 2), ("Occupational therapy", 30, "week")],
    )


@pytest.fixture
def speech(iep):
    return iep.services.get(service="Speech-language therapy")


@pytest.fixture
def ot(iep):
    return iep.services.get(service="Occupational therapy")
