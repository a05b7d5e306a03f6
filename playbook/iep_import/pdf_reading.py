"""Reading the text of an uploaded PDF without letting the PDF harm the web process.

A PDF can be a decompression bomb: a 2 MB file whose stream inflates to 2 GB, or 150 small
pages that all draw one 100 MB stream. So the web process never opens a PDF itself.
read_pdf_pages hands the bytes to a child process, a fresh Python running this module
(never a fork of a worker holding database connections), which:

- may use at most `memory_mb` of memory (RLIMIT_AS; macOS does not enforce it, and there
  the decoded-bytes cap below still bounds what a stream can inflate to);
- is killed after `seconds`;
- refuses a PDF of more than `max_pages` pages;
- decodes at most `decoded_mb` of stream data in all, counting a stream again each time a
  page draws it. A Flate stream is never inflated past what is left of that budget.

Every PDF import calls read_pdf_pages and gets these limits: the IEP import and the
progress-report import. A Word document (.docx, a zip: its first bytes say so) is read in the
same child within the same limits (docx_reading). It answers each page's text lines and ruled tables, or
raises PdfRefused saying why in a word the caller turns into its own message.

The child imports pdfplumber and nothing of Django: it opens no database and reads no
settings; the limits reach it on its command line and the PDF on its standard input.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import subprocess
import sys
import zlib
from dataclasses import asdict, dataclass
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import TypedDict

log = logging.getLogger(__name__)

MODULE = "playbook.iep_import.pdf_reading"
# The folder holding the `playbook` package: the child runs `python -m` from there, so it
# reads the PDF with the same code as the process that started it.
CODE_ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
# The text of a 200-page IEP is well under 2 MB; more than this is not a document to read.
MAX_ANSWER_BYTES = 32 * MB
SCAN_STAMP_CHARS = 60
DECODED_BYTES = "decoded bytes"


class Refusal(StrEnum):
    DAMAGED = "damaged"
    LOCKED = "locked"  # a password is needed to open it
    TOO_MANY_PAGES = "too_many_pages"
    TOO_COMPLEX = "too_complex"  # over the limit on memory, time or decoded bytes


class PdfRefused(Exception):
    """The PDF cannot be read; ``reason`` says why, for the caller to put in its words.
    A PDF that is too complex also names the ``limit`` it went over, for the log."""

    def __init__(self, reason: Refusal, limit: str = ""):
        super().__init__(reason.value)
        self.reason = reason
        self.limit = limit


@dataclass(frozen=True)
class PdfLimits:
    max_pages: int
    memory_mb: int
    seconds: int
    decoded_mb: int

    @classmethod
    def from_settings(cls, max_pages: int) -> PdfLimits:
        # Imported here, not at the top: the child runs this module and must not load Django.
        from django.conf import settings

        return cls(
            max_pages=max_pages,
            memory_mb=settings.PDF_MAX_MB,
            seconds=settings.PDF_SECONDS,
            decoded_mb=settings.PDF_MAX_DECODED_MB,
        )


class PageText(TypedDict):
    number: int
    lines: list[str]
    tables: list[list[list[str]]]
    table_lines: list[int]  # indexes of the lines that sit inside a table
    picture_only: bool  # a scanned page, perhaps with a stamp of text
    # Each word with its box (text, x0, top, x1, bottom): forms that set a label and its
    # value apart (in columns, or as runs at slightly different heights) are read by place.
    words: list[tuple[str, float, float, float, float]]
    table_boxes: list[tuple[float, float, float, float]]  # x0, top, x1, bottom


# --- the web process -----------------------------------------------------------------


def read_pdf_pages(data: bytes, limits: PdfLimits) -> list[PageText]:
    """Every page's text lines and tables, read in a child process within ``limits``, or
    PdfRefused. Costs a process start (about 0.2 s) on top of the reading itself."""
    try:
        child = subprocess.run(
            [sys.executable, "-m", MODULE, json.dumps(asdict(limits))],
            input=data,
            capture_output=True,
            timeout=limits.seconds,
            cwd=CODE_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        # run() has killed the child and waited for it.
        log.warning("PDF reading: stopped after %d seconds", limits.seconds)
        raise PdfRefused(Refusal.TOO_COMPLEX) from None
    answer = _answer(child)
    if "refused" in answer:
        if answer.get("limit"):
            log.warning("PDF reading: refused a PDF over the %s limit", answer["limit"])
        raise PdfRefused(Refusal(answer["refused"]), answer.get("limit", ""))
    return answer["pages"]


def _answer(child: subprocess.CompletedProcess) -> dict:
    """The child's answer; a child that ended without one ran out of memory, was killed,
    or could not start: the log says which, never what the PDF holds."""
    try:
        answer = json.loads(child.stdout) if child.returncode == 0 else None
    except ValueError:
        answer = None
    if isinstance(answer, dict) and ("pages" in answer or "refused" in answer):
        return answer
    log.error("PDF reading: the reading process ended with %s", _how_it_ended(child))
    return {"refused": Refusal.TOO_COMPLEX}


_EXCEPTION_NAME = re.compile(r"[A-Za-z_][\w.]*")


def _how_it_ended(child: subprocess.CompletedProcess) -> str:
    if child.returncode < 0:
        return f"signal {-child.returncode}"
    # The name of the exception only: its message may quote the PDF.
    last_line = (child.stderr or b"").decode(errors="replace").strip().rsplit("\n", 1)[-1]
    name = _EXCEPTION_NAME.match(last_line)
    return f"exit code {child.returncode} ({name.group() if name else 'no error shown'})"


# --- the child process ---------------------------------------------------------------


def _main() -> None:
    limits = PdfLimits(**json.loads(sys.argv[1]))
    _limit_this_process(limits)
    # pdfminer's warnings may quote the PDF, and nobody reads them.
    logging.disable(logging.CRITICAL)
    data = sys.stdin.buffer.read()
    try:
        answer: dict = {"pages": _read_pages(data, limits)}
    except PdfRefused as refused:
        answer = {"refused": refused.reason, "limit": refused.limit}
    text = json.dumps(answer)
    if len(text) > MAX_ANSWER_BYTES:
        text = json.dumps({"refused": Refusal.TOO_COMPLEX, "limit": "text size"})
    sys.stdout.write(text)


def _limit_this_process(limits: PdfLimits) -> None:
    import resource

    memory = limits.memory_mb * MB
    # A second of CPU over the wall-clock limit: the child ends itself even if the web
    # process that should kill it was killed first.
    cpu = limits.seconds + 1
    for which, value in (
        (resource.RLIMIT_AS, (memory, memory)),
        (resource.RLIMIT_CPU, (cpu, cpu + 1)),
        (resource.RLIMIT_CORE, (0, 0)),  # no core file of a family's PDF on disk
    ):
        # macOS refuses some limits; the others, the decoded-bytes cap and the wall-clock
        # kill still hold.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(which, value)


def _read_pages(data: bytes, limits: PdfLimits) -> list[PageText]:
    from playbook.document_files import ZIP_MAGIC

    from .docx_reading import read_docx_pages

    if data.startswith(ZIP_MAGIC):
        return read_docx_pages(data, max_pages=limits.max_pages, decoded_mb=limits.decoded_mb)
    import pdfplumber

    budget = _DecodedBytes(limits.decoded_mb * MB)
    _charge_decoding_to(budget)
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.max_pages:
                raise PdfRefused(Refusal.TOO_MANY_PAGES)
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                pages.append(_read_page(number, page))
                page.close()
    except PdfRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise _refusal_for(exc) from exc
    if budget.spent_too_much:
        # pdfminer caught our refusal somewhere and went on with less.
        raise PdfRefused(Refusal.TOO_COMPLEX, DECODED_BYTES)
    return pages


def _refusal_for(exc: Exception) -> PdfRefused:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    # pdfplumber wraps what pdfminer raised (our own refusal included).
    if isinstance(exc, PdfminerException) and exc.args and isinstance(exc.args[0], Exception):
        exc = exc.args[0]
    if isinstance(exc, PdfRefused):
        return exc
    if isinstance(exc, MemoryError):
        return PdfRefused(Refusal.TOO_COMPLEX, "memory")
    if isinstance(exc, RecursionError):
        return PdfRefused(Refusal.TOO_COMPLEX, "nesting")
    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return PdfRefused(Refusal.LOCKED)
    return PdfRefused(Refusal.DAMAGED)


class _DecodedBytes:
    """How much stream data the PDF may still decode."""

    def __init__(self, limit: int):
        self.left = limit

    @property
    def spent_too_much(self) -> bool:
        return self.left < 0

    def spend(self, size: int) -> None:
        self.left -= size
        if self.spent_too_much:
            raise PdfRefused(Refusal.TOO_COMPLEX, DECODED_BYTES)


class _InflateWithinBudget:
    """Stands in for the zlib module inside pdfminer.pdftypes, whose PDFStream.decode
    inflates a whole stream with zlib.decompress: here a stream stops inflating one byte
    past what is left of the budget, so a bomb is refused before it is in memory."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)  # pdfminer's repair of a bad stream

    def __init__(self, budget: _DecodedBytes):
        self.budget = budget

    def decompress(self, data: bytes) -> bytes:
        inflater = zlib.decompressobj()
        inflated = inflater.decompress(data, max(self.budget.left, 0) + 1)
        if len(inflated) > self.budget.left:
            self.budget.spend(len(inflated))
        if not inflater.eof:
            # What zlib.decompress raises on a cut-off stream, so pdfminer tries its repair.
            raise zlib.error("incomplete or truncated stream")
        return inflated


