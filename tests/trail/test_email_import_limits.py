"""How large an email import may be, and that an import is kept whole or not at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.trail import email_import
from playbook.trail.models import Attachment, Entry

from .emails import as_bytes, mbox, message

MB = 1024 * 1024


def _api(child):
    return f"/api/v1/children/{child.pk}/entries/import"


def _page(child):
    return f"/children/{child.pk}/timeline/import/"


def _mbox_of(count: int, *, attachment: bytes = b"") -> bytes:
    messages = []
    for number in range(1, count + 1):
        msg = message(subject=f"Message {number}", body=f"Words of message {number}.")
        if attachment:
            msg.add_attachment(attachment, maintype="application", subtype="pdf",
                               filename=f"report-{number}.pdf")  # fmt: skip
        messages.append(as_bytes(msg))
    return mbox(*messages)


def _stored_files(child) -> set[str]:
    storage = Attachment.file.field.storage
    try:
        return set(storage.listdir(f"trail/{child.pk}")[1])
    except FileNotFoundError:
        return set()


# --- The size limit is the upload limit -------------------------------------------------


def test_an_mbox_over_the_upload_limit_is_refused_with_the_limit_and_a_way_forward(
    alice_client, child, settings
):
    settings.MAX_UPLOAD_BYTES = 1 * MB
    data = _mbox_of(3, attachment=b"\1" * (MB // 2))  # about 2 MB, once encoded
    assert len(data) > settings.MAX_UPLOAD_BYTES
    response = alice_client.post(_api(child), {"file": SimpleUploadedFile("all.mbox", data)})
    assert response.status_code == 413
    detail = response.json()["detail"]
    assert "at most 1 MB" in detail and "split the mailbox by date" in detail.lower()
    assert not Entry.objects.filter(child=child).exists()


def test_the_import_page_refuses_a_large_mbox_in_plain_words(alice_client, child, settings):
    settings.MAX_UPLOAD_BYTES = 1 * MB
    data = _mbox_of(3, attachment=b"\1" * (MB // 2))
    response = alice_client.post(_page(child), {"file": SimpleUploadedFile("all.mbox", data)})
    assert response.status_code == 400
    html = response.content.decode()
    assert "at most 1 MB" in html and "split the mailbox by date" in html.lower()
    assert not Entry.objects.filter(child=child).exists()


def test_an_mbox_of_exactly_the_upload_limit_imports(alice_client, child, settings):
    data = _mbox_of(2)
    settings.MAX_UPLOAD_BYTES = len(data)
    response = alice_client.post(_api(child), {"file": SimpleUploadedFile("all.mbox", data)})
    assert response.status_code == 200
    assert len(response.json()["imported"]) == 2


# --- All or nothing ----------------------------------------------------------------------


@pytest.fixture
def fails_on_second_batch(monkeypatch):
    """Batches of two messages; writing the second batch fails (a full disk, a lost
    database connection), after the first has been written."""
    real_append_many = email_import.append_many
    calls = []

    def append_many(child, drafts):
        calls.append(len(drafts))
        if len(calls) == 2:
            real_append_many(child, drafts[:1])  # half the batch is written, then it fails
            raise OSError("No space left on device")
        return real_append_many(child, drafts)

    monkeypatch.setattr(email_import, "BATCH", 2)
    monkeypatch.setattr(email_import, "append_many", append_many)
    return calls


def test_a_failure_midway_keeps_nothing_and_answers_a_clear_error(
    alice_client, child, fails_on_second_batch
):
    data = _mbox_of(5, attachment=b"%PDF-1.4 report")
    response = alice_client.post(_api(child), {"file": SimpleUploadedFile("all.mbox", data)})
    assert fails_on_second_batch == [2, 2]  # the first batch was written before the failure
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert "nothing from all.mbox was added" in detail and "try again" in detail.lower()
    assert not Entry.objects.filter(child=child).exists()
    assert not Attachment.objects.filter(entry__child=child).exists()
    assert _stored_files(child) == set()  # no attachment file is left behind either


def test_a_failure_midway_leaves_no_entry_of_the_messages_read(child, fails_on_second_batch):
    items = [(f"message {n}", as_bytes(message(subject=f"Message {n}"))) for n in range(1, 6)]
    with pytest.raises(email_import.ImportFailed, match="nothing from the file was added"):
        email_import.import_messages(child, items)
    assert fails_on_second_batch == [2, 2]
    assert not Entry.objects.filter(child=child).exists()


def test_the_import_page_tries_again_after_a_failure_and_keeps_each_message_once(
    alice_client, child, fails_on_second_batch
):
    data = _mbox_of(5)
    response = alice_client.post(_page(child), {"file": SimpleUploadedFile("all.mbox", data)})
    assert response.status_code == 302  # to the import's page: it runs in the background
    assert fails_on_second_batch == [2, 2, 2, 2, 1]  # the first try failed, the second did not
    html = alice_client.get(response["Location"]).content.decode()
    assert "Imported 5 messages" in html and "already on the trail" not in html
    assert Entry.objects.filter(child=child).count() == 5


def test_after_a_failure_the_trail_is_as_it_was_and_the_same_file_imports(
    alice_client, child, fails_on_second_batch, monkeypatch
):
    earlier = _mbox_of(1)
    alice_client.post(_api(child), {"file": SimpleUploadedFile("earlier.mbox", earlier)})
    before = list(Entry.objects.filter(child=child).values_list("pk", "hash"))
    data = _mbox_of(5)
    failed = alice_client.post(_api(child), {"file": SimpleUploadedFile("all.mbox", data)})
    assert failed.status_code == 503
    assert list(Entry.objects.filter(child=child).values_list("pk", "hash")) == before
    monkeypatch.undo()
    again = alice_client.post(_api(child), {"file": SimpleUploadedFile("all.mbox", data)})
    assert again.status_code == 200 and len(again.json()["imported"]) == 5


# --- The account of what was kept --------------------------------------------------------


def test_the_answer_names_the_messages_skipped_as_already_on_the_trail(alice_client, child):
    first, second = as_bytes(message(subject="First")), as_bytes(message(subject="Second"))
    alice_client.post(_api(child), {"file": SimpleUploadedFile("one.mbox", mbox(second))})
    data = mbox(first, second, b"not mail")
    body = alice_client.post(_api(child), {"file": SimpleUploadedFile("two.mbox", data)}).json()
    assert len(body["imported"]) == 1
    assert body["duplicates"] == 1 and body["duplicate_items"] == ["message 2"]
    assert [item["item"] for item in body["rejected"]] == ["message 3"]
