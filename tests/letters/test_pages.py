"""Letter pages: draft at once from query params, redraw keeping edits, save, files,
"I sent it" once, and the access rules."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from playbook.advocacy.models import Ask
from playbook.letters.models import Letter
from playbook.trail.models import Entry


def test_the_draft_appears_at_once_from_the_query(alice_client, child, case_manager, concern):
    response = alice_client.get(
        f"/children/{child.pk}/letters/new/written_concerns/?concern={concern.pk}"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dear Dana Cole," in page and "Cries over reading homework most nights." in page
    assert "dana.cole@school.example" in page
    assert not Letter.objects.exists()  # looking writes nothing


def test_unknown_kind_is_404_and_a_foreign_id_is_an_error_next_to_the_field(
    alice_client, child, case_manager
):
    assert alice_client.get(f"/children/{child.pk}/letters/new/love_letter/").status_code == 404
    response = alice_client.post(
        f"/children/{child.pk}/letters/new/written_concerns/",
        {"concern": "6f1c1c1e-0000-4000-8000-000000000000"},
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Letter.objects.exists()


def test_redraw_keeps_the_parents_edit_and_saving_keeps_it(
    alice_client, child, case_manager, teacher, concern
):
    url = f"/children/{child.pk}/letters/new/written_concerns/"
    first = alice_client.get(f"{url}?concern={concern.pk}").context
    generated = first["text"]["body"]
    edited = generated.replace("Dear Dana Cole,", "Dear Ms. Cole,")
    form = {
        "concern": concern.pk,
        "to": teacher.pk,
        "subject": first["text"]["subject"],
        "generated_subject": first["text"]["subject"],
        "body": edited,
        "generated_body": generated,
    }
    redraw = alice_client.post(url, {**form, "redraw": "1"}, HTTP_HX_REQUEST="true")
    assert redraw.status_code == 200
    assert redraw.context["edited"] is True
    assert "Dear Ms. Cole," in redraw.context["text"]["body"]
    assert redraw.context["draft"].to == ["Lee Park <lee.park@school.example>"]
    saved = alice_client.post(url, form)
    letter = Letter.objects.get()
    assert saved["Location"] == f"/children/{child.pk}/letters/{letter.pk}/"
    assert "Dear Ms. Cole," in letter.body and letter.addressee == teacher


@time_machine.travel(datetime(2026, 3, 2, 15, 0, tzinfo=UTC), tick=False)
def test_detail_offers_every_format_and_i_sent_it_tracks_the_reply(
    alice_client, child, case_manager, concern
):
    alice_client.post(
        f"/children/{child.pk}/letters/new/written_concerns/", {"concern": concern.pk}
    )
    letter = Letter.objects.get()
    base = f"/children/{child.pk}/letters/{letter.pk}"
    page = alice_client.get(f"{base}/").content.decode()
    for part in (
        ".eml",
        ".docx",
        ".pdf",
        "mailto:dana.cole@school.example?subject=",
        'aria-live="polite"',
        "Copy text",
        "I sent it",
    ):
        assert part in page
    for ext, start in (
        ("txt", b"Alice Parent\n"),
        ("eml", b""),
        ("docx", b"PK"),
        ("pdf", b"%PDF"),
    ):
        response = alice_client.get(f"{base}.{ext}")
        assert response.status_code == 200 and response.content.startswith(start), ext
    assert alice_client.get(f"{base}.exe").status_code == 404
    with time_machine.travel(datetime(2026, 3, 3, 15, 0, tzinfo=UTC), tick=False):
        # Drafted on the 2nd, sent the next day: a send date can't be a day still to come.
        response = alice_client.post(f"{base}/sent/", {"date": "2026-03-03"}, follow=True)
    assert "We&#x27;ll remind you if there&#x27;s no reply by March 16, 2026." in (
        response.content.decode()
    )
    assert Entry.objects.filter(child=child, kind="letter", direction="sent").count() == 1
    assert Ask.objects.get().reply_due == date(2026, 3, 16)
    again = alice_client.post(f"{base}/sent/", {"date": "2026-03-04"}, follow=True)
    assert "already marked as sent on March 3, 2026" in again.content.decode()
    assert Entry.objects.count() == 1 and Ask.objects.count() == 1
    edit = alice_client.post(f"{base}/edit/", {"subject": "x", "body": "changed"})
    assert edit.status_code == 302
    letter.refresh_from_db()
    assert letter.body != "changed\n"
    assert "I sent it" not in alice_client.get(f"{base}/").content.decode()


def test_bad_sent_date_is_a_clear_400(alice_client, child, case_manager, concern):
    alice_client.post(
        f"/children/{child.pk}/letters/new/written_concerns/", {"concern": concern.pk}
    )
    letter = Letter.objects.get()
    response = alice_client.post(
        f"/children/{child.pk}/letters/{letter.pk}/sent/", {"date": "March third"}
    )
    assert response.status_code == 400
    assert "Enter a real date" in response.content.decode()
    assert not Entry.objects.exists()


def test_letters_list_queries_do_not_grow(alice_client, child, case_manager, concern):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/children/{child.pk}/letters/new/written_concerns/"
    counts = []
    for n in (1, 6):
        for _ in range(n):
            alice_client.post(url, {"concern": concern.pk})
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(f"/children/{child.pk}/letters/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.fixture
def letter_routes(alice_client, child, case_manager, concern):
    alice_client.post(
        f"/children/{child.pk}/letters/new/written_concerns/", {"concern": concern.pk}
    )
    letter = Letter.objects.get()
    alice_client.logout()
    base = f"/children/{child.pk}/letters"
    reads = [
        f"{base}/",
        f"{base}/new/written_concerns/?concern={concern.pk}",
        f"{base}/{letter.pk}/",
        f"{base}/{letter.pk}.txt",
        f"{base}/{letter.pk}.pdf",
    ]
    writes = [
        (f"{base}/new/written_concerns/", {"concern": concern.pk}),
        (f"{base}/{letter.pk}/edit/", {"subject": "s", "body": "b"}),
        (f"{base}/{letter.pk}/sent/", {"date": "2026-03-03"}),
    ]
    return reads, writes


def test_letter_routes_404_for_outsiders_403_for_read_only(client, bob, charlie, letter_routes):
    reads, writes = letter_routes
    client.force_login(charlie)
    for url in reads:
        assert client.get(url).status_code == 404, url
    for url, data in writes:
        assert client.post(url, data).status_code == 404, url
    client.force_login(bob)
    for url in reads:
        assert client.get(url).status_code == 200, url
    for url, data in writes:
        assert client.post(url, data).status_code == 403, url
    assert Letter.objects.count() == 1 and not Entry.objects.exists()
