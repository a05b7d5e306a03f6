"""Ask for the special-education papers in the parent's language: the prior written
notice (34 CFR § 300.503(c)) and a copy of the IEP the parent can read (§ 300.322(f)),
with the evaluations."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask

from .. import spanish
from ..compose import bullet
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending

DOCUMENTS = (
    ("iep", "The IEP"),
    ("pwn", "Prior written notices"),
    ("evaluations", "Evaluation reports"),
)
DOCUMENTS_ES = {
    "iep": "El IEP",
    "pwn": "Los avisos previos por escrito",
    "evaluations": "Los informes de evaluación",
}


@register
class TranslationRequest(LetterKind):
    name = "translation_request"
    title = gettext_noop("Request documents in your language")
    why = gettext_noop(
        "A prior written notice must be in your native language, and the school must "
        "make sure you understand the IEP. Asking in writing for the documents in your "
        "language keeps a record of when you asked, and of what you were given."
    )
    params = [
        Param(
            "language",
            "Your language",
            required=True,
            missing="say which language you need the documents in.",
            help="For example: Spanish.",
        ),
        Param(
            "documents",
            "Which documents",
            many=True,
            choices=DOCUMENTS,
            help="Leave empty to ask for all three: the IEP, prior written notices, evaluations.",
        ),
    ]

    def check(self, case: Case, values: dict) -> None:
        if not values["language"].strip():
            raise ParamError("language", "say which language you need the documents in.")

    def _documents(self, values: dict) -> list[str]:
        return list(dict.fromkeys(values.get("documents") or [code for code, _ in DOCUMENTS]))

    def context(self, case: Case, values: dict) -> dict:
        chosen = self._documents(values)
        labels = dict(DOCUMENTS)
        return {
            "language": spanish.language_name(values["language"], "en"),
            "documents": "\n".join(bullet(labels[code]) for code in chosen),
            "asks_pwn": "pwn" in chosen,
            "asks_iep": "iep" in chosen,
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        chosen = self._documents(values)
        return {
            "documents": "\n".join(bullet(DOCUMENTS_ES[code]) for code in chosen),
            "language": spanish.language_name(values["language"], "es"),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        return open_ask(
            letter.child,
            subject=f"Documents in {values['language'].strip()}"[:300],
            details="Translated documents (34 CFR §§ 300.503(c), 300.322(f)).",
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            kind=self.name,
        )
