"""Move 1, put it in writing: a concern, its evidence as bullets, and the ask."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask, reply_due
from playbook.advocacy.models import Ask, Concern

from .. import spanish
from ..compose import bullet
from ..params import Param
from ..registry import Case, LetterKind, register

NO_REQUEST = "Please tell me what the team can do about this, and when."
NO_REQUEST_ES = "Le pido que me diga qué puede hacer el equipo al respecto, y cuándo."

# Which services of the IEP answer a concern: words of the concern's area (or title) on the
# left, words of a service's name, setting or provider on the right. A plain table, not a
# guess: a concern that matches none shows no service, and the letter says nothing of it.
AREA_SERVICES = [
    (
        r"\b(read|literacy|dyslexi|phonic|fluency|decod)",
        r"\b(reading|literacy|specialized academic|academic instruction|resource)",
    ),
    (r"\b(math|calculat|dyscalcul)", r"\b(math|specialized academic|academic instruction)"),
    (
        r"\b(written expression|writing)\b",
        r"\b(writing|written|specialized academic|academic instruction)",
    ),
    (
        r"\b(speech|language|articulat|communicat|stutter)",
        r"\b(speech|language|communication)",
    ),
    (
        r"\b(ot|occupational|handwriting|fine motor|sensory)\b",
        r"\b(occupational|ot)\b",
    ),
    (r"\b(pt|physical|gross motor|mobility)\b", r"\b(physical therap|pt)\b"),
    (
        r"\b(behavio|attention|social|emotional|classroom|aide|anxiety)",
        r"\b(behavio|counsel|aide|paraprofessional|social|emotional)",
    ),
]
PER_ES = {"day": "por día", "week": "por semana", "month": "por mes"}


def current_services(concern: Concern) -> list:
    """The services of the IEP in effect that answer the concern's area (its title when it
    has no area), in the IEP's order."""
    iep = concern.child.current_iep()
    if iep is None:
        return []
    about = (concern.area or concern.title).lower()
    patterns = [right for left, right in AREA_SERVICES if re.search(left, about)]
    if not patterns:
        return []
    found = []
    for service in iep.services.all():
        text = " ".join([service.service, service.setting, service.provider_role]).lower()
        if any(re.search(pattern, text) for pattern in patterns):
            found.append(service)
    return found


def _service_line(service, spanish_words: bool = False) -> str:
    if spanish_words:
        line = f"{service.service}: {service.minutes} minutos {PER_ES[service.per]}"
    else:
        line = f"{service.service}: {service.minutes} minutes {service.get_per_display()}"
    return line + (f" ({service.setting})" if service.setting else "")


@register
class WrittenConcerns(LetterKind):
    name = "written_concerns"
    title = gettext_noop("Put a concern in writing")
    why = gettext_noop(
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
        services = current_services(concern)
        return {
            "concern": concern,
            "services": "\n".join(bullet(_service_line(s)) for s in services),
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
        services = current_services(concern)
        return {
            "services": "\n".join(bullet(_service_line(s, True)) for s in services),
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
