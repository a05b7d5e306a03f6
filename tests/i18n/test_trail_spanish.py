"""The paper trail, the services ledger, the binder, the restore pages and the calendar
feed, in Spanish (issue 19): no English left on the pages outside the family's own words,
the binder in the language of whoever asked for it, the feed in its owner's language,
citations unchanged, and English as it was."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from icalendar import Calendar

from playbook import demo
from playbook.accounts.models import User
from playbook.children.models import Child
from playbook.deadlines import feeds
from playbook.exports import jobs
from playbook.exports.models import BinderJob
from playbook.ledger.models import Service
from playbook.trail.models import EmailImport, Entry
from tests.conftest import made_once

from .test_spanish_pages import english_left

TODAY = date(2026, 3, 2)
SECTIONS = ["trail_timeline", "trail_log", "trail_import", "trail_check", "ledger_services"]
SECTIONS += ["ledger_log", "ledger_import", "iep_compare", "iep_checks", "binder_page"]


@pytest.fixture(scope="module")
def _demo_family(django_db_setup, django_db_blocker):
    """The demo family, made once for the module (tests/conftest.py's made_once): each test's
    own writes are undone before the next."""
    with made_once(django_db_blocker):
        yield demo.load_demo(TODAY).pk


@pytest.fixture
def demo_parent(_demo_family, client, db):
    child = Child.objects.get(pk=_demo_family)
    parent = User.objects.get(email=demo.DEMO_EMAIL)
    client.force_login(parent)
    return client, child, parent


@pytest.fixture
def spanish_demo(demo_parent):
    client, child, parent = demo_parent
    parent.language = "es"
    parent.save(update_fields=["language"])
    return client, child, parent


def pages(child, parent) -> dict[str, str]:
    """Each section page, and each object page of the demo: every trail entry and its
    correction page, each service week by week, an email import's report, a binder job,
    the restore page."""
    found = {name: reverse(name, args=[child.pk]) for name in SECTIONS}
    for entry in Entry.objects.filter(child=child).order_by("seq"):
        found[f"entry {entry.seq}"] = reverse("trail_entry", args=[child.pk, entry.pk])
        found[f"correct {entry.seq}"] = reverse("trail_correct", args=[child.pk, entry.pk])
    for service in Service.objects.filter(iep__child=child):
        found[f"weeks {service.service}"] = reverse("ledger_weeks", args=[child.pk, service.pk])
    done = EmailImport.objects.create(
        child=child,
        requested_by=parent,
        filename="school.mbox",
        status=EmailImport.Status.DONE,
        imported_count=3,
        duplicate_count=1,
        duplicate_items=["message 2"],
    )
    found["import job"] = reverse("trail_import_job", args=[child.pk, done.pk])
    job = BinderJob.objects.create(child=child, requested_by=parent)
    found["binder job"] = reverse("binder_job", args=[child.pk, job.pk])
    found["restore"] = reverse("household_restore")
    return found


def read(client, url) -> str:
    answer = client.get(url)
    assert answer.status_code == 200, url
    return answer.content.decode()


def test_every_trail_ledger_binder_and_restore_page_reads_as_spanish(spanish_demo):
    client, child, parent = spanish_demo
    left = {}
    for name, url in pages(child, parent).items():
        page = read(client, url)
        assert '<html lang="es">' in page, url
        if found := english_left(page):
            left[name] = found
    assert left == {}


def test_the_same_pages_in_english_are_english(demo_parent):
    """The check can fail: in English every one of these pages has English to find."""
    client, child, parent = demo_parent
    still_spanish = [
        name for name, url in pages(child, parent).items() if not english_left(read(client, url))
    ]
    assert still_spanish == []


def test_the_timeline_keeps_its_english_and_marks_the_familys_words(demo_parent):
    client, child, _ = demo_parent
    page = read(client, reverse("trail_timeline", args=[child.pk]))
    assert "Maya's timeline" in page and "Log a call or note" in page
    assert "Phone call" in page and "· entry 1</span>" in page
    spanish = client.get(reverse("trail_timeline", args=[child.pk]) + "?lang=es")
    html = spanish.content.decode()
    assert "Cronología de Maya" in html and "· entrada 1</span>" in html
    assert "Llamada telefónica" in html
    # A title and a body are the family's own words, shown as written.
    assert "data-own-words>Maya&#x27;s reading: our concerns</a>" in html


def test_the_comparison_reads_the_iep_in_spanish_with_its_citations(spanish_demo):
    client, child, parent = spanish_demo
    page = read(client, reverse("iep_compare", args=[child.pk]))
    assert "pasó de 90 a 60 minutos por semana" in page
    assert "34 CFR § 300.503" in page
    parent.language = "en"
    parent.save(update_fields=["language"])
    english = read(client, reverse("iep_compare", args=[child.pk]))
    assert "Speech and language therapy went from 90 to 60 minutes per week." in english


def _binder(child, parent, language) -> str:
    from tests.exports.test_binder import pdf_text_of_a_long_pdf

    job = BinderJob.objects.create(child=child, requested_by=parent, language=language)
    jobs.run(job.pk)
    job.refresh_from_db()
    assert job.status == BinderJob.Status.DONE, job.error
    with job.file.open("rb") as pdf:
        return pdf_text_of_a_long_pdf(pdf.read())  # the demo's whole case


def test_the_binder_is_written_in_the_language_of_who_asked_for_it(demo_parent):
    _, child, parent = demo_parent
    spanish = _binder(child, parent, "es")
    assert "Contenido" in spanish and "El registro por escrito" in spanish
    assert "Integridad del registro" in spanish and "Página 2 de" in spanish
    assert "Requests and their answers" not in spanish
    assert "34 CFR § 300.503" in spanish  # citations as written
    english = _binder(child, parent, "en")
    assert "Requests and their answers" in english and "Page 2 of" in english
    assert "Contenido" not in english


def test_asking_for_a_binder_in_spanish_keeps_the_language_on_the_job(spanish_demo):
    client, child, _ = spanish_demo
    answer = client.post(reverse("binder_page", args=[child.pk]), {})
    assert answer.status_code == 302
    assert BinderJob.objects.get(child=child).language == "es"


def _feed(client, child, user) -> list:
    token = feeds.token_for(child, user)
    body = client.get(feeds.feed_path(token)).content
    return Calendar.from_ical(body)


def test_the_calendar_feed_is_in_its_owners_language_whoever_fetches_it(client, demo_parent):
    _, child, parent = demo_parent
    parent.language = "es"
    parent.save(update_fields=["language"])
    client.logout()
    cal = _feed(client, child, parent)
    assert str(cal["x-wr-calname"]) == "Maya: plazos y reuniones del IEP"
    descriptions = [str(e["description"]) for e in cal.walk("VEVENT")]
    text = "\n".join(descriptions)
    assert "Fuente: " in text and "Contado en días" in text and "No es asesoría legal" in text
    assert "Source: " not in text and "Not legal advice" not in text
    assert "Regla: 34 CFR § 300." in text  # citations unchanged
    # An English reader's feed, asked for by a Spanish browser, is as it always was.
    parent.language = "en"
    parent.save(update_fields=["language"])
    body = client.get(
        feeds.feed_path(feeds.token_for(child, parent)), HTTP_ACCEPT_LANGUAGE="es"
    ).content
    english = "\n".join(str(e["description"]) for e in Calendar.from_ical(body).walk("VEVENT"))
    assert "Source: " in english and "Counted in " in english and "Fuente" not in english


def test_the_federal_fallback_is_labelled_in_spanish_in_the_feed(client, demo_parent):
    _, child, parent = demo_parent
    child.state = "WY"  # a state whose own rules are not in the tables
    child.save(update_fields=["state"])
    parent.language = "es"
    parent.save(update_fields=["language"])
    cal = _feed(client, child, parent)
    text = "\n".join(str(e["description"]) for e in cal.walk("VEVENT"))
    assert "regla federal" in text.lower()
