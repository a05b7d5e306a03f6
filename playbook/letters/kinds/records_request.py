"""Move: see the records. Ask to inspect and receive copies of every education record,
before the next meeting and within the legal limit (34 CFR § 300.613; 34 CFR § 99.10; a
state's shorter limit where our rule tables have one, such as California's 5 business days)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import open_ask, reply_due
from playbook.advocacy.models import Ask
from playbook.children.deadline_rules import Resolved, resolve
from playbook.meetings.models import Meeting

from .. import spanish
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register

RULE_ID = "records_request"

CATEGORIES = (
    "the cumulative file",
    "the special education file, including every IEP, evaluation and eligibility report, "
    "and notices sent to me",
    "discipline records, including incident reports",
    "health records, including the school nurse's log",
    "emails and other messages about {first_name} kept by staff",
    "test protocols and score summaries for every assessment given to {first_name}",
    "progress-monitoring data, data sheets and progress reports on the IEP goals",
    "audio or video recordings of {first_name} or of meetings about {first_name}",
)
#: The same records, in the same order, in the parent's Spanish copy (decision 0034).
CATEGORIES_ES = (
    "el expediente acumulativo",
    "el expediente de educación especial, con cada IEP, cada informe de evaluación y de "
    "elegibilidad, y los avisos que se me han enviado",
    "los registros disciplinarios, incluidos los informes de incidentes",
    "los registros de salud, incluido el registro de la enfermera escolar",
    "los correos electrónicos y otros mensajes sobre {first_name} que guarda el personal",
    "los protocolos de las pruebas y los resúmenes de puntuaciones de cada evaluación que se "
    "le haya hecho a {first_name}",
    "los datos de seguimiento del progreso, las hojas de datos y los informes de progreso "
    "sobre las metas del IEP",
    "las grabaciones de audio o video de {first_name} o de reuniones sobre {first_name}",
)


def legal_limit(child, asked_on: date, meeting: Meeting | None) -> date:
    """The date the records are due: the limit that applies to the child's state counted
    from the request, or the day before the meeting when that comes first."""
    return reply_due(RULE_ID, asked_on, child, meeting_on=meeting.date if meeting else None)


@register
class RecordsRequest(LetterKind):
    name = "records_request"
    title = gettext_noop("Ask to see your child's records")
    why = gettext_noop(
        "You have the right to see every record the school keeps about your child, before "
        "any IEP meeting and within a legal time limit. Reading the file before a meeting "
        "means no surprises: you see the same data, notes and test scores the team sees."
    )
    params = [
        Param(
            "meeting",
            "The meeting you need them before",
            model=Meeting,
            help="Optional. The records must be available before any IEP meeting, hearing or resolution session.",
        )
    ]

    def check(self, case: Case, values: dict) -> None:
        meeting: Meeting | None = values.get("meeting")
        if meeting is None:
            return
        if meeting.date is None:
            raise ParamError("meeting", "this meeting has no date yet; add its date first.")
        if meeting.status == Meeting.Status.CANCELLED:
            raise ParamError("meeting", "this meeting was cancelled; choose another or none.")
        if meeting.date <= case.today:
            raise ParamError(
                "meeting",
                "this meeting is not in the future; choose an upcoming meeting or leave it empty.",
            )

    def context(self, case: Case, values: dict) -> dict:
        meeting: Meeting | None = values.get("meeting")
        resolved: Resolved = resolve(RULE_ID, case.child.state)
        federal = resolve(RULE_ID, "")  # no state: the federal rule itself
        first_name = case.child.first_name
        return {
            "meeting": meeting,
            "meeting_name": _meeting_name(meeting) if meeting else "",
            "categories": "\n".join(f"- {c.format(first_name=first_name)}" for c in CATEGORIES),
            "state_rule": None if resolved.rule.is_federal else resolved.rule,
            "state_name": case.child.get_state_display(),
            "federal_rule": federal.rule,
            "reply_by": legal_limit(case.child, case.today, meeting),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        meeting: Meeting | None = values.get("meeting")
        first_name = case.child.first_name
        state_rule = english["state_rule"]
        return {
            "meeting_name": spanish.meeting_name(meeting) if meeting else "",
            "categories": "\n".join(f"- {c.format(first_name=first_name)}" for c in CATEGORIES_ES),
            "state_counting": spanish.counting_words(state_rule) if state_rule else "",
            "federal_counting": spanish.counting_words(english["federal_rule"]),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        meeting: Meeting | None = values.get("meeting")
        subject = "Copies of all education records"
        if meeting is not None:
            subject += f" before the {_meeting_name(meeting)} on {_day(meeting.date)}"
        return open_ask(
            letter.child,
            subject=subject[:300],
            details="Inspect and receive copies of every education record, with a list of "
            "the types and locations of records kept.",
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            meeting_on=meeting.date if meeting else None,
            kind=self.name,
        )


def _meeting_name(meeting: Meeting) -> str:
    if meeting.kind == Meeting.Kind.OTHER:
        return "meeting"
    label = meeting.get_kind_display()
    return label if label.startswith("IEP") else label.lower()


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"
