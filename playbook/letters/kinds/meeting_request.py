"""Move 2, request an IEP meeting any time: the concerns become the agenda, and three
windows when the parent can come make it easy to say yes. With a trial, it asks for the
review meeting planned at the trial's end, with its terms and the data so far."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import get_language, gettext, gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask, Concern
from playbook.children.school_calendar import SchoolCalendar, is_federal_holiday
from playbook.meetings import trials
from playbook.meetings.meetings import save_meeting
from playbook.meetings.models import Meeting, Trial

from .. import spanish
from ..compose import bullet
from ..params import Param, ParamError, Window, clock
from ..registry import Case, LetterKind, register
from ..requests import Request, not_said_by, parents_requests
from .written_concerns import reply_due_after_sending

WINDOWS = 3


@register
class MeetingRequest(LetterKind):
    name = "meeting_request"
    same_letter_params = ("concerns", "trial")
    title = gettext_noop("Request an IEP meeting")
    why = gettext_noop(
        "You can ask for an IEP meeting at any time of year, not only at the annual review. "
        "Your concerns become the agenda, and offering three times you can come makes it "
        "easy for the school to say yes quickly."
    )
    params = [
        Param(
            "concerns",
            "Your concerns for the agenda",
            model=Concern,
            many=True,
            help="Tick the concerns you want the meeting to discuss.",
        ),
        Param(
            "availability",
            "Three days you can meet",
            type="window",
            many=True,
            required=True,
            maximum=WINDOWS,
            missing="give three dates when you can meet (a date for each, and times if you like).",
            help="Three different days after today. The times are optional.",
        ),
        Param(
            "trial",
            "The trial to review",
            model=Trial,
            help="Only when you are asking for the review meeting at the end of a trial.",
        ),
    ]

    def check(self, case: Case, values: dict) -> None:
        windows: list[Window] = values["availability"]
        if len(windows) != WINDOWS:
            raise ParamError(
                "availability",
                gettext("give three dates when you can meet; you gave %(n)s.")
                % {"n": len(windows)},
            )
        first_seen: dict[date, int] = {}
        calendar = SchoolCalendar.for_child(case.child)
        for n, window in enumerate(windows, 1):
            if window.date < case.today:
                raise ParamError(
                    "availability",
                    gettext(
                        "window %(n)s (%(day)s): this date is in the past. "
                        "Offer days after today, %(today)s."
                    )
                    % {"n": n, "day": _said_day(window.date), "today": _said_day(case.today)},
                )
            if window.date == case.today:
                raise ParamError(
                    "availability",
                    gettext(
                        "window %(n)s is today. Offer days after today, so the school has "
                        "time to answer."
                    )
                    % {"n": n},
                )
            if window.date in first_seen:
                raise ParamError(
                    "availability",
                    gettext(
                        "two windows are on the same day (windows %(first)s and %(n)s, "
                        "%(day)s); offer three different days."
                    )
                    % {"first": first_seen[window.date], "n": n, "day": _said_day(window.date)},
                )
            first_seen[window.date] = n
            closed = _not_a_school_day(calendar, window.date)
            if closed:
                raise ParamError(
                    "availability",
                    gettext(
                        "window %(n)s (%(weekday)s, %(day)s) is %(closed)s. Offer school days, "
                        "when the team is at school."
                    )
                    % {
                        "n": n,
                        "weekday": _said_weekday(window.date),
                        "day": _said_day(window.date),
                        "closed": gettext(closed),
                    },
                )
        if _reply_by(case, windows) <= case.today:
            raise ParamError(
                "availability",
                gettext(
                    "the first window is too soon for the school to answer before it. Offer "
                    "days at least two school days from today."
                ),
            )
        if not values["concerns"] and values["trial"] is None:
            raise ParamError("concerns", gettext("choose at least one concern for the agenda."))

    def context(self, case: Case, values: dict) -> dict:
        trial: Trial | None = values["trial"]
        agenda = _agenda(values)
        asked = _requests_by_concern(case, agenda, trial)
        items = [bullet(_agenda_line(concern, asked.get(concern.pk, []))) for concern in agenda]
        if trial is not None:
            items.insert(
                0, bullet(f"The results of the trial of {trial.proposal}, and what comes next")
            )
        return {
            "trial": trial,
            "trial_data": _trial_data(trial) if trial else "",
            "agenda": "\n".join(items),
            "windows": "\n".join(f"- {describe(w)}" for w in values["availability"]),
            "reply_by": _reply_by(case, values["availability"]),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        trial: Trial | None = values["trial"]
        agenda = _agenda(values)
        asked = _requests_by_concern(case, agenda, trial)
        items = [bullet(_agenda_line_es(c, asked.get(c.pk, []))) for c in agenda]
        if trial is not None:
            items.insert(
                0, bullet(f"Los resultados de la prueba de {trial.proposal}, y los próximos pasos")
            )
        return {
            "trial_data": _trial_data_es(trial) if trial else "",
            "agenda": "\n".join(items),
            "windows": "\n".join(f"- {spanish.window(w)}" for w in values["availability"]),
        }

    def on_sent(self, letter, entry, values: dict) -> Ask:
        trial: Trial | None = values["trial"]
        agenda = _agenda(values)
        first = letter.child.first_name
        subject = (
            f"Trial review meeting: {trial.proposal}"
            if trial
            else f"IEP meeting to discuss {first}'s progress"
        )
        ask = open_ask(
            letter.child,
            subject=subject[:300],
            details="Times I offered:\n" + "\n".join(describe(w) for w in values["availability"]),
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            concern=(trial.concern if trial else None) or (agenda[0] if len(agenda) == 1 else None),
            kind=self.name,
        )
        meeting = Meeting(
            child=letter.child,
            kind=Meeting.Kind.TRIAL_REVIEW if trial else Meeting.Kind.IEP,
            status=Meeting.Status.REQUESTED,
            ask=ask,
            trial=trial,
        )
        save_meeting(meeting, was=None, agenda=agenda)
        return ask


def _agenda(values: dict) -> list[Concern]:
    agenda = list(dict.fromkeys(values["concerns"]))
    trial: Trial | None = values["trial"]
    if trial is not None and trial.concern and trial.concern not in agenda:
        agenda.insert(0, trial.concern)
    return agenda


def _requests_by_concern(case: Case, agenda: list[Concern], trial: Trial | None) -> dict:
    """The parent's requests about each concern on the agenda, waiting or turned down: the
    meeting is where a refused request is looked at again (decision 0116). Not the request a
    trial under review tried something else instead of: the letter's first lines say it."""
    tried = " ".join(trial.instead_of.lower().split()) if trial else None
    found: dict = {}
    for request in not_said_by(parents_requests(case.child, case.today), agenda):
        if " ".join(request.ask.subject.lower().split()) != tried:
            found.setdefault(request.concern_id, []).append(request)
    return found


