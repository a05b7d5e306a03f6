"""Reading an IEP written as a Word document (.docx), as schools often send a draft.

The document's paragraphs and tables, in the order they are written, become the same pages
of text lines and tables that pdf_reading makes of a PDF, so everything after (the labels,
the services grid, the goals) reads a Word IEP as it reads a printed one. What a reader of
the document sees is read; what Word keeps but does not show is not: deleted text of
tracked changes, field codes, the grey placeholder of an empty content control ("Click or
tap here to enter text."). A text box's words follow the paragraph it is anchored to. A table
of one column is a frame round what it holds (a template's page border), not a table. The
number or bullet Word draws before a list's item is read before its text.

A Word file has no fixed pages. Where Word saved where its pages broke when it last laid the
document out, those are the pages; otherwise the pages are the document's own page breaks.
A fact's page number may then differ a little from the page on the parent's screen.

This runs in pdf_reading's child process, within its limits on memory and time. Before
anything is parsed, a document whose parts would unpack to more than the decoded-bytes limit
is refused, so a small zip cannot unpack to gigabytes. The XML is parsed with python-docx's
parser (no entities, no network).
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from .pdf_reading import MB, PageText, PdfRefused, Refusal, clean_line

MAIN_DOCUMENT = "word/document.xml"
_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# What a run holds that is not its shown text: a tracked deletion and a move's old place (shown
# struck out, or not at all), a field's code, and the run's and paragraph's properties.
_NOT_SHOWN = {"del", "moveFrom", "instrText", "delText", "delInstrText", "rPr", "pPr"}
# A part unpacks to at most this many times its packed size in a real document (XML packs
# about ten to one); far more is a zip made to unpack into too much.
_MAX_RATIO = 200


def read_docx_pages(data: bytes, *, max_pages: int, decoded_mb: int) -> list[PageText]:
    """Every page's lines and tables, or PdfRefused (damaged, too many pages, too big)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            _check_sizes(package, decoded_mb * MB)
            main = _main_part(package)
            body = _xml(package, main).find(f"{_W}body")
            if body is None:
                raise PdfRefused(Refusal.DAMAGED)
            header = _first_header(package, main, body)
            numbering = _Numbering(
                _part(package, main, "numbering"), _part(package, main, "styles")
            )
    except PdfRefused:
        raise
    except MemoryError:
        raise PdfRefused(Refusal.TOO_COMPLEX, "memory") from None
    except RecursionError:
        raise PdfRefused(Refusal.TOO_COMPLEX, "nesting") from None
    except Exception as exc:  # noqa: BLE001 - zipfile and lxml raise many kinds on a broken file
        raise PdfRefused(Refusal.DAMAGED) from exc
    pages = _Pages(body.find(f".//{_W}lastRenderedPageBreak") is not None, numbering)
    try:
        if header is not None:
            _Walk(pages).blocks(header)
        _Walk(pages).blocks(body)
    except RecursionError:
        # Tables nested hundreds deep: no IEP is written so.
        raise PdfRefused(Refusal.TOO_COMPLEX, "nesting") from None
    found = pages.done()
    if len(found) > max_pages:
        raise PdfRefused(Refusal.TOO_MANY_PAGES)
    return found


def _check_sizes(package: zipfile.ZipFile, limit: int) -> None:
    entries = package.infolist()
    if sum(entry.file_size for entry in entries) > limit:
        raise PdfRefused(Refusal.TOO_COMPLEX, "decoded bytes")
    for entry in entries:
        if entry.file_size > MB and entry.file_size > _MAX_RATIO * max(entry.compress_size, 1):
            raise PdfRefused(Refusal.TOO_COMPLEX, "decoded bytes")


def _xml(package: zipfile.ZipFile, name: str):
    from docx.oxml.parser import parse_xml

    return parse_xml(package.read(name))


