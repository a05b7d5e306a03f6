"""Every recognised "no" becomes a refusal the coach follows up (issue 14): a reply recorded
through the API or the page, an imported email, a logged call; and the detect route's
answer, including for bad input."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import override_settings

from playbook.advocacy.models import Ask
from playbook.coach.moves import next_moves
from playbook.refusals.models import Refusal
from playbook.school_language import decisions
from playbook.trail.email_import import import_messages
from playbook.trail.refusal_language import detect
from tests.trail.emails import as_bytes, message

API = "/api/v1"
TODAY = date(2026, 3, 6)


def _post(client, url, data):
    return client.post(f"{API}/{url}", json.dumps(data), content_type="application/json")


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child, subject="1:1 aide", asked_of=case_manager, asked_on=date(2026, 3, 2)
    )


def _moves_for(refusal: Refusal) -> set[str]:
    return {
        s.move for s in next_moves(refusal.child, TODAY) if s.refs.get("refusal") == str(refusal.pk)
    }


def _said_no(child, said_by, words: str, **more) -> Refusal:
    """A refusal logged on March 5, 2026 (the tests of decision 0122)."""
    return Refusal.objects.create(
        child=child, said_by=said_by, said_on=date(2026, 3, 5), words=words, **more
    )


def _reply(client, ask, text: str, outcome: str = "refused"):
    """The school's reply to the ask, recorded through the API."""
    response = _post(
        client, f"asks/{ask.pk}/reply", {"text": text, "date": "2026-03-05", "outcome": outcome}
    )
    assert response.status_code == 200, response.content
    return response


def test_a_reply_through_the_api_becomes_a_refusal_and_a_move(alice_client, ask):
    text = "Thanks for asking. We don't have the staff for a one-to-one aide this year."
    response = _reply(alice_client, ask, text)
    body = response.json()
    assert body["refusal_detected"] is True
    assert body["matched"] == ["We don't have the staff for a one-to-one aide this year."]
    said_no = [s for s in body["sentences"] if s["refusal"]]
    assert [s["kind"] for s in said_no] == ["resources"]
    assert said_no[0]["why"] and 0.5 <= said_no[0]["confidence"] <= 1
    refusal = Refusal.objects.get(pk=body["refusal"])
    assert (refusal.ask, refusal.said_by, refusal.said_on) == (ask, ask.asked_of, date(2026, 3, 5))
    # The move this kind of no calls for, and only that one (decision 0122).
    assert _moves_for(refusal) == {"request_prior_written_notice"}


def test_a_written_decision_in_a_reply_becomes_a_refusal_and_a_move(alice_client, ask):
    # Heard by the decision's own words, not the model (decision 0093): the same refusal and
    # coach move follow as for any other "no".
    text = "Thank you for your letter. Your request for an IEE is denied."
    response = _reply(alice_client, ask, text)
    body = response.json()
    assert body["refusal_detected"] is True
    assert body["matched"] == ["Your request for an IEE is denied."]
    [said_no] = [s for s in body["sentences"] if s["refusal"]]
    assert said_no["confidence"] == decisions.CONFIDENCE and "is denied" in said_no["why"]
    refusal = Refusal.objects.get(pk=body["refusal"])
    assert refusal.ask == ask and _moves_for(refusal)


def test_a_reply_without_a_no_makes_no_refusal(alice_client, ask):
    response = _reply(alice_client, ask, "Yes, we'll add the aide from Monday.", "granted")
    assert response.json()["refusal_detected"] is False
    assert response.json()["refusal"] is None
    assert not Refusal.objects.exists()


def test_a_reply_on_the_page_becomes_a_refusal_and_a_move(alice_client, child, ask):
    response = alice_client.post(
        f"/children/{child.pk}/asks/{ask.pk}/reply/",
        {
            "text": "She's passing all her classes, so she doesn't need an aide.",
            "date": "2026-03-05",
            "outcome": "refused",
            "channel": "email",
        },
        follow=True,
    )
    assert response.status_code == 200
    refusal = Refusal.objects.get(ask=ask)
    assert f"/children/{child.pk}/refusals/{refusal.pk}/" in response.content.decode()
    assert "request_meeting" in _moves_for(refusal)  # grades taken as proof: meet on the data


def test_an_imported_email_becomes_a_refusal_and_a_move(child, case_manager):
    # The sentence is one the recogniser hears; what this test proves is what follows from it.
    body = "Hi Alice,\n\nThat is not my call, you will need to ask the district office.\n\nDana"
    email = as_bytes(message(body=body, message_id="<no-1@school.example>"))
    report = import_messages(child, [("message 1", email)])
    [entry] = report.imported
    refusal = Refusal.objects.get(entry=entry)
    assert refusal.said_by == case_manager and refusal.ask is None
    assert "ask the district office" in refusal.words
    assert "escalate" in _moves_for(refusal) or "ask_for_policy" in _moves_for(refusal)
    # Importing the same message again adds nothing: one refusal per entry.
    import_messages(child, [("message 1", email)])
    assert Refusal.objects.count() == 1


