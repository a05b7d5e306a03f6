"""The child's deadlines, meetings and trial reviews as iCalendar (all-day events).

UIDs are derived from the deadline or meeting id alone, so importing the file again, or a
calendar app refreshing the subscription, updates events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from playbook.meetings.models import Meeting

from .engine import DISCLAIMER, deadlines_for, meetings_for

UID_DOMAIN = "iep-playbook"


def deadline_uid(deadline_id: str) -> str:
    return f"deadline-{deadline_id.replace(':', '-')}@{UID_DOMAIN}"


def meeting_uid(meeting_id) -> str:
    return f"meeting-{meeting_id}@{UID_DOMAIN}"


def _all_day(uid: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def build_calendar(child, today: date) -> bytes:
    stamp = datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//IEP Playbook//Deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{child.first_name}: IEP deadlines and meetings")
    for deadline in deadlines_for(child, today):
        if deadline.due is None:
            continue  # an unverified rule is never a date
        lines = [deadline.basis]
        if deadline.citation:
            lines.append(f"Rule: {deadline.citation} ({deadline.source_words}).")
        lines.append(f"Source: {deadline.label}.")
        lines.append(f"Counted in {deadline.counting_words}.")
        if deadline.note:
            lines.append(deadline.note)
        lines.append(DISCLAIMER)
        cal.add_component(
            _all_day(
                deadline_uid(deadline.id),
                deadline.due,
                f"{deadline.title} ({child.first_name})",
                "\n".join(lines),
                stamp,
            )
        )
    for meeting in meetings_for(child):
        label = Meeting.Kind(meeting.kind).label
        details = [f"{Meeting.Status(meeting.status).label}."]
        if meeting.time:
            details.append(f"Time: {meeting.time:%H:%M}.")
        if meeting.place:
            details.append(f"Place: {meeting.place}.")
        cal.add_component(
            _all_day(
                meeting_uid(meeting.pk),
                meeting.date,
                f"{label} ({child.first_name})",
                " ".join(details),
                stamp,
            )
        )
    return cal.to_ical()
