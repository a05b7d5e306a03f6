"""Follow up on an unanswered ask, citing the date of the first request."""

from __future__ import annotations

from playbook.advocacy.models import Ask, AskStatus, Channel
from playbook.children.school_calendar import SchoolCalendar

from ..params import Param, ParamError
from ..registry import Case, LetterKind, register

FOLLOW_UP_SCHOOL_DAYS = 5

_CHANNEL_PHRASE = {
    Channel.EMAIL: "by email",
    Channel.LETTER: "by letter",
    Channel.PHONE: "by phone",
    Channel.IN_PERSON: "in person",
    Channel.MEETING: "at a meeting",
}


@register
class FollowUp(LetterKind):
    name = "follow_up"
    title = "Follow up on an unanswered ask"
    why = (
        "Requests get lost in busy inboxes. A short, polite follow-up that names the date "
        "of your first request shows you are keeping track, and gives the school a clear "
        "new date to answer by."
    )
    params = [Param("ask", "The ask with no reply", model=Ask, required=True)]

    def check(self, case: Case, values: dict) -> None:
        ask: Ask = values["ask"]
        if ask.status not in (AskStatus.OPEN, AskStatus.NO_REPLY):
            raise ParamError(
                "ask",
                f"this ask already has a reply ({ask.get_status_display().lower()}); "
                "a follow-up is for an ask still waiting.",
            )

    def addressee(self, case: Case, values: dict):
        return values["ask"].asked_of or case.case_manager

    def context(self, case: Case, values: dict) -> dict:
        ask: Ask = values["ask"]
        return {
            "ask": ask,
            "channel_phrase": _CHANNEL_PHRASE.get(ask.channel, ""),
            "days_waited": max((case.today - ask.asked_on).days, 0),
            "reply_by": SchoolCalendar.for_child(case.child).add_school_days(
                case.today, FOLLOW_UP_SCHOOL_DAYS
            ),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        ask: Ask = values["ask"]
        ask.entries.add(entry)
        new_due = letter.reply_by or SchoolCalendar.for_child(letter.child).add_school_days(
            letter.sent_on, FOLLOW_UP_SCHOOL_DAYS
        )
        if new_due <= letter.sent_on:
            new_due = SchoolCalendar.for_child(letter.child).add_school_days(
                letter.sent_on, FOLLOW_UP_SCHOOL_DAYS
            )
        ask.reply_due = new_due
        if ask.status == AskStatus.NO_REPLY:
            ask.status = AskStatus.OPEN
        ask.save(update_fields=["reply_due", "status"])
        return ask
