"""Move 1, put it in writing: a concern, its evidence as bullets, and the ask."""

from __future__ import annotations

from django.urls import reverse

from playbook.advocacy.asks import default_reply_due, open_ask, reply_due
from playbook.advocacy.models import Ask, Concern

from .. import spanish
from ..compose import bullet
from ..params import Param
from ..registry import Case, LetterKind, register

NO_REQUEST = "Please tell me what the team can do about this, and when."
NO_REQUEST_ES = "Le pido que me diga qué puede hacer el equipo al respecto, y cuándo."


@register
class WrittenConcerns(LetterKind):
    name = "written_concerns"
    title = "Put a concern in writing"
    why = (
        "A concern written down, with examples, reasons and data, leaves no doubt about "
        "what you see and what you are asking for. It helps the team see your child "
        "through your eyes, and it starts a paper trail you can point to later."
    )
    params = [
        Param("concern", "The concern", model=Concern, required=True),
        Param(
            "request",
            "What you are asking for",
            help="Leave empty to use what you wrote on the concern.",
        ),
    ]

    def context(self, case: Case, values: dict) -> dict:
        concern: Concern = values["concern"]
        items = list(concern.evidence.all())
        return {
            "concern": concern,
            "evidence": "\n".join(bullet(_evidence_line(item)) for item in items),
            "request": values.get("request") or concern.request.strip() or NO_REQUEST,
            "reply_by": default_reply_due(case.child, case.today),
        }

    def follow_on(self, letter) -> dict | None:
        """The seed's second move, offered as soon as the concern is written down: ask for
        a meeting about it (issue 17)."""
        concern = letter.params.get("concern")
        if not concern:
            return None
        return {
            "title": "Next: ask for a meeting about it",
            "text": (
                "You can ask for an IEP meeting at any time. The concern becomes the agenda; "
                "you add other worries and three days you can come."
            ),
            "label": "Request a meeting",
            "url": reverse("letter_new", args=[letter.child_id, "meeting_request"])
            + f"?concerns={concern}",
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        concern: Concern = values["concern"]
        items = list(concern.evidence.all())
        return {
            "evidence": "\n".join(bullet(_evidence_line(item, spanish.day)) for item in items),
            "request": values.get("request") or concern.request.strip() or NO_REQUEST_ES,
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        concern: Concern = values["concern"]
        request = values.get("request") or concern.request.strip()
        return open_ask(
            letter.child,
            subject=concern.title[:300],
            details=request,
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            concern=concern,
            kind=self.name,
        )


def _evidence_line(item, day=None) -> str:
    if not item.date:
        return item.text
    when = day(item.date) if day else f"{item.date:%B} {item.date.day}, {item.date.year}"
    return f"{when}: {item.text}"


def reply_due_after_sending(letter):
    """The reply-by date the letter states, unless it was sent so late that the date has
    passed; then the usual default from the day it was sent."""
    return reply_due(letter.kind, letter.sent_on, letter.child, stated=letter.reply_by)
