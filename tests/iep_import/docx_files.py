"""Writing test Word documents (.docx) with python-docx, as a school's staff would type an IEP
draft into a district's Word template: text lines as paragraphs, ruled tables as Word tables,
a form's labels set above their values as a borderless table, a page break between pages."""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.enum.text import WD_BREAK

from .pdfs import Placed, Table

SAME_ROW = 6  # points: runs of a placed form this close in height are one row of the table
_BULLETS = {"\u2022", "-", "*"}
_LIST_ITEM = re.compile(r"^(\d{1,2}[.)]|[\u2022*-])\s+")


def make_docx(
    *pages: list[str | Table | Placed],
    header: str = "",
    rendered_breaks: bool = False,
    framed: bool = False,
    lists: bool = False,
) -> bytes:
    """The document; ``rendered_breaks`` marks the pages as Word does when it saves a document
    it has laid out (w:lastRenderedPageBreak) instead of with page breaks; ``framed`` puts each
    page's content in a table of one cell, as templates that draw a border round the page do
    (its tables inside that cell); ``lists`` types a line that starts with its number or bullet
    ("1. Leo will ...") as an item of Word's own list, which draws the number itself."""
    document = Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for number, page in enumerate(pages):
        if number and rendered_breaks:
            _rendered_break(document.add_paragraph())
        elif number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        holder = document.add_table(rows=1, cols=1).cell(0, 0) if framed else document
        for item in page:
            if isinstance(item, Table):
                _table(holder, item.rows)
            elif isinstance(item, Placed):
                _table(holder, _placed_rows(item))
            elif lists and (item_start := _LIST_ITEM.match(item)):
                style = "List Bullet" if item_start.group(1) in _BULLETS else "List Number"
                holder.add_paragraph(item[item_start.end() :], style=style)
            else:
                holder.add_paragraph(item)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _table(holder, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = holder.add_table(rows=len(rows), cols=width)
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=False):
            cell.text = text


def _placed_rows(placed: Placed) -> list[list[str]]:
    rows: list[list[tuple[float, str]]] = []
    tops: list[float] = []
    for x, below, text, _size in sorted(placed.runs, key=lambda run: (run[1], run[0])):
        if tops and below - tops[-1] <= SAME_ROW:
            rows[-1].append((x, text))
        else:
            rows.append([(x, text)])
            tops.append(below)
    return [[text for _, text in sorted(row)] for row in rows]


def _rendered_break(paragraph) -> None:
    from docx.oxml import OxmlElement

    run = paragraph.add_run()
    run._r.append(OxmlElement("w:lastRenderedPageBreak"))
