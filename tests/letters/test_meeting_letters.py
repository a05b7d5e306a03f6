"""The letters of meetings and the Parent Concerns section (issue 4): the meeting request
with its three windows, the Parent Concerns statement, the trial terms, and the recap of a
meeting."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime
from email import policy
from email.parser import BytesParser

import pdfplumber
import pytest
import time_machine
from docx import Document

from playbook.advocacy.asks import default_reply_due
from playbook.advocacy.concerns import add_evidence
from playbook.advocacy.models import Ask, Concern
from playbook.children.models import SchoolBreak
from playbook.letters import compose, drafts, files
from playbook.letters.models import Letter
from playbook.letters.params import ParamError
from playbook.meetings.models import DataSeries, Measurement, Meeting, Trial
from playbook.refusals.models import Refusal
from tests.letters.texts import with_subject

from .conftest import TODAY
from .test_files_and_sending import words

API = "/api/v1"
# TODAY is Monday, March 2, 2026.
WINDOWS = [
    {"date": "2026-03-10", "start": "09:00", "end": "11:00"},
    {"date": "2026-03-12", "start": "13:30"},
    {"date": "2026-03-16"},
]
WINDOW_TEXT = [
    "Tuesday, March 10, 2026, 9:00 AM to 11:00 AM",
    "Thursday, March 12, 2026, from 1:30 PM",
    "Monday, March 16, 2026, any time during the school day",
]


def draft(child, kind, **params):
    return compose.draft(child, kind, params, today=TODAY, signature="Alice Parent")


def saved(child, alice, kind, **params):
    return drafts.save_draft(child, draft(child, kind, **params), author=alice)


@pytest.fixture
def behaviour(child):
    concern = Concern.objects.create(
        child=child,
        title="Leaves the classroom when upset",
        area="Behavior",
        request="A 1:1 aide for the whole school day.",
    )
    add_evidence(concern, text="Left the room 7 times in one week.", kind="data")
    return concern


@pytest.fixture
def trial(child, behaviour):
    series = DataSeries.objects.create(
        child=child, name="Times he left the room", unit="per week", baseline=7, goal=1
    )
    for day, value in [(date(2026, 2, 9), 6), (date(2026, 2, 16), 4), (date(2026, 2, 23), 3)]:
        Measurement.objects.create(series=series, date=day, value=value)
    return Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        instead_of="a dedicated 1:1 aide",
        start_date=date(2026, 2, 9),
        weeks=6,
        measure="times he leaves the classroom",
        how_often="every school day",
        measured_by="the classroom teacher",
        review_date=date(2026, 3, 23),
        concern=behaviour,
        series=series,
    )


def request_params(concern, behaviour, **extra):
    return {"concerns": [str(concern.pk), str(behaviour.pk)], "availability": WINDOWS, **extra}


# The meeting request -------------------------------------------------------------------


def test_meeting_request_has_the_concerns_the_windows_the_case_manager_and_the_signature(
    child, alice, case_manager, concern, behaviour
):
    letter = draft(child, "meeting_request", **request_params(concern, behaviour))
    body = letter.body
    assert letter.to == ["Dana Cole <dana.cole@school.example>"]
    assert "Dear Dana Cole," in body
    assert "request an IEP meeting to discuss Sam's progress" in body
    assert "needs are not being met" in body and "changes to the IEP may be needed" in body
    agenda = body.split("I would like the meeting to cover:")[1].split("I am available")[0]
    assert "- Reading is not improving (Reading)" in agenda
    assert "- Leaves the classroom when upset (Behavior)" in agenda
    availability = body.split("I am available at these times:")[1]
    for text in WINDOW_TEXT:
        assert f"- {text}" in availability
    assert "let me know once the meeting is scheduled" in body
    assert body.rstrip().endswith("Alice Parent\nParent of Sam Rivera")
    # Not the usual ten school days (March 16): the school day before the first window.
    assert letter.reply_by == date(2026, 3, 9) < default_reply_due(child, TODAY)
    assert letter.params["availability"] == WINDOWS


@pytest.mark.parametrize(
    ("availability", "says"),
    [
        (WINDOWS[:2], "give three dates when you can meet; you gave 2"),
        ([], "give three dates when you can meet"),
        (
            [{"date": "2026-02-27"}, *WINDOWS[1:]],
            "window 1 (February 27, 2026): this date is in the past",
        ),
        (
            [WINDOWS[0], {"date": "2026-03-10", "start": "14:00"}, WINDOWS[2]],
            "two windows are on the same day",
        ),
        (
            [WINDOWS[0], {"date": "2026-03-13", "start": "11:00", "end": "10:00"}, WINDOWS[2]],
            "end before start",
        ),
        ([WINDOWS[0], {"date": "March 13"}, WINDOWS[2]], "is not a date; use YYYY-MM-DD"),
        (
            [WINDOWS[0], {"date": "2026-03-13", "start": "9am"}, WINDOWS[2]],
            "is not a time; use HH:MM",
        ),
    ],
)
def test_a_bad_set_of_windows_is_refused_by_the_api_saying_why(
    alice_client, child, case_manager, concern, behaviour, availability, says
):
    response = alice_client.post(
        f"{API}/children/{child.pk}/letters?today={TODAY}",
        json.dumps(
            {
                "kind": "meeting_request",
                **request_params(concern, behaviour),
                "availability": availability,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    detail = response.json()["detail"]
    assert detail.startswith("availability:") and says in detail
    assert not Letter.objects.exists() and not Meeting.objects.exists()


def test_the_api_judges_the_future_by_its_today(alice_client, child, case_manager, concern):
    payload = {"kind": "meeting_request", "concerns": [str(concern.pk)], "availability": WINDOWS}
    url = f"{API}/children/{child.pk}/letters"
    late = alice_client.post(
        f"{url}?today=2026-03-11", json.dumps(payload), content_type="application/json"
    )
    assert late.status_code == 422 and "in the past" in late.json()["detail"]
    early = alice_client.post(
        f"{url}?today=2026-03-02", json.dumps(payload), content_type="application/json"
    )
    assert early.status_code == 201, early.content


def test_the_api_takes_ids_joined_by_commas_and_names_a_missing_trial(
    alice_client, child, case_manager, concern, behaviour
):
    url = f"{API}/children/{child.pk}/letters?today={TODAY}"
    payload = {
        "kind": "meeting_request",
        "concerns": f"{concern.pk},{behaviour.pk},{concern.pk}",
        "availability": WINDOWS,
    }
    created = alice_client.post(url, json.dumps(payload), content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["body"].count("- Reading is not improving") == 1
    assert "- Leaves the classroom when upset" in created.json()["body"]
    missing = alice_client.post(
        url, json.dumps({"kind": "trial_terms"}), content_type="application/json"
    )
    assert missing.status_code == 422 and missing.json()["detail"].startswith("trial:")


def test_a_request_needs_a_concern_or_a_trial(child, case_manager):
    with pytest.raises(ParamError) as error:
        draft(child, "meeting_request", availability=WINDOWS)
    assert error.value.name == "concerns" and "at least one concern" in error.value.message


def window_form(availability):
    form = {}
    for n, window in enumerate(availability):
        for part in ("date", "start", "end"):
            form[f"availability_{n}_{part}"] = window.get(part, "")
    return form


@time_machine.travel(datetime(2026, 3, 2, 18, 0, tzinfo=UTC), tick=False)
@pytest.mark.parametrize(
    ("availability", "says"),
    [
        (WINDOWS[:2], "give three dates when you can meet; you gave 2"),
        ([{"date": "2026-02-27"}, *WINDOWS[1:]], "this date is in the past"),
        ([WINDOWS[0], {"date": "2026-03-10"}, WINDOWS[2]], "two windows are on the same day"),
        (
            [WINDOWS[0], {"date": "2026-03-13", "start": "11:00", "end": "10:00"}, WINDOWS[2]],
            "end before start",
        ),
    ],
)
def test_the_page_refuses_bad_windows_with_a_400_next_to_the_field(
    alice_client, child, case_manager, concern, behaviour, availability, says
):
    response = alice_client.post(
        f"/children/{child.pk}/letters/new/meeting_request/",
        {"concerns": [concern.pk, behaviour.pk], **window_form(availability)},
    )
    assert response.status_code == 400
    errors = response.context["inputs"].errors["availability"]
    assert any(says in error for error in errors), errors
    assert says in response.content.decode().replace("&#x27;", "'")
    assert not Letter.objects.exists() and not Meeting.objects.exists()


@time_machine.travel(datetime(2026, 3, 2, 18, 0, tzinfo=UTC), tick=False)
def test_the_page_saves_a_good_request_with_its_windows(
    alice_client, child, case_manager, concern, behaviour
):
    response = alice_client.post(
        f"/children/{child.pk}/letters/new/meeting_request/",
        {"concerns": [concern.pk, behaviour.pk], **window_form(WINDOWS)},
    )
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert letter.params["availability"] == WINDOWS
    assert all(text in letter.body for text in WINDOW_TEXT)


@time_machine.travel(datetime(2026, 3, 2, 18, 0, tzinfo=UTC), tick=False)
def test_a_link_preselects_the_concerns_and_the_trial_without_complaining(
    alice_client, child, case_manager, concern, behaviour, trial
):
    response = alice_client.get(
        f"/children/{child.pk}/letters/new/meeting_request/"
        f"?concerns={concern.pk},{behaviour.pk}&trial={trial.pk}"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert not response.context["inputs"].errors and response.context["draft"] is None
    for picked in (concern, behaviour):
        assert re.search(
            rf'<input type="checkbox" name="concerns" value="{picked.pk}"[^>]*checked', page
        )
    assert re.search(rf'<option value="{trial.pk}" selected>', page)
    assert page.count('type="date" name="availability_') == 3
    assert not Letter.objects.exists()


def test_sending_opens_the_ask_and_the_requested_meeting_once(
    alice_client, child, alice, case_manager, concern, behaviour
):
    letter = saved(child, alice, "meeting_request", **request_params(concern, behaviour))
    url = f"{API}/letters/{letter.pk}/sent"
    first = alice_client.post(
        url, json.dumps({"date": "2026-03-03"}), content_type="application/json"
    )
    again = alice_client.post(
        url, json.dumps({"date": "2026-03-03"}), content_type="application/json"
    )
    assert first.status_code == 200 and again.status_code == 409
    ask = Ask.objects.get()
    meeting = Meeting.objects.get()
    assert ask.kind == "meeting_request" and ask.asked_of == case_manager
    assert ask.asked_on == date(2026, 3, 3) and ask.reply_due == letter.reply_by
    assert all(text in ask.details for text in WINDOW_TEXT)
    assert meeting.status == "requested" and meeting.kind == "iep" and meeting.ask == ask
    assert set(meeting.agenda.all()) == {concern, behaviour}
    assert meeting.trial is None and meeting.date is None
    with pytest.raises(drafts.AlreadySent):
        drafts.mark_sent(Letter.objects.get(), date(2026, 3, 4))
    assert Ask.objects.count() == 1 and Meeting.objects.count() == 1


def test_a_trial_review_request_cites_the_terms_and_offers_the_data(
    child, alice, case_manager, trial
):
    letter = draft(child, "meeting_request", trial=str(trial.pk), availability=WINDOWS)
    body = letter.body
    assert letter.subject == "Request for the trial review meeting: Sam Rivera"
    assert "review the trial of a shared classroom aide" in body
    assert "instead of a dedicated 1:1 aide" in body
    assert "started on February 9, 2026 and runs for 6 weeks" in body
    assert "review it on March 23, 2026" in body
    assert "times he leaves the classroom, every school day, by the classroom teacher" in body
    assert "I will bring the data I have gathered" in body
    assert (
        "3 measurements of Times he left the room during the trial; the latest is 3 per week, against a baseline of 7 per week"
        in body
    )
    assert "- The results of the trial of a shared classroom aide" in body
    assert "- Leaves the classroom when upset (Behavior)" in body  # the trial's concern
    sent = drafts.mark_sent(drafts.save_draft(child, letter, author=alice), date(2026, 3, 3))
    meeting = Meeting.objects.get()
    assert meeting.kind == "trial_review" and meeting.trial == trial and meeting.ask == sent.ask
    assert sent.ask.subject == "Trial review meeting: a shared classroom aide"
    assert sent.ask.concern == trial.concern


# The Parent Concerns statement -------------------------------------------------------------


def test_parent_concerns_puts_strengths_then_concerns_then_requests(
    child, alice, case_manager, concern, behaviour, ask, meeting
):
    Concern.objects.create(child=child, title="Old worry", status="resolved")
    letter = draft(
        child,
        "parent_concerns",
        strengths=["Loves building with Lego", "Kind to younger children"],
        meeting=str(meeting.pk),
    )
    body = letter.body
    order = [
        "What Sam does well",
        "- Loves building with Lego",
        "- Kind to younger children",
        "My concerns",
        "1. Reading is not improving (Reading)",
        "- February 10, 2026: Reads 48 words per minute",
        "2. Leaves the classroom when upset (Behavior)",
        "- Left the room 7 times in one week.",
        "What I am asking for",
        "- Reading is not improving: Daily small-group reading instruction with a reading",
        "- Leaves the classroom when upset: A 1:1 aide for the whole school day.",
        "- An OT evaluation for handwriting (I asked on February 2, 2026",
        "34 CFR § 300.324(a)(1)(ii)",
    ]
    positions = [body.find(text) for text in order]
    assert -1 not in positions, [t for t, p in zip(order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "Old worry" not in body  # only open concerns by default
    assert "recorded in the IEP's Parent Concerns section" in body
    assert "for the IEP meeting on February 24, 2026" in body


def test_parent_concerns_takes_the_chosen_concerns_and_strengths_typed_one_per_line(
    alice_client, child, case_manager, concern, behaviour
):
    response = alice_client.post(
        f"/children/{child.pk}/letters/new/parent_concerns/",
        {
            "strengths": "Loves building with Lego\n\n  Kind to younger children \n",
            "concerns": [behaviour.pk],
        },
    )
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert letter.params["strengths"] == ["Loves building with Lego", "Kind to younger children"]
    assert "Leaves the classroom when upset" in letter.body
    assert "Reading is not improving" not in letter.body


def test_parent_concerns_records_a_running_trial_and_opens_an_ask_to_confirm(
    child, alice, case_manager, trial
):
    letter = saved(child, alice, "parent_concerns", strengths="Funny\nCurious")
    assert "- Funny\n- Curious" in letter.body
    assert "We agreed to try a shared classroom aide instead of a dedicated 1:1 aide" in letter.body
    assert "meet again on March 23, 2026" in letter.body
    sent = drafts.mark_sent(letter, date(2026, 3, 3))
    assert sent.ask.kind == "parent_concerns" and sent.ask.asked_of == case_manager
    assert "final IEP" in sent.ask.details
    assert not Meeting.objects.exists()


# The trial terms ------------------------------------------------------------------------


def test_trial_terms_carry_every_term(child, alice, case_manager, trial):
    letter = draft(child, "trial_terms", trial=str(trial.pk))
    for term in [
        "- What we are trying: a shared classroom aide",
        "- Instead of: a dedicated 1:1 aide, which I asked for",
        "- Start date: Monday, February 9, 2026",
        "- Length: 6 weeks",
        "- Review meeting: Monday, March 23, 2026",
        "- What is measured: times he leaves the classroom",
        "- How often: every school day",
        "- Measured by: the classroom teacher",
        "Parent Concerns section of Sam's IEP record my concern (Leaves the classroom when upset)",
        "plan to reconvene on March 23, 2026",
        "schedule the review meeting for March 23, 2026",
    ]:
        assert term in letter.body, term
    assert letter.to == ["Dana Cole <dana.cole@school.example>"]
    sent = drafts.mark_sent(drafts.save_draft(child, letter, author=alice), date(2026, 3, 3))
    assert sent.ask.kind == "trial_terms" and sent.ask.concern == trial.concern
    # The machinery's default: the reply-by date the letter states, 10 school days on.
    assert sent.ask.reply_due == sent.reply_by == default_reply_due(child, TODAY)


def test_trial_terms_ask_for_what_was_not_agreed(child, case_manager, trial):
    trial.how_often = trial.measured_by = ""
    trial.save()
    body = draft(child, "trial_terms", trial=str(trial.pk)).body
    assert "- How often: not agreed yet; please tell me how often" in body
    assert "- Measured by: not agreed yet; please tell me who will measure it" in body


# The recap of a meeting -------------------------------------------------------------------


def test_meeting_recap_lists_invitees_notes_and_asks_for_notice_of_a_refusal(
    child, case_manager, teacher, meeting
):
    Refusal.objects.create(
        child=child, said_by=case_manager, said_on=meeting.date, words="We don't provide 1:1 aides."
    )
    Refusal.objects.create(child=child, said_on=date(2026, 1, 5), words="Not this year.")
    body = draft(child, "meeting_recap", meeting=str(meeting.pk), correction_days="3").body
    assert "Thank you for the IEP meeting on February 24, 2026." in body
    assert "- Dana Cole (Case manager)" in body and "- Lee Park (Special education teacher)" in body
    assert "The team agreed to add a reading goal." in body
    assert '- Dana Cole: "We don\'t provide 1:1 aides."' in body
    assert "prior written notice" in body and "34 CFR § 300.503" in body
    assert "Not this year." not in body
    assert "within 3 school days, by March 5, 2026" in body


def test_meeting_recap_without_a_refusal_asks_for_no_notice_of_one(child, case_manager, meeting):
    body = draft(child, "meeting_recap", meeting=str(meeting.pk)).body
    assert "the school said no" not in body and "300.503" not in body
    # What was agreed still has to reach the IEP and the written notice of it.
    assert "IEP, and any prior written notice of the team's decisions, reflect what we" in body


# Files ----------------------------------------------------------------------------------


@pytest.fixture
def new_letters(child, alice, case_manager, concern, behaviour, trial, meeting):
    return [
        saved(child, alice, "meeting_request", **request_params(concern, behaviour)),
        saved(child, alice, "meeting_request", trial=str(trial.pk), availability=WINDOWS),
        saved(child, alice, "parent_concerns", strengths=["Loves Lego"]),
        saved(child, alice, "trial_terms", trial=str(trial.pk)),
        saved(child, alice, "meeting_recap", meeting=str(meeting.pk)),
    ]


def test_each_new_kind_opens_as_eml_docx_and_pdf(new_letters):
    for letter in new_letters:
        message = BytesParser(policy=policy.default).parsebytes(
            files.as_eml(letter, "Alice Parent <alice@example.com>")
        )
        assert message["Subject"] == letter.subject and message["X-Unsent"] == "1"
        assert message.get_content().replace("\r\n", "\n") == letter.body
        document = Document(io.BytesIO(files.as_docx(letter)))
        text = "\n".join(p.text for p in document.paragraphs)
        assert words(with_subject(letter)) == words(text)
        assert any(p.style.name == "List Bullet" for p in document.paragraphs)
        with pdfplumber.open(io.BytesIO(files.as_pdf(letter))) as pdf:
            pdf_text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        # The running head (the child's name) and page numbers are in the margins of
        # every page.
        pdf_body = re.sub(r"(?m)^Sam Rivera\n|Page \d+ of \d+", "", pdf_text)
        assert "Page 1 of" in pdf_text
        assert words(with_subject(letter)) == words(pdf_body), letter.kind


def test_the_parent_concerns_statement_drafts_at_once_from_a_bare_link(alice_client, child):
    from playbook.advocacy.models import Concern

    Concern.objects.create(
        child=child, title="Reading is not improving", request="A reading specialist"
    )
    page = alice_client.get(f"/children/{child.pk}/letters/new/parent_concerns/").content.decode()
    assert "the draft appears here" not in page
    assert "Reading is not improving" in page and "A reading specialist" in page
    assert 'class="error-summary"' not in page


# Windows on school days only, and a reply before the first (issue 15) ------------------


@pytest.mark.parametrize(
    ("day", "why"),
    [
        ("2026-03-21", "Saturday, March 21, 2026) is a weekend"),
        ("2026-05-25", "Monday, May 25, 2026) is a federal holiday"),  # Memorial Day
        ("2026-04-08", "Wednesday, April 8, 2026) is inside a school break you entered"),
    ],
)
def test_a_window_that_is_no_school_day_is_refused_saying_why(
    child, case_manager, concern, behaviour, day, why
):
    SchoolBreak.objects.create(
        child=child, name="Spring break", start=date(2026, 4, 6), end=date(2026, 4, 10)
    )
    windows = [{"date": day}, {"date": "2026-04-14"}, {"date": "2026-04-15"}]
    with pytest.raises(ParamError) as error:
        draft(child, "meeting_request", **request_params(concern, behaviour, availability=windows))
    assert error.value.name == "availability"
    assert why in error.value.message and "Offer school days" in error.value.message


def test_the_reply_by_date_comes_before_the_first_window(child, case_manager, concern, behaviour):
    # Ten school days from Monday March 2 would be March 16; the first window is March 11.
    windows = [{"date": "2026-03-11"}, {"date": "2026-03-12"}, {"date": "2026-03-13"}]
    letter = draft(
        child, "meeting_request", **request_params(concern, behaviour, availability=windows)
    )
    assert letter.reply_by == date(2026, 3, 10)
    assert "by March 10, 2026" in letter.body
    soon = [{"date": "2026-03-03"}, {"date": "2026-03-12"}, {"date": "2026-03-13"}]
    with pytest.raises(ParamError, match="too soon"):
        draft(child, "meeting_request", **request_params(concern, behaviour, availability=soon))


def test_parent_concerns_lists_a_request_carried_up_the_chain_in_the_parents_words(
    child, alice, case_manager
):
    # Decision 0111: refused, carried to the supervisor (and prior written notice asked for),
    # the request is still the parent's; the asks that track those moves are bookkeeping.
    request = Ask.objects.create(
        child=child, subject="A full evaluation", asked_of=case_manager,
        asked_on=date(2026, 2, 2), status="refused", reply_date=date(2026, 2, 9),
    )  # fmt: skip
    for kind, subject in [
        ("escalation", "Escalation to Dr. Park: A full evaluation"),
        ("prior_written_notice_request", "Prior written notice: A full evaluation"),
    ]:
        Ask.objects.create(
            child=child, subject=subject, kind=kind, about=request, asked_on=date(2026, 2, 12)
        )
    body = draft(child, "parent_concerns", strengths=["Curious"]).body
    requests = body.split("What I am asking for", 1)[1]
    assert (
        "- A full evaluation (I asked on February 2, 2026 and am still waiting for a decision)"
        in requests
    )
    assert "Escalation to" not in requests and "Prior written notice:" not in requests
    spanish = compose.draft(
        child, "parent_concerns", {"strengths": ["Curious"]}, today=TODAY, lang="es"
    ).translation
    assert (
        "- A full evaluation (lo pedí el 2 de febrero de 2026 y sigo esperando una decisión)"
        in spanish
    )


# Requests the school turned down (decision 0116) ------------------------------------------


def _decided(child, case_manager, subject, status, replied, concern=None, asked=None):
    return Ask.objects.create(
        child=child, subject=subject, asked_of=case_manager, concern=concern,
        asked_on=asked or replied.replace(day=1), status=status, reply_date=replied,
    )  # fmt: skip


def test_parent_concerns_still_asks_for_what_the_school_turned_down(child, case_manager, concern):
    """A refused request is what the parent most wants in the IEP's Parent Concerns section;
    the statement left it out and printed "[Write here what you would like the team to do.]"
    (found on a walk: a 1:1 aide refused in a prior written notice)."""
    _decided(child, case_manager, "A dedicated 1:1 aide", "refused", date(2026, 2, 20), concern)
    _decided(child, case_manager, "Speech twice a week", "partly_granted", date(2026, 2, 11))
    _decided(child, case_manager, "An aide on the bus", "refused", date(2025, 1, 20))  # old
    renewed = _decided(child, case_manager, "Orton-Gillingham", "refused", date(2026, 1, 20))
    Ask.objects.create(
        child=child, subject="Renewed request: Orton-Gillingham", kind="policy_renewal",
        about=renewed, asked_on=date(2026, 2, 25),
    )  # fmt: skip
    letter = compose.draft(child, "parent_concerns", {}, today=TODAY, lang="es")
    asking = letter.body.split("What I am asking for", 1)[1]
    assert (
        "- A dedicated 1:1 aide (I asked on February 1, 2026; the school said no on February "
        "20, 2026, and I still ask for it)" in asking
    )
    assert (
        "- Speech twice a week (I asked on February 1, 2026; it was granted only in part on "
        "February 11, 2026, and I still ask for the rest)" in asking
    )
    assert "An aide on the bus" not in asking  # decided over a year ago
    assert asking.count("Orton-Gillingham") == 1  # asked again: named by the renewal
    assert "[Write here" not in asking
    assert (
        "- A dedicated 1:1 aide (lo pedí el 1 de febrero de 2026; la escuela dijo que no el 20 "
        "de febrero de 2026, y lo sigo pidiendo)" in letter.translation
    )
    assert "se concedió solo en parte el 11 de febrero de 2026" in letter.translation


def test_a_request_a_running_trial_tries_something_instead_of_is_said_by_the_trial(
    child, case_manager, trial
):
    _decided(
        child, case_manager, "A dedicated 1:1 aide", "partly_granted", date(2026, 2, 5),
        trial.concern,
    )  # fmt: skip
    body = draft(child, "parent_concerns").body
    assert "We agreed to try a shared classroom aide instead of a dedicated 1:1 aide" in body
    assert "granted only in part" not in body


def test_the_meeting_request_puts_a_refused_request_on_the_agenda_under_its_concern(
    child, case_manager, concern, behaviour
):
    _decided(child, case_manager, "A dedicated 1:1 aide", "refused", date(2026, 2, 20), behaviour)
    params = request_params(concern, behaviour)
    letter = compose.draft(child, "meeting_request", params, today=TODAY, lang="es")
    agenda = letter.body.split("I would like the meeting to cover:", 1)[1]
    assert (
        "- Leaves the classroom when upset (Behavior)\n"
        "  What I would like to discuss: A 1:1 aide for the whole school day.\n"
        "  My request: A dedicated 1:1 aide (I asked on February 1, 2026; the school said no on "
        "February 20, 2026, and I still ask for it)" in agenda
    )
    assert agenda.count("My request:") == 1  # under its own concern only
    assert (
        "  Mi pedido: A dedicated 1:1 aide (lo pedí el 1 de febrero de 2026" in letter.translation
    )
