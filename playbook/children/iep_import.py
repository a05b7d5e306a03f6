"""Reading an IEP PDF: the dates, services, goals and accommodations it states, each with
the page it came from, for the parent to check before anything is saved.

The PDF is read page by page with pdfplumber (text lines and tables); everything after that
works on plain text, driven by the labels and headings in iep_layouts.toml. A fact we
cannot find is reported as missing, never guessed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO

from django.conf import settings

from .iep_text import find_dates, layouts, normalise, parse_amount, phrase_pattern

log = logging.getLogger(__name__)

FACTS = ("meeting_date", "start_date", "end_date", "last_evaluation_date", "reevaluation_due")
MAX_PAGES = 200
SCAN_STAMP_CHARS = 60

NOT_A_PDF = "This file is not a PDF. Choose the IEP as a PDF file (its name ends in .pdf)."
EMPTY_FILE = "This file is empty. Choose the IEP PDF again."
DAMAGED = (
    "This PDF is damaged and cannot be opened. Download it again from the school's email "
    "or portal, or ask the school for a new copy."
)
ENCRYPTED = (
    "This PDF is locked with a password, so we cannot read it. Open it, save a copy without "
    "the password, and upload that copy."
)
SCANNED = (
    "This PDF is a scan with no text we can read; enter the facts by hand or ask the school "
    "for a text PDF."
)
NOT_AN_IEP = (
    "We could not find any IEP facts in this PDF (no IEP dates, services, goals or "
    "accommodations). Check that it is the IEP the school sent, or enter the facts by hand."
)
UNREADABLE_LAYOUT = (
    "We could not make sense of this IEP's layout. Enter the facts by hand; your file was "
    "not saved."
)
TOO_LONG = f"This PDF has more than {MAX_PAGES} pages. Upload the IEP on its own."


class ImportRefused(Exception):
    """The file cannot be read as an IEP; ``message`` says why in the parent's words."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def reload_layouts() -> None:
    """Forget the parsed iep_layouts.toml (after it changes)."""
    from . import iep_text

    for cached in (iep_text.layouts, iep_text._period_patterns, _patterns, _column_names):
        cached.cache_clear()


def too_large_message() -> str:
    mb = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
    return f"This file is larger than {mb} MB. Upload the IEP on its own, or a smaller copy."


@dataclass
class Page:
    number: int
    lines: list[str]
    tables: list[list[list[str]]] = field(default_factory=list)
    table_lines: set[int] = field(default_factory=set)  # indexes of lines inside a table
    picture_only: bool = False  # a scanned page, perhaps with a stamp of text

    @property
    def readable(self) -> bool:
        return bool(self.lines) and not self.picture_only


@dataclass
class Reading:
    facts: dict[str, dict | None]
    services: list[dict]
    goals: list[dict]
    accommodations: list[dict]
    missing: list[str]
    unreadable_pages: list[int]

    def as_dict(self) -> dict:
        return {
            "facts": self.facts,
            "services": self.services,
            "goals": self.goals,
            "accommodations": self.accommodations,
            "missing": self.missing,
            "unreadable_pages": self.unreadable_pages,
        }


# --- the PDF -----------------------------------------------------------------------


def read_iep(data: bytes) -> Reading:
    """The IEP facts in a PDF's bytes, or ImportRefused with a message for the parent."""
    if not data:
        raise ImportRefused(EMPTY_FILE)
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise ImportRefused(too_large_message(), 413)
    if b"%PDF-" not in data[:1024]:
        raise ImportRefused(NOT_A_PDF)
    pages = extract_pages(data)
    if not any(page.readable for page in pages):
        raise ImportRefused(SCANNED, 422)
    try:
        reading = parse_pages(pages)
    except Exception as exc:
        # A layout we did not foresee must not cost the parent an error page; the log
        # says which part failed, never what the IEP says.
        log.exception("IEP import: the parser failed on a %d-page PDF", len(pages))
        raise ImportRefused(UNREADABLE_LAYOUT, 422) from exc
    found_anything = (
        any(reading.facts.values()) or reading.services or reading.goals or reading.accommodations
    )
    if not found_anything:
        raise ImportRefused(NOT_AN_IEP, 422)
    return reading