def test_an_email_the_parent_sent_makes_no_refusal(child, case_manager):
    sent = message(
        sender="Alice Parent <alice@example.com>",
        to="Dana Cole <dana.cole@school.example>",
        body="You told me you don't have the staff for an aide.",
    )
    import_messages(child, [("message 1", as_bytes(sent))])
    assert not Refusal.objects.exists()


def test_a_logged_call_becomes_a_refusal(alice_client, child, case_manager):
    response = alice_client.post(
        f"/children/{child.pk}/timeline/log/",
        {
            "kind": "call",
            "when": "2026-03-05T15:30",
            "who": str(case_manager.pk),
            "text": "The principal told me they don't test for dyslexia until third grade.",
        },
    )
    assert response.status_code == 302, response.content
    refusal = Refusal.objects.get(child=child)
    assert refusal.entry.flags["logged_as"] == "call"
    assert _moves_for(refusal)


@override_settings(MAX_EMAIL_MESSAGE_BYTES=4096)
def test_a_message_over_the_size_limit_is_rejected_with_its_reason(child):
    small = as_bytes(message(body="See you Tuesday."))
    large = message(subject="Work samples", message_id="<large@school.example>")
    large.add_attachment(b"\0" * 8192, maintype="video", subtype="mp4", filename="class.mp4")
    report = import_messages(child, [("message 1", small), ("message 2", as_bytes(large))])
    assert len(report.imported) == 1
    [rejected] = report.rejected
    assert rejected["item"] == "message 2"
    assert "one message can be at most" in rejected["reason"]


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("", "no text"),
        ("Lo siento, pero no podemos ofrecer ese servicio este año escolar.", "English"),
        ("Thanks for the update about the reading group this week. " * 1800, ""),  # ~100 KB
        # Decision 0076: "We cannot provide a scribe." fell under the threshold (0.60 -> 0.47)
        # when round seven was learned; this test is about the HTML, so its no is a clear one.
        ("<p>We <b>will not</b> provide a scribe.</p><script>alert(1)</script>", ""),
    ],
)
def test_detect_answers_bad_input_clearly(alice_client, text, note):
    response = _post(alice_client, "refusals/detect", {"text": text})
    assert response.status_code == 200, response.content
    body = response.json()
    assert set(body) >= {"refusal", "matched", "sentences", "kind", "move", "note"}
    assert note in body["note"]
    if "<script>" in text:
        assert body["refusal"] is True
        assert body["matched"] == ["We will not provide a scribe."]
        assert body["move"]


def test_detect_refuses_more_than_it_can_read_with_a_message(alice_client):
    response = _post(alice_client, "refusals/detect", {"text": "x" * 200_001})
    assert response.status_code == 413
    assert "too long" in response.json()["detail"]


# A "no" in words the recogniser does not hear (a supervisor's polite Tier 2 answer): the
# parent, who recorded the reply as refused, is the one who knows (decision 0109).
UNHEARD_NO = (
    "I have reviewed the file with the case manager. At this time, the team feels his needs "
    "can be met through Tier 2 interventions in general education."
)


@pytest.mark.parametrize("door", ["api", "page"])
def test_a_reply_the_parent_records_as_refused_is_a_refusal_even_unheard(
    alice_client, child, ask, door
):
    assert not detect(UNHEARD_NO).refusal  # what makes this a test of the parent's word
    if door == "api":
        body = _reply(alice_client, ask, UNHEARD_NO).json()
        assert body["refusal_detected"] is False  # the recogniser's answer, unchanged
        refusal = Refusal.objects.get(pk=body["refusal"])
    else:
        response = alice_client.post(
            f"/children/{child.pk}/asks/{ask.pk}/reply/",
            {"text": UNHEARD_NO, "date": "2026-03-05", "outcome": "refused", "channel": "email"},
            follow=True,
        )
        assert response.status_code == 200
        refusal = Refusal.objects.get(ask=ask)
        page = response.content.decode()
        assert "Saved as a refusal: see below for what to do next." in page
        assert f"/children/{child.pk}/refusals/{refusal.pk}/" in page
    assert (refusal.ask, refusal.said_by, refusal.said_on) == (ask, ask.asked_of, date(2026, 3, 5))
    assert refusal.words == UNHEARD_NO
    assert "ask_for_policy" in _moves_for(refusal)


