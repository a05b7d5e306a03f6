"""Phrases the Spanish letters build in Python: dates in Django's es format, days of the
week, the times a parent can meet (decision 0034)."""

from __future__ import annotations

from datetime import date

from django.utils import formats, translation

from .params import Window, clock


def day(value: date) -> str:
    """2 de marzo de 2026"""
    with translation.override("es"):
        return formats.date_format(value, "DATE_FORMAT")


def weekday(value: date) -> str:
    with translation.override("es"):
        return formats.date_format(value, "l")


def window(w: Window) -> str:
    """martes, 10 de marzo de 2026, de 9:00 AM a 11:00 AM"""
    when = f"{weekday(w.date)}, {day(w.date)}"
    if w.start and w.end:
        return f"{when}, de {clock(w.start)} a {clock(w.end)}"
    if w.start:
        return f"{when}, desde las {clock(w.start)}"
    if w.end:
        return f"{when}, hasta las {clock(w.end)}"
    return f"{when}, a cualquier hora de la jornada escolar"


# A parent may name their language in either language; each letter says it in its own.
_LANGUAGE_NAMES = {
    "spanish": ("Spanish", "español"),
    "español": ("Spanish", "español"),
    "espanol": ("Spanish", "español"),
    "castellano": ("Spanish", "español"),
}


def language_name(typed: str, lang: str) -> str:
    names = _LANGUAGE_NAMES.get(typed.strip().lower())
    if names is None:
        return typed.strip()
    return names[0] if lang == "en" else names[1]


# The team's roles as a Spanish letter names them (the English labels are TeamRole's).
ROLES = {
    "general_ed_teacher": "maestro/a de educación general",
    "special_ed_teacher": "maestro/a de educación especial",
    "therapist": "terapeuta o proveedor/a de servicios relacionados",
    "case_manager": "administrador/a de caso",
    "school_psychologist": "psicólogo/a escolar",
    "special_ed_supervisor": "supervisor/a de educación especial",
    "director_special_services": "director/a de servicios especiales",
    "assistant_superintendent": "superintendente adjunto/a",
    "superintendent": "superintendente",
    "principal": "director/a de la escuela",
}


def role(member) -> str:
    """The member's role in Spanish; a role the parent typed ("other") is kept as typed."""
    if member.role == "therapist" and member.discipline:
        return f"terapeuta de {member.discipline}"
    return ROLES.get(member.role) or member.role_label


# --- es-letters-a: phrases of the escalation, trial terms, make-up services, prior written
# notice, Parent Concerns, recap and goal revision letters (issue 19).

PER = {"day": "por día", "week": "por semana", "month": "por mes"}


def short_day(value: date) -> str:
    """4 feb 2026 (SHORT_DATE_FORMAT), for the lines of a table-like list."""
    with translation.override("es"):
        return formats.date_format(value, "SHORT_DATE_FORMAT")


def month_day(value: date) -> str:
    """2 de marzo (a date whose year the sentence already gives)."""
    with translation.override("es"):
        return formats.date_format(value, "MONTH_DAY_FORMAT")


def long_day(value: date) -> str:
    """martes, 10 de marzo de 2026"""
    return f"{weekday(value)}, {day(value)}"


def minutes(count, per: str = "") -> str:
    """60 minutos por semana; 1 minuto."""
    words = f"{count} minuto{'' if count == 1 else 's'}"
    return f"{words} {PER[per]}" if per in PER else words


# Meeting.Kind as a Spanish sentence names it, with its article ("la revisión anual").
MEETING_KINDS = {
    "iep": "la reunión del IEP",
    "annual_review": "la revisión anual",
    "reevaluation": "la reunión de reevaluación",
    "trial_review": "la reunión para revisar la prueba",
    "resolution_session": "la sesión de resolución",
    "due_process_hearing": "la audiencia de debido proceso",
    "other": "la reunión",
}


def meeting_kind(meeting) -> str:
    return MEETING_KINDS.get(meeting.kind, "la reunión")


# AskStatus as the escalation's list of unresolved requests says it.
ASK_STATUSES = {
    "open": "sigo esperando respuesta",
    "answered": "me respondieron",
    "granted": "me lo concedieron",
    "partly_granted": "me lo concedieron solo en parte",
    "refused": "me lo negaron",
    "no_reply": "no he recibido respuesta",
}


def subject(text: str) -> str:
    """A parent's subject set inside a Spanish sentence, in «...» (decision 0041): it is in
    whatever language the parent wrote it."""
    return f"«{' '.join(str(text or '').split())}»"


def at_clock(value) -> str:
    """a la 1:00 PM, a las 9:30 AM"""
    return f"{'a la' if value.hour % 12 == 1 else 'a las'} {clock(value)}"


# --- Records, renewal, IEE, discipline, removal and courtesy letters (es-letters-b) ---


def meeting_name(meeting) -> str:
    """The meeting's kind after an article the sentence writes itself ("revisión anual");
    every one is feminine."""
    return meeting_kind(meeting).removeprefix("la ")


_COUNTING = {
    "calendar": "días naturales",
    "school": "días escolares",
    "business": "días hábiles",
}
_EXCLUDING = {
    "": "",
    "breaks_over_5_school_days": ", sin contar los recesos de más de 5 días escolares",
    "breaks_of_5_school_days": ", sin contar los recesos de 5 días escolares o más",
    "school_breaks": ", sin contar los días festivos ni los recesos escolares",
    "summer": ", sin contar las vacaciones de verano",
}


def counting_words(rule) -> str:
    """A deadline rule's "calendar days" in Spanish (``Rule.counting_words``)."""
    words = _COUNTING[rule.counting] if rule.unit == "days" else "fechas del calendario"
    return words + _EXCLUDING.get(rule.excluding, "")


def number(value) -> str:
    """1,5: a count of days the Spanish way (the English letter writes 1.5)."""
    return f"{value.normalize():f}".replace(".", ",")


def school_days(value) -> str:
    """1 día escolar, 3,5 días escolares."""
    return f"{number(value)} día escolar" if value == 1 else f"{number(value)} días escolares"


#: Removal.Kind's labels in the Spanish letter.
REMOVALS = {
    "suspension": "suspensión",
    "informal": "retiro informal o recogida antes de hora",
    "in_school": "retiro dentro de la escuela",
}

#: The escalation ladder's topics after "acerca de ... de Maya" (refusals.ladder.TOPICS).
TOPICS = {
    "services": "los servicios",
    "placement": "la colocación",
    "evaluation": "la evaluación y reevaluación",
    "discipline": "la disciplina",
    "scheduling": "los horarios",
    "staffing": "el personal y los suplentes",
    "safety": "la seguridad",
    "other": "el programa",
}


def person(member, addressee) -> str:
    """Someone named in a letter: "usted" when the letter goes to them."""
    if member is None:
        return ""
    if addressee is not None and member.pk == addressee.pk:
        return "usted"
    return f"{member.name} ({role(member)})"
