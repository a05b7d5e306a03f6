"""Each coach rule alone, their order together, and dismissal with its reset."""

from datetime import UTC, date, datetime, timedelta

import pytest

from playbook.advocacy.models import Ask, Concern
from playbook.children.models import IEP, TeamMember
from playbook.coach.moves import dismiss, next_moves
from playbook.letters.models import Letter
from playbook.meetings.models import Meeting, Trial
from playbook.refusals.models import Refusal
from playbook.trail.chain import append

TODAY = date(2026, 11, 16)


def moves(child, today=TODAY):
    return next_moves(child, today)


def ids(child, today=TODAY):
    return [s.move for s in moves(child, today)]


@pytest.fixture
def ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=TODAY - timedelta(days=20),  # its reply was due 10 school days later
        channel="email",
    )


def test_nothing_to_suggest_for_a_quiet_case(child):
    assert moves(child) == []


def test_an_unanswered_ask_past_its_reply_date_gets_a_follow_up(ask):
    [suggestion] = moves(ask.child)
    assert suggestion.move == "follow_up"
    assert (
        suggestion.why
        == "Your request to Dana Cole, “an OT evaluation”, has had no reply for 20 days."
    )
    assert suggestion.letter_kind == "follow_up"
    assert suggestion.letter_params == {"ask": str(ask.pk)}


def test_an_ask_within_its_reply_date_waits(ask):
    ask.reply_due = TODAY + timedelta(days=2)
    ask.save()
    assert moves(ask.child) == []


def test_an_answered_ask_needs_no_follow_up(ask):
    ask.status = "granted"
    ask.save()
    assert moves(ask.child) == []


def test_a_recent_follow_up_letter_holds_off_another(ask, alice):
    Letter.objects.create(
        child=ask.child,
        kind="follow_up",
        params={"ask": str(ask.pk)},
        subject="Following up",
        body="...",
        state="sent",
        sent_on=TODAY - timedelta(days=3),
    )
    assert "follow_up" not in ids(ask.child)


@pytest.mark.parametrize(
    ("named", "held_off"),
    [(str, True), (lambda pk: str(pk).upper(), False), (lambda pk: pk.hex, False)],
)
def test_a_follow_up_letter_counts_when_it_names_the_ask_by_its_id(ask, named, held_off):
    """A letter's parameters name an ask by its id's text, as ``str`` writes it; the same id
    written otherwise names nothing (the coach compares the text)."""
    Letter.objects.create(
        child=ask.child,
        kind="follow_up",
        params={"ask": named(ask.pk)},
        subject="Following up",
        body="...",
        state="sent",
        sent_on=TODAY - timedelta(days=3),
    )
    assert ("follow_up" not in ids(ask.child)) is held_off


def test_a_verbal_ask_is_put_in_writing(child, case_manager):
    ask = Ask.objects.create(
        child=child, subject="a 1:1 aide", asked_of=case_manager, asked_on=TODAY, channel="phone"
    )
    [suggestion] = moves(child)
    assert suggestion.move == "put_in_writing"
    assert "by phone" in suggestion.why.lower() or "phone" in suggestion.why.lower()
    assert suggestion.refs == {"ask": str(ask.pk)}


def _filed(ask, kind, direction="none", flags=None, day=TODAY - timedelta(days=19)):
    """An entry of the trail filed under ``ask`` (too old for a recap)."""
    entry = append(
        ask.child,
        occurred_at=datetime(day.year, day.month, day.day, 9, tzinfo=UTC),
        kind=kind,
        direction=direction,
        subject=f"{kind} about {ask.subject}",
        flags=flags,
    )
    ask.entries.add(entry)
    return entry


def _spoken_ask(child, member, channel):
    """An aide asked for out loud 20 days ago: past its reply date, not yet in writing."""
    return Ask.objects.create(
        child=child,
        subject="a 1:1 aide",
        asked_of=member,
        asked_on=TODAY - timedelta(days=20),
        channel=channel,
    )


