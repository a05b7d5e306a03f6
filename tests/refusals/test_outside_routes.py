"""Outside routes: filing-window arithmetic (leap day included), triggers from the trail,
and citations only from idea-facts.md."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from playbook.advocacy.models import Ask, AskStatus
from playbook.refusals.models import Refusal
from playbook.refusals.outside_routes import (
    DUE_PROCESS,
    MEDIATION,
    OCR_COMPLAINT,
    ROUTES,
    STATE_COMPLAINT,
    Trigger,
    add_years,
    deadlines,
    triggers_for,
)
from playbook.refusals.refusals import log_refusal
from playbook.trail.chain import append

# The project's research notes live in shared/, beside the repository (as CI lays it out).
FACTS = Path(__file__).resolve().parents[3] / "shared" / "domain" / "idea-facts.md"


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2025, 3, 3), 1, date(2026, 3, 3)),
        (date(2025, 12, 31), 2, date(2027, 12, 31)),
        # 29 February: the earlier day, never a day after the real limit.
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 2, date(2026, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2023, 2, 28), 1, date(2024, 2, 28)),
    ],
)
def test_add_years(day, years, expected):
    assert add_years(day, years) == expected


def test_state_complaint_window_is_one_year():
    assert STATE_COMPLAINT.window.file_by(date(2025, 3, 3)) == date(2026, 3, 3)
    assert STATE_COMPLAINT.window.file_by(date(2024, 2, 29)) == date(2025, 2, 28)


def test_due_process_window_is_two_years_with_the_state_caveat():
    assert DUE_PROCESS.window.file_by(date(2025, 3, 3)) == date(2027, 3, 3)
    assert DUE_PROCESS.window.file_by(date(2024, 2, 29)) == date(2026, 2, 28)
    assert "not in our tables" in DUE_PROCESS.window.note
    assert "procedural safeguards" in DUE_PROCESS.window.note


def test_ocr_window_is_180_calendar_days_and_labelled_secondary():
    # 2024 is a leap year: 180 days from 1 January 2024 is 29 June, not 30 June.
    assert OCR_COMPLAINT.window.file_by(date(2024, 1, 1)) == date(2024, 6, 29)
    assert OCR_COMPLAINT.window.file_by(date(2025, 1, 1)) == date(2025, 6, 30)
    assert OCR_COMPLAINT.window.file_by(date(2024, 2, 29)) == date(2024, 8, 27)
    assert OCR_COMPLAINT.window.source == "Secondary"
    assert "Secondary" in OCR_COMPLAINT.source_note


def test_mediation_has_no_filing_window():
    assert not MEDIATION.window.exists
    assert MEDIATION.window.file_by(date(2025, 1, 1)) is None
    assert deadlines(MEDIATION, [Trigger(date(2025, 1, 1), "chosen", "x")], date(2025, 2, 1)) == []


def test_deadlines_count_days_left_and_close():
    trigger = Trigger(date(2025, 3, 3), "refusal", "the refusal")
    (open_one,) = deadlines(STATE_COMPLAINT, [trigger], date(2026, 3, 1))
    assert open_one.file_by == date(2026, 3, 3) and open_one.days_left == 2
    assert not open_one.closed
    (on_the_day,) = deadlines(STATE_COMPLAINT, [trigger], date(2026, 3, 3))
    assert on_the_day.days_left == 0 and not on_the_day.closed
    (closed,) = deadlines(STATE_COMPLAINT, [trigger], date(2026, 3, 4))
    assert closed.closed


# Sections checked against the primary text in this repository's own work (issue 18) that the
# shared notes do not list; each with the words it stands for.
CHECKED_HERE = {
    # 34 CFR 300.512(a)(3): a party may prohibit evidence not disclosed at least five
    # business days before the hearing; (b)(1) is the disclosure duty the notes cite.
    "300.512(a)",
}


def test_every_citation_appears_in_idea_facts():
    if not FACTS.exists():
        pytest.skip("shared domain notes not mounted")
    facts = FACTS.read_text()
    for route in ROUTES:
        for citation in (*route.citations, route.window.citation):
            for section in re.findall(r"300\.\d+(?:\([a-z]\))?", citation):
                assert section in facts or section in CHECKED_HERE, (route.key, section)
        assert route.binder and route.what and route.who_decides and route.time_cost


def test_triggers_come_from_refusals_and_refused_asks(child, case_manager):
    Refusal.objects.create(
        child=child, said_by=case_manager, said_on=date(2025, 3, 3), words="That's not an option."
    )
    Ask.objects.create(
        child=child,
        subject="1:1 aide",
        asked_on=date(2025, 1, 10),
        status=AskStatus.REFUSED,
        reply_date=date(2025, 1, 20),
    )
    Ask.objects.create(child=child, subject="Still open", asked_on=date(2025, 2, 1))
    append(
        child,
        occurred_at=datetime(2025, 2, 10, 15, tzinfo=UTC),
        kind="email",
        direction="received",
        subject="Re: speech minutes",
        body="We only provide group speech.",
        flags={"refusal": ["We only provide"]},
    )
    append(child, occurred_at=datetime(2025, 2, 11, 15, tzinfo=UTC), kind="note", body="Hi")
    logged = log_refusal(child, said_by=None, said_on=date(2024, 12, 1), words="We can't do that.")
    assert logged.entry.flags["refusal"]  # its entry is flagged, but it is counted once
    triggers = triggers_for(child)
    assert [(t.on, t.kind) for t in triggers] == [
        (date(2025, 3, 3), "refusal"),
        (date(2025, 2, 10), "entry"),
        (date(2025, 1, 20), "ask"),
        (date(2024, 12, 1), "refusal"),
    ]
    assert "Re: speech minutes" in triggers[1].label
    assert "Dana Cole" in triggers[0].label and "not an option" in triggers[0].label
    assert "March 3, 2025" in triggers[0].label
    assert "1:1 aide" in triggers[2].label


def test_an_ask_with_its_refusal_logged_counts_once(child, case_manager):
    ask = Ask.objects.create(child=child, subject="OT", asked_on=date(2025, 1, 10))
    log_refusal(child, said_by=case_manager, said_on=date(2025, 1, 20), words="No.", ask=ask)
    ask.refresh_from_db()
    assert ask.status == AskStatus.REFUSED
    assert [(t.on, t.kind) for t in triggers_for(child)] == [(date(2025, 1, 20), "refusal")]
