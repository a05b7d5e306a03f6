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
    """Blank lines separate blocks; a block whose lines start with "- " is a list (a
    bullet's indented lines continue it)."""
    out: list[Paragraph | Bullets] = []
    for chunk in body.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("- "):
            items: list[str] = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:].strip())
                elif items:
                    items[-1] += " " + line.strip()
            out.append(Bullets(items))
        else:
            out.append(Paragraph([line.strip() for line in lines]))
    return out
