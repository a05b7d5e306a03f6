"""The binder: every ask, refusal and entry of a case, in order, in a PDF with page numbers."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pdfplumber
import pytest

from playbook.advocacy.models import Ask, Concern
from playbook.exports.models import BinderJob
from playbook.meetings.models import DataSeries, Measurement, Trial
from playbook.refusals.models import Refusal
from playbook.trail.chain import append
from playbook.trail.models import Entry


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    return " ".join(text.split())  # table cells wrap; compare words, not line breaks


def pdf_text_of_a_long_pdf(content: bytes) -> str:
    """The same words read by pdfium: pdfplumber lays out every character in Python, which
    was half of the 1,000-entry test's time (about 140 pages)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(content)
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    return " ".join(text.split())


@pytest.fixture
def case(child, case_manager):
    concern = Concern.objects.create(child=child, title="Reading is not improving")
    first = Ask.objects.create(
        child=child,
        subject="Evaluation",
        asked_of=case_manager,
        asked_on=date(2026, 9, 2),
        status="refused",
        reply_date=date(2026, 9, 9),
        reply_text="We don't do that.",
        concern=concern,
    )
    second = Ask.objects.create(
        child=child,
        subject="Reading log",
        asked_of=case_manager,
        asked_on=date(2026, 10, 1),
    )
    Refusal.objects.create(
        child=child,
        said_by=case_manager,
        said_on=date(2026, 9, 9),
        words="Not an option.",
        ask=first,
        policy_outcome="none_exists",
    )
    series = DataSeries.objects.create(
        child=child, name="Words per minute", unit="wpm", concern=concern, goal=90
    )
    Measurement.objects.create(series=series, date=date(2026, 9, 15), value=41)
    Trial.objects.create(
        child=child,
        proposal="small-group reading",
        start_date=date(2026, 9, 21),
        weeks=6,
        measure="words per minute",
        review_date=date(2026, 11, 2),
        series=series,
        concern=concern,
    )
    for n in range(3):
        entry = append(
            child,
            occurred_at=datetime(2026, 9, 1 + n, 15, tzinfo=UTC),
            kind="email",
            direction="sent",
            subject=f"Trail entry number {n + 1}",
            body="Details of the message.",
        )
        first.entries.add(entry)
    return {"first": first, "second": second}


def test_the_binder_holds_every_ask_refusal_and_entry_in_order(alice_client, child, case):
    response = alice_client.get(f"/api/v1/children/{child.pk}/binder.pdf?today=2026-11-01")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Reading log" in text and "Evaluation" in text
    # Unanswered asks come first.
    assert text.index("Reading log") < text.index("Evaluation")
    assert "Not an option." in text
    positions = [text.index(f"Trail entry number {n}") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "The hash chain verifies" in text
    assert "Page 2 of" in text
    assert Entry.objects.get(seq=1).hash[:20] in text.replace(" ", "")


def test_a_broken_chain_is_stated(alice_client, child, case):
    Entry.objects.filter(seq=2).update(body="rewritten")
    text = pdf_text(alice_client.get(f"/api/v1/children/{child.pk}/binder.pdf").content)
    assert "does NOT verify" in text


def test_narrowing_by_date_leaves_out_the_rest(alice_client, child, case):
    url = f"/api/v1/children/{child.pk}/binder.pdf?from=2026-09-02&to=2026-09-02"
    text = pdf_text(alice_client.get(url).content)
    assert "Trail entry number 2" in text
    assert "Trail entry number 1" not in text and "Trail entry number 3" not in text
    assert "Reading log" not in text


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-13-01",
        "from=2026-10-01&to=2026-09-01",
        "concern=00000000-0000-0000-0000-000000000000",
    ],
)
def test_bad_narrowing_is_a_clear_422(alice_client, child, query):
    response = alice_client.get(f"/api/v1/children/{child.pk}/binder.pdf?{query}")
    assert response.status_code == 422


def test_outsiders_get_404(charlie_client, child):
    assert charlie_client.get(f"/api/v1/children/{child.pk}/binder.pdf").status_code == 404


