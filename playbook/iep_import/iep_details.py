"""What an IEP says besides its dates, services, goals and accommodations: the placement
(least restrictive environment, with the share of the day in general education) and the
parent's concerns, each with its page."""

from __future__ import annotations

import re

from .iep_facts import _ends_section
from .iep_lines import Line, original_tail, patterns
from .iep_text import layouts, normalise, phrase_pattern

MAX_PLACEMENT_LINES = 3
_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b)")


def _section_text(lines: list[Line], heading: re.Pattern, max_lines: int) -> dict | None:
    """The text under the first heading (or after its colon), to the next section."""
    p = patterns()
    prompts = [normalise(w) for w in layouts()["parent_concerns"]["prompts"]]
    for i, line in enumerate(lines):
        found = heading.match(line.norm)
        if not found or line.in_table:
            continue
        parts = [original_tail(line.text, found.group(1))] if found.group(1) else []
        for following in lines[i + 1 : i + 1 + max_lines]:
            if (
                following.in_table
                or _ends_section(p, following.norm)
                or p["goal_start"].match(following.norm)
                or p["goal_section"].match(following.norm)
                or p["labels"].match(following.norm)
            ):
                break
            if following.norm.startswith(tuple(prompts)):
                continue
            parts.append(following.text)
        text = " ".join(" ".join(parts).split())
        if text:
            return {"text": text, "page": line.page}
    return None


def find_placement(lines: list[Line]) -> dict | None:
    placement = _section_text(lines, patterns()["placement"], MAX_PLACEMENT_LINES)
    if placement:
        placement["general_education_percent"] = general_education_percent(placement["text"])
    return placement


def general_education_percent(text: str) -> int | None:
    """The percentage nearest a words for general education ("80% of the day in general
    education"); None when no percentage is tied to general education."""
    norm = normalise(text)
    places = [
        m.start()
        for m in re.finditer(phrase_pattern(layouts()["placement"]["general_education"]), norm)
    ]
    if not places:
        return None
    best = None
    for m in _PERCENT.finditer(norm):
        distance = min(abs(m.start() - place) for place in places)
        value = float(m.group(1))
        if value <= 100 and (best is None or distance < best[0]):
            best = (distance, round(value))
    return best[1] if best else None


def find_parent_concerns(lines: list[Line]) -> dict | None:
    return _section_text(lines, patterns()["concerns"], 40)
