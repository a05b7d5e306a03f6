"""Issue 15, the substance each letter kind was missing, in the .txt and the PDF text:
the trial terms' baseline, success criterion, school-week review and failure path; the IEE
request's evaluation type and areas; the current IEP service in written concerns; the recap's
request that the IEP and prior written notice reflect what was agreed."""

from __future__ import annotations

import io
import re
from datetime import date

import pdfplumber
import pytest

from playbook.children.models import SchoolBreak
from playbook.letters import compose, drafts, files
from playbook.meetings.models import DataSeries, Measurement, Trial

from .conftest import TODAY


def saved(child, alice, kind, **params):
    made = compose.draft(child, kind, params, today=TODAY, sender=compose.Sender.of(alice))
    return drafts.save_draft(child, made, author=alice)


def flat(text: str) -> str:
    """One line, list marks aside (the PDF draws its own)."""
    return " ".join(re.sub(r"(?m)^\s*[-•]\s+", "", text).split())


def both(letter) -> list[str]:
    """The letter's .txt and its PDF's text, each on one line."""
    with pdfplumber.open(io.BytesIO(files.as_pdf(letter))) as pdf:
        pdf_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return [flat(files.as_txt(letter).decode()), flat(pdf_text)]


@pytest.fixture
def series(child):
    series = DataSeries.objects.create(
        child=child, name="Times he left the room", unit="per week", goal=1
    )
    for day, value in [(date(2026, 2, 2), 7), (date(2026, 2, 16), 4)]:
        Measurement.objects.create(series=series, date=day, value=value)
    return series


@pytest.fixture
def trial(child, series):
    return Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        instead_of="a dedicated 1:1 aide",
        start_date=date(2026, 2, 9),
        weeks=6,
        measure="times he leaves the classroom",
        review_date=date(2026, 3, 24),
        series=series,
    )


def test_trial_terms_state_baseline_success_review_and_what_happens_if_it_fails(
    child, alice, case_manager, trial
):
    letter = saved(child, alice, "trial_terms", trial=str(trial.pk))
    for text in both(letter):
        # The baseline: no entered one, so the series' last point before the start.
        assert "Where it starts (baseline): 7 per week, as measured before the trial" in text
        assert (
            "What will count as success: Times he left the room at or below 1 per week by "
            "the review meeting" in text
        )
        assert "Review meeting: Tuesday, March 24, 2026" in text
        assert "The trial counts school weeks: 6 weeks of school days" in text
        assert "If the trial does not work, that is, if by the review meeting the data" in text
        assert "reconvene at that meeting to revisit my proposal of a dedicated 1:1 aide" in text
        assert "prior written notice (34 CFR § 300.503(a)(2))" in text
        assert "Please confirm that you have received this letter." in text


def test_trial_terms_do_not_claim_school_weeks_a_review_date_does_not_give(
    child, alice, case_manager, trial
):
    trial.review_date = date(2026, 3, 23)  # a day short: Presidents' Day is not a school day
    trial.save()
    body = saved(child, alice, "trial_terms", trial=str(trial.pk)).body
    assert "counts school weeks" not in body
    assert "\n\n\n" not in body
    assert "Measured by" in body and "I agreed to this trial" in body


def test_trial_terms_with_an_entered_baseline_and_a_goal_above_it(child, alice, case_manager):
    series = DataSeries.objects.create(
        child=child, name="Words read per minute", unit="words/min", baseline=48, goal=90
    )
    trial = Trial.objects.create(
        child=child,
        proposal="a reading group three times a week",
        start_date=date(2026, 2, 9),
        weeks=6,
        measure="words read per minute",
        review_date=date(2026, 3, 24),
        series=series,
    )
    text = both(saved(child, alice, "trial_terms", trial=str(trial.pk)))[0]
    assert "Where it starts (baseline): 48 words/min" in text
    assert "as measured before" not in text
    assert "Words read per minute at or above 90 words/min" in text


def test_trial_terms_without_data_ask_for_a_baseline_and_a_measure_of_success(
    child, alice, case_manager
):
    trial = Trial.objects.create(
        child=child,
        proposal="a visual schedule",
        start_date=date(2026, 2, 9),
        weeks=4,
        measure="transitions without prompting",
        review_date=date(2026, 3, 10),
    )
    text = both(saved(child, alice, "trial_terms", trial=str(trial.pk)))[0]
    assert "baseline): not measured yet; please measure it in the first week" in text
    assert "success: not agreed yet; please tell me what number will show" in text
    assert "If the trial does not work, I ask that the IEP team reconvene" in text
    assert "None" not in text