def test_the_page_makes_a_binder_and_offers_the_download(alice_client, child, case):
    response = alice_client.post(f"/children/{child.pk}/binder/", {})
    job = BinderJob.objects.get()
    assert response.status_code == 302
    assert job.status == "done" and job.progress == 100
    page = alice_client.get(f"/children/{child.pk}/binder/{job.pk}/").content.decode()
    assert "Download the binder" in page
    download = alice_client.get(f"/children/{child.pk}/binder/{job.pk}/download/")
    assert download["Content-Type"] == "application/pdf"
    made_on = child.day_of(job.created_at)
    assert download["Content-Disposition"] == (
        f'attachment; filename="binder-sam-rivera-{made_on:%Y-%m-%d}.pdf"'
    )
    assert "Evaluation" in pdf_text(b"".join(download.streaming_content))


def test_a_running_job_polls_for_progress(alice_client, child):
    job = BinderJob.objects.create(
        child=child, status="running", progress=30, stage="Laying out 900 trail entries"
    )
    page = alice_client.get(
        f"/children/{child.pk}/binder/{job.pk}/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert "Laying out 900 trail entries" in page
    assert 'value="30"' in page


def test_read_only_members_can_read_binders_but_not_make_them(bob_client, child):
    assert bob_client.get(f"/children/{child.pk}/binder/").status_code == 200
    assert bob_client.post(f"/children/{child.pk}/binder/", {}).status_code == 403


def test_a_thousand_entry_case_renders(alice_client, child):
    from playbook.trail.models import Entry as E

    base = datetime(2025, 1, 1, tzinfo=UTC)
    # Bulk-insert a valid chain quickly: the binder reads, it does not care how entries came.
    from playbook.trail.chain import GENESIS, content_digest, link_hash

    prev, rows = GENESIS, []
    for seq in range(1, 1001):
        e = E(
            child=child,
            seq=seq,
            occurred_at=base + timedelta(hours=seq),
            kind="note",
            subject=f"Note {seq}",
            body="A short note.",
            prev_hash=prev,
        )
        e.content_hash = content_digest(e, [])
        e.hash = prev = link_hash(e.prev_hash, seq, e.content_hash)
        rows.append(e)
    E.objects.bulk_create(rows)
    response = alice_client.get(f"/api/v1/children/{child.pk}/binder.pdf")
    assert response.status_code == 200
    text = pdf_text_of_a_long_pdf(response.content)
    assert "Note 1000" in text and "The hash chain verifies" in text


def test_a_binder_too_big_to_make_while_waiting_is_sent_to_the_jobs(
    alice_client, child, case, settings
):
    settings.BINDER_IN_REQUEST_MAX_ENTRIES = 1
    url = f"/api/v1/children/{child.pk}/binder.pdf"
    refused = alice_client.get(url)
    assert refused.status_code == 422
    assert "POST binder-jobs" in refused.json()["detail"]
    assert "more than can be made while you wait (at most 1)" in refused.json()["detail"]
    # A range holding few enough entries is still made at once.
    narrow = alice_client.get(f"{url}?from=2026-09-02&to=2026-09-02")
    assert narrow.status_code == 200 and narrow["Content-Type"] == "application/pdf"
    # Named as the page's download is: the child and the family's date, not an id.
    assert narrow["Content-Disposition"] == (
        f'attachment; filename="binder-sam-rivera-{child.today():%Y-%m-%d}.pdf"'
    )


def test_the_api_starts_a_job_polls_it_and_downloads_the_pdf(alice_client, child, case):
    base = f"/api/v1/children/{child.pk}/binder-jobs"
    started = alice_client.post(
        base, {"from": "2026-09-01", "to": "2026-09-30"}, content_type="application/json"
    )
    assert started.status_code == 202
    job = started.json()
    assert job["status"] == "done" and job["progress"] == 100  # tests run jobs at once
    assert alice_client.get(f"{base}/{job['id']}").json() == job
    assert job["download"] == f"{base}/{job['id']}/binder.pdf"
    pdf = alice_client.get(job["download"])
    assert pdf["Content-Type"] == "application/pdf"
    made_on = child.day_of(BinderJob.objects.get(pk=job["id"]).created_at)
    assert pdf["Content-Disposition"] == (
        f'attachment; filename="binder-sam-rivera-{made_on:%Y-%m-%d}.pdf"'
    )
    assert "Evaluation" in pdf_text(b"".join(pdf.streaming_content))
    stored = BinderJob.objects.get(pk=job["id"])
    assert (stored.date_from, stored.date_to) == (date(2026, 9, 1), date(2026, 9, 30))


def test_a_job_being_made_is_answered_again_and_not_ready_is_409(alice_client, child):
    running = BinderJob.objects.create(child=child, status="running", progress=30, stage="x")
    base = f"/api/v1/children/{child.pk}/binder-jobs"
    again = alice_client.post(base, {}, content_type="application/json")
    assert again.status_code == 202 and again.json()["id"] == str(running.pk)
    assert again.json()["download"] is None
    assert BinderJob.objects.count() == 1
    response = alice_client.get(f"{base}/{running.pk}/binder.pdf")
    assert response.status_code == 409 and "not ready" in response.json()["detail"]


def test_an_interrupted_job_says_so(alice_client, child):
    job = BinderJob.objects.create(child=child, status="running")
    BinderJob.objects.filter(pk=job.pk).update(created_at=datetime(2026, 1, 1, tzinfo=UTC))
    got = alice_client.get(f"/api/v1/children/{child.pk}/binder-jobs/{job.pk}").json()
    assert got["status"] == "failed" and "interrupted" in got["error"]


@pytest.mark.parametrize(
    ("payload", "status"),
    [({"from": "2026-10-01", "to": "2026-09-01"}, 422), ({"concern": str(uuid4())}, 422),
     ({"from": "not a date"}, 422)],
)  # fmt: skip
def test_bad_job_requests_are_clear_and_start_nothing(alice_client, child, payload, status):
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/binder-jobs", payload, content_type="application/json"
    )
    assert response.status_code == status
    assert not BinderJob.objects.exists()


