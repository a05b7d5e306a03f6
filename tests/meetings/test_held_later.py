"""A meeting is held on or before the family's today: marked held on a day still to come, by
the page or the API, it is refused with the date named, and nothing changes; a recap letter
is not written for a meeting still to come (found on a walk: the recap of a meeting nine days
ahead asked the school to correct it "by December 14", before the meeting)."""

from __future__ import annotations

from datetime import timedelta

from playbook.meetings.models import Meeting


def _later(child):
    return child.today() + timedelta(days=9)


def test_the_page_refuses_a_new_meeting_held_on_a_day_to_come(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/meetings/new/",
        {"kind": "iep", "status": "held", "date": _later(child).isoformat()},
    )
    assert response.status_code == 400
    assert "which has not come yet" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_marking_a_meeting_to_come_as_held_keeps_it_scheduled(alice_client, child):
    meeting = Meeting.objects.create(child=child, status="scheduled", date=_later(child))
    response = alice_client.post(
        f"/children/{child.pk}/meetings/{meeting.pk}/advance/", {"status": "held"}, follow=True
    )
    assert "which has not come yet" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"
    # On its day it can be marked held.
    meeting.date = child.today()
    meeting.save()
    alice_client.post(f"/children/{child.pk}/meetings/{meeting.pk}/advance/", {"status": "held"})
    meeting.refresh_from_db()
    assert meeting.status == "held"


def test_the_api_refuses_it_with_the_date_named(alice_client, child):
    meeting = Meeting.objects.create(child=child, status="scheduled", date=_later(child))
    response = alice_client.patch(
        f"/api/v1/meetings/{meeting.pk}", {"status": "held"}, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    assert "date" in str(response.json()) and "has not come yet" in str(response.json())
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"


def test_no_recap_letter_for_a_meeting_still_to_come(alice_client, child, case_manager):
    meeting = Meeting.objects.create(child=child, status="scheduled", date=_later(child))
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/letters",
        {"kind": "meeting_recap", "meeting": str(meeting.pk)},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    assert "still to come" in response.json()["detail"]
    spanish = alice_client.post(
        f"/api/v1/children/{child.pk}/letters",
        {"kind": "meeting_recap", "meeting": str(meeting.pk)},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert spanish.status_code == 422
    assert "todavía no se ha celebrado" in spanish.json()["detail"]