def _main_part(package: zipfile.ZipFile) -> str:
    names = set(package.namelist())
    if "_rels/.rels" in names:
        for rel in _xml(package, "_rels/.rels").iter(f"{_PACKAGE_RELS}Relationship"):
            target = rel.get("Target", "").lstrip("/")
            if rel.get("Type") == _OFFICE_DOCUMENT and target in names:
                return target
    if MAIN_DOCUMENT in names:
        return MAIN_DOCUMENT
    raise PdfRefused(Refusal.DAMAGED)


def _first_header(package: zipfile.ZipFile, main: str, body):
    """The header of the document's first page: student and meeting details often sit in
    it, printed on every page of a PDF."""
    section = body.find(f".//{_W}sectPr")
    if section is None:
        return None
    wanted = "first" if section.find(f"{_W}titlePg") is not None else "default"
    ids = {
        ref.get(f"{_W}type", "default"): ref.get(f"{_R}id")
        for ref in section.findall(f"{_W}headerReference")
    }
    rel_id = ids.get(wanted)
    return _part(package, main, rel_id=rel_id) if rel_id else None


def _part(package: zipfile.ZipFile, main: str, kind: str = "", rel_id: str = ""):
    """The part the main document refers to by this kind ("styles", "numbering") or this
    relationship id; None when there is none."""
    folder, name = posixpath.split(main)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_name not in package.namelist():
        return None
    for rel in _xml(package, rels_name).iter(f"{_PACKAGE_RELS}Relationship"):
        wanted = rel.get("Id") == rel_id if rel_id else rel.get("Type", "").endswith(f"/{kind}")
        if wanted and rel.get("TargetMode") != "External":
            target = posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
            return _xml(package, target) if target in package.namelist() else None
    return None


class _Numbering:
    """The numbers and bullets Word draws before a list's paragraphs ("1.", "a)", "•"). They
    are not in a paragraph's text, and a goal or an accommodation is often known by them."""

    _FORMATS = {
        "decimal": str,
        "lowerLetter": lambda n: _letters(n),
        "upperLetter": lambda n: _letters(n).upper(),
        "lowerRoman": lambda n: _roman(n),
        "upperRoman": lambda n: _roman(n).upper(),
    }

    def __init__(self, numbering, styles):
        self.levels: dict[str, dict[str, tuple[str, str, int]]] = {}
        self.counts: dict[str, list[int]] = {}
        self.style_lists: dict[str, tuple[str, str]] = {}
        if numbering is not None:
            abstract = {
                a.get(f"{_W}abstractNumId"): {
                    lvl.get(f"{_W}ilvl", "0"): (
                        _val(lvl, "numFmt", "decimal"),
                        _val(lvl, "lvlText", ""),
                        int(_val(lvl, "start", "1")) if _val(lvl, "start", "1").isdigit() else 1,
                    )
                    for lvl in a.findall(f"{_W}lvl")
                }
                for a in numbering.findall(f"{_W}abstractNum")
            }
            for num in numbering.findall(f"{_W}num"):
                self.levels[num.get(f"{_W}numId")] = abstract.get(
                    _val(num, "abstractNumId", ""), {}
                )
        if styles is not None:
            based_on, own = {}, {}
            for style in styles.findall(f"{_W}style"):
                style_id = style.get(f"{_W}styleId")
                based_on[style_id] = _val(style, "basedOn", "")
                num = style.find(f"{_W}pPr/{_W}numPr")
                if num is not None:
                    own[style_id] = (_val(num, "numId", ""), _val(num, "ilvl", "0"))
            for style_id in based_on:
                seen, at = 0, style_id
                while at and at not in own and seen < 10:
                    at, seen = based_on.get(at, ""), seen + 1
                if at in own:
                    self.style_lists[style_id] = own[at]

    def label(self, props) -> str:
        """What Word draws before this paragraph, counting it; "" for no list."""
        if props is None or not self.levels:
            return ""
        num = props.find(f"{_W}numPr")
        num_id, level = self.style_lists.get(_val(props, "pStyle", ""), ("", "0"))
        if num is not None:
            num_id = _val(num, "numId", num_id)
            level = _val(num, "ilvl", level)
        levels = self.levels.get(num_id)
        if not levels or level not in levels or not level.isdigit() or int(level) > 8:
            return ""
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "\u2022"
        counts = self.counts.setdefault(num_id, [0] * 9)
        depth = int(level)
        counts[depth] += 1
        counts[depth + 1 :] = [0] * (8 - depth)
        for n in range(depth + 1):
            shown = ""
            if str(n) in levels:
                lvl_fmt, _, start = levels[str(n)]
                number = max(counts[n], 1) + start - 1
                shown = self._FORMATS.get(lvl_fmt, str)(number)
            text = text.replace(f"%{n + 1}", shown)
        return text.strip() if fmt != "none" else ""


