"""read_pdf_pages: a PDF is read in a child process, within limits on memory, time, pages
and decoded bytes; every limit ends in a refusal, never in a stuck or swollen web process."""

from __future__ import annotations

import dataclasses
import functools
import logging
import re
import sys
import time

import pytest

from playbook.iep_import.pdf_reading import PdfLimits, PdfRefused, Refusal, read_pdf_pages
from playbook.iep_import.reading import MAX_PAGES, TOO_LONG, ImportRefused, read_iep

from .bombs import MB, TITLE, pdf_whose_font_maps_a_glyph_to_nul, shared_stream_pdf
from .samples import TABLE_DISTRICT

ROOMY = PdfLimits(max_pages=200, memory_mb=768, seconds=30, decoded_mb=100)
GIGABYTE_STREAM = functools.partial(shared_stream_pdf, 1024 * MB)
LINUX_ONLY = pytest.mark.skipif(
    sys.platform != "linux", reason="only Linux enforces a process's memory limit (RLIMIT_AS)"
)


def refusal(pdf: bytes, limits: PdfLimits) -> Refusal:
    with pytest.raises(PdfRefused) as refused:
        read_pdf_pages(pdf, limits)
    return refused.value.reason


def limits(**changes) -> PdfLimits:
    return dataclasses.replace(ROOMY, **changes)


def test_the_web_process_never_opens_the_pdf(monkeypatch):
    import pdfplumber
    from pdfminer.pdftypes import PDFStream

    def opened_here(*args, **kwargs):
        raise AssertionError("the web process opened the PDF")

    monkeypatch.setattr(pdfplumber, "open", opened_here)
    monkeypatch.setattr(PDFStream, "decode", opened_here)
    reading = read_iep(TABLE_DISTRICT)
    assert reading.facts["start_date"] is not None


def test_each_page_comes_back_with_its_lines():
    pages = read_pdf_pages(shared_stream_pdf(2 * MB, pages=2), ROOMY)
    assert [(page["number"], page["lines"]) for page in pages] == [(1, [TITLE]), (2, [TITLE])]


def test_a_stream_counts_each_time_a_page_draws_it(caplog):
    assert len(read_pdf_pages(shared_stream_pdf(2 * MB, pages=2), limits(decoded_mb=5))) == 2
    with caplog.at_level(logging.WARNING, logger="playbook.iep_import.pdf_reading"):
        assert refusal(shared_stream_pdf(2 * MB, pages=3), limits(decoded_mb=5)) == "too_complex"
    assert "over the decoded bytes limit" in caplog.text


def test_a_stream_stops_inflating_at_the_cap_within_the_memory_limit(caplog):
    with caplog.at_level(logging.WARNING, logger="playbook.iep_import.pdf_reading"):
        assert refusal(GIGABYTE_STREAM(), limits(memory_mb=256, decoded_mb=64)) == "too_complex"
    assert "over the decoded bytes limit" in caplog.text


def test_a_slow_pdf_is_stopped_at_the_time_limit(caplog):
    # Ten megabytes of tiny drawing operators: about a minute of pdfminer's time.
    slow = shared_stream_pdf(10 * MB, filler=b"0 0 m\n")
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="playbook.iep_import.pdf_reading"):
        assert refusal(slow, limits(seconds=2)) == "too_complex"
    assert time.monotonic() - started < 10
    assert "stopped after 2 seconds" in caplog.text


@LINUX_ONLY
def test_memory_is_capped_even_when_decoding_is_not(caplog):
    with caplog.at_level(logging.WARNING, logger="playbook.iep_import.pdf_reading"):
        assert refusal(GIGABYTE_STREAM(), limits(memory_mb=256, decoded_mb=4096)) == ("too_complex")
    assert "over the memory limit" in caplog.text


@LINUX_ONLY
def test_a_reading_process_that_dies_is_logged_by_how_not_by_what(caplog):
    # Too little memory even to load pdfplumber: the child dies of an error of its own.
    with caplog.at_level(logging.ERROR, logger="playbook.iep_import.pdf_reading"):
        assert refusal(TABLE_DISTRICT, limits(memory_mb=16)) == "too_complex"
    assert re.search(r"ended with exit code 1 \(\w+Error\)", caplog.text)
    assert "Sam Rivera" not in caplog.text


def test_too_many_pages_is_refused_before_reading():
    with pytest.raises(ImportRefused) as refused:
        read_iep(shared_stream_pdf(1000, pages=MAX_PAGES + 1))
    assert refused.value.status == 413
    assert refused.value.message == TOO_LONG


# --- A glyph read as a control character ------------------------------------------------------

BROKEN_LIGATURE = [
    "Hillcrest Charter - Annual IEP",
    "IEP Date: March 2, 2027",
    "Initiation Date: 3/3/27",
    "Projected Annual Review: 3/1/28",
    "Goal 1: Sam will re|d grade-level text with 90% accur|cy.",
]


def test_a_glyph_read_as_a_nul_becomes_a_space_in_lines_and_leaves_the_words():
    (page,) = read_pdf_pages(pdf_whose_font_maps_a_glyph_to_nul(BROKEN_LIGATURE), ROOMY)
    read = repr(page)
    assert "\\x00" not in read
    assert "Goal 1: Sam will re d grade-level text with 90% accur cy." in page["lines"]
    assert "red" in [word[0] for word in page["words"]]


@pytest.mark.django_db
def test_an_iep_whose_text_holds_a_nul_is_read_and_saved(alice_client, child):
    """PostgreSQL cannot store a NUL, in text or in JSON: such a reading failed there."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from playbook.iep_import.models import IepReading

    pdf = pdf_whose_font_maps_a_glyph_to_nul(BROKEN_LIGATURE)
    upload = SimpleUploadedFile("iep.pdf", pdf, content_type="application/pdf")
    answer = alice_client.post(f"/api/v1/children/{child.pk}/iep-readings", {"file": upload})
    assert answer.status_code in (200, 202), answer.content
    job = IepReading.objects.get()
    assert job.status == "done", job.error
    assert job.reading["facts"]["start_date"]["value"] == "2027-03-03"
    goals = [goal["text"] for goal in job.reading["goals"]]
    assert goals == ["Sam will re d grade-level text with 90% accur cy."]
