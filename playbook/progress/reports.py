"""Saving a progress report the parent confirmed: one owner for the write, used by the
page and the API alike. Each entry goes to the goal of the IEP in effect that it names
(by number, else by its words); an entry that matches no goal is named, never guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_noop

from playbook.children.computed import records_changed
from playbook.children.models import Child, Goal

from .models import ProgressEntry, ProgressReport

# Kept in English for the API; the page shows them in the reader's language.
NO_IEP = gettext_noop(
    "Add the IEP first: a progress report is matched to the goals of the IEP in effect."
)
NO_DATE = gettext_noop("We could not find the report's date; give the date printed on the report.")
NO_MATCH = gettext_noop("We could not match any entry to a goal of the current IEP.")
SAME_WORDS = 0.5  # share of a goal's words an entry's goal text must repeat to match it


class ReportRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Saved:
    report: ProgressReport
    unmatched: list[dict] = field(default_factory=list)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (text or "").lower()) if len(w) > 3}


def match_goal(entry: dict, goals: list[Goal]) -> Goal | None:
    number = entry.get("goal_number")
    if number and 1 <= number <= len(goals):
        return goals[number - 1]
    said = _words(entry.get("goal_text", ""))
    best, best_share = None, 0.0
    for goal in goals:
        own = _words(goal.text)
        share = len(own & said) / len(own) if own else 0.0
        if share > best_share:
            best, best_share = goal, share
    return best if best_share >= SAME_WORDS else None


def save_report(
    child: Child, reading: dict, *, file_name: str = "", report_date: date | None = None
) -> Saved:
    iep = child.current_iep()
    if iep is None:
        raise ReportRefused(NO_IEP)
    found = (reading.get("report_date") or {}).get("value")
    day = report_date or (date.fromisoformat(found) if found else None)
    if day is None:
        raise ReportRefused(NO_DATE)
    goals = list(iep.goals.order_by("position"))
    matched, unmatched = [], []
    for entry in reading.get("entries", []):
        goal = match_goal(entry, goals)
        (matched if goal else unmatched).append((entry, goal))
    if not matched:
        raise ReportRefused(NO_MATCH)
    with transaction.atomic():
        report = ProgressReport.objects.create(
            child=child, iep=iep, report_date=day, file_name=file_name[:255]
        )
        ProgressEntry.objects.bulk_create(
            ProgressEntry(
                report=report,
                goal=goal,
                date=date.fromisoformat(entry["date"]) if entry.get("date") else day,
                value=entry.get("value"),
                unit=entry.get("unit") or "",
                status=entry.get("status") or "",
                school_words=(entry.get("school_words") or "")[:500],
                page=entry.get("page"),
            )
            for entry, goal in matched
        )
        records_changed(child.pk)
    return Saved(report, [entry for entry, _ in unmatched])
