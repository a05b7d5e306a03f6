"""How often a child must be reevaluated: one answer for the IEP page, the IEP form, the
coach, the binder and the deadlines (whose rule table holds the same numbers and a test
checks they agree)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cycle:
    years: int
    citation: str

    @property
    def words(self) -> str:
        return f"{self.years} years after the last evaluation, {self.citation}"


FEDERAL = Cycle(3, "34 CFR § 300.303(b)(2)")
# States whose own rule is shorter for a category, read from their primary text.
INTELLECTUAL_DISABILITY = {"PA": Cycle(2, "22 Pa. Code § 14.124(c)")}


def has_intellectual_disability(categories: str) -> bool:
    return "intellectual" in (categories or "").lower()


def cycle_for(state: str, categories: str) -> Cycle:
    if has_intellectual_disability(categories) and state in INTELLECTUAL_DISABILITY:
        return INTELLECTUAL_DISABILITY[state]
    return FEDERAL
