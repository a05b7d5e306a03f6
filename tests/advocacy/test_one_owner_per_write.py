"""Every write the pages and the API share gives the same result by either door: one
function owns each write (open an ask, record a reply, move a meeting, mark a letter
sent), and the rules it enforces hold whichever door the parent uses."""

import html
from datetime import date

import pytest
from django.db import IntegrityError, transaction

from playbook.advocacy.asks import reply_due
from playbook.advocacy.models import Ask, AskStatus, Concern
from playbook.letters import compose, drafts
from playbook.letters.models import Letter
from playbook.meetings.models import Meeting

ASKED_ON = date(2026, 3, 2)  # a Monday


class Page:
    """The parent's pages: form posts, a redirect when saved, 400 with the form when not."""

    name = "page"
    refused = 400

    def __init__(self, client, child):
        self.client, self.child = client, child

    def open_ask(self, **fields):
        data = {"subject": "An OT evaluation", "channel": "email", **fields}
        return self.client.post(f"/children/{self.child.pk}/asks/new/", data)

    def record_reply(self, ask, **fields):
        data = {"text": "Yes, we will.", "outcome": "granted", "channel": "email", **fields}
        return self.client.post(f"/children/{self.child.pk}/asks/{ask.pk}/reply/", data)

    def change_meeting(self, meeting, **fields):
        data = {"kind": meeting.kind, "status": meeting.status, "place": "", "outcome": ""}
        data.update({"date": meeting.date or "", **fields})
        return self.client.post(f"/children/{self.child.pk}/meetings/{meeting.pk}/edit/", data)

    def mark_sent(self, letter, on):
        url = f"/children/{self.child.pk}/letters/{letter.pk}/sent/"
        return self.client.post(url, {"date": on})

    def saved(self, response) -> bool:
        return response.status_code == 302


class Api:
    """The JSON API: 2xx when saved, 422 with a detail when refused."""

    name = "api"
    refused = 422

    def __init__(self, client, child):
        self.client, self.child = client, child

    def _post(self, url, data):
        return self.client.post(f"/api/v1/{url}", data, content_type="application/json")

    def open_ask(self, **fields):
        return self._post(
            f"children/{self.child.pk}/asks", {"subject": "An OT evaluation", **fields}
        )

    def record_reply(self, ask, **fields):
        return self._post(
            f"asks/{ask.pk}/reply", {"text": "Yes, we will.", "outcome": "granted", **fields}
        )

    def change_meeting(self, meeting, **fields):
        return self.client.patch(
            f"/api/v1/meetings/{meeting.pk}", fields, content_type="application/json"
        )

    def mark_sent(self, letter, on):
        return self._post(f"letters/{letter.pk}/sent", {"date": on})

    def saved(self, response) -> bool:
        return response.status_code in (200, 201)


