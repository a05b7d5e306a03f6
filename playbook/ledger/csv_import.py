"""Reading a school's service log (CSV) into sessions.

Schools export these logs from different systems, so the header row may name its columns in
any order and in many spellings ("Date of Service", "Mins", "Attendance"...). Rows are
numbered as a spreadsheet shows them: the header is row 1. Every bad row is reported with
its number and a reason a parent can act on; the good rows are kept. A row that repeats a
session already logged (same service, date, minutes and status) is skipped and counted.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction

from playbook.children.computed import records_changed
from playbook.children.models import Service
from playbook.plain_text import block

from .models import MAX_SESSION_MINUTES, MissedReason, ServiceSession, SessionStatus

MAX_ROWS = 5000

COLUMN_NAMES = {
    "date": {
        "date", "date of service", "service date", "session date", "date of session",
        "dos", "date served", "date provided", "session day",
    },
    "minutes": {
        "minutes", "mins", "min", "duration", "duration minutes", "duration mins",
        "session minutes", "session length", "length", "minutes provided",
        "minutes delivered", "time minutes", "service minutes", "total minutes",
    },
    "status": {
        "status", "attendance", "session status", "service status", "outcome",
        "attended", "delivered", "result", "code", "attendance code",
    },
    "reason": {
        "reason", "reason missed", "missed reason", "absence reason", "comment",
        "comments", "reason for missed session", "explanation", "notes", "note",
    },
    "provider": {
        "provider", "provider name", "therapist", "therapist name", "staff",
        "staff name", "clinician", "service provider", "provided by", "teacher",
    },
}  # fmt: skip
REQUIRED_COLUMNS = ("date", "minutes")

DATE_FORMATS = (
    "%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y", "%m-%d-%y", "%m.%d.%Y", "%Y/%m/%d",
    "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y", "%a %b %d %Y",
    "%A %B %d %Y",
)  # fmt: skip


@dataclass(frozen=True)
class ParsedRow:
    row: int
    date: date
    minutes: int
    status: str
    reason: str
    provider: str


@dataclass
class ParseResult:
    rows: list[ParsedRow] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    rejected: list[dict] = field(default_factory=list)
    created: list[ServiceSession] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"imported": self.imported, "duplicates": self.duplicates, "rejected": self.rejected}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())


def _column_for(header: str) -> str | None:
    words = _words(header)
    for column, names in COLUMN_NAMES.items():
        if words in names:
            return column
    return None


def parse_date(text: str) -> date:
    cleaned = text.strip()
    # "3/4/2026 10:30 AM", "2026-03-04T10:30": the time of day does not matter here.
    cleaned = re.split(r"[T ](?=\d{1,2}:\d{2})", cleaned)[0]
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned).replace(",", " ")
    cleaned = " ".join(cleaned.split())
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text.strip()}' is not a date we can read: use MM/DD/YYYY or YYYY-MM-DD")


def parse_minutes(text: str) -> int:
    raw = text.strip()
    words = raw.casefold()
    if words.startswith("-"):
        raise ValueError(f"minutes can't be negative ('{raw}')")
    if match := re.fullmatch(r"(\d{1,2}):(\d{2})", words):  # h:mm
        minutes = int(match[1]) * 60 + int(match[2])
    elif match := re.fullmatch(r"(\d+(?:\.\d+)?)\s*(?:hours?|hrs?|h)", words):
        minutes = round(float(match[1]) * 60)
    elif match := re.fullmatch(r"(\d+)(?:\.0+)?\s*(?:minutes?|mins?|m)?", words):
        minutes = int(match[1])
    else:
        raise ValueError(f"'{raw}' is not a number of minutes")
    if minutes > MAX_SESSION_MINUTES:
        raise ValueError(f"{minutes} minutes is longer than a school day; check the number")
    return minutes


# Checked in order against the cell's lower-case words: the first pattern found decides.
_MISSED = SessionStatus.MISSED
_STATUS_PATTERNS: list[tuple[str, str, str]] = [
    (r"\bmake ?ups?\b|\bmade ?up\b|\bcompensatory\b|^mu$", SessionStatus.MADE_UP, ""),
    (
        r"\bshort(ened)?\b|\bpartial|\bleft early\b|\blate (start|arrival)\b",
        SessionStatus.SHORTENED,
        "",
    ),
    (
        r"\b(provider|therapist|staff|clinician|slp|sub)\b.*\b(out|absent|sick|ill|unavailable|away|leave|training|meeting)\b"
        r"|\b(out|absent|sick|unavailable)\b.*\b(provider|therapist|staff|clinician|slp)\b|\bno sub\b",
        _MISSED,
        MissedReason.PROVIDER_ABSENT,
    ),
    (
        r"\bassembl|\bfield ?trip\b|\btesting\b|\bschool (event|closed|closure)\b"
        r"|\bearly (release|dismissal)\b|\bsnow day\b|\bholiday\b|\bevent\b",
        _MISSED,
        MissedReason.SCHOOL_EVENT,
    ),
    (
        r"\b(student|child|pupil)\b.*\b(absent|out|sick|ill|unavailable|refused)\b"
        r"|\b(absent|absence|sick|ill)\b|\bno show\b|^(a|sa|abs)$",
        _MISSED,
        MissedReason.CHILD_ABSENT,
    ),
    (
        r"\bnot (provided|delivered|seen|held|present)\b|\bmissed\b|\bcancel|\bdid not\b|^(no|n|x)$",
        _MISSED,
        MissedReason.UNKNOWN,
    ),
    (
        r"\bpresent\b|\bdelivered\b|\bprovided\b|\battended\b|\bcomplete|\bseen\b"
        r"|\bserved\b|\bheld\b|^(yes|y|p|ok|done)$",
        SessionStatus.DELIVERED,
        "",
    ),
]
_REASON_PATTERNS = [(p, s, r) for p, s, r in _STATUS_PATTERNS if s == _MISSED and r]
_REASON_PATTERNS.append((r"\bother\b", _MISSED, MissedReason.OTHER))


def _find(patterns, words: str) -> tuple[str, str] | None:
    for pattern, status, reason in patterns:
        if re.search(pattern, words):
            return status, reason
    return None


def parse_status(text: str) -> tuple[str, str]:
    """(status, reason) from words like "present", "absent - student", "provider out",
    "make-up". Raises ValueError for words we do not recognise."""
    words = _words(text)
    if words.replace(" ", "_") in SessionStatus.values:
        return words.replace(" ", "_"), ""
    found = _find(_STATUS_PATTERNS, words) if words else None
    if found is None:
        raise ValueError(
            f"status '{text.strip()}' is not one we recognise: "
            "use delivered, missed, shortened or made up"
        )
    return found


def parse_reason(text: str) -> str:
    """The reason a reason column names, or "" when it names none of ours."""
    words = _words(text)
    if words.replace(" ", "_") in MissedReason.values:
        return words.replace(" ", "_")
    found = _find(_REASON_PATTERNS, words)
    return found[1] if found else ""


def _decode(data: bytes) -> str:
    """The file as text, cleaned as text from elsewhere is (plain_text.block): a control
    character a program left in a cell (a NUL, which PostgreSQL cannot store) is dropped."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return block(data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return block(data.decode("latin-1"))


