"""The goals page (chart, table, flags, the letter), the chart image and importing a
progress report on the page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from playbook.progress.models import ProgressReport

from .reports import LABELLED, NARRATIVE

pytestmark = pytest.mark.django_db


def _upload(client, child, content, **data):
    file = SimpleUploadedFile("report.pdf", content, content_type="application/pdf")
    return client.post(f"/children/{child.pk}/progress-reports/import/", {"file": file, **data})


def test_without_an_iep_the_page_says_what_to_do(alice_client, child):
    page = alice_client.get(f"/children/{child.pk}/goals/")
    assert page.status_code == 200
    assert "There is no IEP yet" in page.content.decode()


def test_import_then_see_chart_table_flags_and_the_letter_link(alice_client, child, iep):
    response = _upload(alice_client, child, NARRATIVE)
    assert response.status_code == 302
    page = alice_client.get(f"/children/{child.pk}/goals/").content.decode()
    goal = iep.goals.get(position=1)
    assert f"/children/{child.pk}/goals/{goal.pk}/chart.svg" in page
    assert "A report says your child is progressing but gives no number" in page
    letter = f"/children/{child.pk}/letters/new/goal_revision_request/?goal={goal.pk}"
    assert letter in page
    chart = alice_client.get(f"/children/{child.pk}/goals/{goal.pk}/chart.svg")
    assert chart["Content-Type"] == "image/svg+xml"
    draft = alice_client.get(letter).content.decode()
    assert "34 CFR § 300.324(b)(1)(ii)" in draft
    assert "34 CFR § 300.320(a)(3)" in draft
    assert "gives no measurement" in draft


def test_a_word_file_renamed_pdf_is_refused_and_nothing_saved(alice_client, child, iep):
    response = _upload(alice_client, child, b"PK\x03\x04word/document.xml")
    assert response.status_code == 400
    assert "not a PDF" in response.content.decode()
    assert ProgressReport.objects.count() == 0


def test_a_read_only_advocate_sees_no_upload_or_letter_button(bob_client, child, iep):
    page = bob_client.get(f"/children/{child.pk}/goals/").content.decode()
    assert "Upload a progress report" not in page
    assert _upload(bob_client, child, LABELLED).status_code == 403


def test_the_binder_includes_each_goals_chart_and_reports(alice_client, child, iep):
    from playbook.exports.binder import Scope, binder_context, render_html

    _upload(alice_client, child, NARRATIVE)
    html = render_html(binder_context(child, Scope(), child.today()))
    assert 'id="goals"' in html
    assert html.count('alt="Chart of goal') == 3
    assert "Comments: Sam is progressing toward this goal" in html
    assert "gives no number" in html
