"""The translation catalogues: read a .po file and compile it to the .mo Django loads.

Pure Python so that installing needs no GNU gettext (`python -m playbook.catalogue`
compiles every catalogue; the test suite does the same). Decision 0034 says why.
"""

from __future__ import annotations

import ast
import os
import struct
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


@dataclass
class Message:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def parse(path: Path) -> list[Message]:
    """Every message of a .po file, the header (msgid "") included; obsolete ones (#~) left out."""
    messages: list[Message] = []
    current: Message | None = None
    key: tuple[str, int] | None = None
    flags: set[str] = set()

    def finish() -> None:
        nonlocal current
        if current is not None:
            messages.append(current)
        current = None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            finish()
            flags = {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
            name, index = key or ("", 0)
            if name == "msgstr":
                current.msgstr[index] += text
            else:
                setattr(current, name, (getattr(current, name) or "") + text)
            continue
        word, _, rest = line.partition(" ")
        text = ast.literal_eval(rest.strip())
        if word in ("msgctxt", "msgid") and (current is None or current.msgstr):
            finish()
            current = Message(flags=flags, line=number)
            flags = set()
        if word.startswith("msgstr"):
            index = int(word[7:-1]) if "[" in word else 0
            current.msgstr[index] = text
            key = ("msgstr", index)
        else:
            setattr(current, word, text)
            key = (word, 0)
    finish()
    return messages


def compile_mo(messages: list[Message]) -> bytes:
    """GNU .mo bytes: fuzzy and untranslated messages are left out, as msgfmt does."""
    table: dict[bytes, bytes] = {}
    for m in messages:
        if m.fuzzy and m.msgid:
            continue
        if not m.translated and m.msgid:
            continue
        key = m.msgid + (f"\0{m.msgid_plural}" if m.msgid_plural else "")
        if m.msgctxt is not None:
            key = f"{m.msgctxt}\x04{key}"
        value = "\0".join(m.msgstr[i] for i in sorted(m.msgstr))
        table[key.encode()] = value.encode()
    keys = sorted(table)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(table[k] + b"\0" for k in keys)
    header = 7 * 4
    start_ids = header + 16 * len(keys)
    start_strs = start_ids + len(ids)
    offsets_ids, offsets_strs = [], []
    position = 0
    for k in keys:
        offsets_ids += [len(k), start_ids + position]
        position += len(k) + 1
    position = 0
    for k in keys:
        offsets_strs += [len(table[k]), start_strs + position]
        position += len(table[k]) + 1
    return (
        struct.pack("<7I", 0x950412DE, 0, len(keys), header, header + 8 * len(keys), 0, 0)
        + struct.pack(f"<{len(offsets_ids)}I", *offsets_ids)
        + struct.pack(f"<{len(offsets_strs)}I", *offsets_strs)
        + ids
        + strs
    )


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Compile each .po whose .mo is missing or older; written atomically, so two test
    workers compiling at once never leave half a file."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        data = compile_mo(parse(po))
        fd, tmp = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, mo)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_all():
        sys.stdout.write(f"compiled {path.name} for {path.parent.parent.name}\n")
