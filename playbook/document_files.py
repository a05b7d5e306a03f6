"""What kind of document an uploaded file is, by its content, never its name: a PDF, a Word
document (.docx), or an older Office file (.doc, Outlook's .msg, or any Office file locked
with a password). No Django here: the PDF reader's child process uses it too."""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import BinaryIO

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
# The compound-file header of Word 97-2003 (.doc), of Outlook's .msg, and of any Office file
# locked with a password (Office encrypts a .docx into this format).
OLD_OFFICE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def is_pdf(head: bytes) -> bool:
    # The PDF specification lets a few bytes of junk precede the header; readers accept it.
    return PDF_MAGIC in head[:1024]


def is_word_document(source: bytes | BinaryIO) -> bool:
    """A .docx (or .docm, .dotx): a zip holding a Word document. Reads only the zip's table of
    contents; a file is left where it was."""
    stream = BytesIO(source) if isinstance(source, bytes) else source
    start = stream.tell()
    try:
        if stream.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
            return False
        stream.seek(start)
        with zipfile.ZipFile(stream) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        return False
    finally:
        stream.seek(start)
    return any(name.startswith("word/") for name in names)


def is_old_office_file(head: bytes) -> bool:
    return head.startswith(OLD_OFFICE_MAGIC)
