"""Demo data for the ledger: a semester of speech and OT sessions with some missed, and last
year's IEP, which promised more speech than this year's (so the comparison has a reduction
to show and the ledger has minutes owed)."""

from __future__ import annotations

from datetime import date, timedelta

from playbook.children.models import IEP, Accommodation, Child, Goal, Service, TeamRole
from playbook.children.school_calendar import SchoolCalendar

from .forms import usual_session_minutes
from .lines import iep_in_force
from .models import MissedReason, ServiceSession, SessionStatus

# Sessions run from the IEP's start (a semester or so in the demo), never more than a year.
MAX_WEEKS_LOGGED = 40
DROPPED_ACCOMMODATION = "Extended time (1.5x) on tests and quizzes"
LAST_YEARS_ONLY_GOAL = (
    "Sam will say /r/ correctly in words in 60% of opportunities, as measured by the "
    "speech-language pathologist's data collection."
)


def _find_or_add(iep: IEP, words: tuple[str, ...], name: str, minutes: int, sessions: int):
    for service in iep.services.all():
        if any(word in service.service.casefold() for word in words):
            return service
    return Service.objects.create(
        iep=iep,
        service=name,
        minutes=minutes,
        per="week",
        sessions=sessions,
        setting="Pull-out, therapy room",
        position=iep.services.count(),
    )


def _add_last_years_iep(child: Child, current: IEP, speech: Service) -> IEP:
    start = current.start_date.replace(year=current.start_date.year - 1)
    last_year = IEP.objects.create(
        child=child,
        meeting_date=start - timedelta(days=14),
        start_date=start,
        end_date=current.start_date - timedelta(days=1),
        placement=current.placement,
        progress_reporting=current.progress_reporting,
    )
    for service in current.services.all():
        more = 30 if service.pk == speech.pk else 0
        Service.objects.create(
            iep=last_year,
            service=service.service,
            minutes=service.minutes + more,
            per=service.per,
            sessions=(service.sessions + 1) if more and service.sessions else service.sessions,
            setting=service.setting,
            provider_role=service.provider_role,
            position=service.position,
        )
    goals = list(current.goals.all())
    # One goal carried over word for word: the comparison flags it.
    for position, text in enumerate([g.text for g in goals[:1]] + [LAST_YEARS_ONLY_GOAL]):
        Goal.objects.create(iep=last_year, text=text, position=position)
    accommodations = [a.text for a in current.accommodations.all()] + [DROPPED_ACCOMMODATION]
    for position, text in enumerate(accommodations):
        Accommodation.objects.create(iep=last_year, text=text, position=position)
    return last_year


def _sessions(service, weekdays, usual, provider, calendar, first, today, pattern):
    """One session on each of ``weekdays`` (0 = Monday) that is a school day; the n-th
    session takes ``pattern.get(n)`` = (status, reason, minutes or None) if given."""
    made = []
    day, count = first, 0
    while day <= today:
        if day.weekday() in weekdays and calendar.is_school_day(day):
            count += 1
            status, reason, minutes = pattern.get(count, (SessionStatus.DELIVERED, "", None))
            made.append(
                ServiceSession(
                    service=service,
                    date=day,
                    minutes=minutes if minutes is not None else usual,
                    status=status,
                    reason=reason,
                    provider=provider,
                )
            )
        day += timedelta(days=1)
    return made


def add_demo(child: Child, today: date) -> None:
    ieps = list(child.ieps.all())
    current = iep_in_force(ieps, today)
    if current is None:
        return
    speech = _find_or_add(current, ("speech", "language"), "Speech-language therapy", 60, 2)
    ot = _find_or_add(current, ("occupational", "ot "), "Occupational therapy", 30, 1)
    if not any(iep.start_date < current.start_date for iep in ieps):
        _add_last_years_iep(child, current, speech)

    calendar = SchoolCalendar.for_child(child)
    first = max(current.start_date, today - timedelta(weeks=MAX_WEEKS_LOGGED))
    therapist = {
        m.discipline.casefold(): m.name for m in child.team.filter(role=TeamRole.THERAPIST)
    }
    speech_by = next((n for d, n in therapist.items() if "speech" in d), "Speech therapist")
    ot_by = next((n for d, n in therapist.items() if "ot" in d or "occup" in d), "OT")
    missed = SessionStatus.MISSED
    sessions = _sessions(
        speech,
        {1, 3},  # Tuesdays and Thursdays
        usual_session_minutes(speech),
        speech_by,
        calendar,
        first,
        today,
        {
            3: (missed, MissedReason.PROVIDER_ABSENT, None),
            4: (missed, MissedReason.PROVIDER_ABSENT, None),
            8: (missed, MissedReason.SCHOOL_EVENT, None),
            11: (missed, MissedReason.CHILD_ABSENT, None),
            14: (SessionStatus.SHORTENED, "", 15),
            17: (missed, MissedReason.UNKNOWN, None),
            18: (missed, MissedReason.PROVIDER_ABSENT, None),
            22: (missed, MissedReason.PROVIDER_ABSENT, None),
        },
    )
    ot_sessions = _sessions(
        ot,
        {2},  # Wednesdays
        usual_session_minutes(ot),
        ot_by,
        calendar,
        first,
        today,
        {
            5: (missed, MissedReason.SCHOOL_EVENT, None),
            9: (missed, MissedReason.PROVIDER_ABSENT, None),
        },
    )
    if len(ot_sessions) >= 9:  # the missed 9th session, made up on the Friday after
        make_up = ot_sessions[8].date + timedelta(days=2)
        if make_up <= today and calendar.is_school_day(make_up):
            ot_sessions.append(
                ServiceSession(
                    service=ot,
                    date=make_up,
                    minutes=ot_sessions[8].minutes,
                    status=SessionStatus.MADE_UP,
                    provider=ot_by,
                )
            )
    ServiceSession.objects.bulk_create(sessions + ot_sessions)
