"""An IEP the school sent as a Word document (.docx), as drafts often are, is read as a PDF is:
its paragraphs and tables in order, what Word shows and nothing it hides (docx_reading.py,
decision 0106). A Word file we cannot read gets a message that says what to do."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from docx.oxml import parse_xml

from playbook.children.models import IEP
from playbook.children.uploads import WORD_DOCUMENT
from playbook.document_files import is_word_document
from playbook.iep_import.reading import (
    NOT_A_PDF,
    OLD_WORD_FILE,
    WORD_DAMAGED,
    WORD_EMPTY,
    WORD_TOO_COMPLEX,
    WORD_TOO_LONG,
    ImportRefused,
    read_iep,
)

from .corpus import documents, score
from .docx_files import make_docx
from .test_pages import form_data, review_url, upload_url

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("word", ["typed", "templated"])
@pytest.mark.parametrize("name", sorted(documents()))
def test_every_corpus_iep_typed_into_word_reads_as_printed(name, word):
    """Each layout of the corpus as a Word document, typed plainly or into a template (framed
    pages, Word's lists, pages as Word laid them out): every fact read, none invented. Typed,
    without the grid's cells paired (iep_places.grid_facts) it gave 73 of 76; templated,
    without frames, nested tables and list numbers read, 48 of 76 (decision 0106)."""
    result = score(name, documents()[name], word=word)
    assert not result.wrong and not result.invented, result.wrong + result.invented
    assert result.share() == 1.0


def _grid(*rows: list[str]) -> bytes:
    document = Document()
    document.add_paragraph("INDIVIDUALIZED EDUCATION PROGRAM")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            cell.text = text
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_label_over_its_date_in_a_word_table_is_read():
    data = _grid(
        ["Student", "Date of IEP Meeting", "Annual Review Date:"],
        ["Sam Lee", "09/15/2026", "09/14/2027"],
    )
    assert _facts(data) == {"meeting_date": "2026-09-15", "end_date": "2027-09-14"}


def test_a_services_header_over_one_service_is_not_the_ieps_dates():
    data = _grid(
        ["Service", "Start Date", "End Date", "Minutes", "Frequency"],
        ["Speech-language therapy", "10/01/2026", "06/01/2027", "30", "weekly"],
    )
    assert _facts(data) == {}
    assert [s["service"] for s in read_iep(data).services] == ["Speech-language therapy"]


def test_a_cell_that_says_more_than_its_date_is_not_taken():
    data = _grid(
        ["IEP Meeting Date", "Annual Review Date"],
        ["09/15/2026", "moved from 09/14/2027 to a later date"],
    )
    assert _facts(data) == {"meeting_date": "2026-09-15"}


def _document(*xml_paragraphs: str, header: str = "", numbering: str = "") -> bytes:
    """A Word document whose body holds these paragraphs, written as Word writes them
    (with ``numbering``: its own word/numbering.xml)."""
    document = Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    body = document.element.body
    for xml in xml_paragraphs:
        body.insert(len(body) - 1, parse_xml(f'<w:root xmlns:w="{W}" {_NS}>{xml}</w:root>')[0])
    out = BytesIO()
    document.save(out)
    if numbering:
        document.part.numbering_part._element = parse_xml(numbering)
        out = BytesIO()
        document.save(out)
    return out.getvalue()


_NS = (
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def _p(*runs: str) -> str:
    return "<w:p>" + "".join(runs) + "</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _facts(data: bytes) -> dict:
    reading = read_iep(data)
    facts = {name: (fact or {}).get("value") for name, fact in reading.facts.items()}
    return {name: value for name, value in facts.items() if value}


TITLE = _p(_r("INDIVIDUALIZED EDUCATION PROGRAM (IEP)"))


def test_a_content_control_is_read_and_its_placeholder_is_not():
    filled = (
        "<w:sdt><w:sdtPr><w:alias w:val='Meeting date'/></w:sdtPr>"
        f"<w:sdtContent>{_r('09/15/2026')}</w:sdtContent></w:sdt>"
    )
    placeholder = (
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
        f"<w:sdtContent>{_r('09/14/2027')}</w:sdtContent></w:sdt>"
    )
    data = _document(
        TITLE,
        _p(_r("IEP Meeting Date: "), filled),
        _p(_r("Annual Review Date: "), placeholder),
    )
    assert _facts(data) == {"meeting_date": "2026-09-15"}


def test_tracked_changes_read_as_the_document_now_says():
    data = _document(
        TITLE,
        _p(
            _r("IEP Meeting Date: "),
            '<w:del w:id="1" w:author="Case manager"><w:r><w:delText>09/01/2026</w:delText>'
            "</w:r></w:del>",
            f'<w:ins w:id="2" w:author="Case manager">{_r("09/15/2026")}</w:ins>',
        ),
    )
    assert _facts(data) == {"meeting_date": "2026-09-15"}


def test_a_form_fields_value_is_read_and_its_code_is_not():
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMTEXT 01/01/1999 </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{_r('09/15/2026')}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    data = _document(TITLE, _p(_r("IEP Meeting Date: "), field))
    assert _facts(data) == {"meeting_date": "2026-09-15"}


def test_a_text_box_is_read_once_after_its_paragraph():
    box = f"<w:txbxContent>{_p(_r('Annual Review Date: 09/14/2027'))}</w:txbxContent>"
    drawing = (
        "<w:r><mc:AlternateContent>"
        f"<mc:Choice Requires='wps'><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    data = _document(TITLE, _p(_r("IEP Meeting Date: 09/15/2026"), drawing))
    reading = read_iep(data)
    assert reading.facts["end_date"]["value"] == "2027-09-14"
    lines = [line for line in _lines(data) if "Annual Review" in line]
    assert lines == ["Annual Review Date: 09/14/2027"]


def test_the_first_pages_header_is_read():
    data = _document(TITLE, header="Student: Sam Lee   IEP Meeting Date: 09/15/2026")
    assert _facts(data) == {"meeting_date": "2026-09-15"}


def test_a_line_break_starts_a_new_line_and_tabs_are_spaces():
    data = _document(
        TITLE,
        _p(_r("IEP Meeting Date:"), "<w:r><w:tab/></w:r>", _r("09/15/2026")),
        _p(_r("Services"), "<w:r><w:br/></w:r>", _r("Annual Review Date: 09/14/2027")),
    )
    assert _lines(data)[1:] == [
        "IEP Meeting Date: 09/15/2026",
        "Services",
        "Annual Review Date: 09/14/2027",
    ]
    assert _facts(data) == {"meeting_date": "2026-09-15", "end_date": "2027-09-14"}


def test_list_numbers_and_bullets_are_read_as_word_draws_them():
    document = Document()
    document.add_paragraph("Accommodations")
    document.add_paragraph("Extended time on tests", style="List Number")
    document.add_paragraph("Preferential seating", style="List Number")
    document.add_paragraph("Copy of class notes", style="List Bullet")
    out = BytesIO()
    document.save(out)
    assert _lines(out.getvalue()) == [
        "Accommodations",
        "1. Extended time on tests",
        "2. Preferential seating",
        "\u2022 Copy of class notes",
    ]


def test_a_lists_levels_are_numbered_as_its_definition_says():
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="7">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="Goal %1:"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
    )
    item = '<w:p><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="3"/></w:numPr></w:pPr>{}</w:p>'
    data = _document(
        item.format(0, _r("Sam will read 90 words a minute.")),
        item.format(1, _r("By December, 70 words.")),
        item.format(1, _r("By March, 80 words.")),
        item.format(0, _r("Sam will write a paragraph.")),
        numbering=numbering,
    )
    assert _lines(data) == [
        "Goal 1: Sam will read 90 words a minute.",
        "a) By December, 70 words.",
        "b) By March, 80 words.",
        "Goal 2: Sam will write a paragraph.",
    ]


@pytest.mark.parametrize("rendered", [False, True], ids=["page-breaks", "as-word-laid-out"])
def test_pages_follow_the_page_breaks(rendered):
    data = make_docx(
        ["INDIVIDUALIZED EDUCATION PROGRAM", "IEP Meeting Date: 09/15/2026"],
        ["Transition"],
        ["Annual Review Date: 09/14/2027"],
        rendered_breaks=rendered,
    )
    reading = read_iep(data)
    assert reading.facts["meeting_date"]["page"] == 1
    assert reading.facts["end_date"]["page"] == 3


def test_merged_cells_keep_the_columns_in_place():
    document = Document()
    document.add_paragraph("INDIVIDUALIZED EDUCATION PROGRAM")
    table = document.add_table(rows=3, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Service", "Minutes", "Frequency"], strict=True):
        cell.text = text
    table.cell(1, 0).merge(table.cell(1, 1)).text = "Speech-language therapy"
    for cell, text in zip(
        table.rows[2].cells, ["Occupational therapy", "30", "weekly"], strict=True
    ):
        cell.text = text
    out = BytesIO()
    document.save(out)
    from playbook.iep_import.pdf_reading import PdfLimits, read_pdf_pages

    (page,) = read_pdf_pages(out.getvalue(), PdfLimits.from_settings(10))
    assert page["tables"] == [
        [
            ["Service", "Minutes", "Frequency"],
            ["Speech-language therapy", "", ""],
            ["Occupational therapy", "30", "weekly"],
        ]
    ]
    assert page["table_lines"] == [1, 2, 3]


def _lines(data: bytes) -> list[str]:
    from playbook.iep_import.pdf_reading import PdfLimits, read_pdf_pages

    return [
        line
        for page in read_pdf_pages(data, PdfLimits.from_settings(200))
        for line in page["lines"]
    ]


# --- files we cannot read --------------------------------------------------------------


def _zip(**parts: bytes) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in parts.items():
            package.writestr(name.replace("__", "/"), content)
    return out.getvalue()


def _refused(data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as refused:
        read_iep(data)
    return refused.value


def test_an_old_word_file_or_a_locked_one_says_how_to_save_it_again():
    refused = _refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert refused.message == OLD_WORD_FILE and refused.status == 400


def test_a_zip_that_is_not_a_word_document_is_not_taken_for_one():
    spreadsheet = _zip(xl__workbook_xml=b"<workbook/>")
    assert not is_word_document(spreadsheet)
    assert _refused(spreadsheet).message == NOT_A_PDF


def test_a_damaged_word_document_is_refused_with_a_message():
    assert _refused(_zip(word__document_xml=b"<w:document not xml")).message == WORD_DAMAGED


def test_a_word_document_with_no_text_is_refused_with_a_message():
    document = Document()
    out = BytesIO()
    document.save(out)
    refused = _refused(out.getvalue())
    assert refused.message == WORD_EMPTY and refused.status == 422


def test_a_word_document_that_unpacks_to_too_much_is_refused_before_it_is_unpacked():
    out = BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package,
        package.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        chunk = b" " * (16 * 1024 * 1024)
        for _ in range(16):  # 256 MB of spaces packs to about 250 KB
            part.write(chunk)
    data = out.getvalue()
    assert len(data) < 1024 * 1024
    refused = _refused(data)
    assert refused.message == WORD_TOO_COMPLEX and refused.status == 422


def test_a_word_document_of_too_many_pages_is_refused():
    pages = [[f"Page {n} of the IEP: notes"] for n in range(205)]
    refused = _refused(make_docx(*pages))
    # The Word document's own words, not the PDF's ("This PDF has more than...").
    assert refused.message == WORD_TOO_LONG and refused.status == 413
    assert WORD_TOO_LONG.startswith("This Word document has more than 200 pages.")


# --- the doors --------------------------------------------------------------------------

GRID = make_docx(
    [
        "INDIVIDUALIZED EDUCATION PROGRAM",
        "IEP Meeting Date: 09/15/2026",
        "IEP Start Date: 09/16/2026   IEP End Date: 09/15/2027",
    ]
)


def test_the_api_reads_a_word_document(alice_client, child):
    file = SimpleUploadedFile("Draft IEP.docx", GRID, content_type=WORD_DOCUMENT)
    response = alice_client.post(f"/api/v1/children/{child.pk}/iep-readings", {"file": file})
    assert response.status_code == 202
    job = alice_client.get(response.json()["url"]).json()
    assert job["status"] == "done", job
    assert job["reading"]["facts"]["start_date"]["value"] == "2026-09-16"
    assert job["reading"]["facts"]["end_date"]["value"] == "2027-09-15"


def test_a_word_iep_read_on_the_pages_is_kept_and_sent_back_as_word(alice_client, child):
    file = SimpleUploadedFile("Draft IEP.docx", GRID, content_type=WORD_DOCUMENT)
    alice_client.post(upload_url(child), {"file": file}, follow=True)
    review = alice_client.get(review_url(child))
    assert review.status_code == 200
    saved = alice_client.post(review_url(child), form_data(review))
    assert saved.status_code == 302, saved.content
    iep = IEP.objects.get(child=child)
    assert iep.file.name.endswith(".docx") and iep.file_name == "Draft IEP.docx"
    download = alice_client.get(f"/children/{child.pk}/iep/{iep.pk}/file/")
    assert download["Content-Type"] == WORD_DOCUMENT
    assert b"".join(download.streaming_content) == GRID


@pytest.mark.parametrize("depth", [80, 100])
def test_tables_nested_deep_are_read_or_refused_with_a_message(depth):
    """XML deeper than 256 elements (about 85 tables in tables) is refused by the parser as
    damaged; anything shallower is read."""
    inner = _p(_r("IEP Meeting Date: 09/15/2026"))
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc><w:tc>{_p(_r('x'))}</w:tc></w:tr></w:tbl>"
    body = f'<w:document xmlns:w="{W}"><w:body>{TITLE}{inner}</w:body></w:document>'
    plain = BytesIO(_document())
    out = BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w") as copy:
        for item in source.infolist():
            content = source.read(item.filename)
            copy.writestr(item, body.encode() if item.filename == "word/document.xml" else content)
    if depth < 85:
        assert _facts(out.getvalue()) == {"meeting_date": "2026-09-15"}
    else:
        assert _refused(out.getvalue()).message == WORD_DAMAGED
