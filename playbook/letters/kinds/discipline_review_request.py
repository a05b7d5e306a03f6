"""Move: ask for the manifestation determination review, and for a functional behavioral
assessment and a behavior intervention plan (34 CFR § 300.530(e), (f))."""

from __future__ import annotations

from playbook.deadlines.discipline import removal_year
from playbook.deadlines.models import Removal

from ..params import Param
from ..registry import Case, LetterKind, register


@register
class DisciplineReviewRequest(LetterKind):
    name = "discipline_review_request"
    title = "Ask for a manifestation review and a behavior plan"
    why = (
        "When removals add up to a change of placement, the school must review, within 10 "
        "school days, whether the behavior came from the disability. If it did, it must "
        "assess the behavior and put a behavior plan in place. Asking in writing starts "
        "the record."
    )
    params = [
        Param(
            "removal",
            "The latest removal",
            model=Removal,
            required=True,
            missing="choose the latest removal.",
        )
    ]

    def context(self, case: Case, values: dict) -> dict:
        removal: Removal = values["removal"]
        year = removal_year(case.child, removal.date)
        return {"removal": removal, "year": year, "days_words": year.days_words}
