"""The child's deadlines, meetings and trial reviews as iCalendar (all-day events).

UIDs are derived from the deadline or meeting id alone, so importing the file again, or a
calendar app refreshing the subscription, updates events instead of duplicating them.

Titles and descriptions are in the language of the feed's owner (the person whose token it
is) or, for the download, of the person asking (issue 19); citations are the same in every
language. In English the feed is as it always was.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from html import unescape

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
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


# The ways a deadline is counted (children.deadline_rules.Rule.counting_words), for the
# feed in another language: the kind of days, then what is left out.
COUNTING = (
    gettext_noop("calendar days"),
    gettext_noop("school days"),
    gettext_noop("business days"),
    gettext_noop("calendar dates"),
    gettext_noop("not counting breaks longer than 5 school days"),
    gettext_noop("not counting breaks of 5 or more school days"),
    gettext_noop("not counting school holidays and breaks"),
    gettext_noop("not counting the summer break"),
)


def _plain(html: str) -> str:
    """A label map's words as text (the feed is not HTML)."""
    return unescape(html).strip()


def _counting(words: str) -> str:
    kind, _, leaving_out = words.partition(", ")
    return gettext(kind) + (", " + gettext(leaving_out) if leaving_out else "")


def build_calendar(child, today: date, language: str | None = None) -> bytes:
    """The feed in ``language`` (the feed owner's), else in the active language."""
    with translation.override(language or translation.get_language() or "en"):
        if (translation.get_language() or "en").startswith("en"):
            return _build(child, today, english=True)
        return _build(child, today, english=False)


def _build(child, today: date, english: bool) -> bytes:
    stamp = datetime.now(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//IEP Playbook//Deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if english:
        cal.add("x-wr-calname", f"{child.first_name}: IEP deadlines and meetings")
    else:
        name = gettext("%(name)s: IEP deadlines and meetings") % {"name": child.first_name}
        cal.add("x-wr-calname", name)
    for deadline in deadlines_for(child, today, alone=True):
        if deadline.due is None:
            continue  # an unverified rule is never a date
        lines = [deadline.basis]
        if english:
            if deadline.citation:
                lines.append(f"Rule: {deadline.citation} ({deadline.source_words}).")
            lines.append(f"Source: {deadline.label}.")
            lines.append(f"Counted in {deadline.counting_words}.")
        else:
            # The labelled federal fallback too: shown_label names it in the reader's words.
            source = deadline.shown_label.split(" · ", 1)[0]
            if deadline.citation:
                lines.append(
                    gettext("Rule: %(citation)s (%(source)s).")
                    % {"citation": deadline.citation, "source": source[:1].lower() + source[1:]}
                )
            lines.append(gettext("Source: %(label)s.") % {"label": deadline.shown_label})
            lines.append(
                gettext("Counted in %(counting)s.")
                % {"counting": _counting(deadline.counting_words)}
            )
        if deadline.note:
            lines.append(deadline.note)
        lines.append(DISCLAIMER if english else gettext(DISCLAIMER))
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
        if english:
            label = Meeting.Kind(meeting.kind).label
            details = [f"{Meeting.Status(meeting.status).label}."]
            if meeting.time:
                details.append(f"Time: {meeting.time:%H:%M}.")
            if meeting.place:
                details.append(f"Place: {meeting.place}.")
        else:
            # The meetings' label maps (decision 0041): Meeting.Kind keeps English labels.
            label = _plain(render_to_string("meetings/_kind.html", {"meeting": meeting}))
            status = _plain(render_to_string("meetings/_status.html", {"meeting": meeting}))
            details = [f"{status}."]
            if meeting.time:
                details.append(gettext("Time: %(time)s.") % {"time": f"{meeting.time:%H:%M}"})
            if meeting.place:
                details.append(gettext("Place: %(place)s.") % {"place": meeting.place})
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
