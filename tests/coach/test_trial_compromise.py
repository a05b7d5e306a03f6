"""The trial compromise (moves.md, section 3), followed by the coach: the school grants part
of a request, the coach offers to try its offer on measured terms (the trial form filled in
from the request), then to put the terms in writing, and, when the parent finds it did not
work, to meet again and reconsider the request. Each step ends when the parent takes it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from playbook.advocacy.models import Ask, Concern
from playbook.coach.moves import next_moves
from playbook.letters.models import Letter
from playbook.meetings.models import Meeting, Trial
from playbook.meetings.trials import save_trial

TODAY = date(2026, 12, 7)


def moves(child, today=TODAY):
    return {s.move: s for s in next_moves(child, today)}


@pytest.fixture
def concern(child):
    return Concern.objects.create(child=child, title="Leo cannot start writing work alone")


@pytest.fixture
def offered(child, case_manager, concern):
    """A request answered with part of it: a shared aide for the 1:1 aide asked for."""
    return Ask.objects.create(
        child=child,
        subject="A dedicated 1:1 aide during the writing block",
        asked_of=case_manager,
        asked_on=TODAY - timedelta(days=14),
        channel="email",
        concern=concern,
        status="partly_granted",
        reply_date=TODAY - timedelta(days=5),
        reply_text="We can offer support from the shared classroom paraprofessional.",
    )


def _trial(child, **fields):
    values = {
        "proposal": "Support from the shared classroom paraprofessional",
        "start_date": TODAY,
        "weeks": 6,
        "measure": "Writing tasks done without a prompt, out of 5",
        "review_date": TODAY + timedelta(weeks=7),
        **fields,
    }
    return Trial.objects.create(child=child, **values)


def test_a_request_granted_in_part_is_offered_a_trial_of_the_schools_offer(child, offered):
    move = moves(child)["try_the_offer"]
    assert "“A dedicated 1:1 aide during the writing block”" in move.why
    assert "Dana Cole" in move.why and "December 2, 2026" in move.why
    assert move.letter_kind is None
    assert move.link == f"/children/{child.pk}/trials/new/?ask={offered.pk}"


def test_the_trial_form_is_filled_in_from_the_request(alice_client, child, offered, concern):
    page = alice_client.get(f"/children/{child.pk}/trials/new/?ask={offered.pk}").content.decode()
    assert 'value="A dedicated 1:1 aide during the writing block"' in page
    assert f'<option value="{concern.pk}" selected>' in page


@pytest.mark.parametrize("ask", ["nonsense", "", "3f0c8a52-7d0e-4b8e-9a51-2f6d1c9e4b10"])
def test_a_bad_or_unknown_request_id_leaves_the_form_empty(alice_client, child, ask):
    answer = alice_client.get(f"/children/{child.pk}/trials/new/?ask={ask}")
    assert answer.status_code == 200
    assert 'name="instead_of" maxlength' in answer.content.decode()


def test_another_familys_child_is_not_found(charlie_client, offered):
    answer = charlie_client.get(f"/children/{offered.child.pk}/trials/new/?ask={offered.pk}")
    assert answer.status_code == 404


@pytest.mark.parametrize(
    "trial_fields",
    [{"concern_id": "concern"}, {"instead_of": "a dedicated 1:1 aide  during the writing block"}],
    ids=["same concern", "same words"],
)
def test_a_trial_on_record_for_the_request_ends_the_offer(child, offered, concern, trial_fields):
    fields = {k: (concern.pk if v == "concern" else v) for k, v in trial_fields.items()}
    _trial(child, **fields)
    assert "try_the_offer" not in moves(child)


@pytest.mark.parametrize(
    ("change", "offered_still"),
    [
        ({}, True),
        ({"status": "refused"}, False),
        ({"status": "granted"}, False),
        ({"escalated_on": TODAY - timedelta(days=1)}, False),
        ({"reply_date": TODAY - timedelta(days=61)}, False),
    ],
    ids=["partly granted", "refused", "granted", "carried up", "two months old"],
)
def test_only_a_recent_partial_answer_not_carried_up_is_offered(offered, change, offered_still):
    Ask.objects.filter(pk=offered.pk).update(**change)
    assert ("try_the_offer" in moves(offered.child)) is offered_still


def test_a_new_trial_asks_for_its_terms_in_writing_until_they_are_sent(child, case_manager):
    trial = _trial(child)
    move = moves(child)["trial_terms"]
    assert move.letter_kind == "trial_terms"
    assert move.letter_params == {"trial": str(trial.pk)}
    assert "“Support from the shared classroom paraprofessional”" in move.why
    Letter.objects.create(
        child=child,
        kind="trial_terms",
        params={"trial": str(trial.pk)},
        state=Letter.State.SENT,
        sent_on=TODAY,
        subject="Trial terms",
        body="...",
    )
    assert "trial_terms" not in moves(child)


def test_a_trial_well_under_way_is_not_asked_for_its_terms(child):
    _trial(child, start_date=TODAY - timedelta(days=22), review_date=TODAY + timedelta(days=30))
    assert "trial_terms" not in moves(child)


def test_a_trial_that_did_not_work_asks_to_meet_again_at_once(child):
    trial = _trial(
        child,
        start_date=TODAY - timedelta(days=30),
        review_date=TODAY + timedelta(days=40),  # long before its review
        outcome="did_not_work",
    )
    move = moves(child)["trial_review"]
    assert move.title == "The trial did not work: ask the team to meet again"
    assert "34 CFR § 300.503" in move.why
    assert move.letter_params == {"trial": str(trial.pk)}
    Meeting.objects.create(child=child, kind="trial_review", trial=trial)
    assert "trial_review" not in moves(child)


def test_a_trial_that_worked_asks_for_nothing(child):
    _trial(child, start_date=TODAY - timedelta(days=60), review_date=TODAY, outcome="worked")
    assert {"trial_review", "trial_terms"}.isdisjoint(moves(child))


def _letter(child, day: date, **fields) -> Letter:
    letter = Letter.objects.create(
        child=child, kind="records_request", params={}, subject="Records", body="...", **fields
    )
    noon = datetime.combine(day, time(12), tzinfo=UTC)
    Letter.objects.filter(pk=letter.pk).update(created_at=noon)
    return letter


def test_a_draft_sent_again_as_a_newer_draft_is_not_asked_about(child):
    _letter(child, TODAY - timedelta(days=10))
    assert "confirm_sent" in moves(child)
    _letter(child, TODAY - timedelta(days=1), state=Letter.State.SENT, sent_on=TODAY)
    assert "confirm_sent" not in moves(child)


def test_a_draft_made_after_the_one_sent_is_still_asked_about(child):
    _letter(child, TODAY - timedelta(days=10), state=Letter.State.SENT, sent_on=TODAY)
    _letter(child, TODAY - timedelta(days=5))
    assert "confirm_sent" in moves(child)


def test_the_terms_are_not_chased_once_the_trial_is_over(child, case_manager):
    from playbook.letters import compose, drafts

    trial = _trial(child, start_date=TODAY, review_date=TODAY + timedelta(weeks=7))
    made = compose.draft(child, "trial_terms", {"trial": str(trial.pk)}, today=TODAY)
    drafts.mark_sent(drafts.save_draft(child, made, author=None), TODAY)
    weeks_later = TODAY + timedelta(weeks=4)
    # The school never confirmed the terms: followed up while the trial runs...
    assert "follow_up" in moves(child, weeks_later)
    # ...not once it reached its review, nor once the parent recorded how it went.
    assert "follow_up" not in moves(child, trial.review_date)
    trial.outcome = "did_not_work"
    save_trial(trial)  # the owning write, which tells the coach the records changed
    assert "follow_up" not in moves(child, weeks_later)
