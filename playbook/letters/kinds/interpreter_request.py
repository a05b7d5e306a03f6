"""Ask for an interpreter at an IEP meeting, so the parent can take part in it
(34 CFR § 300.322(e))."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask
from playbook.meetings.models import Meeting

from .. import spanish
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending


@register
class InterpreterRequest(LetterKind):
    name = "interpreter_request"
    title = gettext_noop("Request an interpreter for a meeting")
    why = gettext_noop(
        "The school must do whatever is needed so that you understand the IEP meeting, "
        "including arranging an interpreter if your language is not English. Asking in "
        "writing before the meeting gives the school time to find a qualified one."
    )
    params = [
        Param("meeting", "The meeting", model=Meeting, help="Optional: the meeting coming up."),
        Param(
            "language",
            "Your language",
            required=True,
            missing="say which language you need the interpreter for.",
            help="For example: Spanish.",
        ),
    ]

    def check(self, case: Case, values: dict) -> None:
        meeting: Meeting | None = values.get("meeting")
        if meeting is not None and meeting.status in (
            Meeting.Status.HELD,
            Meeting.Status.CANCELLED,
        ):
            raise ParamError(
                "meeting", "this meeting was held or cancelled; choose one still to come."
            )

    def context(self, case: Case, values: dict) -> dict:
        meeting: Meeting | None = values.get("meeting")
        language = spanish.language_name(values["language"], "en")
        return {
            "meeting": meeting,
            "meeting_name": meeting.get_kind_display() if meeting else "",
            "language": language,
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        meeting: Meeting | None = values.get("meeting")
        return {
            "meeting_day": spanish.day(meeting.date) if meeting and meeting.date else "",
            "language": spanish.language_name(values["language"], "es"),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        meeting: Meeting | None = values.get("meeting")
        return open_ask(
            letter.child,
            subject=f"An interpreter ({values['language'].strip()}) for the IEP meeting"[:300],
            details="Interpreter at the meeting (34 CFR § 300.322(e)).",
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            meeting_on=meeting.date if meeting else None,
            kind=self.name,
        )