def test_trial_terms_say_plainly_a_winter_break_cuts_the_trial_short_and_offer_to_extend(
    child, alice, case_manager, series
):
    SchoolBreak.objects.create(
        child=child, name="Winter break", start=date(2026, 12, 21), end=date(2027, 1, 1)
    )
    trial = Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        start_date=date(2026, 12, 7),
        weeks=4,
        measure="times he leaves the classroom",
        review_date=date(2027, 1, 4),  # four calendar weeks, straight through the break
        series=series,
    )
    for text in both(saved(child, alice, "trial_terms", trial=str(trial.pk))):
        assert "Winter break (December 21 to January 1) falls inside the trial" in text
        assert "it will have run only 2 school weeks" in text
        assert "move the review meeting to Tuesday, January 19, 2027" in text
    body = saved(child, alice, "trial_terms", trial=str(trial.pk)).body
    assert "\n\n\n" not in body

    # Once extended, the letter says the break is not counted and offers nothing more.
    trial.review_date = date(2027, 1, 19)
    trial.save()
    text = both(saved(child, alice, "trial_terms", trial=str(trial.pk)))[0]
    assert "Winter break (December 21 to January 1) falls inside the trial and is not counted" in (
        text
    )
    assert "I propose that we move" not in text


# The IEE request ---------------------------------------------------------------------------


