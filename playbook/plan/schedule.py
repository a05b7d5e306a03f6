"""Which plan items a child has in a month, and what rolls over into "this week".

Monthly items land in their calendar month. Anchored items land in the month their date
falls, counted from the child's own dates: the annual review, progress reports, the
reevaluation, an evaluation report, birthdays and the age of majority.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_lazy

from playbook.children.counting import add_months, add_years
from playbook.deadlines.clocks import shown_date as long_date
from playbook.meetings.models import Meeting

from .content import PlanItem, plan
from .models import ChecklistTick

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
ELEMENTARY = {"K", "1", "2", "3", "4", "5"}
MIDDLE = {"6", "7", "8"}


def parse_month(text: str) -> tuple[int, int]:
    """``"2026-11"`` -> ``(2026, 11)``; ValueError with a message a person can act on."""
    match = MONTH_RE.match(text or "")
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1900:
        raise ValueError(gettext("Give the month as YYYY-MM, for example 2026-11."))
    return int(match[1]), int(match[2])


def period_of(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1


def band_for(child, today: date) -> str:
    age = child.age_on(today)
    if child.grade == "PK" or (age is not None and age < 3):
        return "ec"
    if child.grade in ELEMENTARY:
        return "elem"
    if child.grade in MIDDLE:
        return "mid"
    return "hs"


def school_year_start(child, today: date) -> tuple[int, int]:
    start = child.school_year_start_month
    return (today.year if today.month >= start else today.year - 1), start


@dataclass(frozen=True)
class Scheduled:
    item: PlanItem
    period: str
    done: bool
    on: date | None = None  # the anchored date, for anchored items
    when: str = ""  # e.g. "10 weeks before the annual review on March 3, 2027"
    outcome: str = ""  # "done" or "not_for_us" once settled

    @property
    def not_for_us(self) -> bool:
        return self.outcome == ChecklistTick.Outcome.NOT_FOR_US

    @property
    def id(self) -> str:
        return self.item.id


def _offset_words(item: PlanItem) -> str:
    """ "6 months before %(what)s": the item's offset from its anchor, in the reader's
    language, with a place for the anchor's words."""
    for amount, words in (
        (item.offset_months, (OFFSET_WORDS["month"], OFFSET_WORDS["months"])),
        (item.offset_weeks, (OFFSET_WORDS["week"], OFFSET_WORDS["weeks"])),
        (item.offset_days, (OFFSET_WORDS["day"], OFFSET_WORDS["days"])),
    ):
        if amount:
            n = abs(amount)
            one, many = words[0][amount > 0], words[1][amount > 0]
            return (str(one) if n == 1 else str(many)).replace("%(n)s", str(n))
    return gettext("on %(what)s")


# (before, after) for each unit: "%(n)s" is the count, "%(what)s" the anchor's words.
OFFSET_WORDS = {
    "month": (
        gettext_lazy("%(n)s month before %(what)s"),
        gettext_lazy("%(n)s month after %(what)s"),
    ),
    "months": (
        gettext_lazy("%(n)s months before %(what)s"),
        gettext_lazy("%(n)s months after %(what)s"),
    ),
    "week": (gettext_lazy("%(n)s week before %(what)s"), gettext_lazy("%(n)s week after %(what)s")),
    "weeks": (
        gettext_lazy("%(n)s weeks before %(what)s"),
        gettext_lazy("%(n)s weeks after %(what)s"),
    ),
    "day": (gettext_lazy("%(n)s day before %(what)s"), gettext_lazy("%(n)s day after %(what)s")),
    "days": (gettext_lazy("%(n)s days before %(what)s"), gettext_lazy("%(n)s days after %(what)s")),
}


