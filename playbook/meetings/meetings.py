"""IEP meetings: who must be there, and the request's progress.

The required members of an IEP team are listed in 34 CFR § 300.321(a). The parent is always
one of them (the person using this app); the check looks at the school's side.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import get_language as translation_language
from django.utils.translation import gettext, gettext_noop, pgettext

from playbook.advocacy.models import Ask, AskStatus, Concern
from playbook.children.counting import add_months, add_years
from playbook.children.deadline_rules import resolve
from playbook.children.models import TeamMember, TeamRole
from playbook.meetings.models import Meeting


@dataclass(frozen=True)
class RequiredRole:
    key: str
    label: str
    citation: str
    filled_by: frozenset[str]
    note: str = ""


DISTRICT_REPRESENTATIVE_ROLES = frozenset(
    {
        TeamRole.SPECIAL_ED_SUPERVISOR,
        TeamRole.DIRECTOR_SPECIAL_SERVICES,
        TeamRole.ASSISTANT_SUPERINTENDENT,
        TeamRole.SUPERINTENDENT,
        TeamRole.PRINCIPAL,
    }
)

REQUIRED_ROLES = [
    RequiredRole(
        "general_ed_teacher",
        gettext_noop("A general education teacher"),
        "34 CFR § 300.321(a)(2)",
        frozenset({TeamRole.GENERAL_ED_TEACHER}),
        gettext_noop("Required when your child is, or may be, in general education classes."),
    ),
    RequiredRole(
        "special_ed_teacher",
        gettext_noop("A special education teacher or provider"),
        "34 CFR § 300.321(a)(3)",
        frozenset({TeamRole.SPECIAL_ED_TEACHER, TeamRole.THERAPIST, TeamRole.CASE_MANAGER}),
    ),
    RequiredRole(
        "district_representative",
        gettext_noop("A district representative who can commit resources"),
        "34 CFR § 300.321(a)(4)",
        DISTRICT_REPRESENTATIVE_ROLES,
        gettext_noop("Someone who knows what the district has available and can say yes to it."),
    ),
    RequiredRole(
        "evaluation_interpreter",
        gettext_noop("Someone who can explain the evaluation results"),
        "34 CFR § 300.321(a)(5)",
        frozenset({TeamRole.SCHOOL_PSYCHOLOGIST, TeamRole.SPECIAL_ED_TEACHER, TeamRole.THERAPIST}),
        gettext_noop("Often the school psychologist; may be another team member who can do it."),
    ),
]


def missing_roles(invitees: Iterable[TeamMember], *, general_education: bool = True) -> list[dict]:
    """Each required role nobody among the invitees fills, with its citation. The label and
    note are English; the pages and the API give them through ``shown_roles``."""
    roles = {member.role for member in invitees}
    missing = []
    for required in REQUIRED_ROLES:
        if required.key == "general_ed_teacher" and not general_education:
            continue
        if roles.isdisjoint(required.filled_by):
            missing.append(
                {
                    "role": required.key,
                    "label": required.label,
                    "citation": required.citation,
                    "note": required.note,
                }
            )
    return missing


def shown_roles(missing: list[dict]) -> list[dict]:
    """``missing_roles`` in the reader's language, for the pages and the API (issue 19)."""
    return [
        {**m, "label": gettext(m["label"]), "note": gettext(m["note"]) if m["note"] else ""}
        for m in missing
    ]


# Not IEP team meetings: the 34 CFR § 300.321(a) roles check does not apply to them.
DISPUTE_KINDS = {Meeting.Kind.RESOLUTION_SESSION, Meeting.Kind.DUE_PROCESS_HEARING}
STUDENT_INVITATION_CITATION = "34 CFR § 300.321(b)(1)-(2)"
TRANSITION_MEETING_KINDS = {Meeting.Kind.IEP, Meeting.Kind.ANNUAL_REVIEW, Meeting.Kind.REEVALUATION}


