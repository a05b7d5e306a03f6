"""Move: ask for make-up (compensatory) services. The letter states the service, the
period, the minutes promised, delivered and owed (from the services ledger), lists the
sessions as evidence, and asks for a written plan to make the minutes up."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask
from playbook.children.models import Service
from playbook.ledger.lines import ServiceLine, service_line
from playbook.ledger.models import MissedReason, SessionStatus

from .. import spanish
from ..params import Param, ParamError
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending

# Past this many sessions the letter lists the weeks and only the sessions that fell short.
LONG_LIST = 20

_REASONS = {
    MissedReason.PROVIDER_ABSENT: "provider absent",
    MissedReason.SCHOOL_EVENT: "school event",
    MissedReason.CHILD_ABSENT: "{first_name} was absent",
    MissedReason.UNKNOWN: "no reason given",
    MissedReason.OTHER: "other reason",
}

# The same, in the Spanish letter.
_REASONS_ES = {
    MissedReason.PROVIDER_ABSENT: "el proveedor estaba ausente",
    MissedReason.SCHOOL_EVENT: "actividad escolar",
    MissedReason.CHILD_ABSENT: "{first_name} estaba ausente",
    MissedReason.UNKNOWN: "sin motivo indicado",
    MissedReason.OTHER: "otro motivo",
}
_STATUSES_ES = {
    SessionStatus.DELIVERED: "prestada",
    SessionStatus.MISSED: "no prestada",
    SessionStatus.SHORTENED: "acortada",
    SessionStatus.MADE_UP: "de recuperación",
}


@register
class CompServicesRequest(LetterKind):
    name = "comp_services_request"
    title = gettext_noop("Ask for make-up services")
    why = gettext_noop(
        "Minutes the IEP promises and the school did not deliver are owed to your child. "
        "A letter with the figures and the session list, asking for a written plan to make "
        "the minutes up, is hard to wave away and starts a record if they are not."
    )
    params = [
        Param(
            "service",
            "The service",
            model=Service,
            child_path="iep__child",
            required=True,
        ),
        Param("from", "From", type="date", required=True, help="The first day of the period."),
        Param("to", "To", type="date", required=True, help="The last day of the period."),
    ]

    def check(self, case: Case, values: dict) -> None:
        start, end = values["from"], values["to"]
        if start > case.today:
            raise ParamError("from", "is in the future; choose a period that has happened.")
        if end > case.today:
            raise ParamError("to", "is in the future; the period can end today at the latest.")
        if start > end:
            raise ParamError("to", "is before the start of the period; swap the two dates.")
        line = _line(case, values)
        service: Service = values["service"]
        if line is None or not line.in_force:
            raise ParamError(
                "service",
                f"no IEP promised {service.service} minutes between {_day(start)} and "
                f"{_day(end)}; choose dates when it was in the IEP.",
            )
        if line.tally.owed == 0:
            raise ParamError(
                "service",
                f"no {service.service} minutes are owed between {_day(start)} and {_day(end)} "
                f"({line.tally.promised} promised, {line.tally.delivered} delivered): there is "
                "nothing to make up. Log the sessions that were missed, or choose other dates.",
            )

    def context(self, case: Case, values: dict) -> dict:
        line = _line(case, values)
        first_name = case.child.first_name
        long_list = len(line.sessions) > LONG_LIST
        shown = [s for s in line.sessions if not long_list or s.status != SessionStatus.DELIVERED]
        return {
            "line": line,
            "tally": line.tally,
            # Owed is the larger of what the log shows lost and the calendar's shortfall
            # (playbook.ledger.owed); when the shortfall is larger, the letter says how much
            # of it has no session in the record, so its figures add up (decision 0120).
            "unlogged": max(line.tally.owed - (line.tally.lost - line.tally.made_up), 0),
            "start": values["from"],
            "end": values["to"],
            "promise": _promise_words(line),
            "sessions": "\n".join(_session_bullet(s, first_name) for s in shown),
            "session_count": len(line.sessions),
            "long_list": long_list,
            "weeks": "\n".join(_period_bullet(p) for p in line.periods) if long_list else "",
            "period_unit": "month" if line.service.per == "month" else "week",
            "reply_by": default_reply_due(case.child, case.today),
            # The letter says breaks are left out only when some are entered for the period.
            "breaks_entered": case.child.breaks.filter(
                start__lte=values["to"], end__gte=values["from"]
            ).exists(),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        line = english["line"]
        first_name = case.child.first_name
        long_list = english["long_list"]
        shown = [s for s in line.sessions if not long_list or s.status != SessionStatus.DELIVERED]
        return {
            "promise": _promise_words_es(line),
            "sessions": "\n".join(_session_bullet_es(s, first_name) for s in shown),
            "weeks": "\n".join(_period_bullet_es(p) for p in line.periods) if long_list else "",
            "period_unit": "mes" if line.service.per == "month" else "semana",
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        start, end = values["from"], values["to"]
        # The figures of the period as the letter states them, whatever date it was sent.
        line = service_line(
            letter.child, values["service"], today=max(letter.sent_on, end), start=start, end=end
        )
        owed = f"{line.tally.owed} " if line is not None else ""
        return open_ask(
            letter.child,
            subject=(
                f"A plan to make up {owed}minutes of {values['service'].service} owed "
                f"({_day(start)} to {_day(end)})"
            )[:300],
            details="A written plan: when the minutes will be made up, how many, and by whom.",
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            kind=self.name,
        )


def _line(case: Case, values: dict) -> ServiceLine | None:
    return service_line(
        case.child, values["service"], today=case.today, start=values["from"], end=values["to"]
    )


def _promise_words(line: ServiceLine) -> str:
    versions = [f"{f.service.minutes} minutes {f.service.get_per_display()}" for f in line.in_force]
    if not line.changed_in_range:
        return versions[0]
    return ", then ".join(
        f"{words} from {_day(f.start)}" for words, f in zip(versions, line.in_force, strict=True)
    )


def _session_bullet(session, first_name: str) -> str:
    status = SessionStatus(session.status).label.lower()
    reason = _REASONS.get(session.reason, "") if session.status == SessionStatus.MISSED else ""
    reason = f" ({reason.format(first_name=first_name)})" if reason else ""
    return f"- {session.date:%A}, {_day(session.date)}: {status}{reason}, {session.minutes} minutes"


def _period_bullet(period) -> str:
    owed = (
        f"{period.owed} owed"
        if period.owed
        else (f"{period.surplus} extra" if period.surplus else "nothing owed")
    )
    return (
        f"- {period.start:%b} {period.start.day} to {period.end:%b} {period.end.day}, "
        f"{period.end.year}: {period.promised} promised, {period.delivered} delivered, "
        f"{period.missed} missed, {owed}"
    )


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _promise_words_es(line: ServiceLine) -> str:
    versions = [spanish.minutes(f.service.minutes, f.service.per) for f in line.in_force]
    if not line.changed_in_range:
        return versions[0]
    return ", y luego ".join(
        f"{words} desde el {spanish.day(f.start)}"
        for words, f in zip(versions, line.in_force, strict=True)
    )


def _session_bullet_es(session, first_name: str) -> str:
    status = _STATUSES_ES.get(session.status, session.status)
    reason = _REASONS_ES.get(session.reason, "") if session.status == SessionStatus.MISSED else ""
    reason = f" ({reason.format(first_name=first_name)})" if reason else ""
    return (
        f"- {spanish.long_day(session.date)}: {status}{reason}, {spanish.minutes(session.minutes)}"
    )


def _period_bullet_es(period) -> str:
    owed = (
        f"{period.owed} adeudados"
        if period.owed
        else (f"{period.surplus} de más" if period.surplus else "nada adeudado")
    )
    return (
        f"- Del {spanish.month_day(period.start)} al {spanish.day(period.end)}: "
        f"{period.promised} establecidos, {period.delivered} prestados, "
        f"{period.missed} no prestados, {owed}"
    )
