"""The dates, goals and accommodations an IEP states, each with its page."""

from __future__ import annotations

import re

from .iep_lines import Line, Page, header_key, original_tail, patterns
from .iep_text import canonical_label, find_dates, layouts, normalise

FACTS = ("meeting_date", "start_date", "end_date", "last_evaluation_date", "reevaluation_due")

_SEPARATORS = r"[\s:.,;#=()\[\]\-\u2013\u2014_]*"
# What may stand between a label and its date: punctuation, a few small words and a phrase
# in brackets ("Annual review due on: 9/14/27", "Start date (mm/dd/yyyy) 09/16/2026",
# "IEP Implementation Date (Projected date when services and programs will begin): ...").
FILLER = re.compile(
    _SEPARATORS + r"(?:(?:\([^()]{0,120}\)|\[[^\[\]]{0,120}\]|date|due|on|is|by|of|the|held"
    r"|set|for|was|scheduled|no later than|before|from|mm/dd/yy(?:yy)?|m/d/y)"
    + _SEPARATORS
    + r"){0,4}"
)


def find_facts(lines: list[Line], placed: dict[str, dict] | None = None) -> dict[str, dict | None]:
    """The first value of each labelled date. A label's date follows it on the line, or,
    for a row of labels over a row of dates, sits below it in the same order. ``placed``
    holds the dates read by their place on the page (iep_places), which come first: a
    line of text cannot tell a value set beside its label from the next row's."""
    p = patterns()
    facts: dict[str, dict | None] = dict.fromkeys(layouts()["dates"])
    facts.update(placed or {})

    def put(fact: str, values: list, page: int) -> None:
        if fact in ("range", "duration"):
            if len(values) >= 2:
                put("start_date", values[:1], page)
                put("end_date", values[1:2], page)
            elif fact == "duration" and values:
                put("end_date", values, page)
            return
        if values and facts[fact] is None:
            facts[fact] = {"value": values[0].isoformat(), "page": page}

    for i, line in enumerate(lines):
        labels = list(p["labels"].finditer(line.norm))
        if not labels:
            continue
        dates = find_dates(line.norm)
        if dates:
            for j, label in enumerate(labels):
                stop = labels[j + 1].start() if j + 1 < len(labels) else len(line.norm)
                after = [d for d in dates if label.end() <= d.start < stop]
                # "Meeting type: Annual review ... 09/15/2026" is not an annual review date.
                if after and FILLER.fullmatch(line.norm[label.end() : after[0].start]):
                    put(
                        p["label_fact"][canonical_label(label.group(0))],
                        [d.value for d in after],
                        line.page,
                    )
            continue
        below = find_dates(lines[i + 1].norm) if i + 1 < len(lines) else []
        kinds = [p["label_fact"][canonical_label(label.group(0))] for label in labels]
        row_of_dates = below and _only_dates(lines[i + 1].norm, below)
        if row_of_dates and len(below) == len(kinds) + kinds.count("range"):
            k = 0
            for kind in kinds:
                width = 2 if kind == "range" else 1
                put(kind, [d.value for d in below[k : k + width]], lines[i + 1].page)
                k += width
        elif below and len(kinds) == 1 and below[0].start == 0:
            put(kinds[0], [d.value for d in below], lines[i + 1].page)
    return facts


def _only_dates(text: str, dates: list) -> bool:
    """A line of dates and nothing else, as under a row of labels."""
    for found in reversed(dates):
        text = text[: found.start] + text[found.end :]
    return not text.strip(" |,;:/-\u2013\u2014")


# --- goals -------------------------------------------------------------------------


def _ends_section(p: dict, norm: str) -> bool:
    return bool(
        p["section"].match(norm)
        or p["acc_section"].match(norm)
        or p["aids_section"].match(norm)
        or p["placement"].match(norm)
        or p["concerns"].match(norm)
        or p["goal_section"].match(norm)
        or (p["labels"].match(norm) and find_dates(norm))
    )


_GOAL_AREA = re.compile(r"^\(([^()]{2,40})\)\s*[:\-\u2013]?\s*(?=\S)")