def _charge_decoding_to(budget: _DecodedBytes) -> None:
    """Count every stream a page draws against ``budget``: pdfminer decodes a stream once
    and hands out the decoded bytes each time a page uses it. Only ever done in the child,
    which reads one PDF and ends."""
    from pdfminer import pdftypes

    hand_out = pdftypes.PDFStream.get_data

    def get_data_within_budget(stream: pdftypes.PDFStream) -> bytes:
        data = hand_out(stream)
        budget.spend(len(data))
        return data

    pdftypes.zlib = _InflateWithinBudget(budget)
    pdftypes.PDFStream.get_data = get_data_within_budget


def _read_page(number: int, page) -> PageText:
    # A fillable form's values live in its fields, not in the page's text (pdf_fields.py).
    page.objects["char"] = [*page.chars, *_form_values(page)]
    found = page.find_tables()
    boxes = [table.bbox for table in found]
    lines, table_lines = [], []
    for line in page.extract_text_lines(strip=True, return_chars=False):
        text = clean_line(line["text"])
        if not text:
            continue
        middle = (line["top"] + line["bottom"]) / 2
        if any(top <= middle <= bottom for _, top, _, bottom in boxes):
            table_lines.append(len(lines))
        lines.append(text)
    tables = [
        [
            [" ".join(_CONTROL.sub(" ", cell or "").split()) for cell in row]
            for row in table.extract()
        ]
        for table in found
    ]
    # A scanner may add a line of its own ("Scanned by ..."): a picture with a few words
    # on it is still a page we cannot read.
    picture_only = bool(page.images) and sum(len(line) for line in lines) < SCAN_STAMP_CHARS
    words = [
        (text, round(w["x0"], 1), round(w["top"], 1), round(w["x1"], 1), round(w["bottom"], 1))
        for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
        if (text := _CONTROL.sub("", w["text"])) and not _UNKNOWN_GLYPH.fullmatch(text)
    ]
    return PageText(
        number=number,
        lines=lines,
        tables=tables,
        table_lines=table_lines,
        picture_only=picture_only,
        words=words,
        table_boxes=[tuple(round(v, 1) for v in box) for box in boxes],
    )


