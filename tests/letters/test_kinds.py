"""Each kind's draft carries what its move needs."""

from __future__ import annotations

import pytest

from playbook.letters import compose, registry
from playbook.letters.params import ParamError

from .conftest import TODAY


def draft(child, kind, **params):
    return compose.draft(child, kind, params, today=TODAY, signature="Alice Parent")


def test_written_concerns_names_the_case_manager_child_evidence_and_the_ask(
    child, case_manager, concern
):
    letter = draft(child, "written_concerns", concern=str(concern.pk))
    assert letter.to == ["Dana Cole <dana.cole@school.example>"]
    assert letter.addressee == case_manager
    assert "Dear Dana Cole," in letter.body
    assert "Sam Rivera" in letter.subject and "Reading is not improving" in letter.subject
    assert "Re: Sam Rivera, born March 14, 2015, Grade 5, Lincoln Elementary" in letter.body
    assert letter.body.startswith(
        "Alice Parent\n\nMarch 2, 2026\n\nSent by email\n\nDana Cole\nCase manager\nLincoln Elementary\n"
    )
    assert "- February 10, 2026: Reads 48 words per minute; the grade goal is 90." in letter.body
    assert "- Cries over reading homework most nights." in letter.body
    assert "- He avoids books he used to enjoy.\n  His teacher noticed too." in letter.body
    assert "Daily small-group reading instruction with a reading specialist." in letter.body
    # Ten school days after Monday March 2.
    assert "Please reply in writing by March 16, 2026" in letter.body
    assert "Sincerely,\nAlice Parent\nParent of Sam Rivera" in letter.body
    assert letter.reply_by.isoformat() == "2026-03-16"


def test_written_concerns_request_overrides_the_concern_and_text_is_not_escaped(
    child, case_manager, concern
):
    letter = draft(
        child, "written_concerns", concern=str(concern.pk), request="A 1:1 aide & a plan"
    )
    assert "A 1:1 aide & a plan" in letter.body
    assert "&amp;" not in letter.body
    assert letter.params == {"concern": str(concern.pk), "request": "A 1:1 aide & a plan"}


def test_without_a_case_manager_the_letter_goes_to_the_school_team(child, concern):
    letter = draft(child, "written_concerns", concern=str(concern.pk))
    assert letter.to == []
    assert "Dear Lincoln Elementary team," in letter.body


def test_to_and_cc_choose_from_the_roster(child, case_manager, teacher, concern):
    letter = draft(
        child,
        "written_concerns",
        concern=str(concern.pk),
        to=str(teacher.pk),
        cc=[str(case_manager.pk)],
    )
    assert letter.to == ["Lee Park <lee.park@school.example>"]
    assert letter.cc == ["Dana Cole <dana.cole@school.example>"]


def test_follow_up_cites_the_first_request_and_days_waited(child, case_manager, ask):
    letter = draft(child, "follow_up", ask=str(ask.pk))
    assert letter.to == ["Lee Park <lee.park@school.example>"]
    assert "On February 2, 2026 I asked you by email for the following:" in letter.body
    assert "An OT evaluation for handwriting" in letter.body
    assert "It has now been 28 days since I last wrote" in letter.body
    assert "I had asked for one by February 16, 2026" in letter.body
    # A timeline and a next step: the reply date, and whom the parent asks next.
    assert "Please reply in writing by March 9, 2026" in letter.body
    assert "If I have not heard from anyone by then, I will ask Dana Cole, case manager" in (
        letter.body
    )
    assert "Following up: An OT evaluation for handwriting" in letter.subject


def test_follow_up_refuses_an_ask_that_was_answered(child, ask):
    ask.status = "granted"
    ask.save()
    with pytest.raises(ParamError) as error:
        draft(child, "follow_up", ask=str(ask.pk))
    assert error.value.name == "ask"


def test_call_recap_gives_the_call_date_and_the_notes(child, case_manager, call):
    letter = draft(child, "meeting_recap", entry=str(call.pk))
    assert letter.to == ["Dana Cole <dana.cole@school.example>"]
    assert "Thank you for our phone call on February 26, 2026 about Reading support." in letter.body
    assert "- Dana said a reading specialist could see Sam twice a week." in letter.body
    assert "please correct me" in letter.body.lower() or "Please correct me" in letter.body
    assert "within 5 school days, by March 9, 2026" in letter.body


def test_meeting_recap_copies_the_invitees(child, case_manager, teacher, meeting):
    letter = draft(
        child,
        "meeting_recap",
        meeting=str(meeting.pk),
        notes="We agreed on a goal.",
        correction_days="3",
    )
    assert letter.cc == ["Lee Park <lee.park@school.example>"]
    assert "the IEP meeting on February 24, 2026" in letter.body
    assert "We agreed on a goal." in letter.body
    assert "within 3 school days" in letter.body


def test_recap_needs_exactly_one_of_meeting_or_entry(child, call, meeting):
    with pytest.raises(ParamError) as error:
        draft(child, "meeting_recap")
    assert error.value.name == "meeting"
    with pytest.raises(ParamError):
        draft(child, "meeting_recap", meeting=str(meeting.pk), entry=str(call.pk))


@pytest.mark.parametrize(
    ("kind", "params", "name"),
    [
        ("written_concerns", {}, "concern"),
        ("written_concerns", {"concern": "not-a-uuid"}, "concern"),
        ("written_concerns", {"concern": "6f1c1c1e-0000-4000-8000-000000000000"}, "concern"),
        ("follow_up", {"ask": ""}, "ask"),
        ("meeting_recap", {"entry": "x", "notes": "n"}, "entry"),
        ("meeting_recap", {"meeting": None, "correction_days": "0"}, "correction_days"),
        ("written_concerns", {"concern": "x", "colour": "blue"}, "colour"),
    ],
)
def test_bad_parameters_name_themselves(child, kind, params, name):
    with pytest.raises(ParamError) as error:
        draft(child, kind, **params)
    assert error.value.name == name
    assert name in str(error.value)


def test_another_childs_concern_is_not_found(child, concern, charlie):
    from playbook.children.models import Child

    other = Child.objects.create(
        household=charlie.memberships.get().household,
        name="Other Kid",
        birth_date=TODAY.replace(year=2016),
        grade="3",
        state="NY",
    )
    with pytest.raises(ParamError) as error:
        draft(other, "written_concerns", concern=str(concern.pk))
    assert "no concern" in error.value.message


def test_unknown_kind():
    with pytest.raises(registry.UnknownKind) as error:
        registry.get("love_letter")
    assert "written_concerns" in str(error.value)


def test_every_registered_kind_has_templates_and_a_title():
    from django.template.loader import get_template

    for kind in registry.all_kinds():
        assert kind.title and kind.why
        get_template(kind.subject_template)
        get_template(kind.body_template)