@pytest.mark.parametrize("outcome", ["answered", "partly_granted", "granted"])
def test_a_reply_recorded_as_anything_but_refused_makes_no_refusal_unheard(
    alice_client, ask, outcome
):
    assert _reply(alice_client, ask, UNHEARD_NO, outcome).json()["refusal"] is None
    assert not Refusal.objects.exists()


@pytest.mark.parametrize(
    ("words", "move"),
    [
        ("We don't do Orton-Gillingham at this school.", "ask_for_policy"),
        (
            "We don't have the staff for a one-to-one aide this year.",
            "request_prior_written_notice",
        ),
        ("Her grades are fine, so she doesn't need more help.", "request_meeting"),
        ("Let's wait until after the winter break and see how he does.", "request_meeting"),
        ("That's not up to me, it's the district's decision.", "escalate"),
    ],
)
def test_each_kind_of_no_gets_one_move(child, case_manager, words, move):
    """One card per no, the one its kind calls for (decision 0122); asking for the written
    policy is the move for a blanket rule or a legal claim."""
    refusal = _said_no(child, case_manager, words)
    assert _moves_for(refusal) == {move}


def test_a_meeting_asked_for_after_the_no_answers_it(child, case_manager):
    """The move a wait-and-see calls for is made once a meeting is on the calendar (or a
    meeting request was sent) after the no; the card then goes."""
    from playbook.meetings.models import Meeting

    refusal = _said_no(
        child, case_manager, "Let's wait until after the winter break and see how he does."
    )
    assert _moves_for(refusal) == {"request_meeting"}
    Meeting.objects.create(child=child, kind="iep", status="scheduled", date=TODAY)
    assert _moves_for(refusal) == set()


def test_a_reply_with_a_blanket_rule_among_other_nos_also_asks_for_the_policy(child, case_manager):
    """One refusal keeps every no of a reply; its surest is grades taken as proof (a
    meeting), and "the school does not do FBAs for students in that class" is a blanket
    rule: the written-policy move comes too (found on a walk)."""
    words = (
        "His grades are all passing, so we don't see a need for a behavior plan. "
        "The school does not do FBAs for students who are in a self-contained class."
    )
    refusal = _said_no(child, case_manager, words, kind="myth")
    assert _moves_for(refusal) == {"request_meeting", "ask_for_policy"}


def test_an_escalation_about_this_request_answers_someone_elses_decision(child, case_manager, ask):
    """Going up the chain is the move for "not up to me"; an escalation about another
    request does not make it, one about this refusal's request does."""
    from playbook.children.models import TeamMember
    from playbook.letters import compose, drafts

    TeamMember.objects.create(child=child, name="Pat Lee", role="special_ed_supervisor")
    refusal = _said_no(
        child, case_manager, "That's not up to me, it's the district's decision.", ask=ask
    )
    assert _moves_for(refusal) == {"escalate"}
    other = Ask.objects.create(
        child=child, subject="Speech twice a week", asked_of=case_manager, asked_on=date(2026, 3, 1)
    )

    def escalate(about: Ask) -> None:
        made = compose.draft(
            child, "escalation", {"topic": "services", "ask": str(about.pk)}, today=TODAY
        )
        drafts.mark_sent(drafts.save_draft(child, made, author=None), date(2026, 3, 6))

    escalate(other)
    assert _moves_for(refusal) == {"escalate"}
    escalate(ask)
    assert _moves_for(refusal) == set()


def test_the_meeting_a_no_calls_for_starts_from_the_requests_concern(child, case_manager):
    """A wait-and-see about a request filed under a concern: the meeting request the coach
    offers has that concern on its agenda already, so the parent only adds three dates."""
    from playbook.advocacy.models import Concern
    from playbook.letters import compose

    concern = Concern.objects.create(child=child, title="Reading is not improving")
    ask = Ask.objects.create(
        child=child,
        subject="A reading specialist",
        asked_of=case_manager,
        asked_on=date(2026, 3, 2),
        concern=concern,
    )
    refusal = _said_no(
        child,
        case_manager,
        "Let's wait until after the winter break and see how she does.",
        ask=ask,
    )
    (move,) = [s for s in next_moves(child, TODAY) if s.refs.get("refusal") == str(refusal.pk)]
    assert move.letter_kind == "meeting_request"
    assert move.letter_params == {"concerns": str(concern.pk)}
    windows = [{"date": f"2026-03-{day}", "start": "08:00", "end": "15:00"} for day in (16, 17, 18)]
    made = compose.draft(
        child, "meeting_request", {**move.letter_params, "availability": windows}, today=TODAY
    )
    assert "Reading is not improving" in made.body
