"""A draft not marked sent is asked about once, by its newest copy (decision 0117): drafting
the same letter again, or sending a newer copy, leaves the older drafts over. Found on a walk:
four days before an IEP meeting the coach asked five times "Did you send ...?", about a
meeting request already sent with other dates and two drafts of one Parent Concerns statement.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from playbook.coach.moves import next_moves
from playbook.letters.models import Letter

TODAY = date(2026, 12, 11)


def asked_about(child) -> list[str]:
    return [s.refs["letter"] for s in next_moves(child, TODAY) if s.move == "confirm_sent"]


def _letter(child, kind: str, days_ago: int, params: dict, **fields) -> Letter:
    letter = Letter.objects.create(
        child=child, kind=kind, params=params, subject=kind, body="...", **fields
    )
    noon = datetime.combine(TODAY - timedelta(days=days_ago), time(12), tzinfo=UTC)
    Letter.objects.filter(pk=letter.pk).update(created_at=noon)
    return letter


def _window(day: int) -> list[dict]:
    return [{"date": f"2026-12-{day:02d}"}, {"date": f"2026-12-{day + 1:02d}"}]


def test_a_meeting_request_sent_with_other_days_replaces_the_older_draft(child):
    older = _letter(child, "meeting_request", 6, {"concerns": ["c1"], "availability": _window(9)})
    assert asked_about(child) == [str(older.pk)]
    _letter(
        child, "meeting_request", 4, {"concerns": ["c1"], "availability": _window(14)},
        state=Letter.State.SENT, sent_on=TODAY - timedelta(days=4),
    )  # fmt: skip
    assert asked_about(child) == []


def test_a_meeting_request_about_other_concerns_is_another_letter(child):
    first = _letter(child, "meeting_request", 6, {"concerns": ["c1"], "availability": _window(9)})
    _letter(
        child, "meeting_request", 4, {"concerns": ["c2"], "availability": _window(9)},
        state=Letter.State.SENT, sent_on=TODAY - timedelta(days=4),
    )  # fmt: skip
    assert asked_about(child) == [str(first.pk)]


def test_two_drafts_of_one_statement_are_asked_about_once_by_the_newest(child):
    _letter(child, "parent_concerns", 6, {"strengths": ["Kind"]})
    newest = _letter(child, "parent_concerns", 4, {"strengths": ["Kind", "Curious"]})
    assert asked_about(child) == [str(newest.pk)]


def test_ids_in_another_order_or_joined_by_commas_are_the_same_choice(child):
    _letter(child, "meeting_request", 6, {"concerns": "c2,c1", "availability": _window(9)})
    newest = _letter(child, "meeting_request", 4, {"concerns": ["c1", "c2"]})
    assert asked_about(child) == [str(newest.pk)]


def test_a_letter_of_a_kind_no_longer_made_is_still_asked_about(child):
    gone = _letter(child, "kind_no_longer_made", 6, {"x": "1"})
    assert asked_about(child) == [str(gone.pk)]