def _transition_facts(child, meeting: Meeting) -> dict | None:
    """When this meeting plans transition (see ``student_invitation``): the birthday, the
    age as (years, months) and the rule; None when it does not, or when the child's birth
    date is not recorded (issue 17: what counts from a birthday waits for it)."""
    if meeting.date is None or meeting.kind not in TRANSITION_MEETING_KINDS:
        return None
    if child.birth_date is None:
        return None
    rule = resolve("transition_plan", child.state).rule
    if rule.unit == "months":
        birthday = add_months(child.birth_date, rule.amount)
        years, months = divmod(rule.amount, 12)
    else:
        birthday, years, months = add_years(child.birth_date, rule.amount), rule.amount, 0
    if meeting.date < add_years(birthday, -1):
        return None
    return {
        "birthday": birthday,
        "years": years,
        "months": months,
        "in_months": rule.unit == "months",
        "rule": rule,
    }


def student_invitation(child, meeting: Meeting) -> dict | None:
    """The school must invite the child to an IEP meeting that will consider postsecondary
    goals and transition services, and consider the child's preferences and interests if
    the child does not come (34 CFR § 300.321(b)(1)-(2)). Those goals must be in the IEP in
    effect at the transition age (16, or the state's earlier age in our rule table); an IEP
    runs up to a year, so any IEP meeting from a year before that birthday on considers them.
    None for other meetings, or earlier ones. In English; the pages and the API give it
    through ``shown_student_invitation``."""
    facts = _transition_facts(child, meeting)
    if facts is None:
        return None
    birthday, years, rest = facts["birthday"], facts["years"], facts["months"]
    if facts["in_months"]:
        age = f"{years}½" if rest == 6 else f"{years} years and {rest} months"
    else:
        age = str(years)
    name = child.first_name
    when = f"{birthday:%B} {birthday.day}, {birthday.year}"
    turns = "turned" if birthday <= meeting.date else "turns"
    return {
        "text": (
            f"{name} {turns} {age} on {when}, so this meeting plans transition: the school "
            f"must invite {name}. If {name} does not come, the team must still take "
            f"{name}'s preferences and interests into account."
        ),
        "citation": STUDENT_INVITATION_CITATION,
        "transition_rule": facts["rule"].citation,
    }


def shown_student_invitation(child, meeting: Meeting) -> dict | None:
    """``student_invitation`` in the reader's language, for the meeting page and the API
    (issue 19)."""
    invitation = student_invitation(child, meeting)
    if invitation is None or (translation_language() or "en").startswith("en"):
        return invitation
    facts = _transition_facts(child, meeting)
    years, months = facts["years"], facts["months"]
    if months == 6:
        age = gettext("%(years)s and a half") % {"years": years}
    elif facts["in_months"]:
        age = gettext("%(years)s years and %(months)s months") % {"years": years, "months": months}
    else:
        age = gettext("%(years)s years") % {"years": years}
    words = {
        "name": child.first_name,
        "age": age,
        "when": formats.date_format(facts["birthday"], "DATE_FORMAT"),
    }
    if facts["birthday"] <= meeting.date:
        turns = pgettext("transition age", "%(name)s turned %(age)s on %(when)s") % words
    else:
        turns = pgettext("transition age", "%(name)s turns %(age)s on %(when)s") % words
    text = gettext(
        "%(turns)s, so this meeting plans transition: the school must invite %(name)s. If "
        "%(name)s does not come, the team must still take %(name)s's preferences and "
        "interests into account."
    ) % {"turns": turns, "name": child.first_name}
    return {**invitation, "text": text}


NEXT_STATUS = {
    Meeting.Status.REQUESTED: Meeting.Status.ACKNOWLEDGED,
    Meeting.Status.ACKNOWLEDGED: Meeting.Status.SCHEDULED,
    Meeting.Status.SCHEDULED: Meeting.Status.HELD,
}

# The moves a meeting can make: forward (the school may schedule without acknowledging
# first), or cancelled while it has not been held. Held and cancelled are final; a new
# request is a new meeting.
STEPS = {
    Meeting.Status.REQUESTED: {
        Meeting.Status.ACKNOWLEDGED,
        Meeting.Status.SCHEDULED,
        Meeting.Status.HELD,
        Meeting.Status.CANCELLED,
    },
    Meeting.Status.ACKNOWLEDGED: {
        Meeting.Status.SCHEDULED,
        Meeting.Status.HELD,
        Meeting.Status.CANCELLED,
    },
    Meeting.Status.SCHEDULED: {Meeting.Status.HELD, Meeting.Status.CANCELLED},
    Meeting.Status.HELD: set(),
    Meeting.Status.CANCELLED: set(),
}