def test_read_only_and_outsiders_cannot_start_or_see_jobs(bob_client, charlie, child):
    from django.test import Client

    base = f"/api/v1/children/{child.pk}/binder-jobs"
    assert bob_client.post(base, {}, content_type="application/json").status_code == 403
    job = BinderJob.objects.create(child=child, status="done")
    assert bob_client.get(f"{base}/{job.pk}").status_code == 200
    outsider = Client()
    outsider.force_login(charlie)
    assert outsider.get(f"{base}/{job.pk}").status_code == 404
    assert outsider.get(f"{base}/{job.pk}/binder.pdf").status_code == 404
    assert outsider.post(base, {}, content_type="application/json").status_code == 404


def test_a_failing_binder_is_tried_again_and_then_fails_with_a_plain_message(
    alice_client, child, case, monkeypatch
):
    from playbook.exports import jobs

    tries = []

    def broken(job):
        tries.append(job.attempts)
        raise RuntimeError("the PDF library fell over")

    monkeypatch.setattr(jobs, "_make", broken)
    started = alice_client.post(
        f"/api/v1/children/{child.pk}/binder-jobs", {}, content_type="application/json"
    ).json()
    job = BinderJob.objects.get(pk=started["id"])
    assert tries == [1, 2, 3]
    assert (job.status, job.attempts) == ("failed", 3)
    assert job.error == jobs.GAVE_UP and "try again" in job.error.lower()


def test_a_binder_that_fails_once_is_made_on_the_next_try(alice_client, child, case, monkeypatch):
    from playbook.exports import jobs

    make = jobs._make

    def flaky(job):
        if job.attempts == 1:
            raise OSError("disk hiccup")
        make(job)

    monkeypatch.setattr(jobs, "_make", flaky)
    alice_client.post(f"/children/{child.pk}/binder/", {})
    job = BinderJob.objects.get()
    assert (job.status, job.attempts, job.progress) == ("done", 2, 100)


def test_a_binder_narrowed_to_a_month_holds_only_that_month_and_says_so(alice_client, child, case):
    """Narrowed to October: the October ask, the October data point and the trial running
    through October stay; September's ask, refusal, data point and entries go. Narrowed to
    a later March, nothing of the case is left but the cover (issue 15)."""
    Measurement.objects.create(
        series=DataSeries.objects.get(child=child), date=date(2026, 10, 20), value=57
    )
    url = f"/api/v1/children/{child.pk}/binder.pdf?from=2026-10-01&to=2026-10-31"
    text = pdf_text(alice_client.get(url).content)
    assert "Only what falls in this range is included" in text
    assert "Reading log" in text  # asked October 1
    for outside in ("Evaluation", "Not an option.", "Trail entry number", "Sep 15, 2026"):
        assert outside not in text, outside
    assert "57" in text and "small-group reading" in text
    url = f"/api/v1/children/{child.pk}/binder.pdf?from=2027-03-01&to=2027-03-31"
    text = pdf_text(alice_client.get(url).content)
    for outside in ("Reading log", "small-group reading", "Words per minute"):
        assert outside not in text, outside