def extract_pages(data: bytes) -> list[Page]:
    """Every page's text lines and tables. Any failure inside the PDF library means the
    file is damaged (or locked): the parent gets a message, never an error page."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ImportRefused(TOO_LONG, 413)
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(number, page))
                page.close()
            return pages
    except ImportRefused:
        raise
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ImportRefused(ENCRYPTED) from exc
        raise ImportRefused(DAMAGED) from exc
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ImportRefused(ENCRYPTED) from exc
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise ImportRefused(DAMAGED) from exc


def _read_page(number: int, page) -> Page:
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    lines, table_lines = [], set()
    for line in page.extract_text_lines(strip=True, return_chars=False):
        text = _clean(line["text"])
        if not text:
            continue
        middle = (line["top"] + line["bottom"]) / 2
        if any(top <= middle <= bottom for _, top, _, bottom in boxes):
            table_lines.add(len(lines))
        lines.append(text)
    tables = [
        [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        for table in found
    ]
    # A scanner may add a line of its own ("Scanned by ..."): a picture with a few words
    # on it is still a page we cannot read.
    picture_only = bool(page.images) and sum(len(line) for line in lines) < SCAN_STAMP_CHARS
    return Page(number, lines, tables, table_lines, picture_only)


_UNKNOWN_GLYPH = re.compile(r"\(cid:\d+\)")


def _clean(line: str) -> str:
    # A glyph the PDF does not map to a character: at the start of a line, a bullet.
    line = " ".join(line.split())
    if line.startswith("(cid:"):
        line = _UNKNOWN_GLYPH.sub("\u2022", line, count=1)
    return " ".join(_UNKNOWN_GLYPH.sub(" ", line).split())


# --- the text ----------------------------------------------------------------------


@dataclass
class Line:
    page: int
    text: str
    norm: str
    in_table: bool = False
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
        for i, text in enumerate(page.lines):
            norm = normalise(text)
            at_edge = i < 3 or i >= len(page.lines) - 3
            if _PAGE_NUMBER.search(norm) and len(norm) < 80 or (at_edge and norm in repeated):
                continue
            text = " ".join(text.split())
            lines.append(Line(page.number, text, norm, in_table=i in page.table_lines))
    return lines


@cache
def _patterns() -> dict[str, re.Pattern]:
    cfg = layouts()
    labels = [(fact, label) for fact, words in cfg["dates"].items() for label in words]
    labels += [("range", label) for label in cfg["ranges"]["labels"]]
    goal_starts = phrase_pattern(cfg["goals"]["starts"])
    return {
        "labels": re.compile(phrase_pattern([label for _, label in labels])),
        "label_fact": {normalise(label): fact for fact, label in labels},
        "goal_start": re.compile(
            r"^(?:" + goal_starts + r")\s*(?:#\s*|no\.?\s*|number\s*)?(\d+)\b\s*[:.)\-]?\s*(.*)$"
            r"|^(?:" + goal_starts + r")\s*:\s*(.+)$"
        ),
        "goal_section": _heading(cfg["goals"]["section_headings"]),
        "goal_stop": re.compile(r"^(?:" + phrase_pattern(cfg["goals"]["stops"]) + r")"),
        "acc_section": _heading(cfg["accommodations"]["section_headings"]),
        "section": _heading(cfg["sections"]["headings"]),
        "numbered": re.compile(r"^\(?(\d{1,2})[.)]\s+(.+)$"),
        "bullet": re.compile(
            r"^(?:[\u2022\u25cf\u25aa\u25e6\u00b7\-*\u2013]|\(?[a-z\d]{1,2}[.)])\s+(.+)$"
        ),
        "service_name": re.compile(phrase_pattern(cfg["services"]["prose"]["name_words"])),
    }


def _heading(words: list[str]) -> re.Pattern:
    """A line that is a heading: the words alone, or followed by a colon and more text
    (optionally numbered: "5. Accommodations")."""
    return re.compile(
        r"^(?:(?:section|part)?\s*[\divx]{1,4}[.):]?\s+)?(?:" + phrase_pattern(words) + r")"
        r"\s*(?:$|:\s*(.*)$|\(.*\)\s*:?\s*$)"
    )


def parse_pages(pages: list[Page]) -> Reading:
    lines = document_lines([page for page in pages if page.readable])
    facts = find_facts(lines)
    goals = sorted(find_goals(lines) + _goal_tables(pages), key=lambda goal: goal["page"])
    accommodations = find_accommodations(lines, pages)
    services = find_services(lines, pages)
    missing = [name for name in FACTS if facts[name] is None]
    missing += [
        name
        for name, items in (
            ("services", services),
            ("goals", goals),
            ("accommodations", accommodations),
        )
        if not items
    ]
    unreadable = [page.number for page in pages if not page.readable]
    return Reading(facts, services, goals, accommodations, missing, unreadable)


# --- dates -------------------------------------------------------------------------


# What may stand between a label and its date: punctuation and a few small words
# ("Annual review due on: 9/14/27", "Start date (mm/dd/yyyy) 09/16/2026").
_FILLER = re.compile(
    r"[\s:.,;#=()\[\]\-\u2013\u2014_]*"
    r"(?:(?:date|due|on|is|by|of|the|held|set|for|was|scheduled|no later than|before"
    r"|mm/dd/yy(?:yy)?|m/d/y)[\s:.,;#=()\[\]\-\u2013\u2014_]*){0,3}"
)


def find_facts(lines: list[Line]) -> dict[str, dict | None]:
    """The first value of each labelled date. A label's date follows it on the line, or,
    for a row of labels over a row of dates, sits below it in the same order."""
    p = _patterns()
    facts: dict[str, dict | None] = dict.fromkeys(FACTS)

    def put(fact: str, values: list, page: int) -> None:
        if fact == "range":
            if len(values) >= 2:
                put("start_date", values[:1], page)
                put("end_date", values[1:2], page)
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
                if after and _FILLER.fullmatch(line.norm[label.end() : after[0].start]):
                    put(p["label_fact"][label.group(0)], [d.value for d in after], line.page)
            continue
        below = find_dates(lines[i + 1].norm) if i + 1 < len(lines) else []
        kinds = [p["label_fact"][label.group(0)] for label in labels]
        if below and len(below) == len(kinds) + kinds.count("range"):
            k = 0
            for kind in kinds:
                width = 2 if kind == "range" else 1
                put(kind, [d.value for d in below[k : k + width]], lines[i + 1].page)
                k += width
        elif below and len(kinds) == 1 and below[0].start == 0:
            put(kinds[0], [d.value for d in below], lines[i + 1].page)
    return facts


# --- goals -------------------------------------------------------------------------


def _ends_section(p: dict, norm: str) -> bool:
    return bool(
        p["section"].match(norm)
        or p["acc_section"].match(norm)
        or p["goal_section"].match(norm)
        or (p["labels"].match(norm) and find_dates(norm))
    )


def find_goals(lines: list[Line]) -> list[dict]:
    """Numbered goals ("Annual Goal 1:", "Goal #2") anywhere, and numbered items under a
    goals heading. A goal's text runs over lines and pages until the next goal, a line
    about measuring it (baseline, objectives...) or the next section."""
    p = _patterns()
    goals: list[dict] = []
    current: dict | None = None
    listing = False  # under a goals heading, where "1." starts a goal
    skipping = False  # after a baseline or objectives line, until the next goal

    def finish() -> None:
        nonlocal current
        if current and current["text"].strip():
            current["text"] = " ".join(current["text"].split())
            goals.append(current)
        current = None

    for line in lines:
        start = p["goal_start"].match(line.norm)
        if start and not line.in_table:
            finish()
            skipping = False
            rest = start.group(2) if start.group(1) else start.group(3)
            current = {"text": _original_tail(line.text, rest or ""), "page": line.page}
            line.used = True
            continue
        if p["goal_section"].match(line.norm):
            finish()
            listing, skipping = True, False
            line.used = True
            continue
        if (current or listing) and p["goal_stop"].match(line.norm):
            finish()
            # Objectives are numbered too: their numbers must not read as goals.
            skipping = "objective" in line.norm or "benchmark" in line.norm or not listing
            continue
        if _ends_section(p, line.norm):
            finish()
            listing = skipping = False
            continue
        if line.in_table:
            finish()
            continue
        numbered = p["numbered"].match(line.norm)
        if listing and numbered and not skipping:
            finish()
            current = {"text": _original_tail(line.text, numbered.group(2)), "page": line.page}
            line.used = True
            continue
        if skipping:
            line.used = True
            continue
        if current is not None:
            current["text"] += " " + line.text
            line.used = True
    finish()
    return goals


def _original_tail(text: str, norm_tail: str) -> str:
    """The end of the original line under a normalised tail (keeps capitals): normalising
    keeps a line's length."""
    return text[len(text) - len(norm_tail) :] if norm_tail else ""