def find_goals(lines: list[Line]) -> list[dict]:
    """Numbered goals ("Annual Goal 1:", "Goal #2") anywhere, and numbered items under a
    goals heading. A goal's text runs over lines and pages until the next goal, a line
    about measuring it (baseline, objectives...) or the next section. A baseline line
    ("Baseline: 62 words per minute") is kept as the goal's baseline; a goal may name its
    area first ("Goal #1 Specific Goal Focus: Reading") and give its text further down
    ("Measurable Annual Goal: ...")."""
    p = patterns()
    goals: list[dict] = []
    current: dict | None = None
    listing = False  # under a goals heading, where "1." starts a goal
    skipping = False  # after a baseline or objectives line, until the next goal
    baseline_of: dict | None = None  # the goal whose baseline the lines carry on

    def finish() -> None:
        nonlocal current
        if current and current["text"].strip():
            text = " ".join(current["text"].split())
            # "Annual Goal #1 (Reading): Sam will..." names the goal's area first.
            area = _GOAL_AREA.match(text)
            if area:
                current["area"] = area.group(1).strip()
                text = text[area.end() :]
            current["text"] = text
            goals.append(current)
        current = None

    for line in lines:
        start = p["goal_start"].match(line.norm)
        if start and not line.in_table:
            rest = start.group(2) if start.group(1) else start.group(3)
            baseline_of = None
            if current is not None and not current["text"].strip() and not start.group(1):
                # "Measurable Annual Goal: ..." under a goal that so far named its area.
                current["text"] = original_tail(line.text, rest or "")
                line.used = True
                continue
            finish()
            skipping = False
            current = {"text": original_tail(line.text, rest or ""), "page": line.page}
            area = p["goal_area"].match(rest or "")
            if area:
                current["area"] = original_tail(line.text, area.group(1)).strip()
                current["text"] = ""
            line.used = True
            continue
        if p["goal_section"].match(line.norm):
            finish()
            listing, skipping, baseline_of = True, False, None
            line.used = True
            continue
        baseline = p["goal_baseline"].match(line.norm)
        if baseline and not line.in_table and (current is not None or goals):
            target = current if current is not None else goals[-1]
            target["baseline"] = original_tail(line.text, baseline.group(1)).strip()
            baseline_of = target
            if current is not None and current["text"].strip():
                finish()
                skipping = not listing
            line.used = True
            continue
        if (current or listing) and p["goal_stop"].match(line.norm):
            finish()
            baseline_of = None
            # Objectives are numbered too: their numbers must not read as goals.
            skipping = "objective" in line.norm or "benchmark" in line.norm or not listing
            continue
        if _ends_section(p, line.norm):
            finish()
            listing = skipping = False
            baseline_of = None
            continue
        if line.in_table:
            finish()
            baseline_of = None
            continue
        numbered = p["numbered"].match(line.norm)
        if listing and numbered and not skipping:
            finish()
            baseline_of = None
            current = {"text": original_tail(line.text, numbered.group(2)), "page": line.page}
            line.used = True
            continue
        if baseline_of is not None and not numbered:
            baseline_of["baseline"] += " " + line.text
            line.used = True
            continue
        if skipping:
            line.used = True
            continue
        if current is not None:
            current["text"] += " " + line.text
            line.used = True
    finish()
    for goal in goals:
        if "baseline" in goal:
            goal["baseline"] = " ".join(goal["baseline"].split())
    return goals


def goal_tables(pages: list[Page]) -> list[dict]:
    """Goals laid out as a table: a goal column under its header, or rows that name the
    goal in the first cell ("Annual Goal 1") and give its text in the next."""
    p = patterns()
    wanted = {normalise(c) for c in layouts()["goals"]["columns"]}
    goals = []
    for page in pages:
        for table in page.tables:
            column = next(
                (
                    (r, i)
                    for r, row in enumerate(table[:3])
                    for i, cell in enumerate(row)
                    if header_key(cell) in wanted
                ),
                None,
            )
            if column:
                r, i = column
                goals += [
                    {"text": row[i], "page": page.number}
                    for row in table[r + 1 :]
                    if i < len(row) and row[i]
                ]
                continue
            for row in table:
                start = p["goal_start"].match(normalise(row[0])) if len(row) > 1 else None
                if start and start.group(1) and not start.group(2) and row[1]:
                    goals.append({"text": row[1], "page": page.number})
    return goals


# --- accommodations ----------------------------------------------------------------


def find_accommodations(lines: list[Line], pages: list[Page]) -> list[dict]:
    """The accommodations: from a table with an accommodation column if the IEP has one,
    else the items listed under an accommodations heading (bullets, numbers or lines)."""
    from_tables = _accommodation_tables(pages)
    items = _listed(lines, patterns()["acc_section"], table_rows=True)
    if from_tables:
        return from_tables
    return [item for item in items if not _looks_like_table_header(item["text"])]


def find_supplementary_aids(lines: list[Line]) -> list[dict]:
    """The supplementary aids and services (a paraprofessional, a visual schedule), listed
    under their own heading and kept apart from the accommodations."""
    return _listed(lines, patterns()["aids_section"], table_rows=False)


def _listed(lines: list[Line], section: re.Pattern, *, table_rows: bool) -> list[dict]:
    p = patterns()
    items: list[dict] = []
    in_section = False
    bulleted = False
    for line in lines:
        heading = section.match(line.norm)
        if heading:
            in_section, bulleted = True, False
            line.used = True
            tail = heading.group(1)
            if tail:
                for part in original_tail(line.text, tail).split(";"):
                    if part.strip():
                        items.append({"text": part.strip(" ."), "page": line.page})
            continue
        if not in_section:
            continue
        if p["goal_start"].match(line.norm) or _ends_section(p, line.norm):
            in_section = False
            continue
        if line.in_table:
            # A table with no header we know: its first column is the item.
            if table_rows and line.first_cell:
                items.append({"text": line.first_cell, "page": line.page})
            continue
        line.used = True
        bullet = p["bullet"].match(line.text.lower())
        if bullet:
            bulleted = True
            text = line.text[len(line.text) - len(bullet.group(1)) :]
            items.append({"text": text.strip(), "page": line.page})
        elif bulleted and items:
            items[-1]["text"] += " " + line.text
        else:
            items.append({"text": line.text.strip(), "page": line.page})
    return items


def _looks_like_table_header(text: str) -> bool:
    cfg = layouts()["accommodations"]["columns"]
    return normalise(text).split(" ")[0] in {normalise(c) for c in cfg} and len(text) < 60


def _accommodation_tables(pages: list[Page]) -> list[dict]:
    wanted = {normalise(c) for c in layouts()["accommodations"]["columns"]}
    items = []
    for page in pages:
        for table in page.tables:
            for r, row in enumerate(table[:3]):
                cols = [i for i, cell in enumerate(row) if header_key(cell) in wanted]
                if cols:
                    for data in table[r + 1 :]:
                        text = data[cols[0]] if cols[0] < len(data) else ""
                        if text:
                            items.append({"text": text, "page": page.number})
                    break
    return items
