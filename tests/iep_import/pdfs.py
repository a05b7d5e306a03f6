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
    if fillable:
        canvas = _Fillable(canvas)
    for number, page in enumerate(pages, start=1):
        if isinstance(page, Scan):
            _draw_scan(canvas)
            if page.stamp:
                canvas.setFont("Helvetica", 6)
                canvas.drawString(LEFT, 20, page.stamp)
        else:
            _draw_page(canvas, page, header)
            if numbered:
                canvas.setFont("Helvetica", 8)
                canvas.drawString(LEFT, 30, f"Page {number} of {len(pages)}")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_page(canvas: Canvas, items: list[str | Table | Placed], header: str) -> None:
    y = TOP
    if header:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(LEFT, 760, header)
    for item in items:
        if isinstance(item, Table):
            y = _draw_table(canvas, item, y)
        elif isinstance(item, Placed):
            for x, below, text, size in item.runs:
                canvas.setFont("Helvetica", size)
                canvas.drawString(x, y - below, text)
            y -= item.height
        else:
            canvas.setFont("Helvetica", 10)
            canvas.drawString(LEFT, y, item)
            y -= LINE
        if y < 60:
            raise ValueError("page overflow in a test PDF: split the content")


def _draw_table(canvas: Canvas, table: Table, y: float) -> float:
    y -= 4
    total = sum(table.widths)
    canvas.setFont("Helvetica", 9)
    canvas.setLineWidth(0.8)
    for row in table.rows:
        canvas.rect(LEFT, y - ROW, total, ROW)
        x = LEFT
        for width, text in zip(table.widths, row, strict=True):
            canvas.line(x, y, x, y - ROW)
            canvas.drawString(x + 3, y - 14, text)
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


class _Fillable:
    """Stands in for the canvas: what _draw_page and _draw_table write as a value (after a
    label's colon, a table's body cell, a placed run) becomes a filled-in text field there."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.names = count(1)
        self.font = ("Helvetica", 10.0)
        self.row = 0  # the table row being drawn: the first is the header, printed

    def __getattr__(self, name: str):
        return getattr(self.canvas, name)

    def setFont(self, name: str, size: float) -> None:
        self.font = (name, size)
        self.canvas.setFont(name, size)

    def rect(self, *args, **kwargs) -> None:
        self.row += 1
        self.canvas.rect(*args, **kwargs)

    def showPage(self) -> None:
        self.row = 0
        self.canvas.showPage()

    def drawString(self, x: float, y: float, text: str) -> None:
        name, size = self.font
        if size != 9:
            self.row = 0  # out of the table
        if size == 8 or (size == 9 and self.row <= 1):  # page numbers, a table's header row
            self.canvas.drawString(x, y, text)
        elif size != 10:  # a table's body cell (_draw_table uses 9), a placed run
            self.field(x, y, text, size)
        else:
            for segment in _SEGMENTS.split(text):
                pair = _PAIR.match(segment)
                label = pair["label"] if pair else segment
                self.canvas.drawString(x, y, label)
                x += self.canvas.stringWidth(label + " ", name, size)
                if pair:
                    self.field(x, y, pair["value"], size)
                    x += self.canvas.stringWidth(pair["value"], name, size)
                x += self.canvas.stringWidth("  ", name, size)

    def field(self, x: float, y: float, value: str, size: float) -> None:
        name, _ = self.font
        width = max(self.canvas.stringWidth(value, name, size) + 6, 20)
        self.canvas.acroForm.textfield(
            name=f"field{next(self.names)}",
            value=value,
            x=x - 2,
            y=y - 4,
            width=min(width, 612 - x),
            height=_FIELD_HEIGHT,
            fontName=name,
            fontSize=size,
            borderWidth=0,
            maxlen=None,
        )
