"""The filled-in fields of a fillable PDF form, read as text where each field is drawn.

Many IEPs reach parents as a state's or district's fillable form, filled in on a computer and
sent without being flattened: the page's own text holds only the labels ("IEP Meeting Date:"),
and every value (the dates, names, minutes and goals) lives in a form field. A reader of the
page's text alone gets none of them (poppler's pdftotext shows them; pdfminer does not).

``field_chars`` turns each filled text or choice field of a page into characters placed in the
field's box, as if the value were printed there, so the lines, the tables and the words by
place read it with everything else. Runs in the PDF reading's child process (pdf_reading.py),
within its limits, and imports nothing of Django.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any

# Annotation flags (PDF 32000-1, 12.5.3): a hidden field is not shown, nor read.
_HIDDEN = 2
_NO_VIEW = 32
# How far up a widget's chain of parent fields its type and value are looked for.
_MOST_PARENTS = 8
# A field's text needs room on the page: more than this many characters is not a form's value.
_MOST_CHARS = 5_000
_FONT_SIZE = re.compile(rb"(\d+(?:\.\d+)?)\s+Tf\b")
_DEFAULT_SIZE = 10.0
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# An average glyph is about half as wide as the font is high.
_GLYPH_WIDTH = 0.5


def field_chars(page: Any) -> list[dict]:
    """Characters for the values of ``page``'s filled-in text and choice fields, in the
    shape pdfplumber gives a page's own characters."""
    printed = _Printed(page.chars)
    chars: list[dict] = []
    for annot in page.annots:
        field = annot.get("data") or {}
        if _name(field.get("Subtype")) != "Widget" or _flags(field) & (_HIDDEN | _NO_VIEW):
            continue
        kind, value, appearance = _inherited(field)
        if kind not in ("Tx", "Ch"):
            continue  # a check box or a button says "Yes" or "Off", not a fact
        text = _text(value)[:_MOST_CHARS]
        if not text.strip() or printed.holds(annot, text):
            continue
        chars.extend(_placed(page, annot, text, _size(appearance, annot)))
    return chars


class _Printed:
    """The page's own characters, by height: a form flattened by hand can keep its fields
    over the printed values, and a value is read once."""

    def __init__(self, chars: list[dict]) -> None:
        self.chars = sorted(chars, key=lambda c: c["top"])
        self.tops = [c["top"] for c in self.chars]

    def holds(self, annot: dict, text: str) -> bool:
        low = bisect_left(self.tops, annot["top"] - 1)
        high = bisect_right(self.tops, annot["bottom"])
        inside = "".join(
            c["text"]
            for c in self.chars[low:high]
            if c["x0"] >= annot["x0"] - 1 and c["x1"] <= annot["x1"] + 1
        )
        wanted = "".join(text.split())
        return bool(wanted) and wanted in "".join(inside.split())


def _inherited(field: dict) -> tuple[str, Any, bytes]:
    """The field's type, value and default appearance, from the widget or the nearest of its
    parents that says (a field's kids inherit them)."""
    kind, value, appearance = _name(field.get("FT")), field.get("V"), field.get("DA")
    parent = field.get("Parent")
    for _ in range(_MOST_PARENTS):
        if (kind and value is not None and appearance) or parent is None:
            break
        parent = _resolved(parent)
        if not isinstance(parent, dict):
            break
        kind = kind or _name(parent.get("FT"))
        value = value if value is not None else _resolved(parent.get("V"))
        appearance = appearance or _resolved(parent.get("DA"))
        parent = parent.get("Parent")
    return kind, value, appearance if isinstance(appearance, bytes) else b""


def _text(value: Any) -> str:
    from pdfminer.utils import decode_text

    value = _resolved(value)
    if isinstance(value, list):  # a list box with several choices made
        return ", ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, bytes):
        return decode_text(value)
    if isinstance(value, str):
        return value
    name = _name(value)
    return name or ""


def _size(appearance: bytes, annot: dict) -> float:
    """The font size the field's appearance names; 0 there means "fit the box"."""
    found = _FONT_SIZE.search(appearance)
    size = float(found.group(1)) if found else _DEFAULT_SIZE
    if size <= 0:
        size = min(_DEFAULT_SIZE, max(annot["bottom"] - annot["top"] - 4, 4))
    return min(size, 24.0)


def _placed(page: Any, annot: dict, text: str, size: float) -> list[dict]:
    """The value's characters in the field's box (a multi-line field: a goal, a parent's
    concerns, line by line)."""
    lines = [" ".join(line.split()) for line in _LINE_BREAK.split(text)]
    lines = [line for line in lines if line]
    left = annot["x0"] + 2
    room = max(annot["x1"] - annot["x0"] - 4, size)
    height = annot["bottom"] - annot["top"]
    # One line in the middle of its box; several from its top.
    middle = annot["top"] + max((height - size) / 2, 0)
    first_top = middle if len(lines) == 1 else annot["top"] + 2
    chars = []
    for number, line in enumerate(lines):
        top = first_top + number * size * 1.2
        # A value longer than its box is squeezed into it, so a table's cell still holds it.
        width = min(size * _GLYPH_WIDTH, room / len(line))
        # A space first: a field set close after its label ("Birth:") is still its own word.
        chars.append(_char(page, " ", left - width, left, top, top + size, size))
        for at, character in enumerate(line):
            x0 = left + at * width
            chars.append(_char(page, character, x0, x0 + width, top, top + size, size))
    return chars


def _char(page: Any, text: str, x0: float, x1: float, top: float, bottom: float, size: float):
    height = page.height
    return {
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": page.initial_doctop + top,
        "y0": height - bottom,
        "y1": height - top,
        "width": x1 - x0,
        "height": bottom - top,
        "size": size,
        "adv": x1 - x0,
        "upright": True,
        "matrix": (1.0, 0.0, 0.0, 1.0, x0, height - bottom),
        "fontname": "form-field",
        "object_type": "char",
        "page_number": page.page_number,
        "ncs": "DeviceGray",
        "stroking_color": (0,),
        "non_stroking_color": (0,),
        "mcid": None,
        "tag": None,
    }


def _flags(field: dict) -> int:
    flags = _resolved(field.get("F"))
    return flags if isinstance(flags, int) else 0


def _name(value: Any) -> str:
    value = _resolved(value)
    name = getattr(value, "name", None)
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return name if isinstance(name, str) else ""


def _resolved(value: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(value)
