"""The letters of moves 4 and 5: the written policy request and its renewal, prior written
notice, the escalation and the courtesy note. Each says what its move needs; bad parameters
are clear 422s (API) and 400s (pages); sending opens one ask."""

from __future__ import annotations

import io
import json
from datetime import date
from email import policy
from email.parser import BytesParser

import pdfplumber
import pytest
from docx import Document

from playbook.advocacy.models import Ask
from playbook.children.models import IEP, Service, TeamMember
from playbook.letters import compose, drafts, files
from playbook.letters.models import Letter
from playbook.refusals.ladder import build_ladder, involved_in, roster_of
from playbook.refusals.models import Refusal
from playbook.refusals.refusals import log_refusal, record_policy_outcome
from playbook.trail.chain import verify
from playbook.trail.models import Entry
from tests.letters.texts import with_subject

from .conftest import TODAY
from .test_files_and_sending import saved, words

API = "/api/v1"
PWN_ELEMENTS = (
    "description of the action the district proposes or refuses",
    "why the district proposes or refuses",
    "each evaluation procedure, assessment, record or report",
    "procedural safeguards",
    "sources I can contact for help",
    "other options the team considered, and why they were rejected",
    "other factors relevant to the decision",
)


def draft(child, kind, **params):
    return compose.draft(child, kind, params, today=TODAY, signature="Alice Rivera")


def api_draft(client, child, kind, **params):
    return client.post(
        f"{API}/children/{child.pk}/letters",
        json.dumps({"kind": kind, **params}),
        content_type="application/json",
    )


@pytest.fixture
def director(child):
    return TeamMember.objects.create(
        child=child,
        name="Maria Ortiz",
        role="director_special_services",
        email="m.ortiz@district.example",
    )


@pytest.fixture
def refusal(child, teacher, ask):
    return log_refusal(
        child,
        said_by=teacher,
        said_on=date(2026, 2, 20),
        words="We don't use that program here.\nAll our students get the same thing.",
        ask=ask,
    )


def no_policy(refusal, on=date(2026, 2, 27)):
    return record_policy_outcome(refusal, outcome=Refusal.PolicyOutcome.NONE_EXISTS, on=on)


# Ask to see the written policy


def test_policy_request_quotes_the_refusal_and_restates_the_request(
    child, case_manager, teacher, ask, refusal
):
    letter = draft(child, "policy_request", refusal=str(refusal.pk))
    assert letter.to == ["Lee Park <lee.park@school.example>"]
    assert letter.cc == ["Dana Cole <dana.cole@school.example>"]
    body = letter.body
    assert '"We don\'t use that program here. All our students get the same thing."' in body
    assert "On February 20, 2026, you told me" in body
    assert "Lee Park (special education teacher)" not in body
    assert "on February 2, 2026 I asked for the following" in body
    assert "An OT evaluation for handwriting" in letter.subject
    assert "which law, regulation or written district policy" in body
    assert "a copy of it, or its title and number" in body
    assert f"reply in writing by {letter.reply_by:%B} {letter.reply_by.day}, 2026" in body
    assert letter.reply_by > TODAY


def test_sending_the_policy_request_opens_one_ask_and_marks_the_outcome_pending(
    child, alice, case_manager, teacher, ask, refusal
):
    letter = saved(child, alice, "policy_request", refusal=str(refusal.pk))
    asks_before = set(Ask.objects.values_list("pk", flat=True))
    drafts.mark_sent(letter, date(2026, 3, 3))
    new_asks = Ask.objects.exclude(pk__in=asks_before)
    assert new_asks.count() == 1
    opened = new_asks.get()
    assert opened.kind == "policy_request" and opened.asked_of == teacher
    assert opened.asked_on == date(2026, 3, 3) and opened.reply_due > date(2026, 3, 3)
    refusal.refresh_from_db()
    assert refusal.policy_outcome == Refusal.PolicyOutcome.PENDING
    assert refusal.policy_outcome_on == date(2026, 3, 3)
    assert ask.entries.filter(kind="letter").count() == 1  # the original ask's history
    assert verify(child).ok


def test_policy_request_is_refused_once_the_policy_was_produced(alice_client, child, refusal):
    record_policy_outcome(refusal, outcome="produced", on=TODAY, citation="BP 6164.4")
    response = api_draft(alice_client, child, "policy_request", refusal=str(refusal.pk))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("refusal: the school already showed you")


