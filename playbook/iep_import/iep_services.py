"""The services an IEP promises, from its services table or its sentences, as minutes in
all per day, week or month."""

from __future__ import annotations

import re
from functools import cache

from .iep_lines import Line, Page, header_key, patterns
from .iep_text import find_dates, layouts, normalise, parse_amount, phrase_pattern


def find_services(lines: list[Line], pages: list[Page]) -> list[dict]:
    services = _service_tables(pages)
    in_tables = {(s["page"], normalise(s["service"])) for s in services}
    for service in _service_sentences(lines):
        if (service["page"], normalise(service["service"])) not in in_tables:
            services.append(service)
    return services


@cache
def column_names() -> list[tuple[str, str]]:
    """(header words, column kind), longest words first."""
    columns = layouts()["services"]["columns"]
    pairs = [(normalise(w), kind) for kind, words in columns.items() for w in words]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def _column_kind(cell: str) -> str | None:
    key = header_key(cell)
    if not key:
        return None
    for words, kind in column_names():
        if key == words:
            return kind
    for words, kind in column_names():
        if key.startswith(words + " ") or key.startswith(words + "/"):
            return kind
    return None


def names_a_service_column(row: list[str]) -> bool:
    """Some cell of the row is a services table's column header ("Service", "Minutes")."""
    return any(_column_kind(cell) for cell in row if cell)


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
            elif carry and t == 0 and table and len(table[0]) == carry[1]:
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
    p = patterns()
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
        name, rest = m.group("name").strip(), m.group("rest")
        name, rest = _with_area(name, rest)
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
        setting = setting or _last_part_setting(rest)
        services.append(
            {
                "service": name,
                "minutes": amount.minutes,
                "per": amount.per,
                "setting": setting,
                "page": line.page,
                "sessions": amount.sessions,
                "provider_role": "",
            }
        )
    return services


_PARTS = re.compile(r"\s+[-\u2013\u2014]\s+|\s*:\s+|,\s+")


def _with_area(name: str, rest: str) -> tuple[str, str]:
    """ "Special Education Services - Reading - 45 minutes...": a general name takes the
    area that follows it, so three such services keep three names."""
    general = {normalise(w) for w in layouts()["services"]["prose"]["general_names"]}
    if normalise(name) not in general:
        return name, rest
    parts = _PARTS.split(rest, maxsplit=1)
    if len(parts) == 2 and not re.search(r"\d", parts[0]) and 0 < len(parts[0].split()) <= 5:
        return f"{name}: {parts[0].strip()}", parts[1]
    return name, rest


def _last_part_setting(rest: str) -> str:
    """ "... 45 minutes 5 times per week - Resource room": the last part, if it names a
    place."""
    parts = re.split(r"\s+[-\u2013\u2014]\s+", rest)
    if len(parts) < 2 or re.search(r"\d", parts[-1]):
        return ""
    words = layouts()["services"]["prose"]["setting_words"]
    if re.search(phrase_pattern(words), normalise(parts[-1])):
        return parts[-1].strip(" .")
    return ""
