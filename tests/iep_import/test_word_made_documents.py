"""Word documents that Word itself saved (python-docx's own test documents, word_files/): each
is read without an error, and what Word shows is what is read: pages where Word broke them,
a list's number, a section's header, and not a comment's text (decision 0106)."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.iep_import.docx_reading import read_docx_pages

FILES = Path(__file__).resolve().parent / "word_files"


def _pages(name: str) -> list[list[str]]:
    data = (FILES / name).read_bytes()
    return [page["lines"] for page in read_docx_pages(data, max_pages=200, decoded_mb=100)]


@pytest.mark.parametrize("name", sorted(path.name for path in FILES.glob("*.docx")))
def test_every_word_made_document_is_read(name):
    assert _pages(name)


def test_pages_break_where_word_broke_them_even_inside_a_paragraph():
    assert _pages("par-rendered-page-breaks.docx") == [
        ["No page breaks", "Page break here>>"],
        ["<<followed by more text.", "Page break in>>"],
        ["<<this hyperlink and another one here>>"],
        ["<<with text following", "Two page>>"],
        ["<<breaks>>"],
        ["<<in one run."],
    ]


def test_a_list_item_starts_with_the_number_word_draws():
    assert _pages("num-having-numbering-part.docx") == [["1. Paragraph having List Number style."]]


def test_the_first_sections_own_header_comes_first():
    assert _pages("sct-first-page-hdrftr.docx")[0] == [
        "Default (odd, primary) Header",
        "First page.",
    ]


def test_comments_are_not_read_as_the_documents_text():
    lines = [line for page in _pages("comments-rich-para.docx") for line in page]
    assert lines[:4] == [
        "Document text",
        "Some text worthy of note.",
        "Other document text.",
        "Other text worthy of note.",
    ]
    # The comments' own words (word/comments.xml).
    assert not any("Heading 2 paragraph style" in line or "inline image" in line for line in lines)


def test_paragraphs_and_tables_read_in_the_order_written():
    (lines,) = _pages("blk-paras-and-tables.docx")
    assert lines[:3] == [
        "Left-side Right-side",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "Text before",
    ]
