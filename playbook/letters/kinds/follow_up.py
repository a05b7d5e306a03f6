"""Follow up on an unanswered ask, citing the date of the first request."""

from __future__ import annotations

from playbook.advocacy.asks import reply_due
from playbook.advocacy.models import Ask, AskStatus, Channel

from ..params import Param, ParamError
from ..registry import Case, LetterKind, register

_CHANNEL_PHRASE = {
    Channel.EMAIL: "by email",
    Channel.LETTER: "by letter",
    Channel.PHONE: "by phone",
    Channel.IN_PERSON: "in person",
    Channel.MEETING: "at a meeting",
}


_CHANNEL_PHRASE_ES = {
    Channel.EMAIL: "por correo electrónico",
    Channel.LETTER: "por carta",
    Channel.PHONE: "por teléfono",
    Channel.IN_PERSON: "en persona",
    Channel.MEETING: "en una reunión",
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
            "reply_by": reply_due(self.name, case.today, case.child),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        return {"channel_phrase": _CHANNEL_PHRASE_ES.get(values["ask"].channel, "")}

    def on_sent(self, letter, entry, values: dict) -> Ask:
        ask: Ask = values["ask"]
        ask.entries.add(entry)
        ask.reply_due = reply_due(self.name, letter.sent_on, letter.child, stated=letter.reply_by)
        if ask.status == AskStatus.NO_REPLY:
            ask.status = AskStatus.OPEN
        ask.save(update_fields=["reply_due", "status"])
        return ask