def _val(element, child: str, default: str) -> str:
    found = element.find(f"{_W}{child}")
    return found.get(f"{_W}val", default) if found is not None else default


def _letters(n: int) -> str:
    # Word's letters: a..z, then aa..zz, bbb...
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + numeral, n - value
    return out


# --- pages ---------------------------------------------------------------------------


@dataclass
class _Page:
    lines: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    table_lines: list[int] = field(default_factory=list)


class _Pages:
    """The pages as they fill. ``rendered``: break where Word's last layout broke the
    pages; otherwise at the document's own page breaks."""

    def __init__(self, rendered: bool, numbering: _Numbering):
        self.rendered = rendered
        self.numbering = numbering
        self.pages = [_Page()]

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def line(self, text: str, *, in_table: bool = False) -> None:
        text = clean_line(text)
        if text:
            if in_table:
                self.page.table_lines.append(len(self.page.lines))
            self.page.lines.append(text)

    def new_page(self) -> None:
        if self.page.lines or self.page.tables:
            self.pages.append(_Page())

    def done(self) -> list[PageText]:
        return [
            PageText(
                number=number,
                lines=page.lines,
                tables=page.tables,
                table_lines=page.table_lines,
                picture_only=False,
                words=[],
                table_boxes=[],
            )
            for number, page in enumerate(self.pages, start=1)
        ]


class _Paragraph:
    """A paragraph's visible text as it is written: its lines (a line break starts a new
    one), the page breaks between them, and the text boxes anchored in it."""

    def __init__(self, rendered: bool):
        self.rendered = rendered
        self.parts: list[str | None] = [""]  # None: a page break
        self.boxes: list = []

    def text(self, words: str) -> None:
        if self.parts[-1] is None:
            self.parts.append("")
        self.parts[-1] += words

    def new_line(self) -> None:
        self.parts.append("")

    def page_break(self) -> None:
        self.parts.append(None)


class _Walk:
    def __init__(self, pages: _Pages):
        self.pages = pages

    def blocks(self, parent, *, in_table: bool = False) -> None:
        for child in parent:
            tag = _local(child)
            if tag == "p":
                self.paragraph(child, in_table=in_table)
            elif tag == "tbl":
                self.table(child)
            elif tag == "sdt":
                self.blocks(_shown_content(child), in_table=in_table)
            elif tag in {"customXml", "ins", "moveTo", "smartTag"}:
                self.blocks(child, in_table=in_table)

    def paragraph(self, p, *, in_table: bool = False) -> None:
        props = p.find(f"{_W}pPr")
        breaks_before = props is not None and props.find(f"{_W}pageBreakBefore") is not None
        if breaks_before and not self.pages.rendered:
            self.pages.new_page()
        found = _Paragraph(self.pages.rendered)
        if label := self.pages.numbering.label(props):
            found.text(label + " ")
        _runs(p, found)
        for part in found.parts:
            if part is None:
                self.pages.new_page()
            else:
                self.pages.line(part, in_table=in_table)
        for box in found.boxes:
            self.blocks(box, in_table=in_table)
        if not self.pages.rendered and props is not None:
            section = props.find(f"{_W}sectPr")
            kind = section.find(f"{_W}type") if section is not None else None
            if section is not None and (kind is None or kind.get(f"{_W}val") != "continuous"):
                self.pages.new_page()

    def table(self, tbl) -> None:
        if all(len(list(_cells(tr))) == 1 for tr in _rows(tbl)):
            # A table of one column frames what it holds (templates draw a page's border so):
            # its paragraphs are the page's text and its tables the page's tables.
            for tr in _rows(tbl):
                for tc in _cells(tr):
                    self.blocks(tc)
            return
        page = self.pages.page
        rows: list[list[str]] = []
        page.tables.append(rows)
        for tr in _rows(tbl):
            cells, breaks, inner = [], False, []
            for tc in _cells(tr):
                lines, broke, tables = _cell_lines(tc, self.pages)
                breaks = breaks or broke
                inner += tables
                cells.append(lines)
                span = tc.find(f"{_W}tcPr/{_W}gridSpan")
                if span is not None and str(span.get(f"{_W}val", "1")).isdigit():
                    cells += [[] for _ in range(min(int(span.get(f"{_W}val")), 64) - 1)]
            rows.append([clean_line(" ".join(lines)) for lines in cells])
            # Side by side, a row's cells read across: the first line of each, then the next.
            for k in range(max((len(lines) for lines in cells), default=0)):
                self.pages.line(
                    " ".join(lines[k] for lines in cells if len(lines) > k), in_table=True
                )
            # A table inside a cell (a services grid in a template's frame) is a table too.
            self.pages.page.tables.extend(inner)
            if breaks:
                self.pages.new_page()
                rows = []
                self.pages.page.tables.append(rows)
        if not rows and self.pages.page.tables and self.pages.page.tables[-1] is rows:
            self.pages.page.tables.pop()


