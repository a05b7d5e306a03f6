"""Concern and ask pages: what the parent does, bad input, and who may see and change what."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.advocacy.asks import open_asks
from playbook.advocacy.models import Ask, Concern, Evidence
from playbook.children.models import TeamMember
from playbook.refusals.models import Refusal
from playbook.trail.models import Entry


@pytest.fixture
def concern(child):
    return Concern.objects.create(child=child, title="Reading is not improving", area="Reading")


def test_log_a_concern_then_add_and_remove_evidence(alice_client, child):
    base = f"/children/{child.pk}/concerns/"
    response = alice_client.post(
        f"{base}new/", {"title": "Homework takes 3 hours", "request": "Shorter assignments"}
    )
    concern = Concern.objects.get(child=child)
    assert response.status_code == 302 and str(concern.pk) in response["Location"]
    for text in ("Two hours of math on March 3", "Teacher agreed it was too long", "3 h avg"):
        r = alice_client.post(f"{base}{concern.pk}/evidence/", {"text": text, "kind": "example"})
        assert r.status_code == 302
    page = alice_client.get(f"{base}{concern.pk}/").content.decode()
    assert "Two hours of math on March 3" in page and "3 h avg" in page
    first = concern.evidence.first()
    assert [e.position for e in concern.evidence.all()] == [0, 1, 2]
    alice_client.post(f"/children/{child.pk}/evidence/{first.pk}/remove/")
    assert concern.evidence.count() == 2
    assert "Two hours of math" not in alice_client.get(f"{base}{concern.pk}/").content.decode()


def test_concern_errors_are_clear_and_nothing_is_saved(alice_client, child, concern):
    response = alice_client.post(f"/children/{child.pk}/concerns/new/", {"title": ""})
    assert response.status_code == 400
    assert "Give the concern a short title." in response.content.decode()
    response = alice_client.post(
        f"/children/{child.pk}/concerns/{concern.pk}/evidence/",
        {"text": "x", "kind": "example", "date": "2026-02-31"},
    )
    assert response.status_code == 400
    assert "Enter a real date" in response.content.decode()
    assert not concern.evidence.exists()


def test_evidence_attachment_size_is_checked_and_served_only_to_the_household(
    alice_client, child, concern, settings, client, charlie
):
    settings.MAX_UPLOAD_BYTES = 10
    url = f"/children/{child.pk}/concerns/{concern.pk}/evidence/"
    big = SimpleUploadedFile("scan.pdf", b"x" * 11, content_type="application/pdf")
    response = alice_client.post(url, {"text": "Report card", "kind": "data", "attachment": big})
    assert response.status_code == 400 and "the limit is" in response.content.decode()
    small = SimpleUploadedFile("scan.pdf", b"%PDF-1", content_type="application/pdf")
    alice_client.post(url, {"text": "Report card", "kind": "data", "attachment": small})
    evidence = Evidence.objects.get()
    file_url = f"/children/{child.pk}/evidence/{evidence.pk}/file/"
    response = alice_client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1"
    assert 'filename="scan.pdf"' in response["Content-Disposition"]
    client.force_login(charlie)
    assert client.get(file_url).status_code == 404


def test_edit_and_resolve_a_concern(alice_client, child, concern):
    base = f"/children/{child.pk}/concerns/{concern.pk}/"
    alice_client.post(f"{base}edit/", {"title": "Reading fluency", "area": "Reading"})
    alice_client.post(f"{base}status/", {"status": "resolved"})
    concern.refresh_from_db()
    assert (concern.title, concern.status) == ("Reading fluency", "resolved")


def test_record_an_ask_with_the_default_reply_date(alice_client, child, case_manager):
    response = alice_client.post(
        f"/children/{child.pk}/asks/new/",
        {
            "subject": "OT evaluation",
            "asked_of": case_manager.pk,
            "asked_on": "2026-03-02",
            "channel": "email",
        },
    )
    assert response.status_code == 302
    ask = Ask.objects.get()
    assert ask.reply_due == date(2026, 3, 16)


def test_an_ask_of_someone_on_another_childs_team_is_refused(alice_client, child, charlie):
    from playbook.children.models import Child

    other = Child.objects.create(
        household=charlie.memberships.get().household,
        name="O",
        birth_date=date(2016, 1, 1),
        grade="2",
        state="NY",
    )
    stranger = TeamMember.objects.create(child=other, name="X", role="principal")
    response = alice_client.post(
        f"/children/{child.pk}/asks/new/",
        {"subject": "OT", "asked_of": stranger.pk, "asked_on": "2026-03-02", "channel": "email"},
    )
    assert response.status_code == 400
    assert not Ask.objects.exists()


def test_reply_with_refusal_language_is_flagged_and_offered_as_a_refusal(
    alice_client, child, case_manager
):
    ask = Ask.objects.create(
        child=child, subject="1:1 aide", asked_of=case_manager, asked_on=date(2026, 3, 2)
    )
    response = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/reply/",
        {
            "text": "I'm sorry, that's not how we do it here.",
            "date": "2026-03-05",
            "outcome": "refused",
            "channel": "email",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "sounds like a refusal" in page
    assert "that's not how we do it here" in page.replace("&#x27;", "'")
    refusal = Refusal.objects.get(ask=ask)  # the reply's no is saved as a refusal
    assert f"/children/{child.pk}/refusals/{refusal.pk}/" in page
    ask.refresh_from_db()
    assert ask.status == "refused" and ask.reply_date == date(2026, 3, 5)
    entry = Entry.objects.get(child=child)
    assert (entry.direction, entry.counterpart, entry.kind) == ("received", case_manager, "email")
    [matched] = entry.flags["refusal"]
    assert matched == "I'm sorry, that's not how we do it here."
    assert list(ask.entries.all()) == [entry]
    page = alice_client.get(f"/children/{child.pk}/asks/{ask.pk}/").content.decode()
    assert "It is saved as a refusal." in page and "refusals/new/" not in page
    assert "ask which law or written policy says so" in page.lower()  # the move for a rule


def test_a_reply_the_recogniser_cannot_read_says_so(alice_client, child, case_manager):
    # A reply in Spanish only: nothing is flagged, and the page says why rather than nothing.
    ask = Ask.objects.create(child=child, subject="OT", asked_on=date(2026, 3, 2))
    page = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/reply/",
        {
            "text": "Lo siento, no podemos ofrecer ese servicio.",
            "date": "2026-03-05",
            "outcome": "answered",
            "channel": "email",
        },
        follow=True,
    ).content.decode()
    assert "sounds like a refusal" not in page
    assert "does not look like English" in page


def test_the_reply_date_can_be_changed_later(alice_client, child):
    ask = Ask.objects.create(
        child=child, subject="x", asked_on=date(2026, 3, 2), reply_due=date(2026, 3, 16)
    )
    response = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/edit/",
        {"subject": "x", "asked_on": "2026-03-02", "channel": "email", "reply_due": "2026-03-20"},
    )
    assert response.status_code == 302
    ask.refresh_from_db()
    assert ask.reply_due == date(2026, 3, 20)
    bad = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/edit/",
        {"subject": "x", "asked_on": "2026-03-02", "channel": "email", "reply_due": "2026-03-01"},
    )
    assert bad.status_code == 400 and "before the day you asked" in bad.content.decode()


def test_reply_before_the_ask_is_refused(alice_client, child):
    ask = Ask.objects.create(child=child, subject="x", asked_on=date(2026, 3, 2))
    response = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/reply/",
        {"text": "ok", "date": "2026-03-01", "outcome": "granted", "channel": "email"},
    )
    assert response.status_code == 400
    assert not Entry.objects.exists()


def test_open_asks_overdue_first_with_the_word_overdue(alice_client, child):
    today = child.today()
    Ask.objects.create(
        child=child,
        subject="Waiting a while",
        asked_on=today - timedelta(20),
        reply_due=today + timedelta(5),
    )
    Ask.objects.create(
        child=child,
        subject="Late one",
        asked_on=today - timedelta(15),
        reply_due=today - timedelta(3),
    )
    Ask.objects.create(child=child, subject="Done", asked_on=today, status="granted")
    waits = open_asks(child, today)
    assert [w.ask.subject for w in waits] == ["Late one", "Waiting a while"]
    assert (waits[0].overdue, waits[0].days_waited, waits[0].days_overdue) == (True, 15, 3)
    assert not waits[1].overdue
    page = alice_client.get(f"/children/{child.pk}/asks/").content.decode()
    assert page.index("Late one") < page.index("Waiting a while")
    assert '<span class="overdue">Overdue by 3 days</span>' in page


def test_the_asks_page_lists_the_latest_answered_asks_and_links_to_all(alice_client, child):
    from playbook.advocacy.views import ANSWERED_SHOWN

    today = child.today()
    for n in range(ANSWERED_SHOWN + 5):
        Ask.objects.create(
            child=child, subject=f"Answered ask {n:02d}", asked_on=today - timedelta(n),
            status="granted",
        )  # fmt: skip
    Ask.objects.create(child=child, subject="Still waiting", asked_on=today - timedelta(90))
    url = f"/children/{child.pk}/asks/"
    page = alice_client.get(url).content.decode()
    assert "Still waiting" in page
    assert "Answered ask 00" in page and f"Answered ask {ANSWERED_SHOWN - 1:02d}" in page
    assert f"Answered ask {ANSWERED_SHOWN:02d}" not in page
    assert f'<a href="?answered=all">Show all {ANSWERED_SHOWN + 5} answered asks</a>' in page
    everything = alice_client.get(url + "?answered=all").content.decode()
    assert f"Answered ask {ANSWERED_SHOWN + 4:02d}" in everything
    assert "Show all" not in everything


def test_list_pages_do_not_grow_queries_with_rows(alice_client, child, case_manager):
    def add(n):
        for i in range(n):
            c = Concern.objects.create(child=child, title=f"C{i}")
            Evidence.objects.create(concern=c, text="e")
            Ask.objects.create(
                child=child,
                subject=f"A{i}",
                asked_of=case_manager,
                asked_on=date(2026, 1, 5),
                reply_due=date(2026, 1, 9),
            )
            Ask.objects.create(
                child=child,
                subject=f"B{i}",
                asked_of=case_manager,
                asked_on=date(2026, 1, 5),
                status="granted",
            )

    counts = {}
    for n in (1, 8):
        add(n)
        for page in ("concerns", "asks"):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                assert alice_client.get(f"/children/{child.pk}/{page}/").status_code == 200
            counts[(page, n)] = len(queries)
    assert counts[("concerns", 1)] == counts[("concerns", 8)]
    assert counts[("asks", 1)] == counts[("asks", 8)]


@pytest.fixture
def routes(child, concern, case_manager):
    ask = Ask.objects.create(child=child, subject="x", asked_on=date(2026, 3, 2))
    evidence = Evidence.objects.create(concern=concern, text="e")
    c, base = child.pk, f"/children/{child.pk}"
    reads = [
        f"{base}/concerns/",
        f"{base}/concerns/{concern.pk}/",
        f"{base}/asks/",
        f"{base}/asks/{ask.pk}/",
    ]
    writes = [
        (f"{base}/concerns/new/", {"title": "t"}),
        (f"{base}/concerns/{concern.pk}/edit/", {"title": "t"}),
        (f"{base}/concerns/{concern.pk}/status/", {"status": "resolved"}),
        (f"{base}/concerns/{concern.pk}/evidence/", {"text": "t", "kind": "example"}),
        (f"{base}/evidence/{evidence.pk}/remove/", {}),
        (f"{base}/asks/new/", {"subject": "s", "asked_on": "2026-03-02", "channel": "email"}),
        (
            f"{base}/asks/{ask.pk}/reply/",
            {"text": "t", "date": "2026-03-03", "outcome": "granted", "channel": "email"},
        ),
    ]
    assert c
    return reads, writes


def test_outsiders_get_404_everywhere(charlie_client, routes):
    reads, writes = routes
    for url in reads:
        assert charlie_client.get(url).status_code == 404, url
    for url, data in writes:
        assert charlie_client.post(url, data).status_code == 404, url


def test_read_only_advocate_reads_but_cannot_write(bob_client, routes):
    reads, writes = routes
    for url in reads:
        assert bob_client.get(url).status_code == 200, url
    for url, data in writes:
        assert bob_client.post(url, data).status_code == 403, url
    assert Entry.objects.count() == 0


def test_anonymous_is_sent_to_log_in(client, routes):
    reads, _ = routes
    for url in reads:
        assert client.get(url).status_code == 302


def test_the_reply_form_says_an_offer_instead_is_partly_granted(
    alice_client, alice, child, case_manager
):
    """The trial compromise starts from an offer (decision 0114): a parent told no with a
    shared aide offered instead chose "Refused" and was never offered the trial (a walk)."""
    ask = Ask.objects.create(
        child=child, subject="1:1 aide", asked_of=case_manager, asked_on=date(2026, 3, 2)
    )
    url = f"/children/{child.pk}/asks/{ask.pk}/"
    english = alice_client.get(url).content.decode().replace("&#x27;", "'")
    assert "Choose Partly granted: you can then agree to try their offer" in english
    alice.language = "es"
    alice.save(update_fields=["language"])
    spanish = alice_client.get(url).content.decode()
    assert "Elija Concedido en parte" in spanish
