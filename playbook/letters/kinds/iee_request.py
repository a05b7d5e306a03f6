"""Move: disagree with the district's evaluation and ask for an independent educational
evaluation (IEE) at public expense (34 CFR § 300.502(b)).

The law sets no number of days for the district's answer, only "without unnecessary delay"
(§ 300.502(b)(2)), so the reply-by date is our usual default, never called a legal date."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask
from playbook.children.models import TeamRole

from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending

#: The evaluations a parent most often disagrees with, as the letter names them. The
#: independent evaluation asked for is of the same kind (34 CFR § 300.502(b)(1): an IEE
#: when the parent disagrees with "an evaluation obtained by the public agency").
EVALUATION_TYPES = (
    ("", "Not named (the evaluation as a whole)"),
    ("psychoeducational", "psychoeducational evaluation"),
    ("speech_language", "speech-language evaluation"),
    ("occupational_therapy", "occupational therapy (OT) evaluation"),
    ("physical_therapy", "physical therapy (PT) evaluation"),
    ("fba", "functional behavioral assessment (FBA)"),
    ("assistive_technology", "assistive technology evaluation"),
)
#: The same evaluations as the Spanish letter names them (after "la" / "una").
EVALUATION_TYPES_ES = {
    "psychoeducational": "evaluación psicoeducativa",
    "speech_language": "evaluación del habla y el lenguaje",
    "occupational_therapy": "evaluación de terapia ocupacional (OT)",
    "physical_therapy": "evaluación de terapia física (PT)",
    "fba": "evaluación funcional de la conducta (FBA)",
    "assistive_technology": "evaluación de tecnología de asistencia",
}


@register
class IEERequest(LetterKind):
    name = "iee_request"
    title = gettext_noop("Ask for an independent evaluation")
    why = gettext_noop(
        "When you disagree with the school's evaluation, you can ask for an evaluation by "
        "someone outside the district, paid for by the district. You do not have to say "
        "why. The district must then either agree or ask a hearing officer to rule that "
        "its own evaluation was appropriate."
    )
    params = [
        Param(
            "evaluation_date",
            "Date of the school's evaluation",
            type="date",
            required=True,
            help="The date on the evaluation report you disagree with.",
        ),
        Param(
            "evaluator",
            "Who did the evaluation",
            required=True,
            help="The evaluator's name and role, as on the report (for example "
            "“Jordan Lee, school psychologist”).",
        ),
        Param(
            "evaluation_type",
            "Which evaluation you disagree with",
            choices=EVALUATION_TYPES,
            help="The kind of evaluation the report is; the independent one is of the same kind.",
        ),
        Param(
            "areas",
            "Areas you want evaluated",
            many=True,
            help="Optional, one per line (for example reading, speech and language).",
        ),
    ]

    def check(self, case: Case, values: dict) -> None:
        if values["evaluation_date"] > case.today:
            raise ParamError(
                "evaluation_date",
                "is in the future; give the date of an evaluation that has been done.",
            )
        if not values["evaluator"]:
            raise ParamError("evaluator", "is required: name who did the evaluation.")

    def addressee(self, case: Case, values: dict):
        # IEE approvals usually sit with the director of special services.
        director = _current(case, TeamRole.DIRECTOR_SPECIAL_SERVICES)
        return director or case.case_manager

    def cc(self, case: Case, values: dict, addressee):
        manager = case.case_manager
        return [manager] if manager is not None and manager != addressee else []

    def context(self, case: Case, values: dict) -> dict:
        return {
            "evaluation_date": values["evaluation_date"],
            "evaluator": values["evaluator"],
            "evaluation_type": _named(values),
            "areas": _areas(values.get("areas") or []),
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        return {"evaluation_type": EVALUATION_TYPES_ES.get(values.get("evaluation_type") or "", "")}

    def on_sent(self, letter, entry, values: dict) -> Ask:
        evaluated = values["evaluation_date"]
        which = _named(values) or "evaluation"
        return open_ask(
            letter.child,
            subject=(
                "Independent educational evaluation at public expense (disagreeing with the "
                f"{which} of {evaluated:%B} {evaluated.day}, {evaluated.year})"
            )[:300],
            details="Agree to an IEE at public expense or file for a hearing; send the IEE "
            "criteria and the list of evaluators.",
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            kind=self.name,
        )


def _current(case: Case, role: str):
    return next((m for m in case.team if m.role == role and m.left_on is None), None)


def _named(values: dict) -> str:
    """The evaluation type as the letter names it, or "" when none was chosen."""
    chosen = values.get("evaluation_type") or ""
    return dict(EVALUATION_TYPES)[chosen] if chosen else ""


def _areas(items: list[str]) -> list[str]:
    """The areas as given (a JSON list, or lines of text), without list marks or blanks."""
    lines = [line.strip().lstrip("-*• ").strip() for item in items for line in item.splitlines()]
    return [line for line in lines if line]