# Renew the request on its merits


@pytest.mark.parametrize(
    ("outcome", "says"),
    [
        ("", "you have not asked for the written policy yet"),
        ("pending", "still waiting for the answer"),
        ("produced", "showed you a written policy"),
    ],
)
def test_renewal_needs_no_policy_or_no_reply(
    alice_client, child, case_manager, refusal, outcome, says
):
    if outcome:
        record_policy_outcome(refusal, outcome=outcome, on=TODAY, citation="BP 1")
    response = api_draft(alice_client, child, "policy_renewal", refusal=str(refusal.pk))
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("refusal:") and says in detail
    page = alice_client.post(
        f"/children/{child.pk}/letters/new/policy_renewal/", {"refusal": refusal.pk}
    )
    assert page.status_code == 400
    assert says in page.content.decode()
    assert not Letter.objects.exists()


def test_renewal_notes_that_no_rule_was_produced(child, alice, case_manager, teacher, ask, refusal):
    request = saved(child, alice, "policy_request", refusal=str(refusal.pk))
    drafts.mark_sent(request, date(2026, 2, 23))
    no_policy(refusal)
    letter = draft(child, "policy_renewal", refusal=str(refusal.pk))
    body = letter.body
    assert "On February 2, 2026 I asked for the following" in body
    assert "An OT evaluation for handwriting" in body
    # The letter goes to Lee Park, who said no: "you", and who said no policy exists.
    assert "On February 20, 2026, you said no" in body
    assert "On February 23, 2026 I asked you in writing" in body
    assert "considered on its merits" in body
    assert "On February 27, 2026 you told me that there is no such written policy" in body
    assert "Lee Park (special education teacher)" not in body
    assert "No rule has been produced" in body
    assert "decided on its merits" in body and "individual needs" in body
    assert letter.to[0].startswith("Lee Park")


def test_renewal_after_no_reply_says_so(child, case_manager, teacher, refusal):
    record_policy_outcome(refusal, outcome="no_reply", on=TODAY)
    body = draft(child, "policy_renewal", refusal=str(refusal.pk)).body
    assert "I have not received a reply." in body
    assert "no such written policy" not in body


def test_sending_the_renewal_opens_one_ask(child, alice, case_manager, teacher, ask, refusal):
    no_policy(refusal)
    letter = saved(child, alice, "policy_renewal", refusal=str(refusal.pk))
    before = Ask.objects.count()
    sent = drafts.mark_sent(letter, TODAY)
    assert Ask.objects.count() == before + 1
    assert sent.ask.kind == "policy_renewal"
    assert sent.ask.subject == "Renewed request: An OT evaluation for handwriting"


# Prior written notice


def test_pwn_request_for_a_refusal_lists_every_element_of_300_503_b(
    child, case_manager, teacher, refusal
):
    letter = draft(child, "prior_written_notice_request", refusal=str(refusal.pk))
    body = letter.body
    assert "We don't use that program here." in body and "February 20, 2026" in body
    assert "34 CFR § 300.503" in body
    for element in PWN_ELEMENTS:
        assert element in body
    bullets = [line for line in body.splitlines() if line.startswith("- ")]
    assert len(bullets) == 7
    for number in range(1, 8):
        assert f"§ 300.503(b)({number})" in body


def test_pwn_request_for_an_ask(child, case_manager, teacher, ask):
    ask.status = "refused"
    ask.reply_text = "That is not something we offer."
    ask.reply_date = date(2026, 2, 12)
    ask.save()
    body = draft(child, "prior_written_notice_request", ask=str(ask.pk)).body
    assert "On February 2, 2026 I asked Lee Park for the following" in body
    assert 'On February 12, 2026 the answer was: "That is not something we offer."' in body
    assert "refusing my request" in body


@pytest.fixture
def two_ieps(child):
    old = IEP.objects.create(child=child, start_date=date(2025, 3, 1), end_date=date(2026, 2, 28))
    Service.objects.create(iep=old, service="Speech therapy", minutes=60, per="week")
    new = IEP.objects.create(child=child, start_date=date(2026, 3, 1), end_date=date(2027, 2, 28))
    Service.objects.create(iep=new, service="Speech therapy", minutes=30, per="week")
    return old, new


