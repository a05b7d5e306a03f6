"""A fillable IEP filled in on a computer and sent without being flattened keeps every value in
its form fields, and none in the page's text: the import reads the fields where they are drawn
(iep_import/pdf_fields.py, decision 0104)."""

from __future__ import annotations

from io import BytesIO

import pytest
from pdfminer.psparser import LIT
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from playbook.iep_import import pdf_fields
from playbook.iep_import.pdf_reading import PdfLimits, read_pdf_pages
from playbook.iep_import.reading import read_iep

from .corpus import documents, score


@pytest.mark.parametrize("name", sorted(documents()))
def test_every_corpus_iep_filled_in_as_a_fillable_form_reads_as_printed(name):
    """Each layout of the corpus, its values in form fields: every fact read, none invented.
    Without the fields read, the twelve documents gave 15 of their 76 facts."""
    result = score(name, documents()[name], fillable=True)
    assert not result.wrong and not result.invented, result.wrong + result.invented
    assert result.share() == 1.0


def _form(*fields: dict, printed: list[tuple[float, float, str]] = ()) -> bytes:
    out = BytesIO()
    canvas = Canvas(out, pagesize=letter)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(54, 740, "INDIVIDUALIZED EDUCATION PROGRAM")
    for x, y, text in printed:
        canvas.drawString(x, y, text)
    for number, field in enumerate(fields):
        kind = field.pop("kind", "text")
        options = {"name": f"f{number}", "borderWidth": 0, **field}
        if kind == "text":
            canvas.acroForm.textfield(fontSize=10, **options)
        elif kind == "choice":
            canvas.acroForm.choice(fontSize=10, **options)
        else:
            canvas.acroForm.checkbox(**options)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _lines(pdf: bytes) -> list[str]:
    return [
        line for page in read_pdf_pages(pdf, PdfLimits.from_settings(10)) for line in page["lines"]
    ]


def _meeting_date(value: str = "09/15/2026", **field) -> bytes:
    return _form(
        {"value": value, "x": 170, "y": 696, "width": 120, "height": 16, **field},
        printed=[(54, 700, "IEP Meeting Date:")],
    )


def test_a_date_in_a_field_beside_its_label_is_read():
    reading = read_iep(_meeting_date())
    assert reading.facts["meeting_date"]["value"] == "2026-09-15"


def test_a_date_typed_into_three_boxes_is_read():
    pdf = _form(
        {"value": "09", "x": 170, "y": 696, "width": 16, "height": 16},
        {"value": "15", "x": 194, "y": 696, "width": 16, "height": 16},
        {"value": "2026", "x": 218, "y": 696, "width": 28, "height": 16},
        printed=[(54, 700, "IEP Meeting Date:"), (188, 700, "/"), (212, 700, "/")],
    )
    assert read_iep(pdf).facts["meeting_date"]["value"] == "2026-09-15"


def test_a_hidden_field_is_not_read():
    pdf = _form(
        {"value": "09/15/2026", "x": 170, "y": 696, "width": 120, "height": 16,
         "annotationFlags": "hidden"},
        printed=[(54, 700, "IEP Meeting Date:"), (54, 670, "IEP Start Date: 09/22/2026")],
    )  # fmt: skip
    reading = read_iep(pdf)
    assert reading.facts["start_date"]["value"] == "2026-09-22"
    assert reading.facts["meeting_date"] is None


def test_a_value_printed_under_its_field_is_read_once():
    pdf = _form(
        {"value": "09/15/2026", "x": 168, "y": 696, "width": 120, "height": 16},
        printed=[(54, 700, "IEP Meeting Date:"), (170, 700, "09/15/2026")],
    )
    assert read_iep(pdf).facts["meeting_date"]["value"] == "2026-09-15"
    assert _lines(pdf) == ["INDIVIDUALIZED EDUCATION PROGRAM", "IEP Meeting Date: 09/15/2026"]


def test_a_multi_line_field_reads_as_lines():
    pdf = _form(
        {
            "value": "Sam will read 90 words correct per minute.\n"
            "Baseline: 40 words correct per minute.",
            "x": 54,
            "y": 620,
            "width": 480,
            "height": 40,
            "fieldFlags": "multiline",
        },
        printed=[(54, 700, "IEP Meeting Date: 09/15/2026"), (54, 670, "Annual Goal 1:")],
    )
    (goal,) = read_iep(pdf).goals
    assert goal["text"].startswith("Sam will read 90 words correct per minute.")
    assert goal["baseline"] == "40 words correct per minute."


def test_a_choice_field_is_read_and_a_check_box_is_not():
    pdf = _form(
        {"kind": "choice", "value": "09/15/2026", "options": ["09/15/2026", "09/16/2026"],
         "x": 170, "y": 696, "width": 120, "height": 16},
        {"kind": "checkbox", "checked": True, "x": 300, "y": 696, "size": 12},
        printed=[(54, 700, "IEP Meeting Date:")],
    )  # fmt: skip
    assert read_iep(pdf).facts["meeting_date"]["value"] == "2026-09-15"
    assert _lines(pdf)[1] == "IEP Meeting Date: 09/15/2026"  # the box adds no "Yes"


def _widget(**entries) -> dict:
    return {"Subtype": LIT("Widget"), **entries}


class _Page:
    """What field_chars reads of a pdfplumber page."""

    height = 792
    initial_doctop = 0
    page_number = 1
    chars: list = []

    def __init__(self, *annots: dict) -> None:
        self.annots = [
            {"x0": 170, "top": 90, "x1": 290, "bottom": 106, "data": data} for data in annots
        ]


def test_a_kid_field_takes_its_type_value_and_size_from_its_parent():
    parent = {"FT": LIT("Tx"), "V": b"\xfe\xff\x00J\x00o\x00s\x00\xe9", "DA": b"/Helv 9 Tf 0 g"}
    chars = pdf_fields.field_chars(_Page(_widget(Parent=parent)))
    assert "".join(c["text"] for c in chars).strip() == "Jos\u00e9"  # UTF-16 with its mark
    assert {c["size"] for c in chars} == {9.0}


def test_buttons_empty_and_hidden_fields_give_nothing():
    page = _Page(
        _widget(FT=LIT("Btn"), V=LIT("Yes")),
        _widget(FT=LIT("Tx"), V=b""),
        _widget(FT=LIT("Tx"), V=b"09/15/2026", F=2),
        {"Subtype": LIT("Link"), "FT": LIT("Tx"), "V": b"09/15/2026"},
    )
    assert pdf_fields.field_chars(page) == []


def test_a_broken_field_costs_only_its_value():
    from playbook.iep_import import pdf_reading

    class Broken:
        @property
        def annots(self):
            raise KeyError("Rect")

    assert pdf_reading._form_values(Broken()) == []