def test_iee_request_names_the_evaluation_type_and_takes_areas_as_a_list(
    alice_client, child, alice, case_manager
):
    import json

    answer = alice_client.post(
        f"/api/v1/children/{child.pk}/letters",
        json.dumps(
            {
                "kind": "iee_request",
                "evaluation_date": "2026-10-15",
                "evaluator": "Jordan Lee, school psychologist",
                "evaluation_type": "psychoeducational",
                "areas": ["Reading fluency", "Written expression"],
            }
        ),
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    body = flat(answer.json()["body"])
    assert "I have read the psychoeducational evaluation of Sam dated October 15, 2026" in body
    assert "(34 CFR § 300.502(b)(1)): an independent psychoeducational evaluation." in body
    assert "- Reading fluency\n- Written expression\n" in answer.json()["body"]
    assert answer.json()["params"]["areas"] == ["Reading fluency", "Written expression"]

    # The same areas as one string, one per line, as the page sends them.
    letter = saved(
        child,
        alice,
        "iee_request",
        evaluation_date="2026-01-15",
        evaluator="Jordan Lee",
        evaluation_type="fba",
        areas="Reading fluency\nWritten expression",
    )
    for text in both(letter):
        assert "functional behavioral assessment (FBA) of Sam dated January 15, 2026" in text
        assert "34 CFR § 300.502" in text
        assert "Reading fluency" in text and "Written expression" in text


def test_iee_request_refuses_an_unknown_evaluation_type(alice_client, child, case_manager):
    import json

    answer = alice_client.post(
        f"/api/v1/children/{child.pk}/letters",
        json.dumps(
            {
                "kind": "iee_request",
                "evaluation_date": "2026-10-15",
                "evaluator": "Jordan Lee",
                "evaluation_type": "horoscope",
            }
        ),
        content_type="application/json",
    )
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert detail.startswith("evaluation_type:") and "psychoeducational" in detail
    assert ", ," not in detail and ": , " not in detail


# Written concerns ----------------------------------------------------------------------------


@pytest.fixture
def iep(child):
    from playbook.children.models import IEP, Service

    iep = IEP.objects.create(child=child, start_date=date(2025, 9, 2), end_date=date(2026, 9, 1))
    Service.objects.create(iep=iep, service="Speech-language therapy", minutes=60, per="week")
    Service.objects.create(
        iep=iep,
        service="Specialized academic instruction: reading",
        minutes=150,
        per="week",
        setting="resource room",
        position=1,
    )
    return iep


def test_written_concerns_state_the_current_service_so_the_gap_shows(
    child, alice, case_manager, concern, iep
):
    letter = saved(child, alice, "written_concerns", concern=str(concern.pk))
    for text in both(letter):
        assert (
            "What Sam's IEP provides for this now: Specialized academic instruction: reading: "
            "150 minutes per week (resource room)" in text
        )
        assert "Speech-language therapy" not in text  # not the reading concern's service
        provides = text.index("What Sam's IEP provides")
        assert provides < text.index("What I am asking for:")
        assert "Daily small-group reading instruction" in text[provides:]


def test_written_concerns_in_spanish_state_the_service_too(
    child, alice, case_manager, concern, iep
):
    letter = compose.draft(
        child, "written_concerns", {"concern": str(concern.pk)}, today=TODAY, lang="es"
    )
    assert "Lo que el IEP de Sam le da ahora para esto:" in letter.translation
    assert "150 minutos por semana (resource room)" in letter.translation
    assert "150 minutes per week (resource room)" in letter.body


def test_written_concerns_without_a_matching_service_say_nothing_of_one(
    child, alice, case_manager, iep
):
    from playbook.advocacy.models import Concern

    concern = Concern.objects.create(
        child=child, title="Trouble with stairs", area="Mobility", request="A PT evaluation."
    )
    text = both(saved(child, alice, "written_concerns", concern=str(concern.pk)))[0]
    assert "IEP provides" not in text
    assert "What I am asking for: A PT evaluation." in text


# The recap of a meeting ----------------------------------------------------------------------


def test_meeting_recap_picks_up_a_no_written_in_the_parents_own_notes(
    child, alice, case_manager, meeting
):
    from playbook.refusals.models import Refusal

    Refusal.objects.create(
        child=child, said_by=case_manager, said_on=meeting.date, words="We don't provide 1:1 aides."
    )
    meeting.outcome = (
        "We agreed to add 30 minutes of reading support each week.\n"
        "The team will send the draft IEP by Friday.\n"
        "They said an OT evaluation is not needed because his handwriting is age appropriate.\n"
        "We don't provide 1:1 aides."
    )
    meeting.save()
    letter = saved(child, alice, "meeting_recap", meeting=str(meeting.pk))
    section = letter.body.split("the school said no to the following:")[1].split("Please send")[0]
    assert '- Dana Cole: "We don\'t provide 1:1 aides."' in section
    assert "- They said an OT evaluation is not needed because his handwriting" in section
    assert section.count("1:1 aides") == 1  # the recorded refusal is not listed twice
    assert "reading support" not in section and "draft IEP" not in section
    for text in both(letter):
        assert "prior written notice of each of these decisions" in text
        assert "34 CFR § 300.503" in text
        assert "IEP, and any prior written notice of the team's decisions, reflect what we" in (
            text
        )


def test_meeting_recap_leaves_out_a_no_written_in_an_email_that_day(
    child, alice, case_manager, meeting
):
    """Found on a walk: every refusal dated the meeting's day went into "At the meeting, the
    school said no to the following", the ones heard in that morning's emails too."""
    from django.utils import timezone

    from playbook.refusals.models import Refusal
    from playbook.trail.chain import append

    email = append(
        child, occurred_at=timezone.now(), kind="email", direction="received",
        subject="RE: reading", body="We don't have a reading specialist this year.",
    )  # fmt: skip
    Refusal.objects.create(
        child=child, said_by=case_manager, said_on=meeting.date, entry=email,
        words="We don't have a reading specialist this year.",
    )  # fmt: skip
    Refusal.objects.create(
        child=child, said_by=case_manager, said_on=meeting.date, words="We don't provide 1:1 aides."
    )
    letter = saved(child, alice, "meeting_recap", meeting=str(meeting.pk))
    section = letter.body.split("the school said no to the following:")[1].split("Please send")[0]
    assert "1:1 aides" in section
    assert "reading specialist" not in letter.body


def test_a_call_recap_hears_a_no_in_the_notes_too(child, alice, case_manager, call):
    letter = compose.draft(
        child,
        "meeting_recap",
        {
            "entry": str(call.pk),
            "notes": "We talked about homework.\nWe don't do extended school year for "
            "students like him.",
        },
        today=TODAY,
    )
    assert "In our phone call, the school said no to the following:" in letter.body
    assert "- We don't do extended school year for students like him." in letter.body


# The Parent Concerns statement and letters with no school recorded ---------------------------


def test_parent_concerns_lists_no_tracking_item_and_no_trial_of_an_unchosen_concern(
    child, alice, case_manager, teacher, concern, ask
):
    from playbook.advocacy.models import Ask, Concern

    for kind, subject in (
        ("escalation", "Escalation to Maria Ortiz: An OT evaluation for handwriting"),
        ("policy_request", "Written policy behind the \u201cno\u201d of February 20, 2026"),
    ):
        Ask.objects.create(
            child=child,
            subject=subject,
            asked_of=teacher,
            asked_on=date(2026, 2, 25),
            channel="email",
            kind=kind,
        )
    other = Concern.objects.create(child=child, title="Recess", request="A recess buddy.")
    Trial.objects.create(
        child=child,
        proposal="a recess buddy for two weeks",
        start_date=date(2026, 2, 23),
        weeks=2,
        measure="days he played with others",
        review_date=date(2026, 3, 9),
        concern=other,
    )
    Trial.objects.create(
        child=child,
        proposal="a reading group",
        start_date=date(2026, 2, 23),
        weeks=4,
        measure="words read per minute",
        review_date=date(2026, 3, 23),
        concern=concern,
    )
    letter = saved(child, alice, "parent_concerns", concerns=[str(concern.pk)])
    for text in both(letter):
        asking = text.split("What I am asking for")[1]
        assert "Escalation to" not in asking and "Written policy behind" not in asking
        # The parent's real request still waiting is listed, in sentence case.
        assert "An OT evaluation for handwriting (I asked on February 2, 2026" in asking
        assert "We agreed to try a reading group" in text
        assert "recess buddy for two weeks" not in text


@pytest.mark.parametrize("kind", ["written_concerns", "trial_terms", "iee_request"])
def test_with_no_school_recorded_a_letter_has_no_placeholder(
    child, alice, case_manager, concern, trial, kind
):
    child.school = ""
    child.save()
    params = {
        "written_concerns": {"concern": str(concern.pk)},
        "trial_terms": {"trial": str(trial.pk)},
        "iee_request": {"evaluation_date": "2026-01-15", "evaluator": "Jordan Lee"},
    }[kind]
    letter = saved(child, alice, kind, **params)
    for text in both(letter):
        assert "Re: Sam Rivera, born March 14, 2015, Grade 5" in text
        assert "Grade 5, school" not in text and ", school " not in text
        assert "[" not in text and "{{" not in text and "None" not in text


def test_a_recap_does_not_call_a_granted_request_a_no(child, alice, case_manager, call):
    # The recogniser reads this sentence as a no, but not surely: it stays out of the list.
    letter = compose.draft(child, "meeting_recap", {"entry": str(call.pk)}, today=TODAY)
    assert "said no" not in letter.body and "300.503" not in letter.body


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_trial_typed_with_capitals_reads_as_part_of_the_sentence(
    child, alice, case_manager, trial, lang
):
    # Parents type a form's field as a sentence: "A dedicated 1:1 aide", not "a dedicated...".
    trial.proposal = "Support from the shared classroom paraprofessional"
    trial.instead_of = "A dedicated 1:1 aide"
    trial.save()
    texts = []
    for kind in ("trial_terms", "meeting_request"):
        params = {"trial": str(trial.pk)}
        if kind == "meeting_request":
            params["availability"] = [
                {"date": "2026-03-25"},
                {"date": "2026-03-26"},
                {"date": "2026-03-27"},
            ]
        made = compose.draft(
            child, kind, params, today=TODAY, sender=compose.Sender.of(alice), lang=lang
        )
        texts.append(flat(made.translation if lang == "es" else made.body))
    trial_terms, meeting_request = texts
    if lang == "en":
        assert "revisit my proposal of a dedicated 1:1 aide" in trial_terms
        assert "that I asked for a dedicated 1:1 aide" in trial_terms
        assert "review the trial of support from the shared classroom" in meeting_request
        assert "instead of a dedicated 1:1 aide" in meeting_request
    else:
        assert "mi propuesta de a dedicated 1:1 aide" in trial_terms
        assert "revisar la prueba de support from the shared classroom" in meeting_request
    assert "of A dedicated" not in " ".join(texts) and "de A dedicated" not in " ".join(texts)