def test_pwn_request_for_a_new_iep_that_gives_less(child, case_manager, two_ieps):
    old, new = two_ieps
    body = draft(child, "prior_written_notice_request", iep=str(new.pk)).body
    assert "Speech therapy went from 60 to 30 minutes per week." in body
    assert "compared with the IEP starting March 1, 2025" in body
    for element in PWN_ELEMENTS:
        assert element in body


def test_pwn_request_for_an_iep_with_nothing_before_or_nothing_less(alice_client, child, two_ieps):
    old, new = two_ieps
    first = api_draft(alice_client, child, "prior_written_notice_request", iep=str(old.pk))
    assert first.status_code == 422
    assert first.json()["detail"].startswith("iep: there is no IEP before")
    Service.objects.filter(iep=new).update(minutes=60)
    same = api_draft(alice_client, child, "prior_written_notice_request", iep=str(new.pk))
    assert same.status_code == 422 and "removes or reduces no service" in same.json()["detail"]


def test_pwn_request_needs_exactly_one_subject(alice_client, child, case_manager, ask, refusal):
    none = api_draft(alice_client, child, "prior_written_notice_request")
    assert none.status_code == 422
    assert none.json()["detail"].startswith("refusal: choose what the notice is about")
    both = api_draft(
        alice_client,
        child,
        "prior_written_notice_request",
        refusal=str(refusal.pk),
        ask=str(ask.pk),
    )
    assert both.status_code == 422
    assert both.json()["detail"].startswith("ask: choose only one of refusal, ask or iep")
    page = alice_client.post(
        f"/children/{child.pk}/letters/new/prior_written_notice_request/",
        {"refusal": refusal.pk, "ask": ask.pk},
    )
    assert page.status_code == 400
    assert "choose only one of refusal, ask or iep" in page.content.decode()
    empty = alice_client.post(f"/children/{child.pk}/letters/new/prior_written_notice_request/", {})
    assert empty.status_code == 400
    assert not Letter.objects.exists()


def test_sending_the_pwn_request_opens_one_ask(child, alice, case_manager, teacher, refusal):
    letter = saved(child, alice, "prior_written_notice_request", refusal=str(refusal.pk))
    before = Ask.objects.count()
    sent = drafts.mark_sent(letter, TODAY)
    assert Ask.objects.count() == before + 1
    assert sent.ask.kind == "prior_written_notice_request"
    assert sent.ask.subject == "Prior written notice: An OT evaluation for handwriting"


# Escalation and the courtesy note


@pytest.fixture
def stuck(child, case_manager, teacher, ask, refusal):
    """The OT evaluation ask, asked of the teacher, refused, then taken to the case manager."""
    ask.involved.add(case_manager)
    return ask


def test_escalation_by_cc_goes_to_the_case_manager_with_the_administrator_copied(
    child, case_manager, director, stuck
):
    letter = draft(child, "escalation", topic="services", ask=str(stuck.pk), method="cc")
    assert letter.to == ["Dana Cole <dana.cole@school.example>"]
    # Copied: the director, and the people already involved in the request (decision 0036).
    assert letter.cc == [
        "Maria Ortiz <m.ortiz@district.example>",
        "Lee Park <lee.park@school.example>",
    ]
    assert letter.params["to"] == str(director.pk)  # the ladder's next rung, remembered
    body = letter.body
    assert "I have copied Maria Ortiz, director of special services" in body
    assert "- February 2, 2026: I asked Lee Park for an OT evaluation for handwriting." in body
    assert (
        "- February 20, 2026: Lee Park said no: \"We don't use that program here. All our "
        'students get the same thing."' in body
    )
    assert "What is still unresolved: my request was refused" in body
    assert (
        "What I am asking for, in the words of my request of February 2, 2026: An OT "
        "evaluation for handwriting." in body
    )
    assert "I have not received prior written notice of this refusal" in body
    assert "(34 CFR § 300.503)" in body
    assert f"by {letter.reply_by:%B} {letter.reply_by.day}, 2026" in body
    assert "mediation (34 CFR § 300.506)" in body
    assert "a state complaint (34 CFR §§ 300.151-300.153)" in body


