"""Move 4, ask to see the written policy: which law, regulation or written district policy
stands behind a blanket "no"."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy import asks as ask_rules
from playbook.advocacy.asks import default_reply_due
from playbook.advocacy.models import Ask, Channel
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import record_policy_outcome

from .. import spanish
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending

PolicyOutcome = Refusal.PolicyOutcome


def quoted(words: str) -> str:
    """The refusal's words on one line, to quote them."""
    return " ".join(words.split())


def speaker(refusal: Refusal) -> str:
    if refusal.said_by is None:
        return "a member of the school staff"
    return f"{refusal.said_by.name} ({refusal.said_by.role_label.lower()})"


def speaker_es(refusal: Refusal) -> str:
    if refusal.said_by is None:
        return "un miembro del personal de la escuela"
    return f"{refusal.said_by.name} ({spanish.role(refusal.said_by)})"


_TOLD = {"meeting": "told me at the meeting", "call": "told me on the phone"}
_TOLD_ES = {
    "told me at the meeting": "me dijo en la reunión",
    "told me on the phone": "me dijo por teléfono",
}


def refusal_context(refusal: Refusal, addressee=None) -> dict:
    """What every letter about a refusal quotes: who said it ("you" in a letter to that
    person), how (at a meeting, on the phone), when, in what words, and the request it
    answered."""
    to_them = addressee is not None and refusal.said_by_id == addressee.pk
    entry_kind = refusal.entry.kind if refusal.entry_id and refusal.entry else ""
    return {
        "refusal": refusal,
        "who": "you" if to_them else speaker(refusal),
        "told": _TOLD.get(
            entry_kind, "wrote to me" if entry_kind in ("email", "letter") else "told me"
        ),
        "at_meeting": entry_kind == "meeting",
        "words": quoted(refusal.words),
        "original": refusal.ask,
    }


def cc_case_manager(case: Case, addressee) -> list:
    manager = case.case_manager
    if manager is None or (addressee is not None and addressee.pk == manager.pk):
        return []
    return [manager]


def open_ask(letter, *, subject: str, details: str, kind: str, about: Ask | None) -> Ask:
    """The ask a letter opens: addressed to its addressee, due by the date it states."""
    ask = ask_rules.open_ask(
        letter.child,
        subject=subject[:300],
        details=details,
        asked_of=letter.addressee,
        asked_on=letter.sent_on,
        channel=Channel.EMAIL,
        reply_due_on=reply_due_after_sending(letter),
        concern=about.concern if about else None,
        kind=kind,
    )
    if letter.addressee is not None:
        ask.involved.add(letter.addressee)
    return ask


@register
class PolicyRequest(LetterKind):
    name = "policy_request"
    title = gettext_noop("Ask for the written policy")
    why = gettext_noop(
        "A blanket “no” (“we don't do that here”) is often a habit, "
        "not a rule. Asking politely which law or written policy says so either shows you "
        "the rule, or opens the door to deciding your request on your child's own needs."
    )
    params = [Param("refusal", "The refusal", model=Refusal, required=True)]

    def check(self, case: Case, values: dict) -> None:
        refusal: Refusal = values["refusal"]
        if refusal.policy_outcome == PolicyOutcome.PRODUCED:
            raise ParamError(
                "refusal",
                "the school already showed you a written policy for this refusal. Read it "
                "closely; to get the refusal and its reasons in writing, ask for prior "
                "written notice instead.",
            )
        if refusal.policy_outcome == PolicyOutcome.NONE_EXISTS:
            raise ParamError(
                "refusal",
                "you were already told there is no such written policy. Renew your "
                "original request on its merits instead.",
            )

    def addressee(self, case: Case, values: dict):
        return values["refusal"].said_by or case.case_manager

    def cc(self, case: Case, values: dict, addressee) -> list:
        return cc_case_manager(case, addressee)

    def context(self, case: Case, values: dict) -> dict:
        return {
            **refusal_context(values["refusal"], values.get("to") or self.addressee(case, values)),
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        refusal = values["refusal"]
        to_them = english["who"] == "you"
        return {
            "who": "usted" if to_them else speaker_es(refusal),
            "told": _TOLD_ES.get(
                english["told"], "me escribió" if english["told"] == "wrote to me" else "me dijo"
            ),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        refusal: Refusal = values["refusal"]
        said_on = f"{refusal.said_on:%B} {refusal.said_on.day}, {refusal.said_on.year}"
        about = refusal.ask
        ask = open_ask(
            letter,
            subject=f"Written policy behind the “no” of {said_on}"
            + (f": {about.subject}" if about else ""),
            details=f"Which law, regulation or written policy supports: “{quoted(refusal.words)}”",
            kind=self.name,
            about=about,
        )
        if about is not None:
            about.entries.add(entry)
        record_policy_outcome(
            refusal, outcome=PolicyOutcome.PENDING, on=letter.sent_on, notes=refusal.policy_notes
        )
        return ask