def _agenda_line(concern: Concern, asked: list[Request]) -> str:
    line = concern.title + (f" ({concern.area})" if concern.area else "")
    if concern.request.strip():
        line += f"\nWhat I would like to discuss: {' '.join(concern.request.split())}"
    for request in asked:
        line += f"\nMy request: {request.said()}"
    return line


def _agenda_line_es(concern: Concern, asked: list[Request]) -> str:
    line = concern.title + (f" ({concern.area})" if concern.area else "")
    if concern.request.strip():
        line += f"\nLo que quisiera tratar: {' '.join(concern.request.split())}"
    for request in asked:
        line += f"\nMi pedido: {request.said('es')}"
    return line


def _trial_data_es(trial: Trial) -> str:
    if trial.series is None:
        return ""
    points = trials.during(list(trial.series.points.all()), trial.start_date, trial.review_date)
    summary = trials.summary(points, trial.series.baseline)
    if not summary["count"]:
        return ""
    unit = trial.series.unit
    count = summary["count"]
    text = (
        f"Hasta ahora tengo {count} medición{'es' if count != 1 else ''} de "
        f"{trial.series.name} durante la prueba; la más reciente es {_number(summary['last'])} {unit}"
    )
    if trial.series.baseline is not None:
        text += f", frente a un punto de partida de {_number(trial.series.baseline)} {unit}"
    if trial.series.goal is not None:
        text += f" y una meta de {_number(trial.series.goal)} {unit}"
    return text + "."


def _trial_data(trial: Trial) -> str:
    if trial.series is None:
        return ""
    points = trials.during(list(trial.series.points.all()), trial.start_date, trial.review_date)
    summary = trials.summary(points, trial.series.baseline)
    if not summary["count"]:
        return ""
    unit = trial.series.unit
    text = (
        f"So far I have {summary['count']} measurement{'s' if summary['count'] != 1 else ''} "
        f"of {trial.series.name} during the trial; the latest is {_number(summary['last'])} {unit}"
    )
    if trial.series.baseline is not None:
        text += f", against a baseline of {_number(trial.series.baseline)} {unit}"
    if trial.series.goal is not None:
        text += f" and a goal of {_number(trial.series.goal)} {unit}"
    return text + "."


def describe(window: Window) -> str:
    """Tuesday, March 10, 2026, 9:00 AM to 11:00 AM"""
    day = f"{window.date:%A}, {_day(window.date)}"
    if window.start and window.end:
        return f"{day}, {clock(window.start)} to {clock(window.end)}"
    if window.start:
        return f"{day}, from {clock(window.start)}"
    if window.end:
        return f"{day}, until {clock(window.end)}"
    return f"{day}, any time during the school day"


def _day(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _number(value: float) -> str:
    return f"{value:g}"


def _not_a_school_day(calendar: SchoolCalendar, day: date) -> str:
    """Why no meeting can be held on ``day`` ("" when it is a school day)."""
    if day.weekday() >= 5:
        return gettext_noop("a weekend")
    if is_federal_holiday(day):
        return gettext_noop("a federal holiday")
    if calendar.in_break(day):
        return gettext_noop("inside a school break you entered")
    return ""


def _said_day(day: date) -> str:
    """A date in check()'s problems, in the reader's language (the page's, or the API's
    Accept-Language): March 2, 2026 / 2 de marzo de 2026."""
    english = (get_language() or "en").startswith("en")
    return _day(day) if english else spanish.day(day)


def _said_weekday(day: date) -> str:
    english = (get_language() or "en").startswith("en")
    return _weekday(day) if english else spanish.weekday(day)


def _reply_by(case: Case, windows: list[Window]) -> date:
    """The usual reply date, brought forward to the school day before the first window, so
    the school answers before any of the times offered."""
    calendar = SchoolCalendar.for_child(case.child)
    before_first = min(w.date for w in windows) - timedelta(days=1)
    while before_first > case.today and not calendar.is_school_day(before_first):
        before_first -= timedelta(days=1)
    return min(default_reply_due(case.child, case.today), before_first)


def _weekday(day: date) -> str:
    return f"{day:%A}"