def _rows(tbl):
    return _children(tbl, "tr", {"customXml", "ins"})


def _cells(tr):
    return _children(tr, "tc", {"customXml"})


def _children(parent, tag: str, wrappers: set[str]):
    """The ``tag`` children of a table or a row, looking inside the content controls and the
    other wrappers Word may set round them."""
    for child in parent:
        found = _local(child)
        if found == tag:
            yield child
        elif found == "sdt":
            yield from _children(_shown_content(child), tag, wrappers)
        elif found in wrappers:
            yield from _children(child, tag, wrappers)


def _cell_lines(tc, pages: _Pages) -> tuple[list[str], bool, list[list[list[str]]]]:
    """A cell's lines (a table inside it read row by row), whether a page broke in it, and
    the tables inside it."""
    inner = _Pages(pages.rendered, pages.numbering)
    _Walk(inner).blocks(tc)
    lines = [line for page in inner.pages for line in page.lines]
    tables = [table for page in inner.pages for table in page.tables if table]
    return lines, len(inner.pages) > 1, tables


def _runs(parent, paragraph: _Paragraph) -> None:
    for child in parent:
        tag = _local(child)
        if tag == "t":
            paragraph.text(child.text or "")
        elif tag in {"tab", "ptab"}:
            paragraph.text(" ")
        elif tag == "noBreakHyphen":
            paragraph.text("-")
        elif tag in {"br", "cr"}:
            if child.get(f"{_W}type") == "page":
                if not paragraph.rendered:
                    paragraph.page_break()
            else:
                paragraph.new_line()
        elif tag == "lastRenderedPageBreak":
            if paragraph.rendered:
                paragraph.page_break()
        elif tag in _NOT_SHOWN:
            continue
        elif tag == "sdt":
            _runs(_shown_content(child), paragraph)
        elif tag == "AlternateContent":
            # The same drawing twice, for new and old readers of the file: one is read.
            choice = next(iter(child), None)
            if choice is not None:
                _runs(choice, paragraph)
        elif tag == "txbxContent":
            paragraph.boxes.append(child)
        elif tag != "p":
            _runs(child, paragraph)


def _shown_content(sdt):
    """A content control's content, or nothing when Word shows its placeholder there."""
    props = sdt.find(f"{_W}sdtPr")
    if props is not None and props.find(f"{_W}showingPlcHdr") is not None:
        return []
    content = sdt.find(f"{_W}sdtContent")
    return content if content is not None else []


def _local(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # a comment or a processing instruction
        return ""
    return tag.rsplit("}", 1)[-1]


__all__ = ["read_docx_pages"]
