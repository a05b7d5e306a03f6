"""Move 3, the trial compromise: put the terms of a trial of the team's proposal in
writing (what, instead of what, from when, for how long, measured how, how often and by
whom), with the baseline it starts from, what will count as success (the data series'
goal, stated measurably), the review date in school weeks, and what happens if the trial
does not work; ask that the parent's concern and the plan to reconvene go into the Parent
Concerns section, and ask for the review meeting on the review date."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from playbook.advocacy.asks import default_reply_due, open_ask
from playbook.advocacy.models import Ask
from playbook.children.school_calendar import SchoolCalendar
from playbook.meetings import trials
from playbook.meetings.models import Trial

from ..params import Param
from ..registry import Case, LetterKind, register
from .written_concerns import reply_due_after_sending


@register
class TrialTerms(LetterKind):
    name = "trial_terms"
    title = gettext_noop("Put the trial terms in writing")
    why = gettext_noop(
        "When you agree to try the team's proposal, the terms are what make it fair: how "
        "long, what is measured, by whom, and when you meet again. Written down, they "
        "cannot drift, and your concern stays on the record."
    )
    params = [Param("trial", "The trial", model=Trial, required=True)]

    def context(self, case: Case, values: dict) -> dict:
        trial: Trial = values["trial"]
        calendar = SchoolCalendar.for_child(case.child)
        series = trial.series
        start = trials.baseline(trial)
        first_point = series.points.order_by("date", "id").first() if series else None
        school_days = trials.school_days_run(trial, calendar)
        return {
            "trial": trial,
            "series": series,
            "baseline": None if start is None else f"{start:g}",
            "baseline_source": trials.baseline_source(trial),
            "first_point": first_point,
            "success": trials.success(trial),
            "breaks": trials.breaks_inside(trial),
            "extension": trials.extension(trial, calendar),
            # Only say the trial counts school weeks when its review date gives it them.
            "full_weeks": trials.school_weeks_review(trial, calendar) <= trial.review_date,
            "school_weeks": school_days // trials.SCHOOL_DAYS_PER_WEEK,
            "reply_by": default_reply_due(case.child, case.today),
        }

    def context_es(self, case: Case, values: dict, english: dict) -> dict:
        return {"success": success_es(values["trial"])}

    def on_sent(self, letter, entry, values: dict) -> Ask:
        trial: Trial = values["trial"]
        return open_ask(
            letter.child,
            subject=f"Confirm the trial terms: {trial.proposal}"[:300],
            details=(
                f"Confirm the terms in writing, record my concern and the plan to reconvene "
                f"in the Parent Concerns section, and schedule the review meeting for "
                f"{trial.review_date:%B} {trial.review_date.day}, {trial.review_date.year}."
            ),
            asked_of=letter.addressee,
            asked_on=letter.sent_on,
            channel="email",
            reply_due_on=reply_due_after_sending(letter),
            concern=trial.concern,
            kind=self.name,
        )


def success_es(trial: Trial) -> str:
    """``trials.success`` in the Spanish letter: the series' name and unit are the
    family's words, as they typed them."""
    series = trial.series
    if series is None or series.goal is None:
        return ""
    start = trials.baseline(trial)
    goal = f"{series.goal:g} {series.unit}".strip()
    if start is not None and series.goal < start:
        return f"{series.name}: {goal} o menos"
    return f"{series.name}: {goal} o más"
