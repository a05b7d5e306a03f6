"""Issue 20, finding 3: PDF decompression bombs sent to the IEP import get a plain 422 (a
message next to the field on the page) in a fixed time, and the web process never holds
what they inflate to."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.iep_import.reading import TOO_COMPLEX

from .bombs import MB, shared_stream_pdf

# What the web process may allocate while answering: the upload (1 MB at most here) and
# its copies, well under what either bomb inflates to.
WEB_PROCESS_MEMORY = 40 * MB
SECONDS = 40


def one_stream_bomb() -> bytes:
    """About 1 MB on disk; its one content stream inflates to 1 GB."""
    return shared_stream_pdf(1024 * MB)


def shared_stream_bomb() -> bytes:
    """About 40 KB on disk: 150 pages that each draw one 40 MB stream (6 GB in all)."""
    return shared_stream_pdf(40 * MB, pages=150)


BOMBS = [
    pytest.param(one_stream_bomb, id="one-stream-inflating-to-1GB"),
    pytest.param(shared_stream_bomb, id="150-pages-drawing-one-40MB-stream"),
]


def post_measured(client, url: str, pdf: bytes, follow: bool = False):
    """The response, the seconds it took and the most the web process allocated."""
    # The first request of a test run imports every view: not what is measured here.
    client.get(url)
    file = SimpleUploadedFile("iep.pdf", pdf, content_type="application/pdf")
    tracemalloc.start()
    started = time.monotonic()
    try:
        response = client.post(url, {"file": file}, follow=follow)
        seconds = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return response, seconds, peak


@pytest.mark.parametrize("bomb", BOMBS)
def test_the_api_refuses_a_bomb_with_a_422(alice_client, child, bomb):
    response, seconds, peak = post_measured(
        alice_client, f"/api/v1/children/{child.pk}/ieps/import", bomb()
    )
    assert response.status_code == 422
    assert response.json() == {"detail": TOO_COMPLEX}
    assert seconds < SECONDS
    assert peak < WEB_PROCESS_MEMORY


@pytest.mark.parametrize("bomb", BOMBS)
def test_the_reading_page_says_so(alice_client, child, bomb):
    response, seconds, peak = post_measured(
        alice_client, f"/children/{child.pk}/iep/import/", bomb(), follow=True
    )
    assert response.status_code == 200
    assert response.context["status"] == "failed" and response.context["error"] == TOO_COMPLEX
    assert TOO_COMPLEX in response.content.decode()
    assert seconds < SECONDS
    assert peak < WEB_PROCESS_MEMORY
