"""A number a goal or a progress report states, as one value on one scale: "80%
accuracy" and "4 of 5 trials" are percentages, "62 words per minute" a rate, "level 3 on
the rubric" a rubric level. Text with no number gives None, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .iep_text import normalise


@dataclass(frozen=True)
class Measure:
    value: float
    unit: str  # "percent", "per minute", "rubric", "count"
    text: str  # the words it was read from


_TRIALS = re.compile(
    r"(?<![\d.])(\d{1,3})\s*(?:/|out of|of)\s*(\d{1,3})(?![\d/])"
    r"(?:\s+(?:trials?|opportunities|attempts|probes|sessions|occasions|days|data points"
    r"|observations|tries|times|items|questions|problems|words))?"
)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b)")
_RATE = re.compile(
    r"(?<![\d.])(\d{1,4}(?:\.\d+)?)\s+(?:correct\s+)?(?:words?|wcpm|cwpm|letters?|sounds?"
    r"|digits?|problems?|syllables?)(?:\s+(?:correct|read correctly))?\s+(?:per|a|/)\s*minute"
    r"|(?<![\d.])(\d{1,4})\s*(?:wcpm|cwpm|wpm)\b"
)
_RUBRIC = re.compile(
    r"\b(?:level|score|rating)\s+(?:of\s+)?(\d)(?:\s*(?:/|out of|of)\s*\d)?\b[^.]{0,30}\brubric"
    r"|\brubric\s+(?:level|score)\s+(?:of\s+)?(\d)\b"
)


def measures(text: str) -> list[Measure]:
    """Every measure in the text, in order."""
    t = normalise(text)
    found: list[tuple[int, Measure]] = []
    taken: list[range] = []

    def add(start: int, end: int, measure: Measure) -> None:
        if not any(start in r or end - 1 in r for r in taken):
            taken.append(range(start, end))
            found.append((start, measure))

    for m in _RUBRIC.finditer(t):
        add(m.start(), m.end(), Measure(float(m.group(1) or m.group(2)), "rubric", m.group(0)))
    for m in _RATE.finditer(t):
        add(m.start(), m.end(), Measure(float(m.group(1) or m.group(2)), "per minute", m.group(0)))
    for m in _TRIALS.finditer(t):
        hits, out_of = int(m.group(1)), int(m.group(2))
        # "09/15" in a date is not a score; a score never exceeds what it is out of.
        if 0 < out_of <= 100 and hits <= out_of and not re.match(r"[/-]\d", t[m.end() :]):
            add(m.start(), m.end(), Measure(round(100 * hits / out_of, 1), "percent", m.group(0)))
    for m in _PERCENT.finditer(t):
        if float(m.group(1)) <= 100:
            add(m.start(), m.end(), Measure(float(m.group(1)), "percent", m.group(0)))
    return [measure for _, measure in sorted(found, key=lambda pair: pair[0])]


def first_measure(text: str, unit: str | None = None) -> Measure | None:
    """The first measure in the text, on ``unit``'s scale when one is given."""
    for measure in measures(text or ""):
        if unit is None or measure.unit == unit:
            return measure
    return None


def goal_target(text: str) -> Measure | None:
    """The measurable target of a goal: its first measure ("...90 words per minute with
    95% accuracy" aims at 90 words per minute; the accuracy is the condition)."""
    return first_measure(text)
