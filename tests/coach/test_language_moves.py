"""The coach offers an interpreter and translated documents to a family that reads the app
in Spanish, when a meeting or a prior written notice is coming (issue 19)."""

from datetime import date, timedelta

from playbook.advocacy.models import Ask
from playbook.coach.moves import next_moves
from playbook.letters import compose, drafts
from playbook.meetings.models import Meeting

TODAY = date(2026, 11, 16)


def moves(child):
    return {s.move: s for s in next_moves(child, TODAY)}


def reads_spanish(user):
    user.language = "es"
    user.save(update_fields=["language"])


def test_nothing_for_an_english_family_or_without_a_meeting(child, alice, case_manager):
    Meeting.objects.create(child=child, status="scheduled", date=TODAY + timedelta(days=20))
    found = moves(child)
    assert "request_interpreter" not in found and "request_translated_documents" not in found
    reads_spanish(alice)
    Meeting.objects.all().delete()
    found = moves(child)
    assert "request_interpreter" not in found and "request_translated_documents" not in found


def test_a_spanish_reading_parent_is_offered_both_before_a_meeting(child, alice, case_manager):
    meeting = Meeting.objects.create(
        child=child, status="scheduled", date=TODAY + timedelta(days=20)
    )
    held = Meeting.objects.create(child=child, status="held", date=TODAY - timedelta(days=5))
    reads_spanish(alice)
    found = moves(child)
    interpreter = found["request_interpreter"]
    assert interpreter.letter_kind == "interpreter_request"
    assert interpreter.letter_params == {"meeting": str(meeting.pk), "language": "Spanish"}
    assert "34 CFR § 300.322(e)" in interpreter.why
    assert str(held.pk) not in interpreter.refs.values()
    documents = found["request_translated_documents"]
    assert documents.letter_kind == "translation_request"
    assert "34 CFR § 300.503(c)" in documents.why
    # The offered parameters draft a letter as they are.
    draft = compose.draft(
        child,
        "interpreter_request",
        interpreter.letter_params,
        today=TODAY,
        signature="A",
        lang="es",
    )
    assert "300.322(e)" in draft.translation


def test_a_sent_request_is_not_offered_again(child, alice, case_manager):
    meeting = Meeting.objects.create(
        child=child, status="scheduled", date=TODAY + timedelta(days=20)
    )
    reads_spanish(alice)
    for kind, params in [
        ("interpreter_request", {"meeting": str(meeting.pk), "language": "Spanish"}),
        ("translation_request", {"language": "Spanish"}),
    ]:
        letter = drafts.save_draft(
            child, compose.draft(child, kind, params, today=TODAY, signature="A"), author=alice
        )
        drafts.mark_sent(letter, TODAY)
    found = moves(child)
    assert "request_interpreter" not in found and "request_translated_documents" not in found


def test_an_awaited_prior_written_notice_brings_the_documents_request(child, alice, case_manager):
    Ask.objects.create(
        child=child,
        subject="Prior written notice",
        asked_of=case_manager,
        asked_on=TODAY - timedelta(days=3),
        channel="email",
        kind="prior_written_notice_request",
    )
    reads_spanish(alice)
    found = moves(child)
    assert "request_translated_documents" in found
    assert "request_interpreter" not in found
