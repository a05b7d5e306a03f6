"""Reading dates and service amounts ("2 sessions of 30 minutes per week") out of the
words an IEP form uses. The words themselves live in iep_layouts.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

LAYOUTS_FILE = Path(__file__).with_name("iep_layouts.toml")


@cache
def layouts() -> dict:
    with LAYOUTS_FILE.open("rb") as f:
        return tomllib.load(f)


def normalise(text: str) -> str:
    """Lower case, single spaces, word hyphens as spaces ("3-year" = "3 year"); hyphens
    between digits are kept so dates survive. A line already in single spaces keeps its
    length, so a position in the normalised line is the same in the original."""
    text = " ".join(text.split()).lower().replace("\u2019", "'")
    return re.sub(r"(?<=[a-z0-9])[-\u2010\u2011\u2013](?=[a-z])", " ", text)


def canonical_label(text: str) -> str:
    """One spelling for a label as matched: "re evaluation" and "reevaluation" are one."""
    return normalise(text).replace("re evaluat", "reevaluat")


def phrase_pattern(phrases: list[str]) -> str:
    """One alternation of phrases, longest first, each as whole words."""
    parts = sorted({normalise(p) for p in phrases}, key=len, reverse=True)
    # "reevaluation", "re-evaluation" and "re evaluation" are one word.
    escaped = [re.escape(p).replace(r"re\ evaluat", "re ?evaluat") for p in parts]
    escaped = [e.replace("reevaluat", "re ?evaluat") for e in escaped]
    return "|".join(r"(?<![a-z0-9])" + e + r"(?![a-z0-9])" for e in escaped)


# --- dates -------------------------------------------------------------------------

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = re.compile(
    r"(?<![\d/.-])(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<um>\d{1,2})[/.-](?P<ud>\d{1,2})[/.-](?P<uy>\d{4}|\d{2})"
    # A date typed into three boxes of a form (month, day, year) and read with the printed
    # slashes between them: "09 / 15 / 2026". Slashes and a four-digit year only.
    r"|(?P<bm>\d{1,2}) / (?P<bd>\d{1,2}) / (?P<by>\d{4})"
    r"|"
    + _MONTH.replace("(", "(?P<nm>", 1)
    + r"\s+(?P<nd>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<ny>\d{4})"
    r"|(?P<dd>\d{1,2})(?:st|nd|rd|th)?\s+"
    + _MONTH.replace("(", "(?P<dm>", 1)
    + r",?\s+(?P<dy>\d{4})"
    r")(?![\d/])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: date


def find_dates(text: str) -> list[FoundDate]:
    """Every real calendar date in the text, in order. US order for numbers (9/15/26)."""
    found = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        if g["iy"]:
            y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g["uy"]:
            y, mo, d = int(g["uy"]), int(g["um"]), int(g["ud"])
            if y < 100:
                y += 2000
        elif g["by"]:
            y, mo, d = int(g["by"]), int(g["bm"]), int(g["bd"])
        elif g["ny"]:
            y, mo, d = int(g["ny"]), MONTHS[g["nm"][:3].lower()], int(g["nd"])
        else:
            y, mo, d = int(g["dy"]), MONTHS[g["dm"][:3].lower()], int(g["dd"])
        try:
            value = date(y, mo, d)
        except ValueError:
            continue
        if 1990 <= value.year <= 2100:
            found.append(FoundDate(m.start(), m.end(), value))
    return found


# --- service amounts ---------------------------------------------------------------


@dataclass(frozen=True)
class Amount:
    minutes: int | None  # the total for one period
    per: str | None  # day, week, month
    sessions: int | None


_COUNT_WORDS = {"once": 1, "twice": 2, "thrice": 3, "one": 1, "two": 2, "three": 3,
                "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "ten": 10}  # fmt: skip
_NUMBER = r"(\d+|one|two|three|four|five|six|seven|eight|ten)"
_UNIT = r"(hours?|hrs?|minutes?|mins?|min)\b\.?"
_LENGTH = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*(?:total\s+)?" + _UNIT)
_UNIT_OPTIONAL = r"(?:\s*-?\s*(hours?|hrs?|minutes?|mins?|min)\b\.?)?"
# "2x30 min", "30 min x 2", and in a duration column "30 x 2".
_TIMES = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)"
    + _UNIT_OPTIONAL
    + r"\s*[x\u00d7]\s*(\d+(?:\.\d+)?)"
    + _UNIT_OPTIONAL
)
_COUNT = re.compile(
    r"(?:(?P<pre>\bin|\bover|\bacross|\bdivided into)\s+)?"
    r"(?:\b" + _NUMBER + r"\s*(?:[x\u00d7]|\btimes\b|\bsessions?\b|\bvisits?\b|\bperiods?\b)"
    r"|\b(?P<word>once|twice|thrice)\b)"
)
_AMBIGUOUS_PERIOD = re.compile(
    r"\bbi ?weekly\b|\bbi ?monthly\b|\bevery other\b|\bevery \d+ (?:weeks|days|months)\b"
    r"|\b(?:per|a|each|every)\s+(?:year|semester|quarter|trimester|grading period)\b"
    r"|\b(?:yearly|annually|quarterly)\b"
)


@cache
def period_patterns() -> list[tuple[str, re.Pattern]]:
    patterns = []
    for per, words in layouts()["periods"].items():
        units = phrase_pattern(words["units"])
        adverbs = phrase_pattern(words["adverbs"])
        patterns.append(
            (
                per,
                re.compile(
                    r"(?:\b(?:per|a|an|each|every|times? (?:a|per))\s+|/\s*|\bx\s*)(?:"
                    + units
                    + ")"
                    r"|" + adverbs
                ),
            )
        )
    return patterns


def find_period(text: str) -> tuple[str | None, int]:
    """The period ("week") a text names and where it starts; None if none or ambiguous."""
    t = normalise(text)
    if _AMBIGUOUS_PERIOD.search(t):
        return None, -1
    best: tuple[str | None, int] = (None, -1)
    for per, pattern in period_patterns():
        m = pattern.search(t)
        if m and (best[1] < 0 or m.start() < best[1]):
            best = (per, m.start())
    return best


def _minutes(value: str, unit: str) -> float:
    return float(value) * (60 if unit.startswith(("h", "hr")) else 1)


def parse_amount(text: str, *, total: bool = False) -> Amount:
    """Minutes per period from words like "2x30 min per week" or "60 minutes weekly".

    Minutes are per session when a count of sessions is given ("2 sessions of 30 minutes",
    "30 minutes, 3 times a week"), unless the text says the minutes are a total ("120
    minutes per month in 4 sessions", or ``total`` for a "Total minutes" column).
    """
    t = normalise(text)
    per, _ = find_period(t)
    length = None
    sessions = None
    multiply = not total and "total" not in t
    m = _TIMES.search(t)
    if m:
        a, unit_a, b, unit_b = m.groups()
        if not unit_a and not unit_b:
            # No unit: the larger number is the minutes ("30 x 2"), the smaller the count.
            a, b = sorted((a, b), key=float)
            unit_b = "minutes"
        elif unit_a:
            a, b, unit_b = b, a, unit_a
        sessions = int(float(a))
        length = _minutes(b, unit_b)
    else:
        m = _LENGTH.search(t)
        if m:
            length = _minutes(m.group(1), m.group(2))
        for c in _COUNT.finditer(t):
            word = c.group("word") or c.group(2)
            if word is None:
                continue
            # "30 minutes" itself is not a count; "2 sessions" is.
            if m and c.start(2 if c.group(2) else "word") == m.start(1):
                continue
            sessions = int(word) if word.isdigit() else _COUNT_WORDS[word]
            if c.group("pre"):
                multiply = False
            break
    if length is None:
        return Amount(None, per, sessions)
    minutes = length * (sessions if sessions and multiply else 1)
    return Amount(round(minutes) or None, per, sessions)
