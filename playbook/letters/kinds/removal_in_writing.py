"""Move: ask for each removal in writing. An early pick-up or an "informal" send-home that
is never written down is hard to count; removals count toward the 10 school days of
34 CFR § 300.530(b), (d) whatever the school calls them."""

from __future__ import annotations

from playbook.deadlines.models import Removal

from ..params import Param
from ..registry import Case, LetterKind, register


@register
class RemovalInWriting(LetterKind):
    name = "removal_in_writing"
    title = "Ask for a removal in writing"
    why = (
        "When the school sends your child home early or keeps them out of class, ask for it "
        "in writing. Every removal counts toward the 10 school days that bring legal "
        "protections, and a written record is what proves the count."
    )
    params = [
        Param(
            "removal",
            "The removal",
            model=Removal,
            required=True,
            missing="choose the removal you want in writing.",
        )
    ]

    def context(self, case: Case, values: dict) -> dict:
        removal: Removal = values["removal"]
        return {
            "removal": removal,
            "kind_words": Removal.Kind(removal.kind).label.lower(),
            "count_words": f"{removal.day_count.normalize():f}",
        }
