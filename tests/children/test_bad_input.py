"""Bad input on every child form: a clear error, the typed values kept, nothing stored."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from docx import Document

from playbook.children.models import IEP, Accommodation, Child, Goal, Service, TeamMember
from playbook.children.uploads import WORD_DOCUMENT

from .conftest import PDF

GOOD_CHILD = {
    "name": "Ava Rivera",
    "birth_date": "2016-02-29",
    "grade": "4",
    "school": "Lincoln Elementary",
    "district": "Springfield",
    "state": "OR",
    "school_year_start_month": "9",
}


def iep_post(**overrides) -> dict:
    data = {
        "meeting_date": "2026-09-10",
        "start_date": "2026-09-15",
        "end_date": "2027-09-14",
        "last_evaluation_date": "2025-03-01",
        "reevaluation_due": "",
        "goals_text": "Reads 100 words per minute\n- Writes a paragraph",
        "accommodations_text": "Extended time\nBreaks",
        "services-TOTAL_FORMS": "2",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
        "services-0-service": "Speech therapy",
        "services-0-minutes": "30",
        "services-0-per": "week",
        "services-0-sessions": "2",
        "services-0-setting": "Therapy room",
        "services-1-service": "Occupational therapy",
        "services-1-minutes": "120",
        "services-1-per": "month",
    }
    data.update(overrides)
    return data


def text(response) -> str:
    return response.content.decode()


# The child


def test_adding_a_child_saves_and_goes_on_to_the_team(alice_client, household):
    response = alice_client.post("/children/new/", GOOD_CHILD)
    child = Child.objects.get(name="Ava Rivera")
    assert child.household == household
    assert child.state == "OR" and child.school_year_start_month == 9
    assert response["Location"] == f"/children/{child.pk}/setup/team/"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your child&#x27;s name."),
        ("birth_date", "14/03/2015", "Enter the date as YYYY-MM-DD"),
        ("birth_date", "2015-02-30", "Enter the date as YYYY-MM-DD"),
        ("birth_date", "2099-01-01", "cannot be in the future"),
        ("grade", "13", "Choose a grade from the list."),
        ("state", "", "Choose the state the school is in."),
        ("state", "XX", "Choose a state from the list."),
        ("school_year_start_month", "13", "Choose a month from the list."),
    ],
)
def test_bad_child_input_is_explained_and_nothing_saved(alice_client, field, value, message):
    response = alice_client.post("/children/new/", {**GOOD_CHILD, field: value})
    assert response.status_code == 400
    assert message in text(response)
    assert 'value="Ava Rivera"' in text(response) or field == "name"
    assert "error-summary" in text(response)
    assert not Child.objects.exists()


def test_editing_a_child_keeps_other_facts(alice_client, child):
    data = {**GOOD_CHILD, "name": "Sam Rivera", "grade": "6"}
    response = alice_client.post(f"/children/{child.pk}/edit/", data)
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.grade == "6" and child.state == "OR"


# The team


def test_team_add_edit_and_remove(alice_client, child):
    url = f"/children/{child.pk}/team/add/"
    alice_client.post(url, {"name": "Lee Park", "role": "therapist", "discipline": "OT"})
    member = TeamMember.objects.get(child=child)
    assert member.role_label == "OT therapist"
    alice_client.post(
        f"/children/{child.pk}/team/{member.pk}/edit/",
        {"name": "Lee Park", "role": "principal", "email": "lee@school.example"},
    )
    member.refresh_from_db()
    assert member.role == "principal" and member.email == "lee@school.example"
    assert "Lee Park" in text(alice_client.get(f"/children/{child.pk}/team/"))
    response = alice_client.post(f"/children/{child.pk}/team/{member.pk}/remove/")
    assert response.status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "role": "principal"}, "Enter the person&#x27;s name."),
        ({"name": "Lee", "role": ""}, "Choose the person&#x27;s role."),
        ({"name": "Lee", "role": "janitor"}, "Choose a role from the list."),
        ({"name": "Lee", "role": "principal", "email": "lee@"}, "Enter an email address"),
    ],
)
def test_bad_team_input_is_explained_and_nothing_saved(alice_client, child, data, message):
    response = alice_client.post(f"/children/{child.pk}/team/add/", data)
    assert response.status_code == 400
    assert message in text(response)
    if data["name"]:
        assert f'value="{data["name"]}"' in text(response)
    assert not TeamMember.objects.exists()


def test_every_team_role_can_be_chosen(alice_client, child):
    from playbook.children.models import TeamRole

    for role in TeamRole.values:
        response = alice_client.post(
            f"/children/{child.pk}/team/add/", {"name": f"Person {role}", "role": role}
        )
        assert response.status_code == 302, role
    assert set(TeamMember.objects.values_list("role", flat=True)) == set(TeamRole.values)


# The IEP


def test_a_whole_iep_is_saved_with_services_goals_accommodations_and_file(alice_client, child):
    data = iep_post(upload=SimpleUploadedFile("Sam IEP.pdf", PDF, "application/pdf"))
    response = alice_client.post(f"/children/{child.pk}/iep/new/", data)
    assert response.status_code == 302
    iep = IEP.objects.get(child=child)
    assert str(iep.end_date) == "2027-09-14"
    assert iep.reevaluation_due is None
    assert str(iep.reevaluation_due_or_derived) == "2028-03-01"
    services = list(iep.services.all())
    assert [(s.service, s.minutes, s.per, s.sessions) for s in services] == [
        ("Speech therapy", 30, "week", 2),
        ("Occupational therapy", 120, "month", None),
    ]
    assert [g.text for g in iep.goals.all()] == ["Reads 100 words per minute", "Writes a paragraph"]
    assert [a.text for a in iep.accommodations.all()] == ["Extended time", "Breaks"]
    assert iep.file_name == "Sam IEP.pdf"
    assert iep.file.name.endswith(".pdf") and "Sam" not in iep.file.name
    with iep.file.open("rb") as stored:
        assert stored.read() == PDF


def assert_iep_refused(response, message: str) -> None:
    assert response.status_code == 400
    body = text(response)
    assert message in body, body
    # Everything the parent typed comes back.
    assert 'value="Speech therapy"' in body
    assert "Reads 100 words per minute" in body
    assert "Extended time" in body
    assert not IEP.objects.exists()
    assert not Service.objects.exists()
    assert not Goal.objects.exists()
    assert not Accommodation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start_date": ""}, "Enter the start date."),
        ({"end_date": ""}, "Enter the end date (annual review due)."),
        ({"start_date": "09/15/26x"}, "Enter the date as YYYY-MM-DD"),
        ({"end_date": "2027-13-01"}, "Enter the date as YYYY-MM-DD"),
        ({"end_date": "2026-09-01"}, "The end date must be after the start date."),
        ({"end_date": "2026-09-15"}, "The end date must be after the start date."),
        ({"reevaluation_due": "2024-01-01"}, "due after the last evaluation date"),
        ({"services-1-minutes": "-30"}, "Enter 1 minute or more (not a negative number)."),
        ({"services-1-minutes": "0"}, "Enter 1 minute or more"),
        ({"services-1-minutes": "lots"}, "Enter the minutes as a whole number"),
        ({"services-1-minutes": ""}, "Enter the minutes."),
        ({"services-1-per": "year"}, "Choose per day, per week or per month."),
        ({"services-1-per": ""}, "Choose per day, per week or per month."),
        ({"services-1-service": ""}, "Name the service, like speech therapy."),
        ({"services-1-sessions": "-1"}, "Enter 1 session or more"),
    ],
)
def test_bad_iep_input_is_explained_and_nothing_saved(alice_client, child, overrides, message):
    response = alice_client.post(f"/children/{child.pk}/iep/new/", iep_post(**overrides))
    assert_iep_refused(response, message)


def test_a_30_mb_upload_is_refused_saying_the_limit(alice_client, child, settings):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (30 * 1024 * 1024), "application/pdf")
    response = alice_client.post(f"/children/{child.pk}/iep/new/", iep_post(upload=big))
    assert_iep_refused(response, "larger than 20 MB")
    assert settings.MAX_UPLOAD_BYTES == 20 * 1024 * 1024


def test_a_pdf_name_on_something_else_is_refused(alice_client, child):
    fake = SimpleUploadedFile("iep.pdf", b"<html><script>alert(1)</script>", "application/pdf")
    response = alice_client.post(f"/children/{child.pk}/iep/new/", iep_post(upload=fake))
    assert_iep_refused(response, "This file is not a PDF or a Word document, even if its name")


@override_settings(MAX_UPLOAD_BYTES=1024 * 1024)
def test_the_size_limit_follows_the_setting(alice_client, child):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024), "application/pdf")
    response = alice_client.post(f"/children/{child.pk}/iep/new/", iep_post(upload=big))
    assert_iep_refused(response, "larger than 1 MB")


def test_a_good_file_with_another_error_asks_to_choose_it_again(alice_client, child):
    data = iep_post(end_date="2020-01-01", upload=SimpleUploadedFile("a.pdf", PDF))
    response = alice_client.post(f"/children/{child.pk}/iep/new/", data)
    assert_iep_refused(response, "Choose the file again")


def test_blank_service_rows_are_skipped(alice_client, child):
    data = iep_post(**{"services-1-service": "", "services-1-minutes": "", "services-1-per": ""})
    assert alice_client.post(f"/children/{child.pk}/iep/new/", data).status_code == 302
    assert list(Service.objects.values_list("service", flat=True)) == ["Speech therapy"]


def test_editing_an_iep_changes_removes_and_adds_services(alice_client, child, iep):
    speech = iep.services.get()
    page = text(alice_client.get(f"/children/{child.pk}/iep/{iep.pk}/edit/"))
    assert page.count("Remove this service") == 1  # the saved row, not the blank one
    assert "Reads 90 words per minute" in page and "Extended time" in page
    data = iep_post(
        **{
            "start_date": "2025-09-15",
            "end_date": "2026-09-14",
            "services-TOTAL_FORMS": "2",
            "services-INITIAL_FORMS": "1",
            "services-0-id": str(speech.pk),
            "services-0-iep": str(iep.pk),
            "services-0-minutes": "45",
            "services-1-service": "Counseling",
            "services-1-minutes": "20",
            "services-1-per": "week",
            "goals_text": "Reads 90 words per minute\nNew goal",
        }
    )
    response = alice_client.post(f"/children/{child.pk}/iep/{iep.pk}/edit/", data)
    assert response.status_code == 302, text(response)
    assert [(s.service, s.minutes) for s in iep.services.all()] == [
        ("Speech therapy", 45),
        ("Counseling", 20),
    ]
    assert [g.text for g in iep.goals.all()] == ["Reads 90 words per minute", "New goal"]
    counseling = iep.services.get(service="Counseling")
    data.update(
        {
            "services-INITIAL_FORMS": "2",
            "services-0-DELETE": "on",
            "services-1-id": str(counseling.pk),
            "services-1-iep": str(iep.pk),
        }
    )
    response = alice_client.post(f"/children/{child.pk}/iep/{iep.pk}/edit/", data)
    assert response.status_code == 302, text(response)
    assert list(iep.services.values_list("service", flat=True)) == ["Counseling"]


def test_a_failed_edit_changes_nothing(alice_client, child, iep):
    speech = iep.services.get()
    data = iep_post(
        **{
            "start_date": "2025-09-15",
            "end_date": "2026-09-14",
            "goals_text": "Changed goal",
            "services-INITIAL_FORMS": "1",
            "services-0-id": str(speech.pk),
            "services-0-iep": str(iep.pk),
            "services-0-minutes": "45",
            "services-1-minutes": "-5",
        }
    )
    response = alice_client.post(f"/children/{child.pk}/iep/{iep.pk}/edit/", data)
    assert response.status_code == 400
    assert "Changed goal" in text(response)
    speech.refresh_from_db()
    assert speech.minutes == 60
    assert [g.text for g in iep.goals.all()] == ["Reads 90 words per minute"]
    assert iep.services.count() == 1


def test_replacing_the_file_keeps_only_the_new_one(
    alice_client, child, iep, django_capture_on_commit_callbacks
):
    url = f"/children/{child.pk}/iep/{iep.pk}/edit/"
    base = {
        "start_date": "2025-09-15",
        "end_date": "2026-09-14",
        "services-TOTAL_FORMS": "0",
        "services-INITIAL_FORMS": "0",
    }
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(url, {**base, "upload": SimpleUploadedFile("one.pdf", PDF)})
    iep.refresh_from_db()
    first = iep.file.name
    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(url, {**base, "upload": SimpleUploadedFile("two.pdf", PDF + b"2")})
    iep.refresh_from_db()
    assert iep.file_name == "two.pdf" and iep.file.name != first
    assert not iep.file.storage.exists(first)


def test_the_iep_model_keeps_its_dates_in_order(child):
    from django.core.exceptions import ValidationError

    iep = IEP(child=child, start_date="2026-09-15", end_date="2026-09-01")
    with pytest.raises(ValidationError) as caught:
        iep.full_clean()
    assert "end_date" in caught.value.message_dict
    iep = IEP(
        child=child,
        start_date="2026-09-15",
        end_date="2027-09-14",
        last_evaluation_date="2025-01-01",
        reevaluation_due="2024-01-01",
    )
    with pytest.raises(ValidationError) as caught:
        iep.full_clean()
    assert "reevaluation_due" in caught.value.message_dict


def test_a_date_error_is_said_beside_the_field_and_in_the_summary_once_each(
    alice_client, child, iep
):
    for url in [f"/children/{child.pk}/iep/new/", f"/children/{child.pk}/iep/{iep.pk}/edit/"]:
        response = alice_client.post(url, iep_post(end_date="2026-01-01"))
        assert text(response).count("The end date must be after the start date.") == 2
        response = alice_client.post(url, iep_post(reevaluation_due="2020-01-01"))
        assert text(response).count("The reevaluation is due after") == 2


def test_removing_someone_the_trail_names_keeps_them_as_a_former_member(
    alice_client, child, case_manager
):
    from django.utils import timezone

    from playbook.trail.chain import append, verify

    append(
        child,
        occurred_at=timezone.now(),
        kind="call",
        subject="Call about reading",
        counterpart=case_manager,
    )
    response = alice_client.post(f"/children/{child.pk}/team/{case_manager.pk}/remove/")
    assert response.status_code == 302
    case_manager.refresh_from_db()
    assert case_manager.left_on == child.today()  # the family's date, not the server's
    assert verify(child).ok
    page = text(alice_client.get(f"/children/{child.pk}/team/"))
    assert "Former team members" in page and "Dana Cole" in page
    home = text(alice_client.get(f"/children/{child.pk}/"))
    assert "Dana Cole" not in home
    response = alice_client.post(f"/children/{child.pk}/team/{case_manager.pk}/restore/")
    assert response.status_code == 302
    assert "Dana Cole" in text(alice_client.get(f"/children/{child.pk}/"))


def test_removing_someone_no_record_names_deletes_them(alice_client, child, case_manager):
    alice_client.post(f"/children/{child.pk}/team/{case_manager.pk}/remove/")
    assert not TeamMember.objects.filter(pk=case_manager.pk).exists()


def test_a_failure_midway_leaves_no_rows_and_no_file(alice_client, child, monkeypatch, settings):
    import os

    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Accommodation.objects, "bulk_create", broken)
    upload_dir = os.path.join(settings.MEDIA_ROOT, "ieps", str(child.pk))
    data = iep_post(upload=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(DatabaseError):
        alice_client.post(f"/children/{child.pk}/iep/new/", data)
    assert not IEP.objects.exists() and not Service.objects.exists()
    assert not Goal.objects.exists()
    assert not os.path.exists(upload_dir) or os.listdir(upload_dir) == []


def test_a_word_document_attached_by_hand_is_kept_and_sent_back_as_word(alice_client, child):
    """The draft the school sent as .docx, attached to an IEP typed in by hand; named .pdf
    by mistake, it is still kept and served as the Word document it is."""
    draft = Document()
    draft.add_paragraph("Draft IEP")
    out = BytesIO()
    draft.save(out)
    word = SimpleUploadedFile("Draft IEP.pdf", out.getvalue(), "application/pdf")
    response = alice_client.post(f"/children/{child.pk}/iep/new/", iep_post(upload=word))
    assert response.status_code == 302, response.content
    iep = IEP.objects.get(child=child)
    assert iep.file.name.endswith(".docx") and iep.file_name == "Draft IEP.pdf"
    download = alice_client.get(f"/children/{child.pk}/iep/{iep.pk}/file/")
    assert download["Content-Type"] == WORD_DOCUMENT
    assert b"".join(download.streaming_content) == out.getvalue()
