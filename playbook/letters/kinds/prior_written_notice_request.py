"""Ask for prior written notice: a refusal, or a proposed change, in writing with its
reasons, as 34 CFR § 300.503 requires."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due
from playbook.advocacy.models import Ask, AskStatus
from playbook.children.models import IEP
from playbook.ledger.compare import compare_ieps
from playbook.refusals.models import Refusal

from .. import spanish
from ..compose import bullet
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .policy_request import _TOLD_ES, cc_case_manager, open_ask, quoted, refusal_context, speaker_es

SOURCES = ("refusal", "ask", "iep")

# What the notice must contain, § 300.503(b)(1)-(7), in our words.
NOTICE_CONTENTS = (
    "a description of the action the district proposes or refuses to take (§ 300.503(b)(1));",
    "an explanation of why the district proposes or refuses to take it (§ 300.503(b)(2));",
    "a description of each evaluation procedure, assessment, record or report the district "
    "used as a basis for the decision (§ 300.503(b)(3));",
    "a statement that parents have protection under the procedural safeguards, and how I "
    "can get a copy of them (§ 300.503(b)(4));",
    "sources I can contact for help in understanding these provisions (§ 300.503(b)(5));",
    "a description of the other options the team considered, and why they were rejected "
    "(§ 300.503(b)(6));",
    "a description of any other factors relevant to the decision (§ 300.503(b)(7)).",
)

NOTICE_CONTENTS_ES = (
    "una descripción de la acción que el distrito propone o se niega a tomar (§ 300.503(b)(1));",
    "una explicación de por qué el distrito la propone o se niega a tomarla (§ 300.503(b)(2));",
    "una descripción de cada procedimiento de evaluación, valoración, registro o informe que "
    "el distrito usó como base para la decisión (§ 300.503(b)(3));",
    "una declaración de que los padres cuentan con la protección de las garantías procesales, "
    "y de cómo puedo obtener una copia de ellas (§ 300.503(b)(4));",
    "fuentes a las que puedo acudir para que me ayuden a entender estas disposiciones "
    "(§ 300.503(b)(5));",
    "una descripción de las otras opciones que consideró el equipo, y de por qué se "
    "rechazaron (§ 300.503(b)(6));",
    "una descripción de cualquier otro factor relevante para la decisión (§ 300.503(b)(7)).",
)


def changes_es(before: IEP, iep: IEP) -> list[str]:
    """``prior_written_notice_reasons`` in the Spanish letter: the same changes, in the
    same order (the names of services, accommodations and placements as the IEP wrote
    them)."""
    found = compare_ieps(before, iep)
    reasons = []
    for change in found.reductions:
        if change.change == "removed":
            reasons.append(f"Se eliminó este servicio: {change.service}.")
        else:
            reasons.append(
                f"{change.service}: pasó de {change.from_minutes} a "
                f"{spanish.minutes(change.to_minutes, change.per)}."
            )
    for change in found.services:
        if change.fewer_sessions:
            reasons.append(
                f"{change.service}: pasó de {change.from_sessions} a {change.to_sessions} "
                f"sesiones {spanish.PER.get(change.per, change.per)}."
            )
    reasons += [f'Se eliminó la adaptación "{text}".' for text in found.accommodations_removed]
    if found.placement_changed and found.placement_from:
        reasons.append(
            f"La colocación cambió de {found.placement_from} a "
            f"{found.placement_to or 'ninguna indicada'}."
        )
    return reasons


def previous_iep(iep: IEP) -> IEP | None:
    return (
        IEP.objects.filter(child_id=iep.child_id, start_date__lt=iep.start_date)
        .order_by("-start_date", "-created_at")
        .first()
    )


def _day(day) -> str:
    return f"{day:%B} {day.day}, {day.year}"


@register
class PriorWrittenNoticeRequest(LetterKind):
    name = "prior_written_notice_request"
    title = gettext_noop("Ask for prior written notice")
    why = gettext_noop(
        "When the school refuses what you asked for, or changes your child's program, the "
        "law says it must tell you in writing, with its reasons and the information behind "
        "them. Asking for that notice turns a spoken “no” into a decision you can "
        "read, question and, if need be, challenge."
    )
    params = [
        Param(
            "refusal",
            "The refusal",
            model=Refusal,
            help="Choose one of these three: a refusal you logged, one of your asks, or a "
            "new IEP that gives less than the one before.",
        ),
        Param(
            "ask",
            "Or the ask",
            model=Ask,
            statuses=tuple(s for s in AskStatus.values if s != AskStatus.GRANTED),
        ),
        Param("iep", "Or the new IEP", model=IEP),
    ]

    def check(self, case: Case, values: dict) -> None:
        given = [name for name in SOURCES if values.get(name)]
        if not given:
            raise ParamError(
                "refusal",
                "choose what the notice is about: a refusal, an ask, or a new IEP.",
            )
        if len(given) > 1:
            raise ParamError(
                given[1],
                f"choose only one of refusal, ask or iep (you gave {' and '.join(given)}); "
                "write one letter for each.",
            )
        if values.get("iep"):
            self._iep_changes(values["iep"])

    def _iep_changes(self, iep: IEP) -> tuple[IEP, list[str]]:
        before = previous_iep(iep)
        if before is None:
            raise ParamError(
                "iep",
                f"there is no IEP before the one starting {_day(iep.start_date)} to compare "
                "it with. To ask about one decision, choose the refusal or the ask instead.",
            )
        reasons = compare_ieps(before, iep).prior_written_notice_reasons
        if not reasons:
            raise ParamError(
                "iep",
                f"compared with the IEP starting {_day(before.start_date)}, this IEP removes "
                "or reduces no service, drops no accommodation and keeps the placement. To "
                "ask about another decision, choose the refusal or the ask instead.",
            )
        return before, reasons

    def addressee(self, case: Case, values: dict):
        if values.get("refusal"):
            return values["refusal"].said_by or case.case_manager
        if values.get("ask"):
            return values["ask"].asked_of or case.case_manager
        return case.case_manager

    def cc(self, case: Case, values: dict, addressee) -> list:
        return cc_case_manager(case, addressee)

    def context(self, case: Case, values: dict) -> dict:
        context = {
            "notice_contents": "\n".join(bullet(item) for item in NOTICE_CONTENTS),
            "reply_by": default_reply_due(case.child, case.today),
        }
        if values.get("refusal"):
            addressee = values.get("to") or self.addressee(case, values)
            context.update(refusal_context(values["refusal"], addressee))
        elif values.get("ask"):
            ask: Ask = values["ask"]
            context.update(
                ask=ask,
                refused=ask.status == AskStatus.REFUSED,
                reply=quoted(ask.reply_text) if ask.reply_text else "",
            )
        else:
            before, reasons = self._iep_changes(values["iep"])
            context.update(
                iep=values["iep"],
                previous=before,
                changes="\n".join(bullet(reason) for reason in reasons),
            )
        return context

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        context = {"notice_contents": "\n".join(bullet(item) for item in NOTICE_CONTENTS_ES)}
        if values.get("refusal"):
            refusal = values["refusal"]
            told = english["told"]
            context.update(
                who="usted" if english["who"] == "you" else speaker_es(refusal),
                told=_TOLD_ES.get(told, "me escribió" if told == "wrote to me" else "me dijo"),
                original_subject=spanish.subject(refusal.ask.subject) if refusal.ask else "",
            )
        elif values.get("iep"):
            changes = changes_es(english["previous"], values["iep"])
            context["changes"] = "\n".join(bullet(change) for change in changes)
        return context

    def on_sent(self, letter, entry, values: dict) -> Ask:
        if values.get("refusal"):
            refusal = values["refusal"]
            about = refusal.ask
            what = about.subject if about else f"the “no” of {_day(refusal.said_on)}"
        elif values.get("ask"):
            about = values["ask"]
            what = about.subject
        else:
            about = None
            what = f"changes in the IEP starting {_day(values['iep'].start_date)}"
        if about is not None:
            about.entries.add(entry)
        return open_ask(
            letter,
            subject=f"Prior written notice: {what}",
            details="Prior written notice with the contents 34 CFR § 300.503(b) lists.",
            kind=self.name,
            about=about,
        )
