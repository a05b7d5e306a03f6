"""The day after an IEP meeting the coach asked for another one: "You have 1 open concern and
no meeting on the calendar", about the concern the meeting had just discussed (a walk). For a
month after a meeting, only a concern raised since calls for another (decision 0118)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from playbook.advocacy.models import Concern
from playbook.coach.moves import next_moves
from playbook.meetings.models import Meeting

MET = date(2026, 12, 14)


def meeting_move(child, today):
    return next((s for s in next_moves(child, today) if s.move == "request_meeting"), None)


def _concern(child, title, raised: date) -> Concern:
    concern = Concern.objects.create(child=child, title=title)
    at = datetime.combine(raised, time(12), tzinfo=UTC)
    Concern.objects.filter(pk=concern.pk).update(created_at=at)
    return concern


def test_a_concern_just_discussed_calls_for_no_new_meeting_for_a_month(child):
    _concern(child, "Cannot stay on task", MET - timedelta(days=30))
    Meeting.objects.create(child=child, kind="iep", status="held", date=MET)
    assert meeting_move(child, MET + timedelta(days=1)) is None
    assert meeting_move(child, MET + timedelta(days=29)) is None
    later = meeting_move(child, MET + timedelta(days=30))
    assert later is not None and "You have 1 open concern" in later.why


def test_a_concern_raised_after_the_meeting_still_calls_for_one(child):
    _concern(child, "Cannot stay on task", MET - timedelta(days=30))
    raised = _concern(child, "Hides in the bathroom at lunch", MET + timedelta(days=3))
    Meeting.objects.create(child=child, kind="iep", status="held", date=MET)
    move = meeting_move(child, MET + timedelta(days=5))
    assert move.letter_params == {"concerns": str(raised.pk)}
    assert "You raised 1 concern after the meeting of December 14, 2026" in move.why


def test_a_meeting_cancelled_or_of_another_kind_is_not_a_meeting_just_held(child):
    _concern(child, "Cannot stay on task", MET - timedelta(days=30))
    Meeting.objects.create(child=child, kind="iep", status="cancelled", date=MET)
    Meeting.objects.create(child=child, kind="resolution_session", status="held", date=MET)
    assert meeting_move(child, MET + timedelta(days=1)) is not None


def test_said_in_spanish(child):
    from django.utils import translation

    _concern(child, "Se esconde en el baño", MET + timedelta(days=3))
    Meeting.objects.create(child=child, kind="iep", status="held", date=MET)
    with translation.override("es"):
        move = meeting_move(child, MET + timedelta(days=5))
    assert "Planteó 1 preocupación después de la reunión del 14 de diciembre de 2026" in move.why
