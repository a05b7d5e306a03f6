"""Move 4, second step: no written rule was produced, so the original request is renewed on
its merits."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due
from playbook.advocacy.models import Ask
from playbook.refusals.models import Refusal

from .. import spanish
from ..models import Letter
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .policy_request import (
    PolicyOutcome,
    cc_case_manager,
    open_ask,
    quoted,
    refusal_context,
    speaker_es,
)

RENEWABLE = (PolicyOutcome.NONE_EXISTS, PolicyOutcome.NO_REPLY)

_NOT_RENEWABLE = {
    PolicyOutcome.PRODUCED: (
        "the school showed you a written policy for this refusal, so there is nothing to "
        "renew on the ground that no rule exists. Read the policy closely, and ask for prior "
        "written notice of the refusal and its reasons instead."
    ),
    PolicyOutcome.PENDING: (
        "you are still waiting for the answer to your policy request. When it comes (or "
        "does not), record it on the refusal's page: “no such policy exists” or "
        "“no reply”."
    ),
    PolicyOutcome.NOT_ASKED: (
        "you have not asked for the written policy yet. Send the policy request first, then "
        "record the answer on the refusal's page."
    ),
}


def policy_request_sent_on(refusal: Refusal):
    """The day the written policy was asked for, from the sent policy request letter."""
    letter = policy_request_letter(refusal)
    return letter.sent_on if letter else None


def policy_request_letter(refusal: Refusal) -> Letter | None:
    """The sent letter that asked for the written policy behind this refusal."""
    return (
        Letter.objects.filter(
            child_id=refusal.child_id,
            kind="policy_request",
            state=Letter.State.SENT,
            params__refusal=str(refusal.pk),
        )
        .select_related("addressee", "ask__asked_of")
        .order_by("-sent_on")
        .first()
    )


def _person(member, addressee) -> str:
    if member is None:
        return ""
    if addressee is not None and member.pk == addressee.pk:
        return "you"
    return f"{member.name} ({member.role_label.lower()})"


@register
class PolicyRenewal(LetterKind):
    name = "policy_renewal"
    title = gettext_noop("Renew your request on its merits")
    why = gettext_noop(
        "You asked which rule stands behind the “no”, and no rule was produced. "
        "Saying so, politely and in writing, and asking again for a decision based on your "
        "child's needs often moves a stuck request."
    )
    params = [Param("refusal", "The refusal", model=Refusal, required=True)]

    def check(self, case: Case, values: dict) -> None:
        refusal: Refusal = values["refusal"]
        if refusal.policy_outcome not in RENEWABLE:
            raise ParamError("refusal", _NOT_RENEWABLE[refusal.policy_outcome])

    def addressee(self, case: Case, values: dict):
        return values["refusal"].said_by or case.case_manager

    def cc(self, case: Case, values: dict, addressee) -> list:
        return cc_case_manager(case, addressee)

    def context(self, case: Case, values: dict) -> dict:
        refusal: Refusal = values["refusal"]
        addressee = values.get("to") or self.addressee(case, values)
        letter = policy_request_letter(refusal)
        policy_ask = letter.ask if letter else None
        # Who said no policy exists: whoever answered the policy request, else whom it
        # was sent to.
        answered_by = (policy_ask.asked_of if policy_ask else None) or (
            letter.addressee if letter else None
        )
        return {
            **refusal_context(refusal, addressee),
            "no_policy_exists": refusal.policy_outcome == PolicyOutcome.NONE_EXISTS,
            "policy_asked_on": letter.sent_on if letter else None,
            "policy_asked_of": _person(letter.addressee, addressee) if letter else "",
            "none_said_by": _person(answered_by, addressee),
            "none_words": quoted(policy_ask.reply_text)
            if policy_ask and policy_ask.reply_text
            else "",
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        refusal: Refusal = values["refusal"]
        addressee = english["addressee"]
        letter = policy_request_letter(refusal)
        policy_ask = letter.ask if letter else None
        answered_by = (policy_ask.asked_of if policy_ask else None) or (
            letter.addressee if letter else None
        )
        return {
            "who": "usted" if english["who"] == "you" else speaker_es(refusal),
            "policy_asked_of": spanish.person(letter.addressee, addressee) if letter else "",
            "none_said_by": spanish.person(answered_by, addressee),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        refusal: Refusal = values["refusal"]
        about = refusal.ask
        if about is not None:
            about.entries.add(entry)
        return open_ask(
            letter,
            subject=f"Renewed request: {about.subject}" if about else "Renewed request",
            details=about.details if about else quoted(refusal.words),
            kind=self.name,
            about=about,
        )
