"""Recognising refusal language ("we can't do that") in what the school wrote or said.

Explainable: a detection lists the phrases it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PATTERNS = [
    r"\bwe (?:can ?not|can't|cannot) (?:do|provide|offer) that\b",
    r"\bthat'?s not how we do (?:it|things) here\b",
    r"\bthat(?:'s| is) not an option\b",
    r"\bwe don'?t use that program\b",
]


@dataclass(frozen=True)
class Detection:
    refusal: bool
    matched: list[str] = field(default_factory=list)


def detect(text: str) -> Detection:
    matched = []
    for pattern in _PATTERNS:
        for found in re.finditer(pattern, text or "", flags=re.IGNORECASE):
            matched.append(found.group(0))
    return Detection(bool(matched), matched)
