"""The letter as a file. Every kind gets these four for free: .txt, .eml, .docx, .pdf.

Every file is built from the letter's text cleaned for files (``playbook.plain_text``):
headers on one line, the body without control characters. New input is refused before
it is saved, but a letter stored earlier may hold them, and its files must still download.
"""

from __future__ import annotations

import io
import re
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import quote

from django.template.loader import render_to_string
from django.utils import timezone

from playbook.plain_text import block, one_line

from .layout import Bullets, blocks, parts
from .models import Letter

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "eml": "message/rfc822",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def filename(letter: Letter, extension: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", f"{letter.child.name} {letter.subject}").strip("-")
    return f"{stem[:80].rstrip('-') or 'letter'}.{extension}"


def sender_address(user) -> str:
    """The parent as a From header, quoted as the standard requires."""
    from email.headerregistry import Address

    try:
        return str(Address(display_name=one_line(user.signature_name), addr_spec=user.email))
    except (ValueError, IndexError):
        return user.email


# The single-letter files carry the text chosen to send: the English letter, or for a pair
# sent in Spanish the Spanish one (``Letter.outgoing_*``, decision 0049).
_SUBJECT_LABEL = {"en": "Subject", "es": "Asunto"}


def _sent_lang(letter: Letter) -> str:
    return letter.send_lang if letter.sends_translation else "en"


def as_txt(letter: Letter, sender: str = "") -> bytes:
    return block(letter.outgoing_body).encode("utf-8")


def as_eml(letter: Letter, sender: str = "") -> bytes:
    """An RFC 5322 message. X-Unsent: 1 makes Outlook and others open it as a draft."""
    message = EmailMessage()
    if sender:
        message["From"] = one_line(sender)
    if letter.to_addresses:
        message["To"] = _address_list(letter.to_addresses)
    if letter.cc_addresses:
        message["Cc"] = _address_list(letter.cc_addresses)
    message["Subject"] = one_line(letter.outgoing_subject)
    when = letter.updated_at or timezone.now()
    when = when if timezone.is_aware(when) else timezone.now()
    # Written with the family's offset, as their own mail program would.
    message["Date"] = format_datetime(when.astimezone(letter.child.zone()))
    message["Message-ID"] = make_msgid(domain="iep-playbook.local")
    message["X-Unsent"] = "1"
    if letter.sends_translation:
        message["Content-Language"] = letter.send_lang
    message.set_content(block(letter.outgoing_body))
    return message.as_bytes()


def _address_list(addresses: list[str]) -> str:
    return ", ".join(one_line(a) for a in addresses)


def mailto(letter: Letter) -> str:
    """A mailto: link; mail apps want bare addresses there."""
    to = ",".join(_bare_address(a) for a in letter.to_addresses)
    query = [
        f"subject={quote(one_line(letter.outgoing_subject))}",
        f"body={quote(block(letter.outgoing_body))}",
    ]
    if letter.cc_addresses:
        query.insert(0, "cc=" + ",".join(_bare_address(a) for a in letter.cc_addresses))
    return f"mailto:{to}?{'&'.join(query)}"


def _bare_address(address: str) -> str:
    return quote(parseaddr(one_line(address))[1], safe="@")


def as_docx(letter: Letter, sender: str = "") -> bytes:
    from docx import Document
    from docx.shared import Pt

    subject = one_line(letter.outgoing_subject)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    document.core_properties.title = subject
    document.core_properties.author = one_line(sender)
    letter_parts = parts(block(letter.outgoing_body))
    _docx_blocks(document, letter_parts.head)
    heading = document.add_paragraph()
    heading.add_run(f"{_SUBJECT_LABEL[_sent_lang(letter)]}: {subject}").bold = True
    _docx_blocks(document, letter_parts.text)
    kept = _docx_blocks(document, letter_parts.end)
    for paragraph in kept[:-1]:
        # Word moves the end of the letter to the next page as one piece.
        paragraph.paragraph_format.keep_with_next = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_blocks(document, found) -> list:
    added = []
    for part in found:
        if isinstance(part, Bullets):
            added += [document.add_paragraph(item, style="List Bullet") for item in part.items]
        else:
            paragraph = document.add_paragraph()
            for number, line in enumerate(part.lines):
                run = paragraph.add_run(line)
                if number < len(part.lines) - 1:
                    run.add_break()
            added.append(paragraph)
    return added


def as_pdf(letter: Letter, sender: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "letters/letter_pdf.html",
        {
            "subject": one_line(letter.outgoing_subject),
            "subject_label": _SUBJECT_LABEL[_sent_lang(letter)],
            "lang": _sent_lang(letter),
            "parts": parts(block(letter.outgoing_body)),
            # Goes inside a CSS string in the @page margin box.
            "running_head": re.sub(r'["\\<>]', "", one_line(letter.child.name)),
        },
    )
    return HTML(string=html).write_pdf()


RENDERERS = {"txt": as_txt, "eml": as_eml, "docx": as_docx, "pdf": as_pdf}


def pair_rows(letter: Letter) -> list[tuple[int, list]]:
    """Numbered rows of the bilingual pair: the English block and its Spanish one."""
    from itertools import zip_longest

    english = blocks(block(letter.body))
    spanish = blocks(block(letter.translation))
    return [
        (n, [(en, "en"), (es, letter.lang)])
        for n, (en, es) in enumerate(zip_longest(english, spanish), 1)
    ]


def _block_text(part) -> str:
    if part is None:
        return ""
    if isinstance(part, Bullets):
        return "\n".join(f"• {item}" for item in part.items)
    return "\n".join(part.lines)


def pair_headings(letter: Letter) -> tuple[str, str]:
    """Which column goes to the school: the English one, unless the Spanish is sent."""
    if letter.sends_translation:
        return "English (a copy)", "Español (para enviar a la escuela)"
    return "English (to send to the school)", "Español (su copia)"


def pair_docx(letter: Letter, sender: str = "") -> bytes:
    """The letter and its Spanish version side by side, paragraphs numbered alike."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = one_line(letter.subject)
    document.core_properties.author = one_line(sender)
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[1].text, header[2].text = pair_headings(letter)
    subject = table.rows[1].cells
    subject[1].text = f"Subject: {one_line(letter.subject)}"
    subject[2].text = f"Asunto: {one_line(letter.translation_subject)}"
    for n, cells in pair_rows(letter):
        row = table.add_row().cells
        row[0].text = f"{n}."
        row[1].text = _block_text(cells[0][0])
        row[2].text = _block_text(cells[1][0])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pair_pdf(letter: Letter, sender: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "letters/pair_pdf.html",
        {
            "subject": one_line(letter.subject),
            "translation_subject": one_line(letter.translation_subject),
            "headings": pair_headings(letter),
            "rows": pair_rows(letter),
            "running_head": re.sub(r'["\\<>]', "", one_line(letter.child.name)),
        },
    )
    return HTML(string=html).write_pdf()


def pair_txt(letter: Letter, sender: str = "") -> bytes:
    """The pair as plain text (a phone, a screen reader): each numbered paragraph in English,
    then in Spanish."""
    out = [
        f"Subject: {one_line(letter.subject)}",
        f"Asunto: {one_line(letter.translation_subject)}",
        "",
    ]
    for n, cells in pair_rows(letter):
        out += [
            f"{n}. [English] {_block_text(cells[0][0])}",
            f"{n}. [Español] {_block_text(cells[1][0])}",
            "",
        ]
    return "\n".join(out).encode()


PAIR_RENDERERS = {"docx": pair_docx, "pdf": pair_pdf, "txt": pair_txt}