def test_a_verbal_ask_followed_by_a_sent_email_is_in_writing(child, case_manager):
    ask = _spoken_ask(child, case_manager, "phone")
    _filed(ask, "call")
    _filed(ask, "email", "received")  # the school's answer is not the parent's writing
    assert ids(child) == ["put_in_writing", "follow_up"]
    _filed(ask, "letter", "sent")
    # In writing now: followed up as any written request past its reply date.
    assert ids(child) == ["follow_up"]


def test_a_verbal_ask_with_only_a_call_filed_is_put_in_writing_alone(child, case_manager):
    ask = _spoken_ask(child, case_manager, "in_person")
    _filed(ask, "call")
    _filed(ask, "note")
    assert ids(child) == ["put_in_writing"]


@pytest.mark.parametrize("status", ["open", "answered", "refused"])
def test_a_reply_flagged_for_a_supervisor_suggests_going_up_the_chain(ask, status):
    # Someone above the case manager on the team list, for the letter to go to (0112).
    TeamMember.objects.create(child=ask.child, name="Lee Park", role="special_ed_supervisor")
    ask.status = status
    ask.reply_due = TODAY + timedelta(days=5)  # not yet due: no follow-up
    ask.save()
    _filed(ask, "email", "received", flags={"refusal": ["No."]})
    assert "escalate" not in ids(ask.child)
    _filed(ask, "email", "received", flags={"needs_supervisor": ["check with my director"]})
    [suggestion] = [s for s in moves(ask.child) if s.move == "escalate"]
    assert suggestion.why == (
        "The reply says someone above them has to decide. The next person up can decide."
    )


def test_a_reply_flagged_for_a_supervisor_with_nobody_above_leads_to_the_team_page(ask):
    # Decision 0112: only the case manager on the team list. The letter would have nobody
    # to go to, so the move says whom to add and links to the team page.
    ask.reply_due = TODAY + timedelta(days=5)
    ask.save()
    _filed(ask, "email", "received", flags={"needs_supervisor": ["check with my director"]})
    [suggestion] = [s for s in moves(ask.child) if s.move == "escalate"]
    assert suggestion.letter_kind is None
    assert suggestion.link == f"/children/{ask.child.pk}/team/"
    assert "Add the next person up (Special education supervisor)" in suggestion.why


def test_an_escalation_whose_letter_names_no_known_topic_still_offers_the_next_rung(
    ask, case_manager
):
    # A letter's stored topic the ladder does not know must not break the coach's pages.
    ask.status, ask.escalated_on = "refused", TODAY - timedelta(days=9)
    ask.save()
    carried = Ask.objects.create(
        child=ask.child, subject="Escalation: an OT evaluation", kind="escalation", about=ask,
        asked_of=case_manager, asked_on=TODAY - timedelta(days=9), status="refused",
    )  # fmt: skip
    Letter.objects.create(
        child=ask.child, kind="escalation", params={"topic": "lunch"}, subject="s", body="b",
        state="sent", sent_on=TODAY - timedelta(days=9), ask=carried,
    )  # fmt: skip
    for refused in (ask, carried):
        Refusal.objects.create(
            child=ask.child, said_by=case_manager, said_on=TODAY, words="No.", ask=refused
        )
    [suggestion] = [s for s in moves(ask.child) if s.move == "escalate"]
    assert suggestion.letter_kind == "escalation"
    assert suggestion.letter_params["topic"] == "lunch"


def test_open_concerns_without_a_meeting_suggest_one(child):
    concern = Concern.objects.create(child=child, title="Reading is not improving")
    [suggestion] = moves(child)
    assert suggestion.move == "request_meeting"
    assert suggestion.letter_params == {"concerns": str(concern.pk)}
    Meeting.objects.create(child=child, status="requested")
    assert moves(child) == []


