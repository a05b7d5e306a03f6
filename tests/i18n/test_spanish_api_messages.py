"""The API's problems and progress words in Spanish (issue 19): with `Accept-Language: es`
an IEP reading's error and stage, a letter parameter's problem, a date's problem and a
meeting's student invitation are Spanish, and the same request in English answers as it
always did. The parameter a problem
names ("ask: ...") is a name, not words for a person: it stays as it is."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from playbook.advocacy.models import Concern
from playbook.iep_import import readings
from playbook.iep_import.models import IepReading
from playbook.letters import registry
from playbook.letters.compose import all_params
from playbook.letters.params import NOUNS
from playbook.meetings.models import Meeting
from tests.i18n.test_spanish_api import untranslated
from tests.iep_import.samples import LUNCH_MENU, SPARSE_DISTRICT

API = "/api/v1"
NOT_A_PDF = b"PK\x03\x04 a word file"


def in_both(client, method: str, url: str, **kwargs) -> tuple:
    """The same request answered in Spanish, then in English."""
    send = getattr(client, method)
    return tuple(send(url, HTTP_ACCEPT_LANGUAGE=lang, **kwargs) for lang in ("es", "en"))


def assert_spanish(spanish: str, english: str) -> None:
    assert spanish and spanish != english, (spanish, english)
    assert untranslated([spanish], {english}) == [], spanish


def assert_spanish_after_its_name(es, en, name: str) -> None:
    """Both answers refuse (422) with the field's name first, a name and not words: what
    follows it is Spanish in the one and English in the other."""
    assert es.status_code == en.status_code == 422
    spanish, english = es.json()["detail"], en.json()["detail"]
    assert spanish.startswith(f"{name}: ") and english.startswith(f"{name}: ")
    assert_spanish(spanish.removeprefix(f"{name}: "), english.removeprefix(f"{name}: "))


def pdf(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("iep.pdf", content, content_type="application/pdf")


def test_the_check_can_fail():
    with pytest.raises(AssertionError):
        assert_spanish("This file is not a PDF.", "This file is not a PDF")
    with pytest.raises(AssertionError):
        assert_spanish("must be text.", "must be text.")
    assert_spanish("debe ser texto.", "must be text.")


# --- The IEP reading ------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "status"), [(NOT_A_PDF, 400), (LUNCH_MENU, 422)])
def test_a_refused_iep_says_why_in_spanish(alice_client, child, content, status):
    url = f"{API}/children/{child.pk}/ieps/import"
    es = alice_client.post(url, {"file": pdf(content)}, HTTP_ACCEPT_LANGUAGE="es")
    en = alice_client.post(url, {"file": pdf(content)}, HTTP_ACCEPT_LANGUAGE="en")
    assert es.status_code == en.status_code == status
    assert es["Content-Language"] == "es"
    assert_spanish(es.json()["detail"], en.json()["detail"])


def test_a_reading_job_gives_its_error_and_stage_in_spanish(alice_client, child):
    url = f"{API}/children/{child.pk}/iep-readings"
    started = alice_client.post(url, {"file": pdf(NOT_A_PDF)}, HTTP_ACCEPT_LANGUAGE="es").json()
    assert started["status"] == "failed"
    es, en = in_both(alice_client, "get", started["url"])
    assert_spanish(es.json()["error"], en.json()["error"])
    assert en.json()["error"] == IepReading.objects.get().error  # kept in English


def test_a_read_job_says_done_in_spanish(alice_client, child):
    url = f"{API}/children/{child.pk}/iep-readings"
    started = alice_client.post(url, {"file": pdf(SPARSE_DISTRICT)}).json()
    es, en = in_both(alice_client, "get", started["url"])
    assert es.json()["status"] == "done"
    assert en.json()["stage"] == readings.DONE
    assert_spanish(es.json()["stage"], en.json()["stage"])


def test_a_reading_cut_off_says_so_in_spanish(alice_client, child):
    job = IepReading.objects.create(child=child, file_name="iep.pdf", status="running")
    IepReading.objects.filter(pk=job.pk).update(created_at=datetime(2026, 1, 1, tzinfo=UTC))
    es, en = in_both(alice_client, "get", f"{API}/children/{child.pk}/iep-readings/{job.pk}")
    assert en.json()["error"] == readings.INTERRUPTED
    assert_spanish(es.json()["error"], en.json()["error"])


def test_a_refused_progress_report_says_why_in_spanish(alice_client, child):
    url = f"{API}/children/{child.pk}/progress-reports"
    es = alice_client.post(url, {"file": pdf(NOT_A_PDF)}, HTTP_ACCEPT_LANGUAGE="es")
    en = alice_client.post(url, {"file": pdf(NOT_A_PDF)}, HTTP_ACCEPT_LANGUAGE="en")
    assert es.status_code == en.status_code == 400
    assert_spanish(es.json()["detail"], en.json()["detail"])


# --- A letter's parameters ------------------------------------------------------------------

NO_SUCH = "6f1c1c1e-0000-4000-8000-000000000000"
LATER = date(2099, 4, 1).isoformat()


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"kind": "follow_up"}, "ask"),  # required: the record with its article
        ({"kind": "follow_up", "ask": "zz"}, "ask"),
        ({"kind": "follow_up", "ask": NO_SUCH}, "ask"),
        ({"kind": "meeting_recap", "correction_days": "zz"}, "correction_days"),
        ({"kind": "meeting_recap", "correction_days": 99}, "correction_days"),
        ({"kind": "meeting_request", "availability": [{"date": "2026-02-30"}]}, "availability"),
        (
            {"kind": "meeting_request", "availability": [{"date": LATER, "start": "25:00"}]},
            "availability",
        ),
        (
            {
                "kind": "meeting_request",
                "availability": [{"date": LATER, "start": "10:00", "end": "09:00"}],
            },
            "availability",
        ),
        ({"kind": "written_concerns", "lang": "zz"}, "lang"),
    ],
)
def test_a_letters_parameter_problem_is_spanish_after_its_name(alice_client, child, body, name):
    es, en = in_both(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/letters",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert_spanish_after_its_name(es, en, name)


def test_every_record_a_letter_can_name_has_its_spanish_words():
    nouns = {p.noun for kind in registry.all_kinds() for p in all_params(kind) if p.model}
    assert nouns <= set(NOUNS)
    with translation.override("es"):
        shown = {n: str(NOUNS[n]) for n in nouns}
    assert {n for n, words in shown.items() if words[:3] not in ("el ", "la ")} == set()


@pytest.mark.parametrize(
    ("ask", "english"),
    [
        (None, "ask: is required: choose the ask."),
        ("zz", "ask: 'zz' is not a valid ask id."),
        (NO_SUCH, f"ask: there is no ask with id {NO_SUCH} for Sam Rivera."),
    ],
)
def test_a_records_problem_in_english_names_it_as_before(alice_client, child, ask, english):
    """The Spanish sentence gives the record its article ("el pedido"); English is as it was."""
    body = {"kind": "follow_up"} | ({"ask": ask} if ask else {})
    es, en = in_both(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/letters",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert en.json()["detail"] == english
    assert "el pedido" in es.json()["detail"]


def test_a_kinds_own_check_is_spanish_too(alice_client, child):
    concern = Concern.objects.create(child=child, title="Reading")
    body = {"kind": "meeting_request", "concerns": [str(concern.pk)]}
    es, en = in_both(
        alice_client,
        "post",
        f"{API}/children/{child.pk}/letters",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert es.status_code == en.status_code == 422
    assert en.json()["detail"].startswith("availability: give three dates")
    assert_spanish(es.json()["detail"].partition(": ")[2], en.json()["detail"].partition(": ")[2])


# --- Dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize("birth_date", ["2017-13-01", "soon"])
def test_a_date_that_is_not_one_is_refused_in_spanish(alice_client, child, birth_date):
    es, en = in_both(
        alice_client,
        "patch",
        f"{API}/children/{child.pk}",
        data=json.dumps({"birth_date": birth_date}),
        content_type="application/json",
    )
    assert es.status_code == en.status_code == 422
    spanish, english = es.json()["detail"], en.json()["detail"]
    assert spanish.startswith("birth_date: ") and "YYYY-MM-DD" in english
    assert_spanish(spanish.removeprefix("birth_date: "), english.removeprefix("birth_date: "))


# --- A meeting that plans transition ---------------------------------------------------------


def test_the_student_invitation_is_spanish(alice_client, child):
    child.state = "WA"  # the federal age, 16: Sam turns 16 on 14 March 2031
    child.save()
    meeting = Meeting.objects.create(
        child=child, kind="annual_review", status="scheduled", date=date(2030, 3, 14)
    )
    es, en = in_both(alice_client, "get", f"{API}/meetings/{meeting.pk}")
    spanish, english = es.json()["student_invitation"], en.json()["student_invitation"]
    assert english["text"].startswith("Sam turns 16 on March 14, 2031")
    assert spanish["citation"] == english["citation"] == "34 CFR § 300.321(b)(1)-(2)"
    assert_spanish(spanish["text"], english["text"])


# --- What the API's checks of a field say --------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nickname": "Sam"}, "nickname"),  # not a field: extra_forbidden
        ({"school_year_start_month": 13}, "school_year_start_month"),  # above its maximum
        ({"school_year_start_month": 0}, "school_year_start_month"),  # below its minimum
        ({"school_year_start_month": "soon"}, "school_year_start_month"),  # not a number
        ({"name": "S" * 151}, "name"),  # too long
    ],
)
def test_a_fields_check_is_spanish_after_its_name(alice_client, child, body, field):
    es, en = in_both(
        alice_client,
        "patch",
        f"{API}/children/{child.pk}",
        data=json.dumps(body),
        content_type="application/json",
    )
    assert_spanish_after_its_name(es, en, field)


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Ms.\tRivera", "Keep this on one line: remove the tab."),
        ("Ms. Rivera\x07", "(U+0007, an invisible control character)"),
    ],
)
def test_a_character_that_cannot_be_saved_is_named_in_spanish(alice_client, child, name, english):
    url = f"{API}/children/{child.pk}/team"
    body = json.dumps({"name": name, "role": "teacher", "email": "rivera@school.example"})
    es, en = in_both(alice_client, "post", url, data=body, content_type="application/json")
    assert es.status_code == en.status_code == 422, en.content
    assert english in en.json()["detail"]
    assert_spanish(es.json()["detail"].partition(": ")[2], en.json()["detail"].partition(": ")[2])
    if "U+0007" in english:
        assert "U+0007" in es.json()["detail"]  # the character's code is a name, kept