def _goal_tables(pages: list[Page]) -> list[dict]:
    """Goals laid out as a table: a goal column under its header, or rows that name the
    goal in the first cell ("Annual Goal 1") and give its text in the next."""
    p = _patterns()
    wanted = {normalise(c) for c in layouts()["goals"]["columns"]}
    goals = []
    for page in pages:
        for table in page.tables:
            column = next(
                (
                    (r, i)
                    for r, row in enumerate(table[:3])
                    for i, cell in enumerate(row)
                    if _header_key(cell) in wanted
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
    p = _patterns()
    items: list[dict] = []
    in_section = False
    bulleted = False
    for line in lines:
        heading = p["acc_section"].match(line.norm)
        if heading:
            in_section, bulleted = True, False
            line.used = True
            tail = heading.group(1)
            if tail:
                for part in _original_tail(line.text, tail).split(";"):
                    if part.strip():
                        items.append({"text": part.strip(" ."), "page": line.page})
            continue
        if not in_section:
            continue
        if p["goal_start"].match(line.norm) or _ends_section(p, line.norm):
            in_section = False
            continue
        if line.in_table:
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
    if from_tables:
        return from_tables
    return [item for item in items if not _looks_like_table_header(item["text"])]


def _looks_like_table_header(text: str) -> bool:
    cfg = layouts()["accommodations"]["columns"]
    return normalise(text).split(" ")[0] in {normalise(c) for c in cfg} and len(text) < 60


def _accommodation_tables(pages: list[Page]) -> list[dict]:
    wanted = {normalise(c) for c in layouts()["accommodations"]["columns"]}
    items = []
    for page in pages:
        for table in page.tables:
            for r, row in enumerate(table[:3]):
                cols = [i for i, cell in enumerate(row) if _header_key(cell) in wanted]
                if cols:
                    for data in table[r + 1 :]:
                        text = data[cols[0]] if cols[0] < len(data) else ""
                        if text:
                            items.append({"text": text, "page": page.number})
                    break
    return items


def _header_key(cell: str) -> str:
    return re.sub(r"\s*\((?:s|es)\)|[:*]", "", normalise(cell or "")).strip()


# --- services ----------------------------------------------------------------------


def find_services(lines: list[Line], pages: list[Page]) -> list[dict]:
    services = _service_tables(pages)
    in_tables = {(s["page"], normalise(s["service"])) for s in services}
    for service in _service_sentences(lines):
        if (service["page"], normalise(service["service"])) not in in_tables:
            services.append(service)
    return services


@cache
def _column_names() -> list[tuple[str, str]]:
    """(header words, column kind), longest words first."""
    columns = layouts()["services"]["columns"]
    pairs = [(normalise(w), kind) for kind, words in columns.items() for w in words]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def _column_kind(cell: str) -> str | None:
    key = _header_key(cell)
    if not key:
        return None
    for words, kind in _column_names():
        if key == words:
            return kind
    for words, kind in _column_names():
        if key.startswith(words + " ") or key.startswith(words + "/"):
            return kind
    return None


def _header(row: list[str]) -> dict[str, int] | None:
    kinds: dict[str, int] = {}
    for i, cell in enumerate(row):
        kind = _column_kind(cell)
        if kind and kind not in kinds:
            kinds[kind] = i
    has_amount = {"minutes", "total_minutes", "frequency"} & kinds.keys()
    return kinds if "service" in kinds and has_amount else None


def _service_tables(pages: list[Page]) -> list[dict]:
    """Rows of every services table. A table that carries on over a page break (no header
    row, same columns, first on its page) continues the one before it."""
    services: list[dict] = []
    carry: tuple[dict[str, int], int, list[str]] | None = None  # columns, width, headers
    for page in pages:
        for t, table in enumerate(page.tables):
            header_at, columns = None, None
            for r, row in enumerate(table[:3]):
                columns = _header(row)
                if columns:
                    header_at = r
                    break
            if columns is not None and header_at is not None:
                headers = table[header_at]
                body = table[header_at + 1 :]
            elif carry and t == 0 and len(table[0]) == carry[1]:
                columns, _, headers = carry
                body = table
            else:
                carry = None
                continue
            for row in body:
                service = _service_row(row, columns, headers, page.number)
                if service:
                    services.append(service)
            carry = (columns, len(headers), headers) if t == len(page.tables) - 1 else None
        if not page.tables:
            carry = None
    return services


def _cell(row: list[str], columns: dict[str, int], kind: str) -> str:
    i = columns.get(kind)
    return row[i].strip() if i is not None and i < len(row) and row[i] else ""


def _service_row(
    row: list[str], columns: dict[str, int], headers: list[str], page: int
) -> dict | None:
    name = _cell(row, columns, "service")
    if not name or _column_kind(name) == "service":
        return None
    minutes = _cell(row, columns, "minutes")
    total = _cell(row, columns, "total_minutes")
    frequency = _cell(row, columns, "frequency")
    if total:
        header = headers[columns["total_minutes"]]
        text = f"{_with_unit(total)} {frequency} {header}"
        amount = parse_amount(text, total=True)
    else:
        amount = parse_amount(f"{_with_unit(minutes)} {_with_count(frequency)}")
    if amount.minutes is None and amount.per is None:
        return None
    return {
        "service": name,
        "minutes": amount.minutes,
        "per": amount.per,
        "setting": _cell(row, columns, "setting"),
        "page": page,
        "sessions": amount.sessions,
        "provider_role": _cell(row, columns, "provider"),
    }


def _with_unit(cell: str) -> str:
    return f"{cell} minutes" if re.fullmatch(r"\d+(?:\.\d+)?", cell.strip()) else cell


def _with_count(cell: str) -> str:
    return f"{cell} times" if re.fullmatch(r"\d+", cell.strip()) else cell


_SENTENCE = re.compile(
    r"^(?:[\u2022\u25cf\-*]\s*|\d{1,2}[.)]\s+)?(?P<name>[A-Za-z][\w /&,'()\-]{1,80}?)"
    r"\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<rest>.+)$"
)
# "Speech therapy 30 minutes weekly": no colon, so the name must be short and the
# amount must name its period.
_BARE_SENTENCE = re.compile(
    r"^(?:[\u2022\u25cf\-*]\s*|\d{1,2}[.)]\s+)?(?P<name>[A-Za-z][A-Za-z /&'()\-]{2,60}?)"
    r"\s+(?P<rest>(?:\d|once\b|twice\b).*)$"
)
_SETTING = re.compile(
    r"(?:\b(?:location|setting|place)\s*:\s*|\b(?:in|at)\s+(?:the\s+|a\s+)?)(?P<setting>[^.;,(]+)",
    re.IGNORECASE,
)


def _service_sentences(lines: list[Line]) -> list[dict]:
    """Services written out: "Speech-language therapy: 2 sessions of 30 minutes per week in
    the therapy room". A sentence that wraps onto a line starting in lower case is joined."""
    p = _patterns()
    services = []
    for i, line in enumerate(lines):
        if line.used or line.in_table:
            continue
        m = _SENTENCE.match(line.text)
        bare = False
        if not m or not p["service_name"].search(normalise(m.group("name"))):
            m = _BARE_SENTENCE.match(line.text)
            bare = True
            if not m or len(m.group("name").split()) > 6:
                continue
            if not p["service_name"].search(normalise(m.group("name"))):
                continue
        rest = m.group("rest")
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt and not nxt.used and nxt.text[:1].islower():
            rest += " " + nxt.text
        amount = parse_amount(rest)
        if amount.minutes is None or find_dates(rest) or (bare and amount.per is None):
            continue
        setting = ""
        for s in _SETTING.finditer(rest):
            if not s.group("setting")[:1].isdigit():
                setting = s.group("setting").strip()
                break
        services.append(
            {
                "service": m.group("name").strip(),
                "minutes": amount.minutes,
                "per": amount.per,
                "setting": setting,
                "page": line.page,
                "sessions": amount.sessions,
                "provider_role": "",
            }
        )
    return services