def test_a_refusal_asks_for_the_written_policy_then_renewal(child, case_manager):
    refusal = Refusal.objects.create(
        child=child, said_by=case_manager, said_on=TODAY, words="We don't use that program here."
    )
    [suggestion] = moves(child)
    assert (suggestion.move, suggestion.letter_kind) == ("ask_for_policy", "policy_request")
    assert "We don't use that program here." in suggestion.why
    assert suggestion.title == "Ask Dana Cole which written policy says no"
    refusal.policy_outcome = "none_exists"
    refusal.save()
    [suggestion] = moves(child)
    assert suggestion.letter_kind == "policy_renewal"


def test_each_policy_move_names_who_said_no(child, case_manager):
    # A no at two rungs and one from nobody named: three moves a parent can tell apart.
    supervisor = case_manager.__class__.objects.create(
        child=child, name="Dr. Lee Park", role="special_ed_supervisor"
    )
    for said_by in (case_manager, supervisor, None):
        Refusal.objects.create(child=child, said_by=said_by, said_on=TODAY, words="No.")
    titles = sorted(s.title for s in moves(child) if s.move == "ask_for_policy")
    assert titles == [
        "Ask Dana Cole which written policy says no",
        "Ask Dr. Lee Park which written policy says no",
        "Ask the school which written policy says no",
    ]


def test_a_produced_policy_leads_to_prior_written_notice(child, case_manager):
    Refusal.objects.create(
        child=child, said_by=case_manager, said_on=TODAY, words="No.", policy_outcome="produced"
    )
    assert ids(child) == ["request_prior_written_notice"]


def test_two_refusals_of_one_ask_suggest_going_up_the_chain(ask, case_manager):
    ask.status = "refused"
    ask.save()
    for days_ago in (10, 2):
        Refusal.objects.create(
            child=ask.child,
            said_by=case_manager,
            said_on=TODAY - timedelta(days=days_ago),
            words="That's not an option.",
            ask=ask,
            policy_outcome="pending",
        )
    assert "escalate" in ids(ask.child)


def test_a_trial_ending_soon_asks_for_its_review(child):
    trial = Trial.objects.create(
        child=child,
        proposal="a shared classroom aide",
        start_date=TODAY - timedelta(weeks=5),
        weeks=6,
        measure="incidents per week",
        review_date=TODAY + timedelta(days=7),
    )
    [suggestion] = moves(child)
    assert suggestion.move == "trial_review"
    Meeting.objects.create(child=child, kind="trial_review", trial=trial)
    assert moves(child) == []


def test_a_scheduled_meeting_brings_records_and_parent_concerns(child):
    Meeting.objects.create(child=child, status="scheduled", date=TODAY + timedelta(days=20))
    # Records take the longest to arrive, so they come first.
    assert ids(child) == ["records_request", "parent_concerns"]


def test_annual_review_and_reevaluation_come_up_in_time(child):
    IEP.objects.create(
        child=child,
        start_date=date(2025, 12, 1),
        end_date=TODAY + timedelta(days=60),
        last_evaluation_date=date(2024, 1, 10),
    )
    found = ids(child)
    assert "prepare_annual_review" in found
    assert "prepare_reevaluation" in found  # due 10 Jan 2027, under six months away


def test_a_logged_call_offers_a_recap(child):
    entry = append(
        child,
        occurred_at=datetime(2026, 11, 15, 16, tzinfo=UTC),
        kind="call",
        subject="Call with the case manager",
    )
    [suggestion] = moves(child)
    assert suggestion.move == "meeting_recap"
    assert suggestion.letter_params == {"entry": str(entry.pk)}


def test_suggestions_come_most_urgent_first(child, case_manager):
    Ask.objects.create(
        child=child,
        subject="an OT evaluation",
        asked_of=case_manager,
        asked_on=TODAY - timedelta(days=40),
        channel="email",
    )
    Concern.objects.create(child=child, title="Reading")
    assert ids(child) == ["follow_up", "request_meeting"]


