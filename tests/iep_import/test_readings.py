"""IEP PDFs read on the task queue (issue 13, decision 0035): the job row, its page, its API,
a worker cut off half way, a reading that keeps failing, and who may see a job."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from playbook.children.models import IEP, Child
from playbook.iep_import import iep_hold, readings
from playbook.iep_import.models import IepReading
from playbook.iep_import.reading import read_iep

from .samples import GRID_DISTRICT, LUNCH_MENU, SPARSE_DISTRICT

NAME = "Sam Rivera IEP 2026.pdf"


def _file(content: bytes = SPARSE_DISTRICT) -> SimpleUploadedFile:
    return SimpleUploadedFile(NAME, content, content_type="application/pdf")


def upload_url(child) -> str:
    return f"/children/{child.pk}/iep/import/"


def review_url(child) -> str:
    return f"/children/{child.pk}/iep/import/review/"


def page_url(job) -> str:
    return f"/children/{job.child_id}/iep/import/reading/{job.pk}/"


def api_url(job) -> str:
    return f"/api/v1/children/{job.child_id}/iep-readings/{job.pk}"


def held_files() -> list[str]:
    try:
        return default_storage.listdir(iep_hold.FOLDER)[1]
    except FileNotFoundError:
        return []


@pytest.fixture(autouse=True)
def _empty_hold():
    for name in held_files():
        default_storage.delete(f"{iep_hold.FOLDER}/{name}")


@pytest.fixture
def queued_not_run(monkeypatch):
    """Readings are queued but no worker runs them yet; the returned function plays the
    worker, running every queued task (and those they queue again) to the end."""
    queued = []
    monkeypatch.setattr(
        readings, "enqueue_after_commit", lambda task, job_id: queued.append(job_id)
    )

    def run_all():
        while queued:
            readings.run(queued.pop(0))

    run_all.queued = queued
    return run_all


# --- One way in ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("door", "expected_status"),
    [("page", 302), ("api, waiting", 200), ("api, in the background", 202)],
)
def test_the_page_and_both_api_routes_read_through_the_same_start_and_run(
    alice_client, alice, child, monkeypatch, door, expected_status
):
    calls = []
    real_start, real_run = readings.start, readings.run

    def start(*args, **kwargs):
        calls.append("start")
        return real_start(*args, **kwargs)

    def run(*args, **kwargs):
        calls.append("run")
        return real_run(*args, **kwargs)

    monkeypatch.setattr(readings, "start", start)
    monkeypatch.setattr(readings, "run", run)
    if door == "page":
        response = alice_client.post(upload_url(child), {"file": _file()})
    elif door == "api, waiting":
        response = alice_client.post(f"/api/v1/children/{child.pk}/ieps/import", {"file": _file()})
    else:
        response = alice_client.post(f"/api/v1/children/{child.pk}/iep-readings", {"file": _file()})
    assert response.status_code == expected_status
    assert calls == ["start", "run"]
    assert IEP.objects.count() == 0


# --- The page ------------------------------------------------------------------------------


def test_the_upload_is_queued_and_its_page_refreshes_itself_until_read(
    alice_client, child, queued_not_run
):
    response = alice_client.post(upload_url(child), {"file": _file()})
    job = IepReading.objects.get()
    assert response["Location"] == page_url(job)
    assert (job.status, job.file_name, job.requested_by.email) == (
        "queued",
        NAME,
        "alice@example.com",
    )
    assert job.file.name.startswith(f"{iep_hold.FOLDER}/") and NAME not in job.file.name

    waiting = alice_client.get(page_url(job))
    html = waiting.content.decode()
    assert waiting.status_code == 200 and waiting["Refresh"] == "2"
    assert "<progress" in html and "Waiting to start" in html
    assert alice_client.get(review_url(child))["Location"] == upload_url(child)

    queued_not_run()
    read = alice_client.get(page_url(job))
    assert read.status_code == 302 and read["Location"] == review_url(child)
    review = alice_client.get(review_url(child)).content.decode()
    assert NAME in review and "Specialized academic instruction" in review
    assert IEP.objects.count() == 0  # nothing is saved before the parent confirms


def test_a_reading_already_saved_says_so_and_does_not_refresh(alice_client, child):
    alice_client.post(upload_url(child), {"file": _file()}, follow=True)
    job = IepReading.objects.get()
    alice_client.post(f"/children/{child.pk}/iep/import/discard/")
    response = alice_client.get(page_url(job))
    assert response.status_code == 200 and "Refresh" not in response
    assert "already saved as an IEP or discarded" in response.content.decode()


def test_a_job_cut_off_with_its_worker_is_run_again_to_the_end(alice_client, child, queued_not_run):
    alice_client.post(upload_url(child), {"file": _file()})
    job = IepReading.objects.get()
    # A worker took the reading and was killed half way; the queue hands it to another.
    IepReading.objects.filter(pk=job.pk).update(
        status="running", attempts=1, progress=30, stage="Reading the pages"
    )
    queued_not_run.queued.clear()
    readings.run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.attempts, job.progress) == ("done", 2, 100)
    assert job.reading == read_iep(SPARSE_DISTRICT).as_dict()
    assert alice_client.get(page_url(job))["Location"] == review_url(child)


def test_a_reading_that_keeps_failing_is_tried_three_times_then_fails_in_plain_words(
    alice_client, child, queued_not_run, monkeypatch, caplog
):
    tries = []

    def broken(content):
        tries.append(len(content))
        raise RuntimeError(f"pdf engine crashed on {NAME}")

    monkeypatch.setattr(readings, "read_iep", broken)
    alice_client.post(upload_url(child), {"file": _file()})
    with caplog.at_level(logging.DEBUG):
        queued_not_run()
    job = IepReading.objects.get()
    assert (job.status, job.attempts, len(tries)) == ("failed", 3, 3)
    assert job.error == readings.GAVE_UP and held_files() == [] and job.file.name == ""
    page = alice_client.get(page_url(job))
    assert "Refresh" not in page
    assert "We tried three times to read this file" in page.content.decode()
    # The log names the job and the kind of failure, never the file or its text.
    assert "RuntimeError" in caplog.text and NAME not in caplog.text
    assert "Sam Rivera" not in caplog.text


def test_a_reading_that_fails_once_is_done_on_the_next_try(
    alice_client, child, queued_not_run, monkeypatch
):
    real = readings.read_iep
    tries = []

    def flaky(content):
        tries.append(1)
        if len(tries) == 1:
            raise OSError("a lost connection")
        return real(content)

    monkeypatch.setattr(readings, "read_iep", flaky)
    alice_client.post(upload_url(child), {"file": _file()})
    queued_not_run()
    job = IepReading.objects.get()
    assert (job.status, job.attempts) == ("done", 2)


def test_a_file_that_is_not_an_iep_fails_at_once_with_its_message(alice_client, child):
    response = alice_client.post(upload_url(child), {"file": _file(LUNCH_MENU)}, follow=True)
    job = IepReading.objects.get()
    assert (job.status, job.attempts, job.error_status) == ("failed", 1, 422)
    assert "could not find any IEP facts" in job.error
    assert job.error in response.content.decode() and held_files() == []


def test_a_reading_not_finished_after_15_minutes_says_so_and_stops_refreshing(alice_client, child):
    job = IepReading.objects.create(child=child, file_name=NAME, status="running")
    IepReading.objects.filter(pk=job.pk).update(created_at=datetime(2026, 1, 1, tzinfo=UTC))
    page = alice_client.get(page_url(job))
    assert "Refresh" not in page
    assert "has not been read after 15 minutes" in page.content.decode()
    polled = alice_client.get(api_url(job)).json()
    assert (polled["status"], polled["error"]) == ("failed", readings.INTERRUPTED)


# --- The API -------------------------------------------------------------------------------


def test_the_api_answers_202_with_a_job_to_poll_until_its_reading(
    alice_client, child, queued_not_run
):
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/iep-readings", {"file": _file(GRID_DISTRICT)}
    )
    assert response.status_code == 202
    job = IepReading.objects.get()
    body = response.json()
    assert (body["status"], body["reading"], body["url"]) == ("queued", None, api_url(job))
    queued_not_run()
    polled = alice_client.get(body["url"]).json()
    assert polled["status"] == "done" and polled["progress"] == 100
    assert polled["reading"]["facts"]["start_date"] == {"value": "2027-03-03", "page": 1}
    # An API reading needs no review: its PDF is not kept once read.
    job.refresh_from_db()
    assert job.file.name == "" and held_files() == []


def test_the_waiting_route_keeps_its_answer_and_keeps_no_job(alice_client, child):
    ok = alice_client.post(f"/api/v1/children/{child.pk}/ieps/import", {"file": _file()})
    refused = alice_client.post(
        f"/api/v1/children/{child.pk}/ieps/import", {"file": _file(LUNCH_MENU)}
    )
    assert ok.status_code == 200 and "facts" in ok.json()
    assert refused.status_code == 422 and "could not find any IEP facts" in refused.json()["detail"]
    assert not IepReading.objects.exists() and held_files() == []


def test_the_api_job_of_a_refused_file_gives_the_status_and_words(alice_client, child):
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/iep-readings", {"file": _file(b"PK\x03\x04 a word file")}
    )
    body = response.json()
    assert (body["status"], body["error_status"]) == ("failed", 400)
    assert "This file is not a PDF" in body["error"]


# --- Who may -------------------------------------------------------------------------------


def test_another_household_gets_404_for_the_job_page_and_api(charlie_client, child):
    job = IepReading.objects.create(child=child, file_name=NAME, status="done", reading={})
    assert charlie_client.get(page_url(job)).status_code == 404
    assert charlie_client.get(api_url(job)).status_code == 404
    started = f"/api/v1/children/{child.pk}/iep-readings"
    assert charlie_client.post(started, {"file": _file()}).status_code == 404
    assert IepReading.objects.count() == 1


def test_a_job_is_found_only_under_its_own_child(alice_client, child, household):
    sister = Child.objects.create(household=household, name="Ana", birth_date="2017-01-01")
    job = IepReading.objects.create(child=child, file_name=NAME, status="done", reading={})
    assert (
        alice_client.get(f"/children/{sister.pk}/iep/import/reading/{job.pk}/").status_code == 404
    )
    assert (
        alice_client.get(f"/api/v1/children/{sister.pk}/iep-readings/{job.pk}").status_code == 404
    )


def test_a_read_only_member_cannot_start_or_review_a_reading(bob_client, child):
    assert (
        bob_client.post(f"/api/v1/children/{child.pk}/iep-readings", {"file": _file()}).status_code
        == 403
    )
    job = IepReading.objects.create(child=child, file_name=NAME, status="running")
    assert bob_client.get(page_url(job)).status_code == 403
    assert bob_client.get(api_url(job)).status_code == 200


def test_the_held_pdf_is_never_served_from_a_public_url(alice_client, child):
    alice_client.post(upload_url(child), {"file": _file()})
    job = IepReading.objects.get()
    client = Client()
    assert client.get(f"/no-public-media/{job.file.name}").status_code == 404
    signed_out = client.get(page_url(job))
    assert signed_out.status_code == 302 and "/login/" in signed_out["Location"]
