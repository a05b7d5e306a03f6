"""Bad files sent as a progress report (issue 16): a 200-page PDF, a password-protected
PDF, a PDF bomb, an image-only PDF and a Word file renamed .pdf each get a clear message
within a time limit, and nothing is saved. They share the IEP import's reading process
and its limits (decision 0014)."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.children.models import IEP
from playbook.iep_import.reading import MAX_PAGES
from playbook.progress.models import ProgressEntry, ProgressReport
from tests.iep_import.bombs import MB, shared_stream_pdf
from tests.iep_import.pdfs import Scan, make_pdf

from .reports import LABELLED

pytestmark = pytest.mark.django_db
SECONDS = 40


def word_file() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document>Progress report</w:document>")
    return out.getvalue()


BAD = [
    pytest.param(lambda: shared_stream_pdf(1000, pages=MAX_PAGES + 1), 413, "more than 200 pages",
                 id="201-pages"),
    pytest.param(lambda: make_pdf(["Report Date: 01/29/2027"], password="secret"), 400,
                 "locked with a password", id="password"),
    pytest.param(lambda: shared_stream_pdf(1024 * MB), 422, "too large or too complex",
                 id="bomb"),
    pytest.param(lambda: make_pdf(Scan()), 422, "scan with no text", id="image-only"),
    pytest.param(word_file, 400, "Word document is damaged", id="word-renamed-pdf"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "status", "words"), BAD)
@pytest.mark.parametrize("door", ["api", "page", "iep-import"])
def test_a_bad_file_gets_a_clear_message_in_time_and_saves_nothing(
    alice_client, child, iep, make, status, words, door
):
    content = make()
    file = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    url = {
        "api": f"/api/v1/children/{child.pk}/progress-reports",
        "page": f"/children/{child.pk}/progress-reports/import/",
        "iep-import": f"/api/v1/children/{child.pk}/ieps/import",  # the same five, for an IEP
    }[door]
    ieps = IEP.objects.count()
    started = time.monotonic()
    response = alice_client.post(url, {"file": file})
    assert time.monotonic() - started < SECONDS
    assert IEP.objects.count() == ieps
    if door != "page":
        assert response.status_code == status
        assert words in response.json()["detail"]
    else:
        assert response.status_code == 400
        assert words in response.content.decode()
    assert ProgressReport.objects.count() == ProgressEntry.objects.count() == 0


def test_a_good_report_after_a_bad_one_is_saved(alice_client, child, iep):
    """The refusals leave nothing behind that stops the next upload."""
    bad = SimpleUploadedFile("report.pdf", word_file(), content_type="application/pdf")
    alice_client.post(f"/api/v1/children/{child.pk}/progress-reports", {"file": bad})
    good = SimpleUploadedFile("report.pdf", LABELLED, content_type="application/pdf")
    response = alice_client.post(f"/api/v1/children/{child.pk}/progress-reports", {"file": good})
    assert response.status_code == 201