def test_a_dismissed_suggestion_stays_hidden_until_its_facts_change(ask):
    [suggestion] = moves(ask.child)
    dismiss(ask.child, suggestion.key)
    assert moves(ask.child) == []
    assert moves(ask.child, TODAY + timedelta(days=1)) == []  # same facts, later day
    ask.reply_due = TODAY - timedelta(days=1)  # the facts change
    ask.save()
    assert [s.move for s in moves(ask.child)] == ["follow_up"]


def test_the_coach_costs_the_same_queries_whatever_the_data(
    child, case_manager, django_assert_num_queries
):
    def add_ask_and_refusal(n):
        ask = Ask.objects.create(
            child=child, subject=f"Ask {n}", asked_of=case_manager, asked_on=TODAY, channel="email"
        )
        Refusal.objects.create(child=child, said_on=TODAY, words="No", ask=ask)

    Concern.objects.create(child=child, title="One")
    add_ask_and_refusal(0)
    # 21: the school calendar is read once for reply dates (one reply_due, decision 0024),
    # two queries read the child's records_version for the kept results (0023), and one
    # reads the removals log, shared by the coach and the deadlines (0030);
    # one reads the languages the family reads (0034). With no session logged, the
    # services check reads neither the threshold nor the calendar (0073).
    with django_assert_num_queries(21):
        next_moves(child, TODAY)
    for n in range(1, 12):
        add_ask_and_refusal(n)
    with django_assert_num_queries(21):
        next_moves(child, TODAY)


def test_no_records_request_on_the_meetings_own_day(child):
    Meeting.objects.create(child=child, status="scheduled", date=TODAY)
    assert "records_request" not in ids(child)
    assert "records_request" in ids(child, TODAY - timedelta(days=1))


def _draft(child, kind="meeting_request", days_ago=3, state="draft"):
    return Letter.objects.create(
        child=child,
        kind=kind,
        subject="Request for an IEP meeting",
        body="...",
        state=state,
        created_at=child.moment(TODAY - timedelta(days=days_ago)),
    )


def test_a_draft_not_marked_sent_is_asked_about(child):
    letter = _draft(child)
    [suggestion] = moves(child)
    assert suggestion.move == "confirm_sent"
    assert suggestion.title == "Did you send the meeting request?"
    assert "3 days ago" in suggestion.why
    assert suggestion.link == f"/children/{child.pk}/letters/{letter.pk}/"


def test_a_fresh_draft_or_a_sent_letter_is_not_asked_about(child):
    _draft(child, days_ago=1)
    _draft(child, days_ago=5, state="sent")
    assert "confirm_sent" not in ids(child)


def test_a_draft_of_another_kind_is_named_by_its_subject(child):
    _draft(child, kind="iee_request")
    [suggestion] = moves(child)
    assert suggestion.title == "Did you send \u201cRequest for an IEP meeting\u201d?"


def test_the_reminder_opens_the_draft_from_the_home(client, alice, child):
    letter = _draft(child, days_ago=40)
    client.force_login(alice)
    page = client.get(f"/children/{child.pk}/?today={TODAY.isoformat()}").content.decode()
    assert "Did you send the meeting request?" in page
    assert f'href="/children/{child.pk}/letters/{letter.pk}/">Open the draft' in page


def test_a_high_schooler_with_no_birth_date_is_asked_for_it(child):
    child.birth_date = None
    child.grade = "9"
    child.save()
    [suggestion] = moves(child)
    assert suggestion.title == "Add Sam's birth date"
    assert "transition planning" in suggestion.why
    assert suggestion.link == f"/children/{child.pk}/edit/"
    child.grade = "PK"
    child.save()
    assert "third birthday" in moves(child)[0].why


def test_a_fifth_grader_or_a_known_birth_date_is_not_asked(child):
    assert child.grade == "5"
    child.birth_date = None
    child.save()
    assert moves(child) == []
    child.grade = "9"
    child.birth_date = date(2011, 5, 1)
    child.save()
    assert "Add Sam's birth date" not in [s.title for s in moves(child)]
