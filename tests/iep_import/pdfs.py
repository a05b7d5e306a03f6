"""Writing test PDFs with reportlab: pages of text lines and ruled tables, as a school's
IEP software would, plus an image-only page like a scan. ``fillable=True`` draws the same
document as a fillable form filled in and not flattened: the labels printed, every value in a
form field (pdf_fields.py reads them)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from itertools import count

from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

TOP = 730
LEFT = 54
LINE = 14
ROW = 20


@dataclass
class Table:
    rows: list[list[str]]
    widths: list[int]


@dataclass
class Placed:
    """Runs of text set by position, as a form's fields are: (x, points below the current
    line, text, font size). Drawn in the order given, which need not be reading order."""

    runs: list[tuple[float, float, str, float]]
    height: float


@dataclass
class Scan:
    """A page that is only a picture (no text layer), perhaps with the scanner's stamp."""

    stamp: str = ""


def make_pdf(
    *pages: list[str | Table | Placed] | Scan,
    header: str = "",
    numbered: bool = True,
    password: str | None = None,
    fillable: bool = False,
) -> bytes:
    out = BytesIO()
    canvas = Canvas(out, pagesize=letter, encrypt=password)
    write = _Writer(canvas, fillable)
    for number, page in enumerate(pages, start=1):
        if isinstance(page, Scan):
            _draw_scan(canvas)
            if page.stamp:
                canvas.setFont("Helvetica", 6)
                canvas.drawString(LEFT, 20, page.stamp)
        else:
            _draw_page(write, page, header)
            if numbered:
                canvas.setFont("Helvetica", 8)
                canvas.drawString(LEFT, 30, f"Page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_page(write: _Writer, items: list[str | Table | Placed], header: str) -> None:
    canvas = write.canvas
    y = TOP
    if header:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(LEFT, 760, header)
    for item in items:
        if isinstance(item, Table):
            y = _draw_table(write, item, y)
        elif isinstance(item, Placed):
            for x, below, text, size in item.runs:
                canvas.setFont("Helvetica", size)
                write.value(x, y - below, text, size)
            y -= item.height
        else:
            canvas.setFont("Helvetica", 10)
            write.line(LEFT, y, item)
            y -= LINE
        if y < 60:
            raise ValueError("page overflow in a test PDF: split the content")


def _draw_table(write: _Writer, table: Table, y: float) -> float:
    canvas = write.canvas
    y -= 4
    total = sum(table.widths)
    canvas.setFont("Helvetica", 9)
    canvas.setLineWidth(0.8)
    for number, row in enumerate(table.rows):
        canvas.rect(LEFT, y - ROW, total, ROW)
        x = LEFT
        for width, text in zip(table.widths, row, strict=True):
            canvas.line(x, y, x, y - ROW)
            if number == 0:  # the header row is the form's own print
                canvas.drawString(x + 3, y - 14, text)
            else:
                write.value(x + 3, y - 14, text, 9)
            x += width
        y -= ROW
    return y - LINE


def _draw_scan(canvas: Canvas) -> None:
    image = Image.new("RGB", (200, 260), "white")
    for x in range(20, 180):
        for y in range(40, 44):
            image.putpixel((x, y), (0, 0, 0))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    canvas.drawImage(ImageReader(buffer), 0, 0, width=612, height=792)


# A label and its value on a line of a form: "Date of ARD Meeting: 09/08/2026"; several such
# pairs on one line are set apart by two spaces or more.
_PAIR = re.compile(r"^(?P<label>[^:]{1,60}:)\s+(?P<value>\S.*)$")
_SEGMENTS = re.compile(r"\s{2,}")
_FIELD_HEIGHT = 14


class _Writer:
    """Draws a page's values: printed, or (``fillable``) each in a filled-in text field where
    it would have been printed. A text line's values are what follows a label's colon."""

    def __init__(self, canvas: Canvas, fillable: bool) -> None:
        self.canvas = canvas
        self.fillable = fillable
        self.names = count(1)

    def line(self, x: float, y: float, text: str) -> None:
        if not self.fillable:
            self.canvas.drawString(x, y, text)
            return
        for segment in _SEGMENTS.split(text):
            pair = _PAIR.match(segment)
            label = pair["label"] if pair else segment
            self.canvas.drawString(x, y, label)
            x += self.canvas.stringWidth(label + " ", "Helvetica", 10)
            if pair:
                self.value(x, y, pair["value"], 10)
                x += self.canvas.stringWidth(pair["value"], "Helvetica", 10)
            x += self.canvas.stringWidth("  ", "Helvetica", 10)

    def value(self, x: float, y: float, text: str, size: float) -> None:
        if not self.fillable:
            self.canvas.drawString(x, y, text)
            return
        width = max(self.canvas.stringWidth(text, "Helvetica", size) + 6, 20)
        self.canvas.acroForm.textfield(
            name=f"field{next(self.names)}",
            value=text,
            x=x - 2,
            y=y - 4,
            width=min(width, 612 - x),
            height=_FIELD_HEIGHT,
            fontName="Helvetica",
            fontSize=size,
            borderWidth=0,
            maxlen=None,
        )