def parse_service_log(data: bytes, *, today: date) -> ParseResult:
    """Rows of a CSV service log, each either parsed or rejected with ``{row, reason}``."""
    result = ParseResult()
    text = _decode(data)
    if not text.strip():
        result.rejected.append({"row": 1, "reason": "The file is empty."})
        return result
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        result.rejected.append({"row": 1, "reason": "The file has no header row."})
        return result
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        column = _column_for(name)
        if column and column not in columns:
            columns[column] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        result.rejected.append(
            {
                "row": 1,
                "reason": (
                    f"The header row has no {' or '.join(missing)} column. We found: "
                    f"{', '.join(h.strip() for h in header if h.strip()) or 'nothing'}. "
                    "Name the columns Date, Minutes, Status, Reason and Provider."
                ),
            }
        )
        return result

    def cell(values: list[str], column: str) -> str:
        index = columns.get(column)
        return values[index].strip() if index is not None and index < len(values) else ""

    try:
        for number, values in enumerate(reader, start=2):
            if not any(v.strip() for v in values):
                continue
            if len(result.rows) + len(result.rejected) >= MAX_ROWS:
                result.rejected.append(
                    {"row": number, "reason": f"Only the first {MAX_ROWS} rows are read."}
                )
                break
            try:
                result.rows.append(_parse_row(number, values, cell, today))
            except ValueError as exc:
                result.rejected.append({"row": number, "reason": _sentence(str(exc))})
    except csv.Error as exc:
        result.rejected.append({"row": reader.line_num, "reason": f"Unreadable CSV: {exc}."})
    return result


def _sentence(text: str) -> str:
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _parse_row(number: int, values: list[str], cell, today: date) -> ParsedRow:
    raw_date = cell(values, "date")
    if not raw_date:
        raise ValueError("the date is missing")
    day = parse_date(raw_date)
    if day > today:
        raise ValueError(f"{day:%m/%d/%Y} is in the future")
    raw_status = cell(values, "status")
    status, reason = parse_status(raw_status) if raw_status else ("", "")
    raw_minutes = cell(values, "minutes")
    if not raw_minutes:
        if status == SessionStatus.MISSED:
            raise ValueError("the minutes are missing: give the minutes that were due")
        raise ValueError("the minutes are missing")
    minutes = parse_minutes(raw_minutes)
    if not status:
        status = SessionStatus.DELIVERED if minutes else SessionStatus.MISSED
    if status == SessionStatus.MISSED:
        reason = parse_reason(cell(values, "reason")) or reason or MissedReason.UNKNOWN
    elif minutes == 0:
        raise ValueError(f"a {status.replace('_', '-')} session can't be 0 minutes")
    return ParsedRow(number, day, minutes, status, reason, cell(values, "provider")[:150])


def import_service_log(service: Service, data: bytes, *, today: date) -> ImportReport:
    """Save the good rows of a CSV log as sessions of ``service``; skip duplicates."""
    parsed = parse_service_log(data, today=today)
    report = ImportReport(rejected=parsed.rejected)
    seen = set(
        ServiceSession.objects.filter(service=service).values_list("date", "minutes", "status")
    )
    for row in parsed.rows:
        key = (row.date, row.minutes, row.status)
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        report.created.append(
            ServiceSession(
                service=service,
                date=row.date,
                minutes=row.minutes,
                status=row.status,
                reason=row.reason,
                provider=row.provider,
                note="Imported from a service log",
            )
        )
    with transaction.atomic():
        ServiceSession.objects.bulk_create(report.created)
        records_changed(service.iep.child_id)  # bulk_create sends no post_save
    report.imported = len(report.created)
    return report
