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


def numbered(body: str) -> list[tuple[int, Paragraph | Bullets]]:
    """The blocks numbered 1, 2, 3…: a bilingual pair numbers both versions alike, so the
    parent can match each paragraph of the English letter with its Spanish one."""
    return list(enumerate(blocks(body), 1))
