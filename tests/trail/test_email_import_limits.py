"""How large an email import may be."""

from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.trail.models import Entry

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
