import re
from datetime import UTC, datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.advocacy.models import Ask
from playbook.trail.chain import NewAttachment, append, verify
from playbook.trail.models import Entry

from .conftest import START
from .emails import as_bytes, mbox, message


def _timeline(child, query=""):
    return f"/children/{child.pk}/timeline/{query}"


def test_the_timeline_shows_each_entry_with_kind_date_who_subject_and_preview(
    alice_client, child, case_manager
):
    long_body = "The team agreed to add reading minutes. " * 20
    append(child, occurred_at=START, kind="call", counterpart=case_manager, subject="Reading call",
           body=long_body, attachments=[NewAttachment("notes.txt", b"n")])  # fmt: skip
    response = alice_client.get(_timeline(child))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Reading call" in html and "Phone call" in html and "with Dana Cole" in html
    assert "Tue 1 Sep 2026, 11:00 a.m." in html  # America/New_York, the household's zone
    assert "Read all" in html and "notes.txt" in html
    assert f'hx-get="/children/{child.pk}/timeline/check/"' in html


def test_the_timeline_is_newest_first_unless_asked(alice_client, child, make_entries):
    make_entries(3)
    html = alice_client.get(_timeline(child)).content.decode()
    assert html.index("Entry 2") < html.index("Entry 0")
    html = alice_client.get(_timeline(child, "?order=oldest")).content.decode()
    assert html.index("Entry 0") < html.index("Entry 2")


def test_the_timeline_filters_and_searches(alice_client, child, case_manager):
    append(
        child,
        occurred_at=START,
        kind="call",
        counterpart=case_manager,
        subject="Speech call",
        body="x",
    )
    append(child, occurred_at=START, kind="email", subject="Bus schedule", body="pickup")
    ask = Ask.objects.create(child=child, subject="Aide", asked_on=START.date())
    asked = append(child, occurred_at=START, kind="letter", subject="Aide request", body="please")
    ask.entries.add(asked)
    page = lambda q: alice_client.get(_timeline(child, q)).content.decode()  # noqa: E731
    assert "Bus schedule" not in page("?kind=call") and "Speech call" in page("?kind=call")
    assert "Bus schedule" not in page(f"?person={case_manager.pk}")
    assert "Bus schedule" in page("?q=pickup") and "Speech call" not in page("?q=pickup")
    only_ask = page(f"?ask={ask.pk}")
    assert "Aide request" in only_ask and "Bus schedule" not in only_ask
    assert "Nothing on the trail matches" in page("?q=zebra")


def test_bad_filters_show_an_error_not_a_crash(alice_client, child):
    response = alice_client.get(_timeline(child, "?date_from=soon&kind=fax&page=zz"))
    assert response.status_code == 200
    assert "Enter a date like 2026-09-14." in response.content.decode()


def test_the_timeline_pages_by_older_entries_and_still_by_page_number(
    alice_client, child, make_entries
):
    made = make_entries(60)
    html = alice_client.get(_timeline(child)).content.decode()
    assert html.count('class="card entry"') == 50 and "60 entries, 50 on this page" in html
    # Newest first: entries 59 down to 10, and the next page starts after entry 10.
    after = re.search(r'href="\?after=([0-9a-f-]+)" rel="next">Older entries', html)
    assert after is not None and after.group(1) == str(made[10].pk)
    older = alice_client.get(_timeline(child, f"?after={after.group(1)}")).content.decode()
    assert older.count('class="card entry"') == 10
    # The page's own content (the language switch above it links back to this very address).
    content = older.split('<main id="main"', 1)[1]
    assert str(made[0].pk) in content and str(made[10].pk) not in content
    assert 'rel="next"' not in older and 'rel="first"' in older
    by_number = alice_client.get(_timeline(child, "?page=2")).content.decode()
    assert by_number.count('class="card entry"') == 10 and str(made[0].pk) in by_number


def test_a_stale_or_foreign_after_starts_at_the_newest(alice_client, child, make_entries):
    make_entries(3)
    for after in ("not-an-id", "00000000-0000-0000-0000-000000000000"):
        response = alice_client.get(_timeline(child, f"?after={after}"))
        assert response.status_code == 200
        assert response.content.decode().count('class="card entry"') == 3


def test_the_chain_badge_says_intact_or_names_the_first_bad_entry(
    alice_client, child, make_entries
):
    made = make_entries(3)
    url = f"/children/{child.pk}/timeline/check/"
    assert "Trail intact" in alice_client.get(url, HTTP_HX_REQUEST="true").content.decode()
    Entry.objects.filter(pk=made[1].pk).update(occurred_at=datetime(2020, 1, 1, tzinfo=UTC))
    html = alice_client.get(url).content.decode()
    assert "Trail changed" in html and "Entry 2" in html and "Entry 1</a>" in html


