"""Follow up on an unanswered ask, citing the date of the first request."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import reply_due
from playbook.advocacy.models import Ask, AskStatus, Channel

from .. import thread
from ..compose import bullet
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register

_CHANNEL_PHRASE = {
    Channel.EMAIL: "by email",
    Channel.LETTER: "by letter",
    Channel.PHONE: "by phone",
    Channel.IN_PERSON: "in person",
    Channel.MEETING: "at a meeting",
}


def _follow_ups(ask: Ask):
    return ask.letters.filter(kind="follow_up", state="sent")


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
    title = gettext_noop("Follow up on an unanswered ask")
    why = gettext_noop(
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
        """The original request in its own words (an escalation's follow-up speaks of the
        request it carried up, decision 0036), what happened since, the timeline asked for
        and the next step if no answer comes."""
        ask: Ask = values["ask"]
        original = ask.original
        addressee = values.get("to") or self.addressee(case, values)
        events = thread.history(ask, addressee)[1:]
        last_written = max(
            [ask.asked_on, *(letter.sent_on for letter in _follow_ups(ask) if letter.sent_on)]
        )
        return {
            "ask": original,
            "latest": ask,
            "asked_you": addressee is not None and original.asked_of_id == addressee.pk,
            "asked_whom": original.asked_of.name if original.asked_of else "",
            "channel_phrase": _CHANNEL_PHRASE.get(original.channel, ""),
            "history": "\n".join(bullet(line) for line in events),
            "days_waited": max((case.today - last_written).days, 0),
            "since_first": max((case.today - original.asked_on).days, 0),
            "reply_by": reply_due(self.name, case.today, case.child),
            "next_up": thread.next_person_up(ask),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        ask: Ask = values["ask"]
        addressee = values.get("to") or self.addressee(case, values)
        events = thread.history(ask, addressee, "es")[1:]
        return {
            "channel_phrase": _CHANNEL_PHRASE_ES.get(ask.original.channel, ""),
            "history": "\n".join(bullet(line) for line in events),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        ask: Ask = values["ask"]
        ask.entries.add(entry)
        ask.reply_due = reply_due(self.name, letter.sent_on, letter.child, stated=letter.reply_by)
        if ask.status == AskStatus.NO_REPLY:
            ask.status = AskStatus.OPEN
        ask.save(update_fields=["reply_due", "status"])
        return ask
