"""Reading an IEP PDF (or a Word document, docx_reading): the dates, services, goals and accommodations it states, each with
the page it came from, for the parent to check before anything is saved.

The PDF is read page by page with pdfplumber (text lines and tables), in a separate process
with limits on memory, time, pages and decoded bytes (pdf_reading); everything after that
works on plain text, driven by the labels and headings in iep_layouts.toml. A fact we
cannot find is reported as missing, never guessed.
"""

from __future__ import annotations

import logging
import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext, gettext_noop

from playbook.document_files import is_old_office_file, is_pdf, is_word_document

from . import iep_lines, iep_services, iep_text
from .iep_details import find_parent_concerns, find_placement
from .iep_facts import (
    FACTS,
    find_accommodations,
    find_facts,
    find_goals,
    find_supplementary_aids,
    goal_tables,
)
from .iep_lines import Page, document_lines
from .iep_places import grid_facts, placed_facts
from .iep_services import find_services
from .pdf_reading import PdfLimits, PdfRefused, Refusal, read_pdf_pages

__all__ = ["FACTS", "ImportRefused", "Page", "Reading", "parse_pages", "read_iep"]

log = logging.getLogger(__name__)

MAX_PAGES = 200

NOT_A_PDF = gettext_noop(
    "This file is not a PDF or a Word document. Choose the IEP as a PDF (its name ends in "
    ".pdf) or as a Word document (.docx)."
)
OLD_WORD_FILE = gettext_noop(
    "This is an older Word file (.doc) or a file locked with a password, which we cannot "
    "read. Open it in Word, save a copy as a Word document (.docx) or a PDF without a "
    "password, and upload that copy."
)
EMPTY_FILE = gettext_noop("This file is empty. Choose the IEP file again.")
DAMAGED = gettext_noop(
    "This PDF is damaged and cannot be opened. Download it again from the school's email "
    "or portal, or ask the school for a new copy."
)
ENCRYPTED = gettext_noop(
    "This PDF is locked with a password, so we cannot read it. Open it, save a copy without "
    "the password, and upload that copy."
)
SCANNED = gettext_noop(
    "This PDF is a scan with no text we can read; enter the facts by hand or ask the school "
    "for a text PDF."
)
NOTHING_FOUND = gettext_noop(
    "This looks like an IEP, but we could not find its dates, services, goals or "
    "accommodations in this layout. Enter the facts by hand; your file was not saved."
)
_IEP_WORDS = ("individualized education program", "individualized education plan", "iep")
NOT_AN_IEP = gettext_noop(
    "We could not find any IEP facts in this file (no IEP dates, services, goals or "
    "accommodations). Check that it is the IEP the school sent, or enter the facts by hand."
)
UNREADABLE_LAYOUT = gettext_noop(
    "We could not make sense of this IEP's layout. Enter the facts by hand; your file was "
    "not saved."
)
# Kept in English on the job and in the API; shown in the reader's language by shown().
TOO_LONG_WORDS = gettext_noop("This PDF has more than %(pages)s pages. Upload the IEP on its own.")
TOO_LONG = TOO_LONG_WORDS % {"pages": MAX_PAGES}
WORD_TOO_LONG_WORDS = gettext_noop(
    "This Word document has more than %(pages)s pages. Upload the IEP on its own."
)
WORD_TOO_LONG = WORD_TOO_LONG_WORDS % {"pages": MAX_PAGES}
TOO_LARGE_WORDS = gettext_noop(
    "This file is larger than %(mb)s MB. Upload the IEP on its own, or a smaller copy."
)
TOO_COMPLEX = gettext_noop(
    "This PDF is too large or too complex to read; upload the IEP on its own, or enter "
    "the facts by hand."
)
REFUSALS = {
    Refusal.DAMAGED: (DAMAGED, 400),
    Refusal.LOCKED: (ENCRYPTED, 400),
    Refusal.TOO_MANY_PAGES: (TOO_LONG, 413),
    Refusal.TOO_COMPLEX: (TOO_COMPLEX, 422),
}
WORD_DAMAGED = gettext_noop(
    "This Word document is damaged and cannot be opened. Download it again from the school's "
    "email or portal, or ask the school for the IEP as a PDF."
)
WORD_EMPTY = gettext_noop(
    "This Word document has no text we can read (perhaps only pictures of the pages). Enter "
    "the facts by hand, or ask the school for the IEP as a PDF."
)
WORD_TOO_COMPLEX = gettext_noop(
    "This Word document is too large or too complex to read; upload the IEP on its own, or "
    "enter the facts by hand."
)
WORD_REFUSALS = {
    **REFUSALS,
    Refusal.DAMAGED: (WORD_DAMAGED, 400),
    Refusal.TOO_MANY_PAGES: (WORD_TOO_LONG, 413),
    Refusal.TOO_COMPLEX: (WORD_TOO_COMPLEX, 422),
}


