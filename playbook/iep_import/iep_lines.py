"""An IEP PDF as text: its pages, their lines in reading order without running headers
and page numbers, and the patterns built from iep_layouts.toml that find things in them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from .iep_text import canonical_label, layouts, normalise, phrase_pattern


@dataclass
class Page:
    number: int
    lines: list[str]
    tables: list[list[list[str]]] = field(default_factory=list)
    table_lines: set[int] = field(default_factory=set)  # indexes of lines inside a table
    picture_only: bool = False  # a scanned page, perhaps with a stamp of text
    words: list[tuple[str, float, float, float, float]] = field(default_factory=list)
    table_boxes: list[tuple[float, float, float, float]] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return bool(self.lines) and not self.picture_only


@dataclass
class Line:
    page: int
    text: str
    norm: str
    in_table: bool = False
    first_cell: str = ""  # for a table row's line: the row's first filled cell
    used: bool = False


_PAGE_NUMBER = re.compile(r"\bpage \d+(?: of \d+)?\b")


def document_lines(pages: list[Page]) -> list[Line]:
    """All lines in reading order, without running headers, footers and page numbers, so
    that a goal carried over to the next page reads as one text."""
    edges = Counter()
    for page in pages:
        for text in set(page.lines[:3] + page.lines[-3:]):
            edges[normalise(text)] += 1
    repeated = {text for text, n in edges.items() if n >= 2} if len(pages) > 1 else set()
    lines = []
    for page in pages:
        rows = {
            normalise(" ".join(cell for cell in row if cell)): next(c for c in row if c)
            for table in page.tables
            for row in table
            if any(row)
        }
        for i, text in enumerate(page.lines):
            norm = normalise(text)
            at_edge = i < 3 or i >= len(page.lines) - 3
            if _PAGE_NUMBER.search(norm) and len(norm) < 80 or (at_edge and norm in repeated):
                continue
            text = " ".join(text.split())
            in_table = i in page.table_lines
            first_cell = rows.get(norm, "") if in_table else ""
            lines.append(Line(page.number, text, norm, in_table, first_cell))
    return lines


@cache
def patterns() -> dict[str, re.Pattern]:
    cfg = layouts()
    labels = [(fact, label) for fact, words in cfg["dates"].items() for label in words]
    labels += [("range", label) for label in cfg["ranges"]["labels"]]
    labels += [("duration", label) for label in cfg["durations"]["labels"]]
    goal_starts = phrase_pattern(cfg["goals"]["starts"])
    return {
        "labels": re.compile(phrase_pattern([label for _, label in labels])),
        "label_fact": {canonical_label(label): fact for fact, label in labels},
        "goal_start": re.compile(
            r"^(?:" + goal_starts + r")\s*(?:#\s*|no\.?\s*|number\s*)?(\d+)\b\s*[:.)\-]?\s*(.*)$"
            r"|^(?:" + goal_starts + r")\s*:\s*(.+)$"
            # A goal's own heading, its text on the lines below.
            r"|^(?:" + goal_starts + r")\s*:?\s*$"
        ),
        "goal_section": heading(cfg["goals"]["section_headings"]),
        "goal_stop": re.compile(r"^(?:" + phrase_pattern(cfg["goals"]["stops"]) + r")"),
        "acc_section": heading(cfg["accommodations"]["section_headings"]),
        "aids_section": heading(cfg["supplementary_aids"]["section_headings"]),
        "placement": heading(cfg["placement"]["headings"]),
        "concerns": heading(cfg["parent_concerns"]["headings"]),
        "goal_baseline": re.compile(
            r"^(?:" + phrase_pattern(cfg["goals"]["baselines"]) + r")\s*[:\-\u2013]?\s*(.*)$"
        ),
        "goal_area": re.compile(r"^(?:" + phrase_pattern(cfg["goals"]["areas"]) + r")\s*:\s*(.+)$"),
        "section": heading(cfg["sections"]["headings"]),
        "numbered": re.compile(r"^\(?(\d{1,2})[.)]\s+(.+)$"),
        "bullet": re.compile(
            r"^(?:[\u2022\u25cf\u25aa\u25e6\u00b7\-*\u2013]|\(?[a-z\d]{1,2}[.)])\s+(.+)$"
        ),
        "service_name": re.compile(phrase_pattern(cfg["services"]["prose"]["name_words"])),
    }


def heading(words: list[str]) -> re.Pattern:
    """A line that is a heading: the words alone, or followed by a colon or a dash and
    more text, or by "(continued)"; optionally numbered ("5. Accommodations")."""
    return re.compile(
        r"^(?:(?:section|part)?\s*[\divx]{1,4}[.):]?\s+)?(?:" + phrase_pattern(words) + r")"
        r"\s*(?:$|(?::|\s[-\u2013\u2014])\s*(.*)$|\(.*\)\s*:?\s*$)"
    )


def header_key(cell: str) -> str:
    """A table header cell as words: "Service(s):" is "service"."""
    return re.sub(r"\s*\((?:s|es)\)|[:*]", "", normalise(cell or "")).strip()


def original_tail(text: str, norm_tail: str) -> str:
    """The end of the original line under a normalised tail (keeps capitals): normalising
    keeps a line's length."""
    return text[len(text) - len(norm_tail) :] if norm_tail else ""
