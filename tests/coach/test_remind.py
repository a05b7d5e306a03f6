"""`playbook remind`: due digests go out once per household and week, however often it runs.

remind queues one task per claimed week; the tests' immediate backend sends it at once."""

from __future__ import annotations

import socket
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from playbook.accounts.households import create_parent
from playbook.accounts.models import Membership, Role
from playbook.coach.digest import opt_out_token
from playbook.coach.models import DigestOptOut, DigestSettings
from tests.coach.conftest import MONDAY, remind


def test_run_twice_the_same_day_sends_one_email(waiting_ask, alice):
    assert remind(MONDAY) == "queued 1 digest"
    assert remind(MONDAY) == "queued 0 digests"
    [message] = mail.outbox
    assert message.to == [alice.email]
    assert "Follow up on an OT evaluation" in message.body
    html = message.alternatives[0][0]
    assert "has had no reply for 20 days" in html
    assert "List-Unsubscribe" in message.extra_headers


def test_one_email_per_household_with_every_member_who_wants_it(waiting_ask, household, bob):
    other = create_parent("co-parent@example.com", "a-long-password-1")
    Membership.objects.create(household=household, user=other, role=Role.PARENT)
    DigestOptOut.objects.create(household=household, user=bob)
    assert remind(MONDAY) == "queued 1 digest"
    [message] = mail.outbox
    assert sorted(message.to) == ["alice@example.com", "co-parent@example.com"]


def test_the_chosen_weekday_is_respected_and_a_missed_day_catches_up(waiting_ask, household):
    DigestSettings.objects.create(household=household, weekday=2)  # Wednesday
    assert remind(MONDAY) == "queued 0 digests"
    assert remind(MONDAY + timedelta(days=3)) == "queued 1 digest"  # Thursday: cron missed Wed
    assert remind(MONDAY + timedelta(days=7 + 2)) == "queued 1 digest"  # next Wednesday
    assert len(mail.outbox) == 2


def test_nothing_to_say_sends_nothing(alice):
    # A family that has not added a child yet: no moves, deadlines or plan to send.
    assert remind(MONDAY) == "queued 0 digests"
    assert mail.outbox == []


def test_the_family_can_switch_it_off(client, waiting_ask, household):
    url = f"/digest/stop/{opt_out_token(household.pk)}/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert remind(MONDAY) == "queued 0 digests"
    assert client.get("/digest/stop/forged-token/").status_code == 404


def test_a_bad_date_is_a_one_line_error():
    with pytest.raises(CommandError) as excinfo:
        call_command("remind", today="16/11/2026")
    assert excinfo.value.returncode == 2
    assert "2026-09-14" in str(excinfo.value)


def test_a_failed_send_gives_the_week_back(waiting_ask, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()  # nobody listens
    assert remind(MONDAY) == "queued 1 digest"  # tried three times, then the week given back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert remind(MONDAY) == "queued 1 digest"
    assert len(mail.outbox) == 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_it_goes_through_a_real_smtp_server(waiting_ask, settings):
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    received = []

    class Keep(Message):
        def handle_message(self, message):
            received.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = controller.port
        settings.EMAIL_USE_TLS = False
        assert remind(MONDAY) == "queued 1 digest"
        assert remind(MONDAY) == "queued 0 digests"
    finally:
        controller.stop()
    [message] = received
    assert message["To"] == "alice@example.com"
    assert "IEP Playbook week" in message["Subject"]


def test_the_digest_carries_deadlines_and_the_plan(waiting_ask, child):
    from playbook.children.models import IEP

    IEP.objects.create(
        child=child, start_date=date(2025, 12, 1), end_date=MONDAY + timedelta(days=20)
    )
    assert remind(MONDAY) == "queued 1 digest"
    [message] = mail.outbox
    assert "Annual IEP review" in message.body
    assert "34 CFR § 300.324(b)(1)" in message.body
    assert "Still to do from your plan" in message.body