class ImportRefused(Exception):
    """The file cannot be read as an IEP; ``message`` says why in the parent's words."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def reload_layouts() -> None:
    """Forget the parsed iep_layouts.toml (after it changes)."""
    for cached in (
        iep_text.layouts,
        iep_text.period_patterns,
        iep_lines.patterns,
        iep_services.column_names,
    ):
        cached.cache_clear()


def _upload_mb() -> int:
    return settings.MAX_UPLOAD_BYTES // (1024 * 1024)


def too_large_message() -> str:
    return TOO_LARGE_WORDS % {"mb": _upload_mb()}


def shown(message: str) -> str:
    """A reading's message (kept in English on the job, as the API gives it) in the
    reader's language; a message this module does not know is shown as it is."""
    for too_long, words in ((TOO_LONG, TOO_LONG_WORDS), (WORD_TOO_LONG, WORD_TOO_LONG_WORDS)):
        if message == too_long:
            return gettext(words) % {"pages": MAX_PAGES}
    if message == too_large_message():
        return gettext(TOO_LARGE_WORDS) % {"mb": _upload_mb()}
    return gettext(message) if message else message


@dataclass
class Reading:
    facts: dict[str, dict | None]
    services: list[dict]
    goals: list[dict]
    accommodations: list[dict]
    missing: list[str]
    unreadable_pages: list[int]
    date_of_birth: dict | None = None
    placement: dict | None = None
    parent_concerns: dict | None = None
    supplementary_aids: list[dict] = field(default_factory=list)
    looks_like_an_iep: bool = False

    def as_dict(self) -> dict:
        return {
            "facts": self.facts,
            "services": self.services,
            "goals": self.goals,
            "accommodations": self.accommodations,
            "missing": self.missing,
            "unreadable_pages": self.unreadable_pages,
            "date_of_birth": self.date_of_birth,
            "placement": self.placement,
            "parent_concerns": self.parent_concerns,
            "supplementary_aids": self.supplementary_aids,
        }


# --- the PDF -----------------------------------------------------------------------


def read_iep(data: bytes) -> Reading:
    """The IEP facts in a PDF's or a Word document's bytes, or ImportRefused with a message
    for the parent."""
    pages = document_pages(data)
    try:
        reading = parse_pages(pages)
    except Exception as exc:
        # A layout we did not foresee must not cost the parent an error page. The log says
        # where the parser failed, never the exception's text: it may quote the IEP.
        where = traceback.extract_tb(exc.__traceback__)[-1]
        log.error(
            "IEP import: %s at %s:%d on a %d-page document",
            type(exc).__name__,
            Path(where.filename).name,
            where.lineno,
            len(pages),
        )
        raise ImportRefused(UNREADABLE_LAYOUT, 422) from exc
    found_anything = (
        any(reading.facts.values()) or reading.services or reading.goals or reading.accommodations
    )
    if not found_anything:
        # A real IEP in a layout we do not know is never told it is not an IEP.
        raise ImportRefused(NOTHING_FOUND if reading.looks_like_an_iep else NOT_AN_IEP, 422)
    return reading


def document_pages(data: bytes) -> list[Page]:
    """The pages of an uploaded PDF or Word document with text on at least one of them, or
    ImportRefused saying what is wrong with the file."""
    if not data:
        raise ImportRefused(EMPTY_FILE)
    if len(data) > settings.MAX_UPLOAD_BYTES:
        raise ImportRefused(too_large_message(), 413)
    word = is_word_document(data)
    if is_old_office_file(data):
        raise ImportRefused(OLD_WORD_FILE)
    if not word and not is_pdf(data):
        raise ImportRefused(NOT_A_PDF)
    pages = extract_pages(data, refusals=WORD_REFUSALS if word else REFUSALS)
    if not any(page.readable for page in pages):
        raise ImportRefused(WORD_EMPTY if word else SCANNED, 422)
    return pages


def extract_pages(data: bytes, refusals: dict = REFUSALS) -> list[Page]:
    """Every page's text lines and tables, read in a separate process within the PDF
    limits (pdf_reading). A file we cannot read gets a message, never an error page."""
    try:
        pages = read_pdf_pages(data, PdfLimits.from_settings(max_pages=MAX_PAGES))
    except PdfRefused as refused:
        raise ImportRefused(*refusals[refused.reason]) from refused
    return [
        Page(
            page["number"],
            page["lines"],
            page["tables"],
            set(page["table_lines"]),
            page["picture_only"],
            [tuple(word) for word in page.get("words", [])],
            [tuple(box) for box in page.get("table_boxes", [])],
        )
        for page in pages
    ]


def parse_pages(pages: list[Page]) -> Reading:
    lines = document_lines([page for page in pages if page.readable])
    found = find_facts(lines, {**grid_facts(pages), **placed_facts(pages)})
    facts = {name: found[name] for name in FACTS}
    goals = sorted(find_goals(lines) + goal_tables(pages), key=lambda goal: goal["page"])
    aids = find_supplementary_aids(lines)
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
    return Reading(
        facts,
        services,
        goals,
        accommodations,
        missing,
        unreadable,
        date_of_birth=found.get("date_of_birth"),
        placement=find_placement(lines),
        parent_concerns=find_parent_concerns(lines),
        supplementary_aids=aids,
        looks_like_an_iep=any(
            re.search(rf"\b{word}\b", line.norm) for line in lines[:40] for word in _IEP_WORDS
        ),
    )
