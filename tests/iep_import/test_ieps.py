"""create_iep: one IEP with its services, goals and accommodations, or nothing at all."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from playbook.children.ieps import create_iep
from playbook.children.models import IEP, Accommodation, Goal, Service

FACTS = {
    "meeting_date": "2026-09-15",
    "start_date": date(2026, 9, 16),
    "end_date": "2027-09-14",
    "last_evaluation_date": "2025-10-02",
    "reevaluation_due": None,
    "services": [
        {
            "service": "Speech-language therapy",
            "minutes": 60,
            "per": "week",
            "sessions": 2,
            "setting": "Therapy room",
            "provider_role": "SLP",
        },
        {"service": "Counseling", "minutes": "120", "per": "month"},
    ],  # fmt: skip
    "goals": [
        {"text": "Sam will read 90 words per minute.", "area": "Reading"},
        "  ",
        "Sam will write.",
    ],
    "accommodations": ["Extended time", {"text": "Preferential seating", "page": 2}],
}


def test_saves_everything_in_order(child):
    iep = create_iep(child, FACTS, file_content=b"%PDF-1.4 test", file_name="iep.pdf")
    assert (iep.start_date, iep.end_date) == (date(2026, 9, 16), date(2027, 9, 14))
    assert iep.meeting_date == date(2026, 9, 15)
    assert iep.reevaluation_due is None
    assert [(s.service, s.minutes, s.per, s.sessions) for s in iep.services.all()] == [
        ("Speech-language therapy", 60, "week", 2),
        ("Counseling", 120, "month", None),
    ]
    assert [(g.text, g.area) for g in iep.goals.all()] == [
        ("Sam will read 90 words per minute.", "Reading"),
        ("Sam will write.", ""),
    ]
    assert [a.text for a in iep.accommodations.all()] == ["Extended time", "Preferential seating"]
    assert iep.file_name == "iep.pdf"
    assert iep.file.read() == b"%PDF-1.4 test"
    assert child.current_iep() == iep


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"start_date": None}, "start_date", "start date is needed"),
        ({"end_date": "2026-09-01"}, "end_date", "must come after the start date"),
        ({"meeting_date": "15/09/2026"}, "meeting_date", "YYYY-MM-DD"),
        ({"reevaluation_due": "2024-01-01"}, "reevaluation_due", "after the last evaluation"),
        ({"services": [{"service": "", "minutes": 30, "per": "week"}]}, "services", "needs a name"),
        (
            {"services": [{"service": "OT", "minutes": 0, "per": "week"}]},
            "services",
            "whole number",
        ),
        (
            {"services": [{"service": "OT", "minutes": "lots", "per": "week"}]},
            "services",
            "whole number",
        ),
        (
            {"services": [{"service": "OT", "minutes": 30, "per": "year"}]},
            "services",
            "per day, per week",
        ),
    ],
)
def test_bad_facts_save_nothing_and_say_why(child, change, field, words):
    with pytest.raises(ValidationError) as invalid:
        create_iep(child, FACTS | change, file_content=b"%PDF-1.4 test")
    assert any(words in message for message in invalid.value.message_dict[field])
    assert IEP.objects.count() == Service.objects.count() == 0
    assert Goal.objects.count() == Accommodation.objects.count() == 0