class ChildPlan:
    """The plan for one child as of ``today``: its facts and ticks are read once."""

    def __init__(self, child, today: date) -> None:
        self.child = child
        self.today = today
        self.band = band_for(child, today)
        self.plan = plan()
        self.ticks = {(t.item_id, t.period): t.outcome for t in child.checklist_ticks.all()}
        self.anchors = self._anchor_dates()

    def _anchor_dates(self) -> dict[str, list[tuple[date, str]]]:
        child = self.child
        anchors: dict[str, list[tuple[date, str]]] = {
            "annual_review": [],
            "last_review": [],
            "reevaluation": [],
            "evaluation_report": [],
            "age_of_majority": [],
        }
        ieps = list(child.ieps.all())
        iep = max(ieps, key=lambda i: (i.start_date, i.created_at)) if ieps else None
        if iep is not None:
            if iep.meeting_date:
                anchors["last_review"].append(
                    (
                        iep.meeting_date,
                        gettext("the IEP meeting on %(day)s")
                        % {"day": long_date(iep.meeting_date)},
                    )
                )
            scheduled = sorted(
                m.date
                for m in child.meetings.all()
                if m.kind == Meeting.Kind.ANNUAL_REVIEW
                and m.date
                and m.date > (iep.meeting_date or iep.start_date)
                and m.status != Meeting.Status.CANCELLED
            )
            if scheduled:
                nxt = scheduled[0]
                anchors["annual_review"].append(
                    (nxt, gettext("the annual review on %(day)s") % {"day": long_date(nxt)})
                )
            else:
                due = iep.end_date
                if iep.meeting_date:
                    due = min(due, add_years(iep.meeting_date, 1))
                anchors["annual_review"].append(
                    (due, gettext("the annual review, due by %(day)s") % {"day": long_date(due)})
                )
            reeval = iep.reevaluation_due_or_derived
            if reeval:
                anchors["reevaluation"].append(
                    (
                        reeval,
                        gettext("the reevaluation due by %(day)s") % {"day": long_date(reeval)},
                    )
                )
        for consent in child.evaluation_consents.all():
            if consent.report_on:
                anchors["evaluation_report"].append(
                    (
                        consent.report_on,
                        gettext("the evaluation report of %(day)s")
                        % {"day": long_date(consent.report_on)},
                    )
                )
        if child.birth_date:
            eighteen = add_years(child.birth_date, 18)
            anchors["age_of_majority"].append(
                (
                    eighteen,
                    gettext("%(name)s's 18th birthday on %(day)s")
                    % {"name": child.first_name, "day": long_date(eighteen)},
                )
            )
        return anchors

    def _dates_for(self, item: PlanItem) -> list[tuple[date, str]]:
        child = self.child
        if item.anchor == "birthday":
            if child.birth_date is None:
                return []  # the plan page asks for the birth date instead
            if item.age_months:
                day = add_months(child.birth_date, item.age_months)
                years, months = divmod(item.age_months, 12)
                age = gettext("%(years)s years %(months)s months") % {
                    "years": years,
                    "months": months,
                }
            else:
                day = add_years(child.birth_date, item.age_years)
                age = str(item.age_years)
            words = gettext("the year %(name)s turns %(age)s (%(day)s)") % {
                "name": child.first_name,
                "age": age,
                "day": long_date(day),
            }
            return [(day, words)]
        out = []
        anchor_days = list(self.anchors.get(item.anchor, []))
        after = item.offset_months > 0 or item.offset_weeks > 0 or item.offset_days > 0
        if item.anchor == "annual_review" and after:
            # Follow-ups after a meeting apply to the last one too; preparation only to
            # the coming one.
            anchor_days = self.anchors["last_review"] + anchor_days
        for anchor_day, words in anchor_days:
            day = add_months(anchor_day, item.offset_months) + timedelta(
                weeks=item.offset_weeks, days=item.offset_days
            )
            out.append((day, _offset_words(item) % {"what": words}))
        return out

    def _is_progress_month(self, month: int) -> bool:
        since_start = (month - self.child.school_year_start_month) % 12
        return since_start in self.plan.progress_report_months

    def items_for(self, year: int, month: int) -> list[Scheduled]:
        period = period_of(year, month)
        out = []
        for item in self.plan.items:
            if self.band not in item.bands:
                continue
            if item.month is not None:
                if item.month == month and not (
                    item.unless_progress_month and self._is_progress_month(month)
                ):
                    out.append(self._scheduled(item, period))
            elif item.anchor == "progress_report":
                if self._is_progress_month(month):
                    out.append(
                        self._scheduled(
                            item, period, when=gettext("after this month's progress report")
                        )
                    )
            else:
                for day, words in self._dates_for(item):
                    if (day.year, day.month) == (year, month):
                        out.append(self._scheduled(item, period, on=day, when=words))
                        break
        return out

    def _scheduled(self, item: PlanItem, period: str, on=None, when="") -> Scheduled:
        outcome = self.ticks.get((item.id, period), "")
        return Scheduled(item, period, bool(outcome), on, when, outcome)

    def school_year_months(self) -> list[tuple[int, int]]:
        """From the first month of this school year up to today's month."""
        year, month = school_year_start(self.child, self.today)
        months = []
        while (year, month) <= (self.today.year, self.today.month):
            months.append((year, month))
            year, month = shift_month(year, month, 1)
        return months

    def left_over(self) -> list[Scheduled]:
        """Last month's items still open, within this school year: one month carries over,
        not the whole year (a December list of eleven items back to August helps no one)."""
        year, month = shift_month(self.today.year, self.today.month, -1)
        if (year, month) not in self.school_year_months():
            return []
        return [s for s in self.items_for(year, month) if not s.done]

    def open_now(self) -> list[Scheduled]:
        """What is still to do: this month's open items, then last month's left over."""
        this_month = self.items_for(self.today.year, self.today.month)
        return [s for s in this_month if not s.done] + self.left_over()


def items_for(child, year: int, month: int, today: date) -> list[Scheduled]:
    return ChildPlan(child, today).items_for(year, month)


def open_now(child, today: date) -> list[Scheduled]:
    return ChildPlan(child, today).open_now()


def set_done(
    child, item_id: str, period: str, done: bool, outcome: str = ChecklistTick.Outcome.DONE
) -> None:
    """Settle (done, or not for us) or reopen; settling twice keeps the latest outcome."""
    if done:
        try:
            with transaction.atomic():
                ChecklistTick.objects.update_or_create(
                    child=child, item_id=item_id, period=period, defaults={"outcome": outcome}
                )
        except IntegrityError:  # ticked at the same moment elsewhere
            pass
    else:
        ChecklistTick.objects.filter(child=child, item_id=item_id, period=period).delete()
