"""Email imports in the background: the page always queues them, the API queues large
files (202) and imports small ones while the client waits; each job retries, then fails in
plain words, keeps nothing of a failed import and removes the uploaded file when it ends."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from playbook.children.models import Child
from playbook.trail import email_import, import_jobs
from playbook.trail.models import Attachment, EmailImport, Entry

from .emails import as_bytes, mbox, message

KB = 1024


def _page(child):
    return f"/children/{child.pk}/timeline/import/"


def _api(child):
    return f"/api/v1/children/{child.pk}/entries/import"


def _job_page(job):
    return f"/children/{job.child_id}/timeline/import/{job.pk}/"


def _job_api(job):
    return f"/api/v1/children/{job.child_id}/email-imports/{job.pk}"


def _upload(name="mail.mbox", data=None):
    if data is None:
        first = as_bytes(message(subject="Progress report"))
        second = as_bytes(message(subject="Reading plan"))
        data = mbox(first, second)
    return SimpleUploadedFile(name, data)


def _kept_uploads(child) -> list[str]:
    storage = EmailImport.file.field.storage
    try:
        return storage.listdir(f"imports/{child.pk}")[1]
    except FileNotFoundError:
        return []


@pytest.fixture
def big_files_in_background(settings):
    """Any API import over 256 bytes (one short message) is a big one."""
    settings.EMAIL_IMPORT_IN_REQUEST_MAX_BYTES = 256


@pytest.fixture
def queued_not_run(monkeypatch):
    """Jobs are queued but no worker runs them yet; run_all() plays the worker."""
    queued = []
    monkeypatch.setattr(
        import_jobs, "enqueue_after_commit", lambda task, job_id: queued.append(job_id)
    )

    def run_all():
        while queued:
            import_jobs.run(queued.pop(0))

    return run_all


@pytest.fixture
def writing_fails(monkeypatch):
    """Writing fails after half of the first batch is written (a full disk, a lost
    database connection), on every try; the list holds one item per try."""
    real_append_many = email_import.append_many
    tries = []

    def append_many(child, drafts):
        tries.append(len(drafts))
        real_append_many(child, drafts[:1])
        raise OSError("No space left on device")

    monkeypatch.setattr(email_import, "append_many", append_many)
    return tries


# --- The page ------------------------------------------------------------------------------


def test_the_page_queues_the_import_and_its_job_page_reports_in_plain_words(alice_client, child):
    good = as_bytes(message(subject="Progress report"))
    first = alice_client.post(_page(child), {"file": _upload("first.mbox", mbox(good))})
    assert first.status_code == 302
    other = as_bytes(message(subject="Reading plan"))
    data = mbox(other, good, b"not mail")
    response = alice_client.post(_page(child), {"file": _upload("all.mbox", data)})
    job = EmailImport.objects.get(filename="all.mbox")
    assert response.status_code == 302 and response["Location"] == _job_page(job)
    assert (job.status, job.imported_count, job.duplicate_count, job.skipped_count) == (
        "done", 1, 1, 1,
    )  # fmt: skip
    html = alice_client.get(_job_page(job)).content.decode()
    assert "Imported 1 message to Sam's trail." in html
    assert "1 was already on the trail, so it was skipped: message 2." in html
    assert "1 could not be read" in html and "message 3" in html
    assert f'href="/children/{child.pk}/timeline/"' in html and "hx-get" not in html
    assert Entry.objects.filter(child=child).count() == 2


def test_the_job_page_shows_progress_and_polls_until_the_import_is_done(
    alice_client, child, queued_not_run
):
    alice_client.post(_page(child), {"file": _upload()})
    job = EmailImport.objects.get()
    page = alice_client.get(_job_page(job)).content.decode()
    assert "Waiting to start" in page and f'hx-get="{_job_page(job)}"' in page
    assert "<progress" in page and "<h1>" in page
    queued_not_run()
    fragment = alice_client.get(_job_page(job), headers={"HX-Request": "true"}).content.decode()
    assert "<h1>" not in fragment and 'id="import-status"' in fragment
    assert "Imported 2 messages" in fragment and "hx-get" not in fragment


def test_a_mailbox_job_says_how_far_reading_has_got_then_that_it_is_saving(
    alice_client, child, monkeypatch
):
    steps = []
    real_step = EmailImport.step

    def step(job, progress, stage, **fields):
        steps.append((progress, stage))
        real_step(job, progress, stage, **fields)

    monkeypatch.setattr(import_jobs, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(EmailImport, "step", step)
    alice_client.post(_page(child), {"file": _upload()})
    assert [stage for _, stage in steps] == [
        "Opening the file",
        "Reading the messages",
        "Reading the messages: 1 so far",
        "Reading the messages: 2 so far",
        "Saving the messages to the trail",
    ]
    progress = [value for value, _ in steps]
    assert progress == sorted(progress) and progress[-1] == 85


def test_the_import_page_lists_recent_imports(alice_client, child):
    alice_client.post(_page(child), {"file": _upload("spring.mbox")})
    job = EmailImport.objects.get()
    html = alice_client.get(_page(child)).content.decode()
    assert "Recent imports" in html and _job_page(job) in html and "spring.mbox" in html


def test_a_file_the_importer_cannot_read_is_a_form_error_and_queues_nothing(
    alice_client, child, settings
):
    wrong = alice_client.post(_page(child), {"file": _upload("mail.txt", b"hello")})
    assert wrong.status_code == 400 and "Upload a .eml file" in wrong.content.decode()
    settings.MAX_UPLOAD_BYTES = 1024 * KB
    large = alice_client.post(_page(child), {"file": _upload("all.mbox", b"x" * 1025 * KB)})
    assert large.status_code == 400 and "at most 1 MB" in large.content.decode()
    assert not EmailImport.objects.exists() and _kept_uploads(child) == []


# --- The API -------------------------------------------------------------------------------


def test_a_small_file_is_imported_while_the_api_client_waits(alice_client, child):
    response = alice_client.post(_api(child), {"file": _upload()})
    assert response.status_code == 200
    body = response.json()
    assert len(body["imported"]) == 2 and body["duplicates"] == 0
    assert not EmailImport.objects.exists()


def test_a_big_file_answers_202_with_a_job_to_poll_until_its_report(
    alice_client, child, big_files_in_background, queued_not_run
):
    response = alice_client.post(_api(child), {"file": _upload()})
    assert response.status_code == 202
    job = response.json()
    assert job["status"] == "queued" and job["report"] is None
    assert job["url"] == f"/api/v1/children/{child.pk}/email-imports/{job['id']}"
    assert not Entry.objects.exists()
    queued_not_run()
    polled = alice_client.get(job["url"])
    assert polled.status_code == 200
    done = polled.json()
    assert (done["status"], done["progress"], done["error"]) == ("done", 100, "")
    assert done["report"] == {
        "imported": 2, "duplicates": 0, "duplicate_items": [], "rejected": [], "notes": [],
    }  # fmt: skip
    assert Entry.objects.filter(child=child).count() == 2


def test_the_api_job_reports_duplicates_and_unreadable_messages(
    alice_client, child, big_files_in_background
):
    good = as_bytes(message(subject="Progress report"))
    alice_client.post(_api(child), {"file": _upload("one.mbox", mbox(good))})
    data = mbox(as_bytes(message(subject="New")), good, b"not mail")
    job = alice_client.post(_api(child), {"file": _upload("two.mbox", data)}).json()
    report = alice_client.get(job["url"]).json()["report"]
    assert (report["imported"], report["duplicates"]) == (1, 1)
    assert report["duplicate_items"] == ["message 2"]
    assert [item["item"] for item in report["rejected"]] == ["message 3"]


def test_the_api_refuses_a_file_over_the_upload_limit_before_queueing_it(
    alice_client, child, big_files_in_background, settings
):
    settings.MAX_UPLOAD_BYTES = 1024 * KB
    response = alice_client.post(_api(child), {"file": _upload("all.mbox", b"x" * 1025 * KB)})
    assert response.status_code == 413
    assert "at most 1 MB" in response.json()["detail"]
    assert not EmailImport.objects.exists()


# --- Retries, failure, and the uploaded file --------------------------------------------------


def test_a_failing_import_is_tried_three_times_then_fails_in_plain_words_keeping_nothing(
    alice_client, child, writing_fails
):
    data = mbox(*(as_bytes(message(subject=f"Message {n}")) for n in range(1, 4)))
    response = alice_client.post(_page(child), {"file": _upload("all.mbox", data)})
    job = EmailImport.objects.get()
    assert len(writing_fails) == 3
    assert (job.status, job.attempts, job.error) == ("failed", 3, import_jobs.GAVE_UP)
    assert not Entry.objects.filter(child=child).exists()
    assert not Attachment.objects.exists()
    html = alice_client.get(response["Location"]).content.decode()
    assert "nothing from this file was added" in html and "Try again" in html
    assert "Traceback" not in html and "No space left" not in html
    assert job.file.name == "" and _kept_uploads(child) == []


def test_an_import_that_fails_once_is_done_on_the_next_try(alice_client, child, monkeypatch):
    real_append_many = email_import.append_many
    tries = []

    def flaky(child, drafts):
        tries.append(len(drafts))
        if len(tries) == 1:
            raise OSError("disk hiccup")
        return real_append_many(child, drafts)

    monkeypatch.setattr(email_import, "append_many", flaky)
    alice_client.post(_page(child), {"file": _upload()})
    job = EmailImport.objects.get()
    assert (job.status, job.attempts, job.imported_count, job.duplicate_count) == (
        "done", 2, 2, 0,
    )  # fmt: skip
    assert Entry.objects.filter(child=child).count() == 2


def test_a_job_cut_off_with_its_worker_is_run_again_to_the_end(alice_client, child, queued_not_run):
    alice_client.post(_page(child), {"file": _upload()})
    job = EmailImport.objects.get()
    # A worker took the job and was killed; the queue gives the task to another worker.
    EmailImport.objects.filter(pk=job.pk).update(status="running", attempts=1, progress=10)
    import_jobs.run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.attempts, job.imported_count) == ("done", 2, 2)


def test_the_uploaded_file_is_kept_only_until_the_import_ends(alice_client, child, queued_not_run):
    alice_client.post(_page(child), {"file": _upload()})
    job = EmailImport.objects.get()
    assert job.file.name == f"imports/{child.pk}/{job.pk}"
    assert _kept_uploads(child) == [str(job.pk)]
    queued_not_run()
    job.refresh_from_db()
    assert job.status == "done" and job.file.name == "" and _kept_uploads(child) == []


def test_a_file_that_cannot_be_imported_is_not_tried_again(alice_client, child, settings):
    job = EmailImport.objects.create(child=child, filename="notes.txt", file=_upload("notes.txt"))
    import_jobs.run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("failed", 1)
    assert "Upload a .eml file" in job.error and _kept_uploads(child) == []


def test_a_job_not_finished_after_15_minutes_says_so_and_stops_polling(alice_client, child):
    job = EmailImport.objects.create(child=child, filename="all.mbox", status="running")
    EmailImport.objects.filter(pk=job.pk).update(created_at=datetime(2026, 1, 1, tzinfo=UTC))
    html = alice_client.get(_job_page(job)).content.decode()
    assert "has not finished after 15 minutes" in html and "hx-get" not in html
    polled = alice_client.get(_job_api(job)).json()
    assert polled["status"] == "failed" and polled["error"] == import_jobs.INTERRUPTED


# --- Who may -------------------------------------------------------------------------------


def test_a_read_only_member_cannot_start_an_import_but_can_read_one(bob_client, child):
    assert bob_client.post(_page(child), {"file": _upload()}).status_code == 403
    assert bob_client.post(_api(child), {"file": _upload()}).status_code == 403
    assert not EmailImport.objects.exists()
    job = EmailImport.objects.create(child=child, filename="all.mbox", status="done")
    assert bob_client.get(_job_page(job)).status_code == 200
    assert bob_client.get(_job_api(job)).status_code == 200


def test_another_household_gets_404_for_imports_and_their_jobs(
    charlie_client, child, big_files_in_background
):
    assert charlie_client.post(_page(child), {"file": _upload()}).status_code == 404
    assert charlie_client.post(_api(child), {"file": _upload()}).status_code == 404
    assert not EmailImport.objects.exists()
    job = EmailImport.objects.create(child=child, filename="all.mbox", status="done")
    assert charlie_client.get(_job_page(job)).status_code == 404
    assert charlie_client.get(_job_api(job)).status_code == 404


def test_a_job_is_found_only_under_its_own_child(alice_client, child, household):
    sibling = Child.objects.create(household=household, name="Ana", birth_date="2017-01-01")
    job = EmailImport.objects.create(child=child, filename="all.mbox", status="done")
    assert alice_client.get(f"/children/{sibling.pk}/timeline/import/{job.pk}/").status_code == 404
    api = f"/api/v1/children/{sibling.pk}/email-imports/{job.pk}"
    assert alice_client.get(api).status_code == 404
    assert Client().get(_job_page(job)).status_code == 302  # signed out: to the login page
