"""The records request, the IEE request and the make-up services request: each letter
carries what its move needs, refuses bad parameters by name, opens files with standard
parsers, and sends once, opening its ask with the right reply date."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta
from email import policy
from email.parser import BytesParser

import pdfplumber
import pytest
from django.test import Client
from docx import Document

from playbook.advocacy.models import Ask
from playbook.children.models import IEP, Service, TeamMember
from playbook.children.school_calendar import add_business_days
from playbook.ledger.lines import service_line
from playbook.ledger.models import ServiceSession
from playbook.letters import compose, drafts, files
from playbook.letters.models import Letter
from playbook.letters.params import ParamError
from playbook.meetings.models import Meeting
from playbook.trail.chain import verify
from playbook.trail.models import Entry
from tests.letters.texts import with_subject

from .conftest import TODAY
from .test_files_and_sending import saved, words

API = "/api/v1"


def draft(child, kind, **params):
    return compose.draft(child, kind, params, today=TODAY, signature="Alice Parent")


def post(client, url, data):
    return client.post(f"{API}/{url}", json.dumps(data), content_type="application/json")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def upcoming_meeting(child):
    return Meeting.objects.create(
        child=child, kind="annual_review", status="scheduled", date=date(2026, 3, 20)
    )


@pytest.fixture
def director(child):
    return TeamMember.objects.create(
        child=child,
        name="Pat Morgan",
        role="director_special_services",
        email="pat.morgan@district.example",
    )


# Speech 60 minutes a week from January 5, 2026; February 2026 has Presidents' Day (16th).
SESSIONS = [
    (date(2026, 2, 3), 30, "delivered", ""),
    (date(2026, 2, 5), 30, "missed", "provider_absent"),
    (date(2026, 2, 10), 30, "delivered", ""),
    (date(2026, 2, 12), 30, "missed", "child_absent"),
    (date(2026, 2, 17), 15, "shortened", ""),
    (date(2026, 2, 24), 30, "delivered", ""),
    (date(2026, 2, 26), 30, "missed", "school_event"),
]


@pytest.fixture
def speech(child):
    iep = IEP.objects.create(child=child, start_date=date(2026, 1, 5), end_date=date(2027, 1, 4))
    service = Service.objects.create(
        iep=iep, service="Speech-language therapy", minutes=60, per="week", sessions=2
    )
    for day, minutes, status, reason in SESSIONS:
        ServiceSession.objects.create(
            service=service, date=day, minutes=minutes, status=status, reason=reason
        )
    return service


FEB = {"from": "2026-02-02", "to": "2026-02-27"}


# Records request


def test_records_request_lists_every_category_and_cites_the_rules(child, case_manager):
    letter = draft(child, "records_request")
    body = flat(letter.body)
    assert letter.addressee == case_manager
    assert "Sam Rivera" in letter.subject
    for category in (
        "cumulative file",
        "special education file",
        "discipline records",
        "health records",
        "emails and other messages about Sam",
        "test protocols and score summaries",
        "progress-monitoring data",
        "recordings",
    ):
        assert category in body, category
    assert len(re.findall(r"(?m)^- ", letter.body)) == 8
    assert "electronic copies" in body  # the preferred format
    assert "types of education records" in body and "34 CFR § 300.616" in body
    assert "34 CFR § 300.613" in body and "34 CFR § 99.10" in body
    assert "before any IEP meeting, hearing or resolution session" in body


def test_records_request_in_california_gives_5_business_days_and_the_federal_rule(
    child, case_manager
):
    letter = draft(child, "records_request")
    body = flat(letter.body)
    assert (
        "California law: I may examine and receive copies of the records within 5 business days"
        in body
    )
    assert "Cal. Educ. Code § 56504" in body
    assert "Federal rule: the records must be available" in body
    assert "no later than 45 calendar days" in body
    # Monday March 2 + 5 business days.
    assert letter.reply_by == date(2026, 3, 9) == add_business_days(TODAY, 5)
    assert "by March 9, 2026" in body


def test_records_request_elsewhere_gives_the_federal_rule_labelled(child, case_manager):
    child.state = "OH"
    child.save()
    letter = draft(child, "records_request")
    body = flat(letter.body)
    assert "56504" not in body and "business days" not in body
    assert "Federal rule: the school must let me see the records" in body
    assert "no later than 45 calendar days after my request" in body
    assert letter.reply_by == TODAY + timedelta(days=45)


def test_records_request_before_a_meeting_asks_for_them_the_day_before(
    child, case_manager, upcoming_meeting
):
    child.state = "OH"
    child.save()
    letter = draft(child, "records_request", meeting=str(upcoming_meeting.pk))
    body = flat(letter.body)
    assert "before the annual review on March 20, 2026" in letter.subject
    assert "so that I can prepare for the annual review on March 20, 2026" in body.replace(
        "So", "so"
    )
    assert letter.reply_by == date(2026, 3, 19)
    assert "let me have the records by March 19, 2026" in body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": date(2026, 2, 20)}, "not in the future"),
        # Only a meeting not yet scheduled can lack its date (the model's constraint).
        ({"date": None, "status": "acknowledged"}, "no date"),
        ({"status": "cancelled"}, "cancelled"),
    ],
)
def test_records_request_refuses_a_meeting_it_cannot_come_before(
    child, upcoming_meeting, change, message
):
    for field, value in change.items():
        setattr(upcoming_meeting, field, value)
    upcoming_meeting.save()
    with pytest.raises(ParamError) as error:
        draft(child, "records_request", meeting=str(upcoming_meeting.pk))
    assert error.value.name == "meeting" and message in error.value.message


@pytest.mark.parametrize(
    ("state", "meeting_on", "expected"),
    [
        ("CA", None, add_business_days(date(2026, 3, 3), 5)),  # Tuesday March 10
        ("CA", date(2026, 3, 6), date(2026, 3, 5)),  # the meeting comes first
        ("OH", None, date(2026, 4, 17)),  # 45 calendar days
        ("OH", date(2026, 3, 20), date(2026, 3, 19)),
    ],
)
def test_sending_a_records_request_opens_an_ask_due_at_the_legal_limit(
    child, alice, case_manager, state, meeting_on, expected
):
    child.state = state
    child.save()
    params = {}
    if meeting_on:
        meeting = Meeting.objects.create(
            child=child, kind="iep", status="scheduled", date=meeting_on
        )
        params["meeting"] = str(meeting.pk)
    letter = saved(child, alice, "records_request", **params)
    sent = drafts.mark_sent(letter, date(2026, 3, 3))
    ask = Ask.objects.get(child=child)
    assert sent.ask == ask
    assert (ask.kind, ask.asked_on, ask.asked_of, ask.status) == (
        "records_request",
        date(2026, 3, 3),
        case_manager,
        "open",
    )
    assert ask.reply_due == expected
    with pytest.raises(drafts.AlreadySent):
        drafts.mark_sent(letter, date(2026, 3, 4))
    assert Ask.objects.filter(child=child).count() == 1
    assert Entry.objects.filter(child=child, kind="letter").count() == 1


# IEE request


def test_iee_request_names_the_evaluation_and_cites_300_502(child, case_manager, director):
    letter = draft(
        child,
        "iee_request",
        evaluation_date="2026-01-15",
        evaluator="Jordan Lee, school psychologist",
        areas="Reading\n- Speech and language",
    )
    body = flat(letter.body)
    assert letter.addressee == director
    assert letter.cc == ["Dana Cole <dana.cole@school.example>"]
    assert "dated January 15, 2026, done by Jordan Lee, school psychologist, and I disagree" in body
    assert (
        "independent educational evaluation (IEE) of Sam at public expense (34 CFR § 300.502(b)(1))"
        in body
    )
    assert "34 CFR § 300.502(a)(2)" in body and "criteria" in body
    assert "not required to explain why" in body and "34 CFR § 300.502(b)(4)" in body
    assert "without unnecessary delay" in body and "34 CFR § 300.502(b)(2)" in body
    assert "- Reading\n- Speech and language\n" in letter.body
    # The reply date is ours, not the law's: asked for, never called a deadline.
    assert "written answer by March 16, 2026" in body
    assert "deadline" not in body.lower() and "within 10" not in body


def test_iee_request_without_a_director_goes_to_the_case_manager(child, case_manager):
    letter = draft(child, "iee_request", evaluation_date="2026-03-02", evaluator="Jordan Lee")
    assert letter.addressee == case_manager and letter.cc == []
    assert "cover:" not in letter.body


@pytest.mark.parametrize(
    ("params", "name", "message"),
    [
        ({"evaluation_date": "2026-03-03", "evaluator": "Jordan Lee"}, "evaluation_date", "future"),
        (
            {"evaluation_date": "03/01/2026", "evaluator": "Jordan Lee"},
            "evaluation_date",
            "YYYY-MM-DD",
        ),
        ({"evaluator": "Jordan Lee"}, "evaluation_date", "required"),
        ({"evaluation_date": "2026-01-15"}, "evaluator", "required"),
        ({"evaluation_date": "2026-01-15", "evaluator": "   "}, "evaluator", "required"),
    ],
)
def test_iee_request_parameter_errors(child, params, name, message):
    with pytest.raises(ParamError) as error:
        draft(child, "iee_request", **params)
    assert error.value.name == name and message in error.value.message


def test_sending_an_iee_request_opens_an_ask_with_the_default_reply_date(
    child, alice, case_manager
):
    letter = saved(child, alice, "iee_request", evaluation_date="2026-01-15", evaluator="J. Lee")
    sent = drafts.mark_sent(letter, date(2026, 3, 3))
    ask = Ask.objects.get(child=child)
    assert sent.ask == ask and ask.kind == "iee_request"
    assert "January 15, 2026" in ask.subject
    assert ask.reply_due == date(2026, 3, 16)  # the date the letter asked for
    with pytest.raises(drafts.AlreadySent):
        drafts.mark_sent(letter, date(2026, 3, 3))
    assert Ask.objects.filter(child=child).count() == 1


# Make-up (compensatory) services


def test_comp_services_states_the_figures_and_every_session(child, case_manager, speech):
    letter = draft(child, "comp_services_request", service=str(speech.pk), **FEB)
    body = flat(letter.body)
    line = service_line(child, speech, today=TODAY, start=date(2026, 2, 2), end=date(2026, 2, 27))
    # 4 weeks of 60 minutes, less a fifth for Presidents' Day: 228 scheduled; Sam's own
    # absence (30) is not owed; delivered 30 + 30 + 15 + 30.
    assert (line.tally.scheduled, line.tally.promised, line.tally.delivered) == (228, 198, 105)
    assert (line.tally.missed, line.tally.owed) == (60, 93)
    assert letter.addressee == case_manager
    assert "Speech-language therapy" in letter.subject and "93 minutes owed" in letter.subject
    assert "provides 60 minutes per week" in body
    assert "from February 2, 2026 to February 27, 2026" in body
    assert (
        "- Minutes promised: 198 (228 scheduled, less 30 for sessions missed while Sam was absent)"
        in letter.body
    )
    assert "- Minutes delivered: 105\n" in letter.body
    assert "- Minutes missed: 60 (not counting Sam's absences)\n" in letter.body
    assert "- Minutes owed: 93\n" in letter.body
    # Lost 60 + 15 cut short = 75; the other 18 are promised with no session in the record
    # (the Thursday of Presidents' Day week): said, so the figures add up (decision 0120).
    assert "The figure also counts 18 minutes the IEP promised in this period for which" in body
    for bullet in (
        "- Tuesday, February 3, 2026: delivered, 30 minutes",
        "- Thursday, February 5, 2026: missed (provider absent), 30 minutes",
        "- Tuesday, February 10, 2026: delivered, 30 minutes",
        "- Thursday, February 12, 2026: missed (Sam was absent), 30 minutes",
        "- Tuesday, February 17, 2026: shortened, 15 minutes",
        "- Tuesday, February 24, 2026: delivered, 30 minutes",
        "- Thursday, February 26, 2026: missed (school event), 30 minutes",
    ):
        assert bullet + "\n" in letter.body, bullet
    assert "written plan to make up the 93 minutes owed" in body
    assert "when the make-up sessions will take place, how many minutes each, and who" in body
    assert "by March 16, 2026" in body
    # The duty to deliver the services as written: FAPE is services "provided in conformity
    # with" the IEP (34 CFR § 300.17(d)), owed to every eligible child (§ 300.101(a)).
    # § 300.323(c)(2) is about when an initial IEP's services start, so it is not cited.
    assert "in conformity with the IEP" in body
    assert "(34 CFR §§ 300.17(d), 300.101(a))" in body
    assert "300.323" not in body


def test_a_long_session_list_is_summarised_by_week(child, case_manager, speech):
    start = date(2026, 1, 5)
    for week in range(8):
        for offset in (0, 1, 2, 3):
            day = start + timedelta(weeks=week, days=offset)
            if day.month == 2 or day == date(2026, 1, 19):  # February is already logged
                continue
            status, reason = ("missed", "provider_absent") if offset == 3 else ("delivered", "")
            ServiceSession.objects.create(
                service=speech, date=day, minutes=20, status=status, reason=reason
            )
    letter = draft(
        child,
        "comp_services_request",
        service=str(speech.pk),
        **{"from": "2026-01-05", "to": "2026-02-27"},
    )
    line = service_line(child, speech, today=TODAY, start=start, end=date(2026, 2, 27))
    assert len(line.sessions) > 20
    body = letter.body
    assert f"The {len(line.sessions)} sessions I logged, week by week" in flat(body)
    assert len(line.periods) == 8
    for period in line.periods:
        assert (
            f"- {period.start:%b} {period.start.day} to {period.end:%b} {period.end.day}, 2026: {period.promised} promised, {period.delivered} delivered"
            in body
        )
    # Every session that fell short is still listed one by one; delivered ones are not.
    missed = [s for s in line.sessions if s.status != "delivered"]
    for session in missed:
        assert (
            f"{session.date:%B} {session.date.day}, 2026: {session.get_status_display().lower()}"
            in body
        )
    assert "January 5, 2026: delivered" not in body
    assert len(re.findall(r"(?m)^- \w+day, ", body)) == len(missed)


def test_comp_services_says_minutes_with_no_session_in_both_languages_and_only_then(child, speech):
    letter = compose.draft(
        child, "comp_services_request", {"service": str(speech.pk), **FEB}, today=TODAY, lang="es"
    )
    assert "La cifra también cuenta 18 minutos que el IEP prometía" in flat(letter.translation)
    # The first week alone: a session delivered, one missed, nothing left unlogged.
    first_week = {"service": str(speech.pk), "from": "2026-02-02", "to": "2026-02-06"}
    body = flat(compose.draft(child, "comp_services_request", first_week, today=TODAY).body)
    assert "Minutes owed: 30" in body and "The figure also counts" not in body


@pytest.mark.parametrize(
    ("params", "name", "message"),
    [
        ({"from": "2026-02-27", "to": "2026-02-02"}, "to", "before the start"),
        ({"from": "2026-02-02", "to": "2026-03-03"}, "to", "future"),
        ({"from": "2026-03-05", "to": "2026-03-06"}, "from", "future"),
        ({"from": "2026-02-30", "to": "2026-03-01"}, "from", "YYYY-MM-DD"),
        ({"to": "2026-02-27"}, "from", "required"),
        ({"from": "2025-06-01", "to": "2025-06-30"}, "service", "no IEP promised"),
        ({"from": "2026-02-02", "to": "2026-02-03"}, "service", "nothing to make up"),
    ],
)
def test_comp_services_parameter_errors(child, speech, params, name, message):
    with pytest.raises(ParamError) as error:
        draft(child, "comp_services_request", service=str(speech.pk), **params)
    assert error.value.name == name and message in error.value.message


def test_comp_services_refuses_another_childs_service(child, speech, charlie):
    other_child = charlie.memberships.get().household.children.create(
        name="Other Kid", birth_date=date(2016, 1, 1), grade="4", state="CA"
    )
    iep = IEP.objects.create(
        child=other_child, start_date=date(2026, 1, 5), end_date=date(2027, 1, 4)
    )
    theirs = Service.objects.create(iep=iep, service="OT", minutes=30, per="week")
    with pytest.raises(ParamError) as error:
        draft(child, "comp_services_request", service=str(theirs.pk), **FEB)
    assert error.value.name == "service" and "no service" in error.value.message


def test_sending_comp_services_opens_an_ask(child, alice, case_manager, speech):
    letter = saved(child, alice, "comp_services_request", service=str(speech.pk), **FEB)
    assert letter.params == {"service": str(speech.pk), **FEB}
    sent = drafts.mark_sent(letter, date(2026, 3, 3))
    ask = Ask.objects.get(child=child)
    assert sent.ask == ask and ask.kind == "comp_services_request"
    assert ask.asked_of == case_manager
    assert "93 minutes of Speech-language therapy" in ask.subject
    assert ask.reply_due == date(2026, 3, 16)
    with pytest.raises(drafts.AlreadySent):
        drafts.mark_sent(letter, date(2026, 3, 3))
    assert Ask.objects.filter(child=child).count() == 1
    assert verify(child).ok


# The API and the pages


def test_api_drafts_each_kind_and_names_bad_parameters(alice_client, child, case_manager, speech):
    ok = [
        {"kind": "records_request"},
        {"kind": "iee_request", "evaluation_date": "2026-01-15", "evaluator": "J. Lee"},
        {"kind": "comp_services_request", "service": str(speech.pk), **FEB},
    ]
    for body in ok:
        response = post(alice_client, f"children/{child.pk}/letters?today=2026-03-02", body)
        assert response.status_code == 201, response.content
        assert response.json()["to"] == ["Dana Cole <dana.cole@school.example>"]
    bad = [
        ({"kind": "records_request", "meeting": "nope"}, "meeting"),
        (
            {"kind": "iee_request", "evaluation_date": "2026-03-09", "evaluator": "J"},
            "evaluation_date",
        ),
        ({"kind": "iee_request", "evaluation_date": "2026-01-15"}, "evaluator"),
        (
            {
                "kind": "comp_services_request",
                "service": str(speech.pk),
                "from": "2026-02-27",
                "to": "2026-02-02",
            },
            "to",
        ),
        (
            {
                "kind": "comp_services_request",
                "service": "6f1c1c1e-0000-4000-8000-000000000000",
                **FEB,
            },
            "service",
        ),
        ({"kind": "comp_services_request", "service": str(speech.pk), "to": "2026-02-27"}, "from"),
    ]
    for body, name in bad:
        response = post(alice_client, f"children/{child.pk}/letters?today=2026-03-02", body)
        assert response.status_code == 422, body
        assert response.json()["detail"].startswith(name), response.json()
    assert Letter.objects.count() == len(ok)


def test_the_ledger_link_opens_a_draft_with_the_figures(alice_client, child, case_manager, speech):
    url = f"/children/{child.pk}/letters/new/comp_services_request/"
    response = alice_client.get(url, {"service": str(speech.pk), **FEB})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Minutes owed: " in text and "Speech-language therapy" in text
    saving = alice_client.post(
        url, {"service": str(speech.pk), "from": "2026-02-27", "to": "2026-02-02"}
    )
    assert saving.status_code == 400
    assert "before the start of the period" in saving.content.decode()
    assert not Letter.objects.exists()


def test_without_a_case_manager_the_page_does_not_offer_an_addressed_to_field(
    alice_client, child, speech
):
    url = f"/children/{child.pk}/letters/new/comp_services_request/"
    text = alice_client.get(url, {"service": str(speech.pk), **FEB}).content.decode()
    assert "Add the case manager to the team</a>." in text
    assert "Addressed to" not in text
    other = alice_client.get(f"/children/{child.pk}/letters/new/records_request/?meeting=")
    assert 'choose someone under "Addressed to"' in other.content.decode().replace("&quot;", '"')


def test_the_ledger_button_links_like_the_coach_and_drafts_the_letter(
    alice_client, bob, child, case_manager, speech
):
    from urllib.parse import parse_qsl, urlsplit

    from playbook.coach.moves import next_moves

    today = child.today()  # the ledger page counts to the family's real today
    page = alice_client.get(f"/children/{child.pk}/services/").content.decode()
    hrefs = re.findall(r'href="([^"]*comp_services_request[^"]*)"', page)
    assert len(hrefs) == 1
    link = urlsplit(hrefs[0].replace("&amp;", "&"))
    assert link.path == f"/children/{child.pk}/letters/new/comp_services_request/"
    params = dict(parse_qsl(link.query))
    coach = next(s for s in next_moves(child, today) if s.move == "request_comp_services")
    assert (
        params
        == coach.letter_params
        == {
            "service": str(speech.pk),
            "from": "2026-01-05",
            "to": today.isoformat(),
        }
    )
    draft_page = alice_client.get(link.path, params)
    assert draft_page.status_code == 200
    line = service_line(child, speech, today=today, start=date(2026, 1, 5), end=today)
    assert f"Minutes owed: {line.tally.owed}" in draft_page.content.decode()
    # A read-only member sees the warning but no button to draft.
    bob_client = Client()
    bob_client.force_login(bob)
    read_only = bob_client.get(f"/children/{child.pk}/services/").content.decode()
    assert "reaches your threshold" in read_only and "comp_services_request" not in read_only


# Files


@pytest.fixture
def three(child, alice, case_manager, speech):
    return [
        saved(child, alice, "records_request"),
        saved(
            child,
            alice,
            "iee_request",
            evaluation_date="2026-01-15",
            evaluator="J. Lee",
            areas="Reading\nWriting",
        ),
        saved(child, alice, "comp_services_request", service=str(speech.pk), **FEB),
    ]


def test_the_three_letters_open_in_every_format(three):
    for letter in three:
        assert files.as_txt(letter).decode() == letter.body
        message = BytesParser(policy=policy.default).parsebytes(
            files.as_eml(letter, "Alice Parent <alice@example.com>")
        )
        # A long subject is folded after "Subject:"; Python's parser keeps the fold's space.
        assert message["X-Unsent"] == "1" and message["Subject"].strip() == letter.subject
        assert message.get_content().replace("\r\n", "\n") == letter.body
        document = Document(io.BytesIO(files.as_docx(letter)))
        paragraphs = document.paragraphs
        assert words(with_subject(letter)) == words("\n".join(p.text for p in paragraphs))
        bullets = [p for p in paragraphs if p.style.name == "List Bullet"]
        assert len(bullets) == len(re.findall(r"(?m)^- ", letter.body))
        with pdfplumber.open(io.BytesIO(files.as_pdf(letter))) as pdf:
            # Each page opens with the running head (the child's name).
            pages = [(page.extract_text() or "").removeprefix("Sam Rivera\n") for page in pdf.pages]
        body = re.sub(r"Page \d+ of \d+", "", "\n".join(pages))
        # PDF lines may break inside a citation ("§ 300.323(c)" / "(2)"): compare sans spaces.
        expected = words(with_subject(letter)).replace(" ", "")
        assert expected == words(body).replace(" ", "")


@pytest.mark.parametrize("kind", ["records_request", "iee_request", "comp_services_request"])
def test_each_page_opens_empty_and_with_half_filled_links(alice_client, child, speech, kind):
    url = f"/children/{child.pk}/letters/new/{kind}/"
    empty = alice_client.get(url)
    assert empty.status_code == 200
    if kind == "records_request":  # nothing to choose first: the draft is there at once
        assert "the draft appears here" not in empty.content.decode()
        assert "education records" in empty.content.decode()
    else:
        assert "the draft appears here" in empty.content.decode()
    half, field = {
        "records_request": ({"meeting": "not-an-id"}, "The meeting you need them before"),
        "iee_request": ({"evaluator": "J. Lee"}, "Date of the school&#x27;s evaluation"),
        "comp_services_request": ({"service": str(speech.pk), "from": "2026-02-02"}, "To"),
    }[kind]
    response = alice_client.get(url, half)
    assert response.status_code == 200
    text = response.content.decode()
    assert "the draft appears here" in text  # no draft until the inputs are right
    if kind == "records_request":  # a malformed id is an error to fix, named in the summary
        assert 'class="error-summary"' in text
        assert f'">{field}: ' in text
    else:  # a link that carries only some inputs pre-fills them, without scolding
        assert 'class="error-summary"' not in text
        assert next(iter(half.values())) in text