def test_escalation_by_call_or_invite_goes_to_the_administrator(
    child, case_manager, director, stuck
):
    call = draft(child, "escalation", topic="services", to=str(director.pk), method="call")
    assert call.to == ["Maria Ortiz <m.ortiz@district.example>"] and call.cc == []
    assert "call back" in call.subject and "Please call me back by" in call.body
    invite = draft(child, "escalation", topic="services", to=str(director.pk), method="invite")
    assert invite.to == ["Maria Ortiz <m.ortiz@district.example>"]
    assert invite.cc == ["Dana Cole <dana.cole@school.example>"]
    assert "invite you to Sam's next IEP meeting" in invite.body
    assert "34 CFR § 300.321(a)(4)" in invite.body
    # Written to directly: the letter goes to the director alone, about the request.
    direct = draft(
        child,
        "escalation",
        topic="services",
        to=str(director.pk),
        method="write",
        ask=str(stuck.pk),
    )
    assert direct.to == ["Maria Ortiz <m.ortiz@district.example>"] and direct.cc == []
    assert "I am writing to you as director of special services" in direct.body
    assert "my request for an OT evaluation for handwriting" in direct.body
    assert "Please reply in writing by" in direct.body


def test_escalation_without_an_ask_lists_what_is_unresolved(child, case_manager, director, stuck):
    # An ask that carried the request up the chain is bookkeeping, not a request.
    Ask.objects.create(
        child=child,
        subject="Escalation to Dana Cole: An OT evaluation for handwriting",
        asked_on=date(2026, 2, 25),
        about=stuck,
        kind="escalation",
    )
    body = draft(child, "escalation", topic="services", to=str(director.pk)).body
    assert "I have copied Maria Ortiz" in body  # cc is the usual way
    assert "I asked Lee Park for an OT evaluation for handwriting (refused)" in body
    assert "Escalation to" not in body


def test_escalation_parameter_errors(alice_client, child, case_manager, stuck):
    cases = [
        ({"topic": "lunch"}, "topic: 'lunch' is not one of: services, placement"),
        (
            {"topic": "services", "method": "fax"},
            "method: 'fax' is not one of: cc, write, call, invite",
        ),
        ({"method": "cc"}, "topic: is required"),
        # Nobody above the case manager on the roster yet.
        ({"topic": "services", "ask": str(stuck.pk)}, "to: there is nobody higher"),
    ]
    for params, detail in cases:
        response = api_draft(alice_client, child, "escalation", **params)
        assert response.status_code == 422, params
        assert response.json()["detail"].startswith(detail), response.json()
    url = f"/children/{child.pk}/letters/new/escalation/"
    for params in ({"topic": "lunch"}, {"topic": "services", "method": "fax"}):
        page = alice_client.post(url, params)
        assert page.status_code == 400
        assert "Select a valid choice" in page.content.decode()
    page = alice_client.post(url, {"topic": "services", "ask": stuck.pk})
    assert page.status_code == 400 and "nobody higher" in page.content.decode()
    assert not Letter.objects.exists()


def test_sending_an_escalation_opens_one_ask_and_involves_the_administrator(
    child, alice, case_manager, director, stuck
):
    letter = saved(child, alice, "escalation", topic="services", ask=str(stuck.pk), method="cc")
    before = set(Ask.objects.values_list("pk", flat=True))
    sent = drafts.mark_sent(letter, TODAY)
    opened = Ask.objects.exclude(pk__in=before)
    assert opened.count() == 1 and opened.get() == sent.ask
    assert sent.ask.kind == "escalation"
    assert director in sent.ask.involved.all()
    assert director in stuck.involved.all()
    entry = Entry.objects.get(kind="letter")
    assert entry.counterpart == case_manager and "Maria Ortiz" in entry.recipients
    # The ladder now starts above the director for this ask.
    superintendent = TeamMember.objects.create(child=child, name="Ray Kim", role="superintendent")
    ladder = build_ladder(roster_of(child), "services", involved_in(stuck))
    assert ladder.next_rung.members == [str(superintendent.pk)]


