"""Reading a progress report on the IEP's goals: its date and, for each goal, what the
school reported (a number where it gives one, and its words: "making progress",
"emerging", "mastered", "not introduced"), each with its page. Labels and words live in
iep_layouts.toml ([progress]); nothing is saved here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_noop

from .iep_facts import FILLER
from .iep_lines import Line, Page, document_lines, header_key, original_tail, patterns
from .iep_text import find_dates, layouts, normalise, phrase_pattern
from .measures import first_measure
from .reading import ImportRefused, document_pages

NOT_A_REPORT = gettext_noop(
    "We could not find any goals with progress in this file. Check that it is the progress "
    "report the school sent, or enter the progress by hand."
)


@dataclass
class ProgressReading:
    report_date: dict | None
    entries: list[dict]

    def as_dict(self) -> dict:
        return {"report_date": self.report_date, "entries": self.entries}


@cache
def _patterns() -> dict:
    cfg = layouts()["progress"]
    words = [(status, w) for status, ws in cfg["words"].items() for w in ws]
    phrases = [(status, w) for status, w in words if len(w) > 2]
    codes = {w.upper(): status for status, w in words if len(w) <= 2}
    return {
        "report_date": re.compile(phrase_pattern(cfg["report_date"])),
        "report_label": re.compile(
            r"^(?:" + phrase_pattern(cfg["report_labels"]["labels"]) + r")\b\s*(?:\([^)]*\))?"
        ),
        "phrases": [
            (status, re.compile(phrase_pattern([w])))
            for status, w in sorted(phrases, key=lambda p: len(p[1]), reverse=True)
        ],
        "codes": codes,
        "code": re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, codes)) + r")(?![A-Za-z])")
        if codes
        else None,
        "columns": {
            kind: {normalise(c) for c in cfg[f"{kind}_columns"]}
            for kind in ("goal", "value", "words", "date")
        },
    }


def status_of(text: str) -> str:
    """The school's words for progress, as one of the [progress.words] kinds, or ""."""
    p = _patterns()
    norm = normalise(text)
    best = None
    for status, pattern in p["phrases"]:
        m = pattern.search(norm)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), status)
    if best:
        return best[1]
    if p["code"]:
        m = p["code"].search(text)
        if m:
            return p["codes"][m.group(1)]
    return ""


def _entry(number, goal_text, report_text, page, when=None) -> dict | None:
    measure = first_measure(report_text)
    status = status_of(report_text)
    if measure is None and not status:
        return None
    return {
        "goal_number": number,
        "goal_text": " ".join(goal_text.split()),
        "value": measure.value if measure else None,
        "unit": measure.unit if measure else "",
        "school_words": " ".join(report_text.split())[:500],
        "status": status,
        "date": when,
        "page": page,
    }


def read_progress_report(data: bytes) -> ProgressReading:
    pages = document_pages(data)
    reading = parse_progress_pages(pages)
    if not reading.entries:
        raise ImportRefused(NOT_A_REPORT, 422)
    return reading


def parse_progress_pages(pages: list[Page]) -> ProgressReading:
    lines = document_lines([page for page in pages if page.readable])
    report_date = _report_date(lines)
    entries = _table_entries(pages) or _block_entries(lines)
    return ProgressReading(report_date, entries)


def _report_date(lines: list[Line]) -> dict | None:
    pattern = _patterns()["report_date"]
    for line in lines:
        for label in pattern.finditer(line.norm):
            dates = [d for d in find_dates(line.norm) if d.start >= label.end()]
            if dates and FILLER.fullmatch(line.norm[label.end() : dates[0].start]):
                return {"value": dates[0].value.isoformat(), "page": line.page}
    return None


def _goal_number(text: str) -> int | None:
    m = re.search(r"\d+", text or "")
    return int(m.group(0)) if m else None


def _table_entries(pages: list[Page]) -> list[dict]:
    cols = _patterns()["columns"]
    entries = []
    for page in pages:
        for table in page.tables:
            if not table:
                continue
            header = [header_key(cell) for cell in table[0]]
            where = {
                kind: next((i for i, h in enumerate(header) if h in names), None)
                for kind, names in cols.items()
            }
            if where["goal"] is None or (where["value"] is None and where["words"] is None):
                continue
            for row in table[1:]:
                goal = row[where["goal"]] or ""
                report = " ".join(
                    row[where[k]] or "" for k in ("value", "words") if where[k] is not None
                )
                when = None
                if where["date"] is not None:
                    dates = find_dates(row[where["date"]] or "")
                    when = dates[0].value.isoformat() if dates else None
                first = re.match(r"^\s*(?:goal\s*)?#?\s*(\d+)\s*[:.)-]?\s*", goal, re.IGNORECASE)
                number = int(first.group(1)) if first else None
                text = goal[first.end() :] if first else goal
                entry = _entry(number, text, report, page.number, when)
                if entry:
                    entries.append(entry)
    return entries


def _block_entries(lines: list[Line]) -> list[dict]:
    """Goals as blocks: "Goal 1: <text>", then the report ("Progress: ...", "Data: ...",
    or one line per period with its date)."""
    p, pp = patterns(), _patterns()
    entries: list[dict] = []
    block: dict | None = None

    def finish() -> None:
        if block is None:
            return
        reports = block["reports"]
        dated = [(line, find_dates(line.norm)) for line in reports]
        if any(dates for _, dates in dated):
            for line, dates in dated:
                if dates:
                    rest = line.text[: dates[0].start] + line.text[dates[0].end :]
                    entry = _entry(
                        block["number"], block["text"], rest, line.page, dates[0].value.isoformat()
                    )
                    if entry:
                        entries.append(entry)
            return
        text = " ".join(line.text for line in reports)
        entry = _entry(block["number"], block["text"], text, block["page"])
        if entry:
            entries.append(entry)

    for line in lines:
        start = p["goal_start"].match(line.norm)
        if start:
            finish()
            rest = original_tail(line.text, start.group(2) if start.group(1) else start.group(3))
            number = int(start.group(1)) if start.group(1) else None
            block = {"number": number, "text": rest, "reports": [], "page": line.page,
                     "reporting": False}  # fmt: skip
            continue
        if block is None:
            continue
        if pp["report_label"].match(line.norm) or block["reporting"]:
            block["reporting"] = True
            block["reports"].append(line)
        else:
            block["text"] += " " + line.text
    finish()
    return entries
