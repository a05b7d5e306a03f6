from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from playbook.children.models import IEP, Accommodation, Goal, Service

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def iep(child):
    iep = IEP.objects.create(
        child=child,
        meeting_date=date(2025, 9, 10),
        start_date=date(2025, 9, 15),
        end_date=date(2026, 9, 14),
        last_evaluation_date=date(2024, 4, 2),
    )
    Service.objects.create(iep=iep, service="Speech therapy", minutes=60, per="week")
    Goal.objects.create(iep=iep, text="Reads 90 words per minute")
    Accommodation.objects.create(iep=iep, text="Extended time")
    return iep


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def bob_only(bob):
    return client_for(bob)


@pytest.fixture
def charlie_only(charlie):
    return client_for(charlie)