def test_courtesy_note_names_the_person_contacted(
    child, alice, case_manager, teacher, director, stuck
):
    escalation = saved(child, alice, "escalation", topic="services", ask=str(stuck.pk))
    drafts.mark_sent(escalation, date(2026, 3, 2))
    letter = draft(child, "courtesy_note", contacted=str(director.pk), topic="services")
    assert letter.to == ["Dana Cole <dana.cole@school.example>"]
    assert letter.cc == ["Lee Park <lee.park@school.example>"]  # the team below the director
    body = letter.body
    assert (
        "on March 2, 2026 I contacted Maria Ortiz, director of special services, about my "
        "request for an OT evaluation for handwriting, which I first made on February 2, 2026"
        in body
    )
    assert "Escalation to" not in body
    assert "expertise and decision-making authority to the table" in body
    assert "I look forward to continuing to work together." in body
    sent = drafts.mark_sent(saved(child, alice, "courtesy_note", contacted=str(director.pk)), TODAY)
    assert sent.entry.kind == "letter" and sent.ask is None  # logged, asks nothing


def test_courtesy_note_needs_a_team_member(alice_client, child, case_manager):
    response = api_draft(alice_client, child, "courtesy_note", topic="services")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("contacted: is required")
    bad = api_draft(alice_client, child, "courtesy_note", contacted="nobody")
    assert bad.status_code == 422 and bad.json()["detail"].startswith("contacted:")


# Pages


def test_ladder_offers_the_three_ways_and_then_the_courtesy_note(
    alice_client, alice, child, case_manager, director, stuck
):
    url = f"/children/{child.pk}/ladder/?topic=services&ask={stuck.pk}"
    html = alice_client.get(url).content.decode()
    base = f"/children/{child.pk}/letters/new/escalation/?topic=services&amp;to={director.pk}"
    for method in ("cc", "write", "call", "invite"):
        assert f"{base}&amp;ask={stuck.pk}&amp;method={method}" in html
    assert "Bring Maria Ortiz in" in html
    assert "courtesy_note" not in html
    drafts.mark_sent(saved(child, alice, "escalation", topic="services", ask=str(stuck.pk)), TODAY)
    html = alice_client.get(url).content.decode()
    link = f"/children/{child.pk}/letters/new/courtesy_note/?contacted={director.pk}&amp;topic=services"
    assert link in html
    drafts.mark_sent(saved(child, alice, "courtesy_note", contacted=str(director.pk)), TODAY)
    assert link not in alice_client.get(url).content.decode()


def test_sent_escalation_page_offers_the_courtesy_note(
    alice_client, alice, child, case_manager, director, stuck
):
    letter = saved(child, alice, "escalation", topic="services", ask=str(stuck.pk))
    page = f"/children/{child.pk}/letters/{letter.pk}/"
    assert "courtesy_note" not in alice_client.get(page).content.decode()
    drafts.mark_sent(letter, TODAY)
    link = f"/children/{child.pk}/letters/new/courtesy_note/?contacted={director.pk}&amp;topic=services"
    assert link in alice_client.get(page).content.decode()
    form = alice_client.get(link.replace("&amp;", "&"))
    assert form.status_code == 200 and "Maria Ortiz" in form.context["draft"].body


def test_policy_letters_pages_draft_from_the_links(
    alice_client, child, case_manager, teacher, refusal
):
    response = alice_client.get(
        f"/children/{child.pk}/letters/new/policy_request/?refusal={refusal.pk}"
    )
    assert response.status_code == 200
    assert "We don't use that program here." in response.context["draft"].body
    saved_page = alice_client.post(
        f"/children/{child.pk}/letters/new/policy_request/", {"refusal": refusal.pk}
    )
    assert saved_page.status_code == 302
    assert Letter.objects.get().kind == "policy_request"


# Files


@pytest.fixture
def new_letters(child, alice, case_manager, teacher, director, stuck, refusal, two_ieps):
    request = saved(child, alice, "policy_request", refusal=str(refusal.pk))
    no_policy(refusal)
    return [
        request,
        saved(child, alice, "policy_renewal", refusal=str(refusal.pk)),
        saved(child, alice, "prior_written_notice_request", iep=str(two_ieps[1].pk)),
        saved(child, alice, "escalation", topic="services", ask=str(stuck.pk), method="cc"),
        saved(child, alice, "courtesy_note", contacted=str(director.pk)),
    ]