def said(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture(params=[Page, Api], ids=lambda door: door.name)
def door(request, alice_client, child):
    return request.param(alice_client, child)


@pytest.fixture
def waiting_ask(child, case_manager):
    return Ask.objects.create(
        child=child,
        subject="An IEP meeting",
        asked_of=case_manager,
        asked_on=ASKED_ON,
        reply_due=date(2026, 3, 16),
        kind="meeting_request",
    )


def test_an_ask_opened_gets_the_one_default_reply_date(door, child):
    response = door.open_ask(asked_on="2026-03-02")
    assert door.saved(response), response.content
    ask = Ask.objects.get(child=child)
    assert ask.reply_due == reply_due("", ASKED_ON, child) == date(2026, 3, 16)
    assert ask.status == AskStatus.OPEN


def test_an_ask_whose_reply_is_due_before_it_was_asked_is_refused(door, child):
    response = door.open_ask(asked_on="2026-03-02", reply_due="2026-03-01")
    assert response.status_code == door.refused
    assert "can't be before the day you asked" in said(response)
    assert not Ask.objects.exists()


def test_a_reply_recorded_answers_the_ask_and_joins_the_trail(door, waiting_ask):
    response = door.record_reply(waiting_ask, date="2026-03-05")
    assert door.saved(response), response.content
    waiting_ask.refresh_from_db()
    assert (waiting_ask.status, waiting_ask.reply_date) == (AskStatus.GRANTED, date(2026, 3, 5))
    assert waiting_ask.entries.get().subject == "Reply: An IEP meeting"


def test_a_reply_dated_before_the_ask_is_refused(door, waiting_ask):
    response = door.record_reply(waiting_ask, date="2026-03-01")
    assert response.status_code == door.refused
    assert "can't come before the day you asked" in said(response)
    waiting_ask.refresh_from_db()
    assert waiting_ask.status == AskStatus.OPEN and not waiting_ask.entries.exists()


def test_scheduling_the_meeting_grants_the_ask_that_requested_it(door, child, waiting_ask):
    meeting = Meeting.objects.create(child=child, status="acknowledged", ask=waiting_ask)
    response = door.change_meeting(meeting, status="scheduled", date="2026-03-20")
    assert door.saved(response), response.content
    meeting.refresh_from_db()
    waiting_ask.refresh_from_db()
    assert (meeting.status, meeting.date) == ("scheduled", date(2026, 3, 20))
    assert waiting_ask.status == AskStatus.GRANTED


@pytest.mark.parametrize(
    ("was", "to", "message"),
    [
        ("held", "requested", "its status can no longer change"),
        ("cancelled", "scheduled", "its status can no longer change"),
        ("scheduled", "acknowledged", "A meeting that is scheduled can't become acknowledged"),
    ],
)
def test_a_status_jump_is_refused(door, child, waiting_ask, was, to, message):
    meeting = Meeting.objects.create(child=child, status=was, date=date(2026, 3, 20))
    meeting.ask = waiting_ask
    meeting.save()
    response = door.change_meeting(meeting, status=to)
    assert response.status_code == door.refused
    assert message in said(response)
    meeting.refresh_from_db()
    waiting_ask.refresh_from_db()
    assert meeting.status == was and waiting_ask.status == AskStatus.OPEN


def test_a_scheduled_meeting_needs_its_date(door, child):
    meeting = Meeting.objects.create(child=child, status="acknowledged")
    response = door.change_meeting(meeting, status="scheduled")
    assert response.status_code == door.refused
    assert "needs its date" in said(response)
    meeting.refresh_from_db()
    assert meeting.status == "acknowledged"


def test_a_letter_marked_sent_opens_its_ask_due_by_the_one_rule(door, alice, child, case_manager):
    concern = Concern.objects.create(child=child, title="Reading", request="A reading specialist")
    draft = compose.draft(
        child, "written_concerns", {"concern": str(concern.pk)}, today=ASKED_ON, signature="A"
    )
    letter = drafts.save_draft(child, draft, author=alice)
    response = door.mark_sent(letter, "2026-03-04")
    assert door.saved(response), response.content
    letter = Letter.objects.select_related("ask").get(pk=letter.pk)
    assert letter.state == Letter.State.SENT and letter.sent_on == date(2026, 3, 4)
    expected = reply_due("written_concerns", date(2026, 3, 4), child, stated=letter.reply_by)
    assert letter.ask.reply_due == expected
    assert letter.ask.kind == "written_concerns" and letter.ask.asked_on == date(2026, 3, 4)


# The invariants hold in the database itself, whatever writes the row.


def test_an_ask_cannot_be_saved_with_its_reply_due_before_it_was_asked(child):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ask.objects.create(child=child, subject="x", asked_on=ASKED_ON, reply_due=date(2026, 3, 1))
    Ask.objects.create(child=child, subject="same day", asked_on=ASKED_ON, reply_due=ASKED_ON)
    Ask.objects.create(child=child, subject="none set", asked_on=ASKED_ON)


@pytest.mark.parametrize("status", ["scheduled", "held"])
def test_a_scheduled_or_held_meeting_cannot_be_saved_without_a_date(child, status):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(child=child, status=status)
    Meeting.objects.create(child=child, status="requested")
    Meeting.objects.create(child=child, status=status, date=ASKED_ON)
