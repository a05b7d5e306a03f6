"""The demo data: a semester of sessions with some missed; last year's IEP with more speech."""

from __future__ import annotations

from datetime import date

from playbook.ledger.compare import compare_ieps
from playbook.ledger.demo import add_demo
from playbook.ledger.lines import child_ledger
from playbook.ledger.models import ServiceSession

from .conftest import make_iep

TODAY = date(2027, 1, 22)


def test_the_demo_has_a_semester_of_sessions_and_a_reduction_in_speech(child):
    current = make_iep(
        child,
        date(2026, 9, 1),
        date(2027, 8, 31),
        services=[("Speech-language therapy", 60, "week", 2)],
        goals=["Sam will read 90 words per minute, as measured by weekly probes."],
        accommodations=["Preferential seating"],
        placement="General education with pull-out services",
    )
    add_demo(child, TODAY)

    assert child.ieps.count() == 2
    last_year = child.ieps.exclude(pk=current.pk).get()
    comparison = compare_ieps(last_year, current)
    speech = next(s for s in comparison.services if s.service == "Speech-language therapy")
    assert (speech.change, speech.from_minutes, speech.to_minutes) == ("decreased", 90, 60)
    assert comparison.goals_repeated and comparison.accommodations_removed
    assert {s.service for s in comparison.services} == {
        "Speech-language therapy",
        "Occupational therapy",
    }

    sessions = ServiceSession.objects.filter(service__iep=current)
    assert sessions.order_by("date").first().date == date(2026, 9, 1)  # from the IEP's start
    assert sessions.filter(status="missed", reason="provider_absent").count() >= 4
    assert sessions.filter(status="made_up").count() == 1
    ledger = child_ledger(child, today=TODAY)
    speech_line, ot_line = ledger.lines
    assert speech_line.over_threshold
    assert speech_line.tally.missed > 0 and ot_line.tally.delivered > 0


def test_the_demo_adds_services_the_iep_lacks_and_skips_a_child_without_an_iep(child):
    add_demo(child, TODAY)  # no IEP: nothing to add to
    assert not ServiceSession.objects.exists()
    make_iep(child, date(2026, 9, 1), date(2027, 8, 31))
    add_demo(child, TODAY)
    assert [line.name for line in child_ledger(child, today=TODAY).lines] == [
        "Speech-language therapy",
        "Occupational therapy",
    ]
