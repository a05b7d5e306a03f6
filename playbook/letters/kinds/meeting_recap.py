"""Recap a meeting or a call: "my understanding of what we discussed", inviting
corrections, so a conversation becomes a record."""

from __future__ import annotations

from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_noop

from playbook.children.school_calendar import SchoolCalendar
from playbook.meetings.models import Meeting
from playbook.refusals.models import Refusal
from playbook.trail.models import Entry
from playbook.trail.refusal_language import detect

from .. import spanish, thread
from ..compose import bullet
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register

RECAPPABLE = {"call": "our phone call", "note": "our conversation", "meeting": "our meeting"}

# A "no" heard in the parent's notes goes into a letter that tells the school it refused
# something, so only the recogniser's surer readings count: "a specialist could see Sam
# twice a week" is heard as a no at 0.67 and must not be thrown back at the school.
NOTES_CONFIDENCE = 0.8

NO_NOTES = "[Write here, one point per line, what was discussed and agreed.]"
RECAPPABLE_ES = {
    "call": "nuestra llamada",
    "note": "nuestra conversación",
    "meeting": "nuestra reunión",
}
NO_NOTES_ES = "[Escriba aquí, un punto por línea, lo que se habló y se acordó.]"


@register
class MeetingRecap(LetterKind):
    name = "meeting_recap"
    title = gettext_noop("Recap a meeting or call")
    why = gettext_noop(
        "What is said in a meeting or on the phone is easily remembered differently later. "
        "A short recap sent within a day or two, inviting corrections, turns the "
        "conversation into a written record."
    )
    params = [
        Param("meeting", "The meeting", model=Meeting),
        Param("entry", "The call or conversation", model=Entry),
        Param(
            "notes",
            "What was discussed and agreed",
            help="One point per line. Leave empty to use your notes from the log.",
        ),
        Param(
            "correction_days",
            "School days to send corrections",
            type="int",
            minimum=1,
            maximum=30,
        ),
    ]

    def check(self, case: Case, values: dict) -> None:
        meeting, entry = values.get("meeting"), values.get("entry")
        if bool(meeting) == bool(entry):
            raise ParamError(
                "meeting" if entry is None else "entry",
                "choose either a meeting or a logged call or conversation (one of the two).",
            )
        if entry is not None and entry.kind not in RECAPPABLE:
            raise ParamError(
                "entry",
                f"a recap is for a call, conversation or meeting; this entry is "
                f"{entry.get_kind_display().lower()}.",
            )
        if meeting is not None and meeting.date is None:
            raise ParamError("meeting", "this meeting has no date yet; add its date first.")
        if meeting is not None and meeting.date > case.today:
            raise ParamError(
                "meeting",
                gettext_noop(
                    "this meeting is on %(day)s, still to come: write its recap once it has "
                    "been held."
                ),
                {"day": thread.day(meeting.date)},
                {"day": formats.date_format(meeting.date)},
            )

    def addressee(self, case: Case, values: dict):
        entry = values.get("entry")
        if entry is not None and entry.counterpart_id:
            return next((m for m in case.team if m.pk == entry.counterpart_id), None)
        return case.case_manager

    def cc(self, case: Case, values: dict, addressee):
        meeting = values.get("meeting")
        if meeting is None:
            return []
        return [m for m in meeting.invitees.all() if m.email]

    def context(self, case: Case, values: dict) -> dict:
        meeting, entry = values.get("meeting"), values.get("entry")
        days = values.get("correction_days") or 5
        if entry is not None:
            occasion = RECAPPABLE[entry.kind]
            occurred_on = case.child.day_of(entry.occurred_at)
            notes = values.get("notes") or entry.body.strip()
            topic = entry.subject
        else:
            occasion = (
                "the meeting" if meeting.kind == "other" else f"the {meeting.get_kind_display()}"
            )
            occurred_on = meeting.date
            notes = values.get("notes") or meeting.outcome.strip()
            topic = ""
        refusals = _refusals_at(meeting) if meeting is not None else []
        lines = [bullet(_refusal_line(r)) for r in refusals]
        lines += [bullet(said) for said in heard_in_notes(notes, refusals)]
        calendar = SchoolCalendar.for_child(case.child)
        return {
            "meeting": meeting,
            "invitees": [
                f"{m.name} ({m.role_label})" for m in (meeting.invitees.all() if meeting else [])
            ],
            "refusals": "\n".join(lines),
            "occasion": occasion,
            "occurred_on": occurred_on,
            "topic": topic,
            "notes": _as_points(notes) if notes else NO_NOTES,
            "correction_days": days,
            "correct_by": (correct_by := calendar.add_school_days(case.today, days)),
            "reply_by": correct_by,
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        meeting, entry = values.get("meeting"), values.get("entry")
        occasion = RECAPPABLE_ES[entry.kind] if entry is not None else spanish.meeting_kind(meeting)
        return {
            "occasion": occasion,
            "invitees": [
                f"{m.name} ({spanish.role(m)})" for m in (meeting.invitees.all() if meeting else [])
            ],
            "notes": NO_NOTES_ES if english["notes"] == NO_NOTES else english["notes"],
            # The subject the parent logged the call under, in their words.
            "topic": spanish.subject(english["topic"]) if english["topic"] else "",
        }


# Where a no said at a meeting is recorded: by hand (no entry), or in the meeting's or the
# parent's own notes. One heard in an email, a letter, a document or a call of the same day
# was not said at the meeting, and the recap must not tell the school it was.
SAID_AT_A_MEETING = ("meeting", "note")


def _refusals_at(meeting: Meeting) -> list[Refusal]:
    """The refusals the parent recorded as said on the meeting's day, at the meeting."""
    return list(
        Refusal.objects.filter(child_id=meeting.child_id, said_on=meeting.date)
        .filter(Q(entry__isnull=True) | Q(entry__kind__in=SAID_AT_A_MEETING))
        .select_related("said_by")
        .order_by("created_at")
    )


def _plain(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .\"'“”")


def heard_in_notes(notes: str, refusals: list[Refusal]) -> list[str]:
    """The sentences of the parent's own notes that the recogniser hears as a "no"
    (playbook.school_language, as ``detect`` reads them), less those already recorded as
    refusals."""
    if not notes.strip():
        return []
    recorded = [_plain(r.words) for r in refusals]
    found = []
    for sentence in detect(notes).sentences:
        if not sentence.refusal or sentence.confidence < NOTES_CONFIDENCE:
            continue
        said = " ".join(sentence.text.split()).lstrip("-*• ").strip()
        plain = _plain(said)
        if plain and not any(plain in known or known in plain for known in recorded if known):
            found.append(said)
    return found


def _refusal_line(refusal: Refusal) -> str:
    who = f"{refusal.said_by.name}: " if refusal.said_by else ""
    return f'{who}"{" ".join(refusal.words.split())}"'


def _as_points(notes: str) -> str:
    lines = [line.strip() for line in notes.strip().splitlines() if line.strip()]
    if len(lines) == 1:
        return lines[0]
    return "\n".join(line if line.startswith("- ") else f"- {line.lstrip('-* ')}" for line in lines)
