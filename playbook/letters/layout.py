"""A letter body as blocks (paragraphs and bullet lists), for the .docx and .pdf files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paragraph:
    lines: list[str]


@dataclass(frozen=True)
class Bullets:
    items: list[str]


def blocks(body: str) -> list[Paragraph | Bullets]:
    """Blank lines end a block. Lines starting with "- " (or "* ") are bullets, an
    indented line continues the bullet above it, and any other line is paragraph text,
    so a parent's edit that puts a list right under a sentence still comes out right."""
    out: list[Paragraph | Bullets] = []
    current: Paragraph | Bullets | None = None
    for raw in body.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            current = None
            continue
        if line.startswith(("- ", "* ")):
            if not isinstance(current, Bullets):
                current = Bullets([])
                out.append(current)
            current.items.append(line[2:].strip())
        elif isinstance(current, Bullets) and raw.startswith((" ", "\t")):
            current.items[-1] += " " + line.strip()
        else:
            if not isinstance(current, Paragraph):
                current = Paragraph([])
                out.append(current)
            current.lines.append(line.strip())
    return out


@dataclass(frozen=True)
class Parts:
    """A letter cut where a printed page needs it: the head (sender, date, inside address),
    the text from the salutation on, and the end kept on one page (last paragraph, closing,
    signature, cc lines)."""

    head: list[Paragraph | Bullets]
    text: list[Paragraph | Bullets]
    end: list[Paragraph | Bullets]


#: How a letter greets and closes, in English and in the Spanish letter (_base.es.txt).
SALUTATIONS = ("Dear ", "Estimado/a ")
CLOSINGS = ("Sincerely", "Atentamente")


def parts(body: str) -> Parts:
    found = blocks(body)
    salutation = _first(found, lambda b: b.lines[0].startswith(SALUTATIONS), default=0)
    closing = _first(found, lambda b: b.lines[0].rstrip(",") in CLOSINGS, default=len(found))
    # The paragraph before the closing goes with it, so "Sincerely" never stands alone.
    keep_from = max(salutation, closing - 1)
    return Parts(found[:salutation], found[salutation:keep_from], found[keep_from:])


def _first(found, test, *, default: int) -> int:
    for number, part in enumerate(found):
        if isinstance(part, Paragraph) and test(part):
            return number
    return default


def numbered(body: str) -> list[tuple[int, Paragraph | Bullets]]:
    """The blocks numbered 1, 2, 3…: a bilingual pair numbers both versions alike, so the
    parent can match each paragraph of the English letter with its Spanish one."""
    return list(enumerate(blocks(body), 1))
