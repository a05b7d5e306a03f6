"""Dates read by their place on the page: forms that set a value beside its label in a
column of its own, or under it in a grid, or a little above or below the label's line
(a filled-in form field). The words' boxes say which value belongs to which label where
the text lines cannot: a line of labels over a line of names and dates, or a column of
values each a few points off its label's line."""

from __future__ import annotations

from dataclasses import dataclass

from .iep_lines import Page, patterns
from .iep_text import canonical_label, find_dates, normalise

Word = tuple[str, float, float, float, float]  # text, x0, top, x1, bottom
SAME_ROW = 2.0  # points: words this close in height are one row


@dataclass
class Box:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    row: int

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def _rows(words: list[Word]) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w[2], w[1])):
        if rows and abs(rows[-1][0][2] - word[2]) <= SAME_ROW:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w[1]) for row in rows]


def _spans(row: list[Word], r: int, pattern_find) -> list[tuple[Box, object]]:
    """Matches of ``pattern_find`` in the row's text, each with the box of its words."""
    text, starts = "", []
    for word in row:
        if text:
            text += " "
        starts.append(len(text))
        text += word[0]
    norm = normalise(text)
    if len(norm) != len(text):  # normalising changed the length: positions would drift
        return []
    found = []
    for start, end, match in pattern_find(norm):
        covered = [w for w, s in zip(row, starts, strict=True) if s < end and s + len(w[0]) > start]
        if covered:
            box = Box(
                norm[start:end],
                covered[0][1],
                min(w[2] for w in covered),
                covered[-1][3],
                max(w[4] for w in covered),
                r,
            )
            found.append((box, match))
    return found


def _labels(norm: str):
    return [(m.start(), m.end(), m) for m in patterns()["labels"].finditer(norm)]


def _dates(norm: str):
    return [(d.start, d.end, d) for d in find_dates(norm)]


def _between(row: list[Word], x0: float, x1: float) -> str:
    return " ".join(w[0] for w in row if w[1] >= x0 - 0.5 and w[3] <= x1 + 0.5)


def placed_facts(pages: list[Page]) -> dict[str, dict]:
    """Each single-date label's date, found beside it (to its right, on about the same
    line, with only filler between) or under it (overlapping its column, within two lines).
    A date next to a label of its own is never taken by the label above it."""
    from .iep_facts import FILLER

    label_fact = patterns()["label_fact"]
    facts: dict[str, dict] = {}
    for page in pages:
        if not page.readable or not page.words:
            continue
        rows = _rows(page.words)
        labels, dates = [], []
        for r, row in enumerate(rows):
            # A table's header ("Start Date" over each service's start) is the table's.
            labels += [
                box for box, _ in _spans(row, r, _labels) if not _in_table(box, page.table_boxes)
            ]
            dates += _spans(row, r, _dates)
        taken: set[int] = set()
        chosen: dict[int, int] = {}
        # Beside: the nearest date to the right on about the same line.
        for li, label in enumerate(labels):
            beside = [
                (d.x0 - label.x1, di)
                for di, (d, _) in enumerate(dates)
                if di not in taken
                and d.x0 >= label.x1 - 0.5
                and abs(d.middle - label.middle) <= 0.8 * label.height
                and not any(
                    other is not label
                    and label.x1 <= other.x0 < d.x0
                    and abs(other.middle - label.middle) <= 0.8 * label.height
                    for other in labels
                )
            ]
            for _, di in sorted(beside):
                # Only filler may stand between, on the label's row (the date may be off it).
                gap = _between(rows[label.row], label.x1, dates[di][0].x0)
                if FILLER.fullmatch(normalise(gap)):
                    chosen[li] = di
                    taken.add(di)
                break
        # Under: a date below the label, in its column, not beside a label of its own.
        for li, label in enumerate(labels):
            if li in chosen:
                continue
            under = [
                (d.top - label.bottom, di)
                for di, (d, _) in enumerate(dates)
                if di not in taken
                and label.bottom - 1 <= d.top <= label.bottom + 2.5 * label.height
                and d.x0 < label.x1 + 0.5 * label.height
                and d.x1 > label.x0
                and not _after_a_label(d, labels, label)
                and _ends_its_cell(rows[label.row], label, FILLER)
                and not _between(rows[d.row], label.x0 - 2, d.x0 - 0.5)
            ]
            if under:
                _, di = min(under)
                chosen[li] = di
                taken.add(di)
        for li, di in chosen.items():
            fact = label_fact[canonical_label(labels[li].text)]
            if fact in ("range", "duration") or fact in facts:
                continue
            facts[fact] = {"value": dates[di][1].value.isoformat(), "page": page.number}
    return facts


def grid_facts(pages: list[Page]) -> dict[str, dict]:
    """Each single-date label alone in a table cell, with its date alone in the cell under
    it: a Word form's grid of labels over values. A Word file has no words' places to read
    (placed_facts), but its table says which cell is under which. A row naming a services
    table's columns is a header of dates per service ("Start Date" over each service's
    start), never the IEP's own dates (decision 0106)."""
    from .iep_facts import FILLER
    from .iep_services import names_a_service_column

    p = patterns()
    facts: dict[str, dict] = {}
    for page in pages:
        if page.words or not page.readable:
            continue
        for table in page.tables:
            for upper, lower in zip(table, table[1:], strict=False):
                if names_a_service_column(upper):
                    continue
                for label_cell, value_cell in zip(upper, lower, strict=False):
                    fact = _cell_label(normalise(label_cell), p, FILLER)
                    value = _cell_date(normalise(value_cell), FILLER)
                    if fact and value and fact not in facts:
                        facts[fact] = {"value": value.isoformat(), "page": page.number}
    return facts


def _cell_label(norm: str, p: dict, filler) -> str | None:
    """The fact a cell names when it holds one date label and nothing else."""
    labels = list(p["labels"].finditer(norm))
    if len(labels) != 1 or find_dates(norm):
        return None
    label = labels[0]
    if norm[: label.start()].strip() or not filler.fullmatch(norm[label.end() :]):
        return None
    fact = p["label_fact"][canonical_label(label.group(0))]
    return None if fact in ("range", "duration") else fact


def _cell_date(norm: str, filler):
    dates = find_dates(norm)
    if len(dates) != 1:
        return None
    date = dates[0]
    alone = not norm[: date.start].strip() and filler.fullmatch(norm[date.end :])
    return date.value if alone else None


def _in_table(box: Box, tables: list[tuple[float, float, float, float]]) -> bool:
    return any(x0 <= box.x0 <= x1 and top <= box.middle <= bottom for x0, top, x1, bottom in tables)


CELL_GAP = 15.0  # points of empty space that part one cell of a form from the next


def _ends_its_cell(row: list[Word], label: Box, filler) -> bool:
    """The label ends its cell (only filler follows before a wide gap): a label inside a
    sentence ("the annual review will be held...") has no value under it."""
    after, edge = [], label.x1
    for word in row:
        if word[1] < label.x1 - 0.5:
            continue
        if word[1] - edge > CELL_GAP:
            break
        after.append(word[0])
        edge = word[3]
    return bool(filler.fullmatch(normalise(" ".join(after))))


def _after_a_label(date: Box, labels: list[Box], own: Box) -> bool:
    return any(
        other is not own
        and other.x1 <= date.x0 + 0.5
        and abs(other.middle - date.middle) <= 0.8 * other.height
        and date.x0 - other.x1 < 200
        for other in labels
    )