def test_files_open_with_standard_parsers(new_letters):
    for letter in new_letters:
        assert files.as_txt(letter).decode() == letter.body
        message = BytesParser(policy=policy.default).parsebytes(
            files.as_eml(letter, "Alice Parent <alice@example.com>")
        )
        # A long subject is folded right after "Subject:"; unfolding leaves the space.
        assert message["Subject"].strip() == letter.subject
        assert message["To"] == ", ".join(letter.to)
        if letter.cc:
            assert message["Cc"] == ", ".join(letter.cc)
        assert message.get_content().replace("\r\n", "\n") == letter.body
        document = Document(io.BytesIO(files.as_docx(letter)))
        text = "\n".join(p.text for p in document.paragraphs)
        assert words(with_subject(letter)) == words(text)
    escalation = new_letters[3]
    assert (
        "Maria Ortiz"
        in BytesParser(policy=policy.default).parsebytes(files.as_eml(escalation))["Cc"]
    )
    with pdfplumber.open(io.BytesIO(files.as_pdf(new_letters[2]))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert "300.503(b)(7)" in text and "Speech therapy went from 60 to 30" in words(text)


def test_read_only_members_are_not_offered_the_courtesy_note(
    bob_client, alice, child, case_manager, director, stuck
):
    letter = saved(child, alice, "escalation", topic="services", ask=str(stuck.pk))
    drafts.mark_sent(letter, TODAY)
    html = bob_client.get(f"/children/{child.pk}/letters/{letter.pk}/").content.decode()
    assert "Maria Ortiz" in html and "courtesy_note" not in html


def test_escalation_by_cc_with_nobody_below_writes_to_the_administrator(child, director):
    letter = draft(child, "escalation", topic="services", method="cc")
    assert letter.to == ["Maria Ortiz <m.ortiz@district.example>"] and letter.cc == []
    assert "I have copied" not in letter.body
    assert "I am writing to you as director of special services" in letter.body


def test_refusal_page_offers_prior_written_notice_once_a_policy_is_produced(
    alice_client, child, refusal
):
    url = f"/children/{child.pk}/refusals/{refusal.pk}/"
    link = f"/letters/new/prior_written_notice_request/?refusal={refusal.pk}"
    assert link not in alice_client.get(url).content.decode()
    record_policy_outcome(refusal, outcome="produced", on=TODAY, citation="BP 6164.4")
    assert link in alice_client.get(url).content.decode()


def test_pwn_page_drafts_from_the_coachs_iep_link(alice_client, child, case_manager, two_ieps):
    old, new = two_ieps
    url = f"/children/{child.pk}/letters/new/prior_written_notice_request/"
    response = alice_client.get(f"{url}?iep={new.pk}")
    assert response.status_code == 200
    assert "Speech therapy went from 60 to 30" in response.context["draft"].body
    saved_page = alice_client.post(url, {"iep": new.pk})
    assert saved_page.status_code == 302
    letter = Letter.objects.get()
    assert letter.params == {"iep": str(new.pk)} and letter.to[0].startswith("Dana Cole")


def test_escalation_says_prior_written_notice_was_asked_for_and_not_received(
    child, alice, case_manager, director, stuck, refusal
):
    notice = saved(child, alice, "prior_written_notice_request", refusal=str(refusal.pk))
    drafts.mark_sent(notice, date(2026, 2, 23))
    body = draft(child, "escalation", topic="services", ask=str(stuck.pk)).body
    assert (
        "On February 23, 2026 I asked for prior written notice of the refusal "
        "(34 CFR § 300.503), and I have not received it." in body
    )
    assert "I have not received prior written notice of this refusal:" not in body


def test_escalation_gives_the_reply_date_only_for_a_request_still_unanswered(
    child, case_manager, director, ask
):
    # Waiting past the date asked for: the date says how long the school has had.
    body = draft(child, "escalation", topic="services", ask=str(ask.pk)).body
    assert (
        "What is still unresolved: I have not had a decision on my request (I had asked for "
        "an answer by February 16, 2026)." in body
    )
    # Refused: the answer came, so the date it was due by says nothing (decision 0109).
    log_refusal(child, said_by=case_manager, said_on=date(2026, 2, 10), words="No.", ask=ask)
    body = draft(child, "escalation", topic="services", ask=str(ask.pk)).body
    assert "What is still unresolved: my request was refused." in body
    assert "I had asked for an answer by" not in body
    spanish = compose.draft(
        child, "escalation", {"topic": "services", "ask": str(ask.pk)}, today=TODAY, lang="es"
    ).translation
    assert "Lo que sigue sin resolverse: mi solicitud fue rechazada." in spanish
    assert "había pedido una respuesta" not in spanish
