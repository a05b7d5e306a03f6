"""An email from the school that names someone above them as the one to decide ("I can't add
an aide without the director signing off") leads to that person (decision 0119). Found on a
walk: the imported email raised no signal and no move, and the escalation letter drafted
without a request copied the general education teacher "so that someone with the authority
to decide can help"."""

from __future__ import annotations

from datetime import date

import pytest

from playbook.children.models import TeamMember
from playbook.coach.moves import next_moves
from playbook.letters import compose, drafts
from playbook.trail.email_import import import_messages
from playbook.trail.refusal_language import detect

TODAY = date(2026, 12, 7)

EMAIL = b"""From: Dana Cole <dana.cole@school.example>
To: Alice Parent <alice@example.com>
Subject: RE: An aide for Sam
Date: Thu, 03 Dec 2026 16:42:10 -0800
Message-ID: <reply-1@school.example>

Hi Ms. Parent,

Thanks for your email. I can't add an aide without the director signing off.

Best,
Dana Cole
"""


@pytest.fixture
def team(child, case_manager):
    for name, role in [
        ("Mr. Reyes", "general_ed_teacher"),
        ("Dr. Park", "special_ed_supervisor"),
        ("Ms. Ito", "director_special_services"),
    ]:
        TeamMember.objects.create(child=child, name=name, role=role)
    return {m.role: m for m in child.team.all()}


def moves(child):
    return [s for s in next_moves(child, TODAY) if s.move == "escalate"]


@pytest.mark.parametrize(
    "text",
    [
        "I can't add an aide without the director signing off.",
        "Only the special ed director can approve an aide.",
        "I would have to get the director to sign off on that.",
        "Anything like that has to go through the special ed director.",
    ],
)
def test_the_approval_named_is_the_signal(text):
    assert detect(text).needs_supervisor


def test_a_no_stays_a_no_when_it_names_whose_approval_it_takes():
    """The new forms only raise the signal; decision 0080's precedence stays its own."""
    detection = detect("Anything like that has to go through the special ed director.")
    assert detection.refusal and detection.needs_supervisor
    assert not detect(
        "You will need to go through the district's website to register."
    ).needs_supervisor


def test_an_imported_email_that_names_who_decides_brings_that_person_in(child, team):
    import_messages(child, [("reply.eml", EMAIL)])
    [move] = moves(child)
    assert move.title == "Bring in the person who can decide"
    assert "Dana Cole wrote on December 3, 2026" in move.why
    assert "without the director signing off" in move.why
    letter = compose.draft(child, move.letter_kind, move.letter_params, today=TODAY)
    # Written to the case manager, the person the email named copied (decision 0123): not the
    # teacher on the first rung, nor the supervisor on the ladder's next rung.
    assert letter.addressee == team["case_manager"]
    assert letter.params["to"] == str(team["director_special_services"].pk)
    assert len(letter.cc) == 1 and "Ms. Ito" in letter.cc[0]
    drafts.mark_sent(drafts.save_draft(child, letter, author=None), TODAY)
    assert moves(child) == []  # the parent has gone up since


def test_an_email_filed_under_an_ask_is_left_to_the_ask(child, team):
    from playbook.advocacy.models import Ask
    from playbook.trail.models import Entry

    import_messages(child, [("reply.eml", EMAIL)])
    ask = Ask.objects.create(
        child=child, subject="An aide", asked_of=team["case_manager"], asked_on=date(2026, 12, 1)
    )
    ask.entries.add(Entry.objects.get(child=child))
    [move] = moves(child)  # the stuck ask's own move, not a second one for the same email
    assert move.title != "Bring in the person who can decide"
    assert move.letter_params.get("ask") == str(ask.pk)


def test_a_reply_that_names_who_decides_goes_to_that_person_not_the_next_rung(
    child, team, alice_client
):
    """Found on the walk of decision 0123: "I can't add that to her plan without the special
    ed supervisor signing off", the teacher's reply, led to a letter copying the case manager
    (the ladder's next rung) "so that someone with the authority to decide can help"."""
    from playbook.advocacy.models import Ask

    ask = Ask.objects.create(
        child=child, subject="Audio books", asked_of=team["general_ed_teacher"],
        asked_on=date(2026, 12, 1),
    )  # fmt: skip
    reply = alice_client.post(
        f"/api/v1/asks/{ask.pk}/reply",
        {"text": "I like the idea, but I can't add that to her plan without the special ed "
                 "supervisor signing off.", "date": "2026-12-03", "outcome": "answered"},
        content_type="application/json",
    )  # fmt: skip
    assert reply.status_code == 200, reply.content
    [move] = moves(child)
    assert move.letter_params["to"] == str(team["special_ed_supervisor"].pk)
    assert "They named who decides: Dr. Park." in move.why
    letter = compose.draft(child, move.letter_kind, move.letter_params, today=TODAY)
    assert any("Dr. Park" in person for person in letter.cc)


def test_the_role_is_read_from_the_words_that_name_who_decides(child, team, alice_client):
    from playbook.advocacy.models import Ask

    TeamMember.objects.create(child=child, name="Ms. Chen", role="principal")
    ask = Ask.objects.create(
        child=child, subject="Audio books", asked_of=team["general_ed_teacher"],
        asked_on=date(2026, 12, 1),
    )  # fmt: skip
    alice_client.post(
        f"/api/v1/asks/{ask.pk}/reply",
        {"text": "The principal agreed it is a good idea. But I can't add that to her plan "
                 "without the special ed supervisor signing off.",
         "date": "2026-12-03", "outcome": "answered"},
        content_type="application/json",
    )  # fmt: skip
    [move] = moves(child)
    assert move.letter_params["to"] == str(team["special_ed_supervisor"].pk)