def _form_values(page) -> list[dict]:
    """The filled-in fields' values as characters; none when the fields cannot be read (a
    broken field costs its value, never the rest of the page)."""
    from .pdf_fields import field_chars

    try:
        return field_chars(page)
    except (PdfRefused, MemoryError, RecursionError):
        raise
    except Exception:  # noqa: BLE001 - a broken annotation raises many kinds
        return []


_UNKNOWN_GLYPH = re.compile(r"\(cid:\d+\)")
# A glyph whose table maps it to a control character: a NUL where a ligature was drawn, say
# (pdfminer.six issue 728). No reader wants one, and PostgreSQL cannot store a NUL: the
# reading of such an IEP failed there.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_line(line: str) -> str:
    # A glyph the PDF does not map to a character: at the start of a line, a bullet.
    line = " ".join(_CONTROL.sub(" ", line).split())
    if line.startswith("(cid:"):
        line = _UNKNOWN_GLYPH.sub("\u2022", line, count=1)
    return " ".join(_UNKNOWN_GLYPH.sub(" ", line).split())


if __name__ == "__main__":
    # Run as `python -m`, this file is __main__; the refusal docx_reading raises is the class
    # of the module by its own name, so the child runs that module's _main to catch it.
    from playbook.iep_import.pdf_reading import _main as main_of_the_module

    main_of_the_module()
