"""The four layouts of real IEPs that the import misread (issue 16), and the facts it now
reads besides the dates: date of birth, placement, parent concerns, supplementary aids."""

from __future__ import annotations

import pytest

from playbook.iep_import.reading import ImportRefused, read_iep

from .pdfs import make_pdf
from .real_layouts import (
    COLORADO,
    COLORADO_FACTS,
    FORUM_SUMMARY,
    MASSACHUSETTS_FACTS,
    MASSACHUSETTS_PRESCHOOL,
    PENNSYLVANIA,
    PENNSYLVANIA_FACTS,
)
from .samples import PROSE_DISTRICT, PROSE_DISTRICT_AIDS, TABLE_DISTRICT


def _dates(reading) -> dict:
    return {name: (fact or {}).get("value") for name, fact in reading.facts.items()}


def test_pennsylvania_bracketed_phrase_and_anticipated_duration():
    reading = read_iep(PENNSYLVANIA)
    assert _dates(reading) == PENNSYLVANIA_FACTS
    assert reading.date_of_birth == {"value": "2015-03-04", "page": 1}
    assert reading.parent_concerns["text"] == (
        "Jordan's parents are worried that he reads well below grade level."
    )
    (goal,) = reading.goals
    assert goal["baseline"] == "58 words correct per minute."


def test_colorado_labels_and_values_set_apart_are_read_by_place():
    reading = read_iep(COLORADO)
    assert _dates(reading) == COLORADO_FACTS
    assert reading.date_of_birth == {"value": "2015-03-04", "page": 1}


def test_massachusetts_preschool_iep_is_read_not_refused():
    reading = read_iep(MASSACHUSETTS_PRESCHOOL)
    assert _dates(reading) == MASSACHUSETTS_FACTS
    assert reading.date_of_birth["value"] == "2022-06-02"
    assert [(s["service"], s["minutes"], s["per"], s["sessions"]) for s in reading.services] == [
        ("Speech and language therapy", 60, "week", 2),
        ("Integrated preschool", 750, "week", 5),
    ]
    (goal,) = reading.goals
    assert goal["text"] == "Ava will use two-word phrases to request help in 4 of 5 opportunities."
    assert goal["area"] == "Expressive communication"
    assert goal["baseline"] == "Ava uses 10 single words to request."
    assert reading.parent_concerns["text"] == (
        "Ava's parents want her to use words to ask for help and to play beside other children."
    )


def test_forum_summary_keeps_service_areas_and_the_para_as_a_support():
    reading = read_iep(FORUM_SUMMARY)
    got = [(s["service"], s["minutes"], s["per"], s["setting"]) for s in reading.services]
    assert got == [
        ("Special Education Services: Reading", 225, "week", "Resource room"),
        ("Special Education Services: Math", 30, "day", "General education classroom"),
        ("Special Education Services: Written Expression", 90, "week", "Resource room"),
        ("Speech-language therapy", 60, "week", ""),
    ]
    assert [a["text"] for a in reading.supplementary_aids] == [
        "Para \u2013 300 minutes daily",
        "Small group testing",
    ]
    assert [a["text"] for a in reading.accommodations] == [
        "Extended time on tests",
        "Preferential seating",
    ]
    assert reading.placement["general_education_percent"] == 74


def test_supplementary_aids_are_not_accommodations_and_placement_is_read():
    reading = read_iep(PROSE_DISTRICT)
    assert reading.supplementary_aids == PROSE_DISTRICT_AIDS
    assert reading.accommodations == []
    assert reading.placement == {
        "text": "Sam spends 80% of the day in general education.",
        "page": 1,
        "general_education_percent": 80,
    }


def test_a_placement_without_a_percentage_invents_none():
    placement = read_iep(TABLE_DISTRICT).placement
    assert placement["text"] == "general education classroom with supports"
    assert placement["general_education_percent"] is None


def test_an_iep_in_an_unknown_layout_is_not_called_not_an_iep():
    pdf = make_pdf(["Individualized Education Program", "Student: Ava", "Nothing else here."])
    with pytest.raises(ImportRefused) as refused:
        read_iep(pdf)
    assert "looks like an IEP" in refused.value.message
    assert "not the IEP" not in refused.value.message


@pytest.mark.django_db
def test_placement_and_parent_concerns_are_offered_and_saved(alice_client, child):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from playbook.children.models import IEP

    from .real_layouts import PENNSYLVANIA as pdf

    upload = SimpleUploadedFile("iep.pdf", pdf, content_type="application/pdf")
    # The upload leads through the reading's page (read by then) to the review.
    review = alice_client.post(f"/children/{child.pk}/iep/import/", {"file": upload}, follow=True)
    assert review.redirect_chain[-1][0] == f"/children/{child.pk}/iep/import/review/"
    page = review.content.decode()
    assert "Jordan&#x27;s parents are worried that he reads well below grade level." in page
    form = review.context["dates_form"]
    data = {name: value for name, value in form.initial.items() if value and name in form.fields}
    data |= {
        "services-TOTAL_FORMS": "0", "services-INITIAL_FORMS": "0",
        "goals-TOTAL_FORMS": "0", "goals-INITIAL_FORMS": "0",
        "accommodations-TOTAL_FORMS": "0", "accommodations-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = alice_client.post(f"/children/{child.pk}/iep/import/review/", data)
    assert response.status_code == 302, response.content
    iep = IEP.objects.get(child=child)
    assert iep.parent_concerns_text.startswith("Jordan's parents are worried")
