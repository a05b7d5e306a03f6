"""POST/GET children/{id}/progress-reports and GET children/{id}/goals (docs/api.md)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.progress.models import ProgressEntry, ProgressReport
from tests.iep_import.docx_files import make_docx

from .reports import LABELLED, LABELLED_PAGE, NARRATIVE, PERIODS

pytestmark = pytest.mark.django_db


def upload(client, child_id, content: bytes, **data):
    file = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    return client.post(f"/api/v1/children/{child_id}/progress-reports", {"file": file, **data})


def test_import_saves_entries_matched_to_goals(alice_client, child, iep):
    response = upload(alice_client, child.pk, LABELLED)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["report_date"] == "2027-01-29"
    goals = {str(g.pk): g.position for g in iep.goals.all()}
    assert [(goals[e["goal_id"]], e["value"], e["status"]) for e in body["entries"]] == [
        (0, 58.0, "making progress"),
        (1, 35.0, "insufficient progress"),
    ]
    listed = alice_client.get(f"/api/v1/children/{child.pk}/progress-reports").json()
    assert [r["id"] for r in listed] == [body["id"]]


def test_goals_carry_their_line_reports_and_flags(alice_client, child, iep):
    upload(alice_client, child.pk, PERIODS)
    upload(alice_client, child.pk, NARRATIVE)
    goals = alice_client.get(f"/api/v1/children/{child.pk}/goals").json()
    first, second, third = goals
    assert (first["baseline"], first["target"], first["unit"]) == (50.0, 90.0, "per minute")
    assert [(r["date"], r["value"], r["below_the_line"]) for r in first["reports"]] == [
        ("2026-11-13", 55.0, True),  # the line expects 58 by then
        ("2027-01-29", 57.0, True),
    ]
    assert [f["flag"] for f in first["flags"]] == ["two reports in a row below the line"]
    assert [f["flag"] for f in second["flags"]] == ["progress reported with no number"]
    assert third["reports"][-1]["status"] == "not introduced"


@pytest.mark.parametrize(
    ("content", "status", "words"),
    [
        (b"", 400, "empty"),
        (b"PK\x03\x04 a word file renamed", 400, "not a PDF"),
        (b"%PDF-1.4 broken", 400, "damaged"),
    ],
)
def test_bad_files_save_nothing(alice_client, child, iep, content, status, words):
    response = upload(alice_client, child.pk, content)
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert ProgressReport.objects.count() == ProgressEntry.objects.count() == 0


def test_without_an_iep_the_report_is_refused_plainly(alice_client, child):
    response = upload(alice_client, child.pk, LABELLED)
    assert response.status_code == 422
    assert "Add the IEP first" in response.json()["detail"]
    assert ProgressReport.objects.count() == 0


def test_another_household_gets_404(charlie_client, child, iep):
    assert upload(charlie_client, child.pk, LABELLED).status_code == 404
    assert charlie_client.get(f"/api/v1/children/{child.pk}/goals").status_code == 404
    assert ProgressReport.objects.count() == 0


def test_a_read_only_advocate_reads_but_cannot_import(bob_client, child, iep):
    assert upload(bob_client, child.pk, LABELLED).status_code == 403
    assert bob_client.get(f"/api/v1/children/{child.pk}/goals").status_code == 200
    assert ProgressReport.objects.count() == 0


def test_an_iep_given_by_the_api_with_baselines_draws_its_lines(alice_client, child):
    response = alice_client.post(
        f"/api/v1/children/{child.pk}/ieps",
        {
            "start_date": "2026-09-01",
            "end_date": "2027-08-31",
            "goals": [{"text": "Sam will spell 20 of 25 words.", "baseline": "8 of 25 words"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["goals"][0]["baseline"] == "8 of 25 words"
    (goal,) = alice_client.get(f"/api/v1/children/{child.pk}/goals").json()
    assert (goal["baseline"], goal["target"], goal["flags"]) == (32.0, 80.0, [])


def test_a_progress_report_sent_as_a_word_document_is_read(alice_client, child, iep):
    response = upload(alice_client, child.pk, make_docx(LABELLED_PAGE))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["report_date"] == "2027-01-29"
    assert [(e["value"], e["status"]) for e in body["entries"]] == [
        (58.0, "making progress"),
        (35.0, "insufficient progress"),
    ]
