"""The child's settings, school team, IEPs, IEP import and goals read in Spanish (issue 19):
the crawler's pages and the object pages it does not reach (a team member's edit and
removal, an IEP's page and its edit, the first-run set-up, the deleted children, the
IEP reading's messages and the review of what was read), with a form's errors in Spanish
too. The same pages in English are still English, so each check can fail."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from playbook.children.models import Child
from playbook.iep_import import iep_hold
from playbook.iep_import.models import IepReading
from tests.iep_import.samples import LUNCH_MENU, SPARSE_DISTRICT

from .test_spanish_pages import english_left, spanish_demo  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_hold():
    try:
        names = default_storage.listdir(iep_hold.FOLDER)[1]
    except FileNotFoundError:
        names = []
    for name in names:
        default_storage.delete(f"{iep_hold.FOLDER}/{name}")


def object_pages(child) -> dict[str, str]:
    member = child.team.current().first()
    iep = child.ieps.order_by("start_date").first()
    c = child.pk
    return {
        "child_new": reverse("child_new"),
        "child_edit": reverse("child_edit", args=[c]),
        "child_delete": reverse("child_delete", args=[c]),
        "child_setup_team": reverse("child_setup_team", args=[c]),
        "child_setup_iep": reverse("child_setup_iep", args=[c]),
        "team": reverse("team", args=[c]),
        "team_add": reverse("team_add", args=[c]),
        "team_edit": reverse("team_edit", args=[c, member.pk]),
        "team_remove": reverse("team_remove", args=[c, member.pk]),
        "iep": reverse("iep", args=[c]),
        "iep_new": reverse("iep_new", args=[c]),
        "iep_detail": reverse("iep_detail", args=[c, iep.pk]),
        "iep_edit": reverse("iep_edit", args=[c, iep.pk]),
        "iep_import": reverse("iep_import", args=[c]),
        "goals": reverse("goals", args=[c]),
        "progress_import": reverse("progress_import", args=[c]),
    }


def _read(client, url: str, **kwargs) -> str:
    answer = client.get(url, **kwargs)
    assert answer.status_code == 200, url
    return answer.content.decode()


def test_each_page_reads_as_spanish_and_english_stays_english(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    left = {}
    for name, url in object_pages(child).items():
        page = _read(client, url)
        assert '<html lang="es">' in page, name
        if english_left(page):
            left[name] = english_left(page)
    assert left == {}
    # The same pages in English: English, so the check above can fail.
    for name, url in object_pages(child).items():
        page = _read(client, url + "?lang=en")
        assert english_left(page), name


def test_a_former_team_member_and_a_deleted_child_in_spanish(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    member = child.team.current().get(role="case_manager")
    assert not member.take_off_team(child.today())  # named in the records: a former member
    team = _read(client, reverse("team", args=[child.pk]))
    assert english_left(team) == []
    assert "Miembros anteriores del equipo" in team
    other = Child.objects.create(
        household=child.household, name="Leo Alvarez", grade="1", state="CA"
    )
    parent = child.household.memberships.get().user
    other.delete_by(parent)
    deleted = _read(client, reverse("deleted_children"))
    assert "Leo Alvarez" in deleted
    assert english_left(deleted) == []
    assert english_left(_read(client, reverse("deleted_children") + "?lang=en"))


def test_a_form_with_mistakes_says_so_in_spanish(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    answer = client.post(reverse("team_add", args=[child.pk]), {"email": "not an address"})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert english_left(page) == []
    assert "Escriba el nombre de la persona." in page
    answer = client.post(
        reverse("iep_new", args=[child.pk]),
        {
            "start_date": "2026-09-01",
            "end_date": "someday",
            "services-TOTAL_FORMS": "1",
            "services-INITIAL_FORMS": "0",
            "services-0-service": "Speech",
            "services-0-minutes": "-5",
        },
    )
    assert answer.status_code == 400
    page = answer.content.decode()
    assert english_left(page) == []
    answer = client.post(reverse("child_edit", args=[child.pk]), {"birth_date": "2099-01-01"})
    assert answer.status_code == 400
    assert english_left(answer.content.decode()) == []


def _upload(client, child, content: bytes, name: str):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("iep_import", args=[child.pk]), {"file": file}, follow=True)


def test_the_iep_reading_speaks_spanish_and_marks_the_schools_words(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    answer = _upload(client, child, SPARSE_DISTRICT, "IEP 2026.pdf")
    assert answer.redirect_chain[-1][0] == reverse("iep_import_review", args=[child.pk])
    page = answer.content.decode()
    assert english_left(page) == []
    assert "Leído del PDF (página 1)." in page
    assert "No encontramos" in page  # what could not be found, in Spanish
    # The school's words are shown as written, marked as theirs.
    assert "data-own-words" in page
    # A row added by htmx is Spanish too.
    row = _read(
        client,
        reverse("iep_import_row", args=[child.pk, "goals"]) + "?goals-TOTAL_FORMS=3",
    )
    assert english_left(row) == []
    # Saving with a mistake: the summary is Spanish.
    answer = client.post(
        reverse("iep_import_review", args=[child.pk]),
        {
            "start_date": "2026-09-01",
            "end_date": "2026-01-01",
            "services-TOTAL_FORMS": "1",
            "services-INITIAL_FORMS": "0",
            "services-0-service": "Speech",
            "goals-TOTAL_FORMS": "0",
            "goals-INITIAL_FORMS": "0",
            "accommodations-TOTAL_FORMS": "0",
            "accommodations-INITIAL_FORMS": "0",
        },
    )
    page = answer.content.decode()
    assert "Corrija" in page
    assert english_left(page) == []
    # The same review in English is English.
    english = _read(client, reverse("iep_import_review", args=[child.pk]) + "?lang=en")
    assert "Read from the PDF (page 1)." in english


def test_a_pdf_that_could_not_be_read_says_why_in_spanish(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    answer = _upload(client, child, LUNCH_MENU, "menu.pdf")
    page = answer.content.decode()
    assert "No se leyó" in page
    assert "No encontramos ningún dato" in page
    assert english_left(page) == []
    # The job keeps the English message (the API's); the page gives it in English too.
    job = IepReading.objects.get(child=child)
    assert job.error.startswith("We could not find any IEP facts")
    english = _read(client, answer.redirect_chain[-1][0] + "?lang=en")
    assert "We could not find any IEP facts" in english


def test_a_reading_under_way_says_so_in_spanish(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    job = IepReading.objects.create(
        child=child, file_name="IEP.pdf", status=IepReading.Status.RUNNING, progress=30
    )
    job.step(30, "Reading the pages and finding the dates, services and goals")
    page = _read(client, reverse("iep_import_reading", args=[child.pk, job.pk]))
    assert "Leyendo las páginas" in page
    assert english_left(page) == []


def test_what_the_app_says_after_a_change_is_spanish(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    answer = client.post(
        reverse("team_add", args=[child.pk]),
        {"role": "principal", "name": "Ana Ruiz", "email": "aruiz@school.example"},
        follow=True,
    )
    page = answer.content.decode()
    assert "Ana Ruiz está en el equipo de Maya." in page
    assert "Director/a de la escuela" in page  # the role, in the team table
    # The form offers the roles in Spanish too, the English label kept underneath.
    form = _read(client, reverse("team_add", args=[child.pk]))
    assert '<option value="principal">Director/a de la escuela</option>' in form
    assert english_left(page) == []


def test_a_progress_report_that_is_not_a_pdf_is_refused_in_spanish(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    file = SimpleUploadedFile("report.docx", b"PK\x03\x04 a word file")
    answer = client.post(reverse("progress_import", args=[child.pk]), {"file": file})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Este archivo no es un PDF ni un documento de Word." in page
    assert english_left(page) == []


def test_the_goal_chart_speaks_the_readers_language(spanish_demo):  # noqa: F811
    client, child = spanish_demo
    goal = child.current_iep().goals.first()
    url = reverse("goal_chart", args=[child.pk, goal.pk])
    assert "Meta 1" in client.get(url).content.decode()
    assert "Goal 1" in client.get(url + "?lang=en").content.decode()


def test_a_readings_message_is_kept_english_and_shown_in_the_readers_language(settings):
    from django.utils import translation

    from playbook.iep_import.reading import MAX_PAGES, NOT_A_PDF, TOO_LONG, WORD_TOO_LONG, shown
    from playbook.iep_import.reading import too_large_message as too_large

    settings.MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    assert TOO_LONG.startswith(f"This PDF has more than {MAX_PAGES} pages.")
    assert too_large().startswith("This file is larger than 5 MB.")
    with translation.override("es"):
        assert shown(TOO_LONG) == f"Este PDF tiene más de {MAX_PAGES} páginas. Suba el IEP solo."
        assert shown(WORD_TOO_LONG) == (
            f"Este documento de Word tiene más de {MAX_PAGES} páginas. Suba el IEP solo."
        )
        assert shown(too_large()).startswith("Este archivo pesa más de 5 MB.")
        assert shown(NOT_A_PDF).startswith("Este archivo no es un PDF ni un documento de Word.")
        assert shown("Something a newer worker wrote") == "Something a newer worker wrote"
    assert shown(NOT_A_PDF) == NOT_A_PDF
