"""The weekly digest as a background task: remind queues each claimed week once, a failing
email is tried three times, and after the last attempt the week is given back."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_enqueued
from django_tasks_db.models import DBTaskResult, get_date_max

from playbook.background.recovery import requeue_cut_off
from playbook.coach import digest, tasks
from playbook.coach.models import DigestSent
from tests.coach.conftest import MONDAY, remind


@pytest.fixture
def queued():
    """The digest tasks put on the queue, as (claim id, today, attempt)."""
    seen = []

    def keep(sender, task_result, **kwargs):
        if task_result.task.name == tasks.send_digest.name:
            seen.append(tuple(task_result.args))

    task_enqueued.connect(keep)
    yield seen
    task_enqueued.disconnect(keep)


@pytest.fixture
def failing_email(monkeypatch):
    """The email fails the first `failures` times it is sent, then goes out."""
    real_send = digest._send
    calls = {"failures": 0, "tries": 0}

    def send(*args):
        calls["tries"] += 1
        if calls["tries"] <= calls["failures"]:
            raise ConnectionRefusedError("smtp.example.org refused alice@example.com")
        real_send(*args)

    monkeypatch.setattr(digest, "_send", send)
    return calls


def test_two_runs_queue_each_week_once(waiting_ask, household, queued):
    assert remind(MONDAY) == "queued 1 digest"
    assert remind(MONDAY + timedelta(days=2)) == "queued 0 digests"
    assert remind(MONDAY + timedelta(days=7)) == "queued 1 digest"
    claims = DigestSent.objects.filter(household=household).order_by("week_start")
    days = [MONDAY, MONDAY + timedelta(days=7)]
    assert queued == [
        (str(claim.pk), day.isoformat(), 1) for claim, day in zip(claims, days, strict=True)
    ]
    assert len(mail.outbox) == 2


def test_a_failing_email_is_tried_again_and_then_goes_out(waiting_ask, household, failing_email):
    failing_email["failures"] = 2
    assert remind(MONDAY) == "queued 1 digest"
    assert failing_email["tries"] == 3
    [message] = mail.outbox
    assert "Follow up on an OT evaluation" in message.body
    claim = DigestSent.objects.get(household=household)
    assert claim.recipients == 1  # the week stays claimed: no second digest this week
    assert remind(MONDAY) == "queued 0 digests"


def test_after_the_last_attempt_the_week_is_given_back(
    waiting_ask, household, failing_email, queued, caplog
):
    failing_email["failures"] = 99
    with caplog.at_level(logging.WARNING, logger="playbook.coach"):
        assert remind(MONDAY) == "queued 1 digest"
    assert failing_email["tries"] == tasks.MAX_ATTEMPTS == 3
    assert [attempt for _, _, attempt in queued] == [1, 2, 3]
    assert not DigestSent.objects.filter(household=household).exists()
    assert mail.outbox == []
    [gave_up] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert str(household.pk) in gave_up.getMessage()
    assert "given up after 3 attempts" in gave_up.getMessage()
    # Ids only: neither the error's text (an address here) nor the digest's content.
    assert "alice@example.com" not in caplog.text
    assert "OT evaluation" not in caplog.text

    failing_email["failures"] = 0  # the next hourly run claims the week afresh
    assert remind(MONDAY) == "queued 1 digest"
    assert len(mail.outbox) == 1


def test_a_task_run_again_after_sending_sends_nothing(waiting_ask, household, queued):
    """A worker killed after the email went out has its task run again by another one."""
    assert remind(MONDAY) == "queued 1 digest"
    [(claim_id, today, _)] = queued
    tasks.send_digest.call(claim_id, today)
    assert len(mail.outbox) == 1


def _killed_three_times(claim: DigestSent, today) -> DBTaskResult:
    """The database queue's row of a digest task whose worker was killed under it on every
    one of its runs: running, by a worker that has stopped beating."""
    return DBTaskResult.objects.create(
        task_path="playbook.coach.tasks.send_digest",
        args_kwargs={"args": [str(claim.pk), today.isoformat(), 1], "kwargs": {}},
        status=TaskResultStatus.RUNNING,
        worker_ids=["killed-1", "killed-2", "killed-3"],
        queue_name="default",
        backend_name="default",
        run_after=get_date_max(),
    )


def test_a_digest_whose_worker_is_killed_every_time_gives_its_week_back(
    waiting_ask, household, caplog
):
    claim = digest.claim_week(household, MONDAY)
    killed = _killed_three_times(claim, MONDAY)
    assert remind(MONDAY) == "queued 0 digests"  # claimed: the task holds the week

    with caplog.at_level(logging.ERROR, logger="playbook.coach"):
        assert requeue_cut_off() == 1
    killed.refresh_from_db()
    assert killed.status == TaskResultStatus.FAILED
    assert not DigestSent.objects.filter(household=household).exists()
    assert str(claim.pk) in caplog.text

    assert remind(MONDAY) == "queued 1 digest"  # the next hourly run sends it
    [message] = mail.outbox
    assert "Follow up on an OT evaluation" in message.body


def test_a_week_already_sent_keeps_its_claim_when_a_rerun_is_killed(waiting_ask, household):
    assert remind(MONDAY) == "queued 1 digest"
    claim = DigestSent.objects.get(household=household)
    _killed_three_times(claim, MONDAY)
    requeue_cut_off()
    assert DigestSent.objects.filter(pk=claim.pk, recipients=1).exists()
    assert remind(MONDAY) == "queued 0 digests"
    assert len(mail.outbox) == 1