def test_logging_a_call_saves_it_and_offers_a_recap(alice_client, child, case_manager):
    response = alice_client.post(
        f"/children/{child.pk}/timeline/log/",
        {
            "kind": "call",
            "who": case_manager.pk,
            "when": "2026-09-14T15:30",
            "text": "Agreed to OT.",
        },
    )
    entry = Entry.objects.get()
    assert response.status_code == 302
    assert entry.kind == "call" and entry.counterpart == case_manager
    assert entry.subject == "Phone call with Dana Cole"
    assert entry.occurred_at == datetime(2026, 9, 14, 19, 30, tzinfo=UTC)
    html = alice_client.get(response["Location"]).content.decode()
    assert f"/children/{child.pk}/letters/new/meeting_recap/?entry={entry.pk}" in html
    assert "Send a recap of this?" in html
    assert verify(child).ok


def test_a_logged_note_offers_no_recap_and_a_reply_is_checked_for_a_no(alice_client, child):
    url = f"/children/{child.pk}/timeline/log/"
    alice_client.post(url, {"kind": "note", "when": "2026-09-14T15:30", "text": "Bus late."})
    note = Entry.objects.get()
    assert "Send a recap" not in alice_client.get(f"{_timeline(child)}{note.pk}/").content.decode()
    alice_client.post(url, {"kind": "reply", "when": "2026-09-14T16:30",
                            "text": "We don't use that program."})  # fmt: skip
    reply = Entry.objects.get(seq=2)
    assert reply.direction == "received"
    assert reply.flags["refusal"] == ["We don't use that program."]


def test_the_log_form_explains_its_errors_and_saves_nothing(alice_client, child):
    response = alice_client.post(
        f"/children/{child.pk}/timeline/log/", {"kind": "call", "when": "2999-01-01T00:00"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "That is in the future" in html and "Write what was said" in html
    assert not Entry.objects.exists()


def test_the_log_form_defaults_to_now(alice_client, child):
    html = alice_client.get(f"/children/{child.pk}/timeline/log/").content.decode()
    assert 'type="datetime-local"' in html and 'value="20' in html


def test_a_correction_is_a_new_entry_that_points_at_the_old(alice_client, child):
    original = append(child, occurred_at=START, kind="call", subject="Call", body="Wrong words")
    url = f"/children/{child.pk}/timeline/{original.pk}/correct/"
    form = alice_client.get(url).content.decode()
    assert "Wrong words" in form
    response = alice_client.post(url, {"when": "2026-09-01T11:00", "kind": "call",
        "direction": "none", "subject": "Call", "body": "Right words", "why": "misheard"})  # fmt: skip
    assert response.status_code == 302
    correction = Entry.objects.get(seq=2)
    assert correction.corrects == original and correction.body == "Right words"
    original.refresh_from_db()
    assert original.body == "Wrong words"
    html = alice_client.get(f"{_timeline(child)}{original.pk}/").content.decode()
    assert "Corrected" in html and f"/timeline/{correction.pk}/" in html


def test_the_import_page_reports_imported_duplicates_and_rejected(alice_client, child):
    good = as_bytes(message(subject="Progress report"))
    upload = SimpleUploadedFile("mail.mbox", mbox(good, good, b"not mail"))
    response = alice_client.post(f"/children/{child.pk}/timeline/import/", {"file": upload})
    assert response.status_code == 302  # to the import's own page: it runs in the background
    html = alice_client.get(response["Location"]).content.decode()
    assert "Imported 1 message" in html and "1 was already on the trail" in html
    assert "message 2" in html and "message 3" in html


def test_the_import_page_explains_a_wrong_file(alice_client, child):
    upload = SimpleUploadedFile("mail.txt", b"hello")
    response = alice_client.post(f"/children/{child.pk}/timeline/import/", {"file": upload})
    assert response.status_code == 400
    assert "Upload a .eml file" in response.content.decode()


def test_attachments_download_only_as_files(alice_client, child):
    entry = append(child, occurred_at=START, kind="email",
                   attachments=[NewAttachment("page.html", b"<script>x</script>", "text/html")])  # fmt: skip
    attachment = entry.attachments.get()
    response = alice_client.get(f"/children/{child.pk}/timeline/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
