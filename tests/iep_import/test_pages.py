"""The page flow: upload, review with pages and what is missing, correct, save once."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.children.models import IEP
from playbook.iep_import import iep_hold

from .samples import LUNCH_MENU, SCANNED, SPARSE_DISTRICT, TABLE_DISTRICT


def upload_url(child) -> str:
    return f"/children/{child.pk}/iep/import/"


def review_url(child) -> str:
    return f"/children/{child.pk}/iep/import/review/"


def send(client, child, content: bytes, name: str = "Sam IEP 2026.pdf"):
    """Upload, then follow the reading's page (the test task backend has read the PDF by
    then) to the review, or to the page that says why the PDF could not be read."""
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(upload_url(child), {"file": file}, follow=True)


def held_files() -> list[str]:
    try:
        return default_storage.listdir(iep_hold.FOLDER)[1]
    except FileNotFoundError:
        return []


@pytest.fixture(autouse=True)
def _empty_hold():
    for name in held_files():
        default_storage.delete(f"{iep_hold.FOLDER}/{name}")


def form_data(response) -> dict:
    """The review form as a browser would submit it untouched."""
    context = response.context
    data = {}
    for name in context["dates_form"].fields:
        data[name] = context["dates_form"].initial.get(name) or ""
    for key in ("services", "goals", "accommodations"):
        formset = context[key]
        management = formset.management_form
        for name in management.fields:
            data[f"{key}-{name}"] = management.initial.get(name, "")
        for form in formset.forms:
            for name in form.fields:
                if name == "DELETE":
                    continue
                value = form.initial.get(name)
                if value is not None:
                    data[form.add_prefix(name)] = value
    return data


def test_upload_page_shows_the_form(alice_client, child):
    response = alice_client.get(upload_url(child))
    assert response.status_code == 200
    assert b"The IEP file (PDF or Word)" in response.content


def test_review_shows_each_fact_with_its_page_and_what_is_missing(alice_client, child):
    response = send(alice_client, child, SPARSE_DISTRICT)
    assert [url for url, _ in response.redirect_chain][-1] == review_url(child)
    page = response.content.decode()
    assert "Read from the PDF (page 1)." in page
    assert 'value="2027-03-03"' in page
    assert "Service 1 (page 1)" in page
    assert "Specialized academic instruction" in page
    assert "Goal 2 (page 1)" in page
    assert "We could not find the reevaluation date; add it if you know it." in page
    assert "We could not find the date of the last evaluation" in page
    assert "We could not find any accommodations" in page
    assert IEP.objects.count() == 0
    assert len(held_files()) == 1


def test_saving_after_corrections_creates_one_iep_with_them(alice_client, child):
    send(alice_client, child, TABLE_DISTRICT)
    data = form_data(alice_client.get(review_url(child)))
    data |= {
        "end_date": "2027-09-15",  # the parent corrects a date
        "services-0-minutes": "90",  # and the speech minutes
        "services-1-DELETE": "on",  # and removes a service that is not in the IEP
        "services-2-service": "Counseling",  # and adds one we missed
        "services-2-minutes": "30",
        "services-2-per": "month",
        "goals-1-text": "",  # and leaves a goal out
        "accommodations-3-text": "Copy of class notes",
    }
    response = alice_client.post(review_url(child), data)
    assert response.status_code == 302
    assert response["Location"] == f"/children/{child.pk}/iep/"

    iep = IEP.objects.get()
    assert iep.child == child
    assert (iep.start_date, iep.end_date) == (date(2026, 9, 16), date(2027, 9, 15))
    assert iep.reevaluation_due == date(2028, 10, 1)
    assert [(s.service, s.minutes, s.per) for s in iep.services.all()] == [
        ("Speech-language therapy", 90, "week"),
        ("Counseling", 30, "month"),
    ]
    assert [g.text for g in iep.goals.all()] == [
        "Given a grade-level text, Sam will read 90 words per minute with 95% accuracy by "
        "June 2027."
    ]
    assert [a.text for a in iep.accommodations.all()][-1] == "Copy of class notes"
    assert iep.file.read() == TABLE_DISTRICT
    assert iep.file_name == "Sam IEP 2026.pdf"
    assert held_files() == []

    # The held upload is gone: posting again saves nothing more.
    again = alice_client.post(review_url(child), data)
    assert again.status_code == 302 and again["Location"] == upload_url(child)
    assert IEP.objects.count() == 1


def test_mistakes_are_shown_next_to_the_field_and_save_nothing(alice_client, child):
    send(alice_client, child, SPARSE_DISTRICT)
    data = form_data(alice_client.get(review_url(child)))
    data |= {"end_date": "2027-01-01", "services-0-minutes": ""}
    response = alice_client.post(review_url(child), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Please fix these first" in page
    assert "The end date must come after the start date." in page
    assert "Enter the minutes, or tick Remove." in page
    assert IEP.objects.count() == 0
    assert len(held_files()) == 1


def test_discard_deletes_the_held_pdf(alice_client, child):
    send(alice_client, child, SPARSE_DISTRICT)
    response = alice_client.post(f"/children/{child.pk}/iep/import/discard/")
    assert response.status_code == 302
    assert held_files() == []
    assert alice_client.get(review_url(child))["Location"] == upload_url(child)


def test_a_second_upload_replaces_the_first(alice_client, child):
    send(alice_client, child, SPARSE_DISTRICT)
    send(alice_client, child, TABLE_DISTRICT)
    assert len(held_files()) == 1
    assert b"2026-09-16" in alice_client.get(review_url(child)).content


@pytest.mark.parametrize(
    ("content", "name", "words"),
    [
        (SCANNED, "scan.pdf", "This PDF is a scan with no text we can read"),
        (LUNCH_MENU, "menu.pdf", "could not find any IEP facts"),
        (b"PK\x03\x04 a word file", "iep.docx", "This file is not a PDF"),
    ],
)
def test_unreadable_files_get_a_message_on_the_reading_page(
    alice_client, child, content, name, words
):
    response = send(alice_client, child, content, name)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(f"/children/{child.pk}/iep/import/reading/")
    assert words in response.content.decode() and "Nothing was saved." in response.content.decode()
    assert held_files() == []


def test_too_large_a_file_is_refused(alice_client, child, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = send(alice_client, child, TABLE_DISTRICT)
    assert response.status_code == 200
    assert "larger than" in response.content.decode()


def test_no_file_chosen(alice_client, child):
    response = alice_client.post(upload_url(child), {})
    assert response.status_code == 200
    assert (
        "This field is required" in response.content.decode()
        or "required" in response.content.decode()
    )


@pytest.mark.parametrize("path", ["", "review/"])
def test_another_household_gets_404(charlie_client, child, path):
    assert charlie_client.get(upload_url(child) + path).status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_household_cannot_discard(charlie_client, child, method):
    url = f"/children/{child.pk}/iep/import/discard/"
    assert getattr(charlie_client, method)(url).status_code == 404


def test_discard_only_by_post(alice_client, child):
    send(alice_client, child, SPARSE_DISTRICT)
    assert alice_client.get(f"/children/{child.pk}/iep/import/discard/").status_code == 405
    assert len(held_files()) == 1


def test_the_upload_page_offers_to_continue_a_waiting_review(alice_client, child):
    send(alice_client, child, SPARSE_DISTRICT)
    page = alice_client.get(upload_url(child)).content.decode()
    assert "Sam IEP 2026.pdf" in page
    assert f'href="{review_url(child)}"' in page


def test_read_only_member_gets_403(bob_client, child):
    assert bob_client.get(upload_url(child)).status_code == 403
    response = send(bob_client, child, TABLE_DISTRICT)
    assert response.status_code == 403
    assert held_files() == []


def test_signed_out_goes_to_login(client, child):
    response = client.get(upload_url(child))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_one_childs_held_upload_is_not_anothers(alice_client, child, household):
    from playbook.children.models import Child

    sister = Child.objects.create(
        household=household, name="Ana Rivera", birth_date="2017-05-01", grade="3", state="CA"
    )
    send(alice_client, child, TABLE_DISTRICT)
    assert alice_client.get(review_url(sister))["Location"] == upload_url(sister)


def test_uploads_left_behind_are_swept_by_the_next_one(alice_client, child):
    import os
    import time

    stale = default_storage.save(f"{iep_hold.FOLDER}/abandoned.pdf", ContentFile(b"%PDF-1.4"))
    two_days_ago = time.time() - iep_hold.HOLD_FOR.total_seconds() - 60
    os.utime(default_storage.path(stale), (two_days_ago, two_days_ago))
    send(alice_client, child, SPARSE_DISTRICT)
    assert not default_storage.exists(stale)
    assert len(held_files()) == 1


def test_facts_from_later_pages_and_scanned_pages_are_named(alice_client, child):
    from .pdfs import Scan, make_pdf
    from .samples import PORTAL_DISTRICT

    send(alice_client, child, PORTAL_DISTRICT)
    page = alice_client.get(review_url(child)).content.decode()
    assert page.count("Read from the PDF (page 3).") == 2
    assert "Read from the PDF (page 1)." in page

    send(
        alice_client, child, make_pdf(["IEP Start Date: 01/04/2027", "Goal 1: Sam reads."], Scan())
    )
    page = alice_client.get(review_url(child)).content.decode()
    assert "Page 2 had no text we could read" in page


def row_url(child, kind) -> str:
    return f"/children/{child.pk}/iep/import/review/rows/{kind}/"


def test_a_row_can_be_added_and_saved(alice_client, child):
    send(alice_client, child, SPARSE_DISTRICT)
    data = form_data(alice_client.get(review_url(child)))
    total = int(data["services-TOTAL_FORMS"])

    response = alice_client.get(row_url(child, "services"), {"services-TOTAL_FORMS": total})
    assert response.status_code == 200
    row = response.content.decode()
    assert f'name="services-{total}-service"' in row
    assert f'value="{total + 1}" id="id_services-TOTAL_FORMS" hx-swap-oob="true"' in row

    data |= {
        "services-TOTAL_FORMS": str(total + 1),
        f"services-{total}-service": "Counseling",
        f"services-{total}-minutes": "30",
        f"services-{total}-per": "week",
    }
    assert alice_client.post(review_url(child), data).status_code == 302
    assert IEP.objects.get().services.last().service == "Counseling"


@pytest.mark.parametrize("kind", ["goals", "accommodations"])
def test_text_rows_too(alice_client, child, kind):
    send(alice_client, child, SPARSE_DISTRICT)
    response = alice_client.get(row_url(child, kind), {f"{kind}-TOTAL_FORMS": 7})
    assert f'name="{kind}-7-text"' in response.content.decode()


def test_rows_need_a_waiting_import_a_known_kind_and_a_count(alice_client, child):
    waiting = alice_client.get(row_url(child, "services"), {"services-TOTAL_FORMS": 2})
    assert waiting.status_code == 400
    assert b"Upload the IEP first" in waiting.content
    send(alice_client, child, SPARSE_DISTRICT)
    assert (
        alice_client.get(row_url(child, "letters"), {"letters-TOTAL_FORMS": 2}).status_code == 404
    )
    assert alice_client.get(row_url(child, "services")).status_code == 400
    assert (
        alice_client.get(row_url(child, "services"), {"services-TOTAL_FORMS": 5000}).status_code
        == 400
    )


def test_rows_of_another_household_are_404(charlie_client, child):
    assert charlie_client.get(row_url(child, "services")).status_code == 404


def test_rows_for_a_read_only_member_are_403(bob_client, child):
    assert bob_client.get(row_url(child, "services")).status_code == 403