DATED = (Meeting.Status.SCHEDULED, Meeting.Status.HELD)
NEEDS_DATE = gettext_noop("A scheduled or held meeting needs its date.")
# The family's today: a meeting marked held on a day still to come was scheduled for it, or
# its date is wrong (found on a walk: its recap then asked for corrections before it met).
HELD_LATER = gettext_noop(
    "This meeting is dated %(day)s, which has not come yet. Keep it scheduled until it is "
    "held, or change its date to the day it was held."
)


STATUS_WORDS = {
    # The statuses as a sentence names them, lower case, in the reader's language.
    "requested": lambda: pgettext("meeting status, in a sentence", "requested"),
    "acknowledged": lambda: pgettext("meeting status, in a sentence", "acknowledged"),
    "scheduled": lambda: pgettext("meeting status, in a sentence", "scheduled"),
    "held": lambda: pgettext("meeting status, in a sentence", "held"),
    "cancelled": lambda: pgettext("meeting status, in a sentence", "cancelled"),
}


def status_words(status: str) -> str:
    """ "scheduled", "programada": a status inside a sentence, in the reader's language."""
    words = STATUS_WORDS.get(status)
    return words() if words else Meeting.Status(status).label.lower()


def step_refusal(was: str | None, to: str) -> str | None:
    """Why a meeting that is ``was`` cannot become ``to``, or None when it can. A new
    meeting (``was`` None) may start at any status. In the reader's language."""
    if was is None or was == to or to in STEPS[was]:
        return None
    was_label, to_label = status_words(was), status_words(to)
    if not STEPS[was]:
        return gettext("This meeting is %(was)s, so its status can no longer change.") % {
            "was": was_label
        }
    return gettext("A meeting that is %(was)s can't become %(to)s.") % {
        "was": was_label,
        "to": to_label,
    }


def save_meeting(
    meeting: Meeting,
    *,
    was: str | None,
    invitees: Iterable[TeamMember] | None = None,
    agenda: Iterable[Concern] | None = None,
) -> Meeting:
    """The one write for a meeting, from the pages and the API: ``meeting`` carries its new
    values, ``was`` its status as stored (None when new). Refuses a move STEPS does not
    allow and a scheduled or held meeting without a date (ValidationError keyed by field).
    Once scheduled (or held), the ask that requested the meeting, if still waiting, is
    granted."""
    refusal = step_refusal(was, meeting.status)
    if refusal:
        raise ValidationError({"status": refusal})
    if meeting.status in DATED and not meeting.date:
        raise ValidationError({"date": gettext(NEEDS_DATE)})
    if meeting.status == Meeting.Status.HELD and meeting.date > meeting.child.today():
        day = formats.date_format(meeting.date)
        raise ValidationError({"date": gettext(HELD_LATER) % {"day": day}})
    with transaction.atomic():
        meeting.save()
        if invitees is not None:
            meeting.invitees.set(invitees)
        if agenda is not None:
            meeting.agenda.set(agenda)
        if meeting.ask_id and meeting.status in DATED and was not in DATED:
            grant_ask(meeting.ask_id)
    return meeting


def grant_ask(ask_id) -> None:
    """The meeting asked for is on the calendar: the request was granted (unless it had
    a reply already)."""
    for ask in Ask.objects.filter(pk=ask_id, status=AskStatus.OPEN):
        ask.status = AskStatus.GRANTED
        ask.save(update_fields=["status"])


# Marked for translation; the prep pack shows them in the reader's language.
QUESTIONS_TO_ASK = [
    gettext_noop("How will my concerns be written into the IEP, and where will I see them?"),
    gettext_noop(
        "What data shows how my child is doing on each goal, and how often is it collected?"
    ),
    gettext_noop(
        "For each service: how many minutes, how often, in what setting, and who provides it?"
    ),
    gettext_noop(
        "What will change if my child does not make progress by the next progress report?"
    ),
    gettext_noop(
        "If you are saying no to something I asked for, will you give me that in writing with "
        "the reasons (prior written notice)?"
    ),
    gettext_noop("Who will make sure the accommodations are used in every class?"),
    gettext_noop("When will I get a copy of the IEP as written today?"),
]
