"""Writing test PDFs with reportlab: pages of text lines and ruled tables, as a school's
IEP software would, plus an image-only page like a scan."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

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
) -> bytes:
    out = BytesIO()
    canvas = Canvas(out, pagesize=letter, encrypt=password)
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
