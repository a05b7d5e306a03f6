"""The deadline rule tables (deadline_rules.toml): federal rules and the states we have
sources for.

A state's entry replaces the federal entry with the same id. Where a state has no entry,
the federal rule applies and the deadline says so.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_noop

from playbook.children.models import US_STATES

RULES_FILE = Path(__file__).with_name("deadline_rules.toml")

TAGS = ("Verified", "Secondary", "Unverified")
COUNTINGS = ("calendar", "school", "business")
UNITS = ("days", "months", "years")
EXCLUSIONS = (
    "",
    "breaks_over_5_school_days",
    "breaks_of_5_school_days",
    "school_breaks",
    "summer",
)
COUNTS_FROM = ("consent", "request")


COUNTING_WORDS = {
    "calendar": gettext_noop("calendar days"),
    "school": gettext_noop("school days"),
    "business": gettext_noop("business days"),
}
CALENDAR_DATES = gettext_noop("calendar dates")
EXCLUDING_WORDS = {
    "": "",
    "breaks_over_5_school_days": gettext_noop(", not counting breaks longer than 5 school days"),
    "breaks_of_5_school_days": gettext_noop(", not counting breaks of 5 or more school days"),
    "school_breaks": gettext_noop(", not counting school holidays and breaks"),
    "summer": gettext_noop(", not counting the summer break"),
}


def _spanish() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "en").startswith("es")


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    amount: int
    unit: str
    counting: str
    starts_from: str
    citation: str
    tag: str
    jurisdiction: str  # "federal" or a two-letter state code
    excluding: str = ""
    note: str = ""
    counts_from: str = "consent"  # for evaluation clocks: the consent or the written request
    title_es: str = ""
    note_es: str = ""

    @property
    def shown_title(self) -> str:
        """The title in the active language: Spanish where the table gives it (issue 19)."""
        return self.title_es if self.title_es and _spanish() else self.title

    @property
    def shown_note(self) -> str:
        return self.note_es if self.note_es and _spanish() else self.note

    @property
    def computable(self) -> bool:
        """Only Verified or Secondary facts become dates; Unverified ones never do."""
        return self.tag in ("Verified", "Secondary")

    @property
    def is_federal(self) -> bool:
        return self.jurisdiction == "federal"

    @property
    def counting_words(self) -> str:
        """In English (the API, the calendar feed): the pages translate the two pieces
        (`playbook.deadlines.engine.shown_counting`)."""
        words = COUNTING_WORDS[self.counting]
        if self.unit != "days":
            words = CALENDAR_DATES
        return words + EXCLUDING_WORDS[self.excluding]


@dataclass(frozen=True)
class Resolved:
    """The rule that applies to a child's state, and whether it is the federal fallback."""

    rule: Rule
    state: str
    fallback: bool

    @property
    def source(self) -> str:
        return "federal" if self.rule.is_federal else self.rule.jurisdiction

    @property
    def source_words(self) -> str:
        if not self.rule.is_federal:
            return f"{US_STATES.get(self.state, self.state)} rule"
        if self.fallback:
            name = US_STATES.get(self.state, self.state)
            return f"federal rule; {name}'s own rule is not in our tables"
        return "federal rule"


class RuleTableError(ValueError):
    pass


def parse(text: str) -> dict[str, dict[str, Rule]]:
    """``{jurisdiction: {rule id: Rule}}`` from the TOML text, checked field by field."""
    data = tomllib.loads(text)
    tables: dict[str, dict[str, Rule]] = {}
    for jurisdiction, rules in data.items():
        if jurisdiction != "federal" and jurisdiction not in US_STATES:
            raise RuleTableError(f"unknown jurisdiction {jurisdiction!r}")
        tables[jurisdiction] = {}
        for rule_id, fields in rules.items():
            rule = Rule(
                id=rule_id,
                title=fields["title"],
                amount=int(fields["amount"]),
                unit=fields["unit"],
                counting=fields["counting"],
                starts_from=fields["from"],
                citation=fields["citation"],
                tag=fields["tag"],
                jurisdiction=jurisdiction,
                excluding=fields.get("excluding", ""),
                note=fields.get("note", ""),
                counts_from=fields.get("counts_from", "consent"),
                title_es=fields.get("title_es", ""),
                note_es=fields.get("note_es", ""),
            )
            for name, value, allowed in (
                ("tag", rule.tag, TAGS),
                ("counting", rule.counting, COUNTINGS),
                ("unit", rule.unit, UNITS),
                ("excluding", rule.excluding, EXCLUSIONS),
                ("counts_from", rule.counts_from, COUNTS_FROM),
            ):
                if value not in allowed:
                    raise RuleTableError(f"{jurisdiction}.{rule_id}: bad {name} {value!r}")
            if not rule.citation.strip():
                raise RuleTableError(f"{jurisdiction}.{rule_id}: a rule needs its citation")
            tables[jurisdiction][rule_id] = rule
    if "federal" not in tables:
        raise RuleTableError("the federal rules are missing")
    return tables


@cache
def tables() -> dict[str, dict[str, Rule]]:
    return parse(RULES_FILE.read_text(encoding="utf-8"))


def states_in_tables() -> list[str]:
    return sorted(j for j in tables() if j != "federal")


def resolve(rule_id: str, state: str) -> Resolved:
    """The state's own rule if the tables have one, else the federal rule (labelled so)."""
    own = tables().get(state, {}).get(rule_id)
    if own is not None:
        return Resolved(own, state, fallback=False)
    return Resolved(tables()["federal"][rule_id], state, fallback=True)


def state_rule(rule_id: str, state: str) -> Rule | None:
    return tables().get(state, {}).get(rule_id)
