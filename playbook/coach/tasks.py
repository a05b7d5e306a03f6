"""Sending a claimed weekly digest on the task queue (playbook.background).

`playbook remind` claims each due household's week and queues `send_digest` for the claim.
An email that fails is tried again, MAX_ATTEMPTS times in all, a few minutes apart where
the queue can wait; after the last attempt the week is given back, so the next hourly run
claims it afresh. So too when the task itself fails for good (its worker killed under it
every time: playbook.background.recovery), through ``give_back_the_week``. The log names the claim and the household, never the email's content.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus

from playbook.background.queue import enqueue_after_commit

from .digest import deliver
from .models import DigestSent

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=5)


def queue(claim: DigestSent, today: date) -> None:
    enqueue_after_commit(send_digest, str(claim.pk), today.isoformat(), 1)


@task()
def send_digest(claim_id: str, today: str, attempt: int = 1) -> None:
    claim = DigestSent.objects.select_related("household").filter(pk=claim_id).first()
    if claim is None or claim.recipients:
        return  # the household was deleted, or an earlier run of this task sent it
    try:
        deliver(claim, date.fromisoformat(today))
    except Exception as exc:
        # The exception's type only: its message may carry addresses or the digest's text.
        log.warning(
            "weekly digest %s for household %s failed (attempt %s of %s): %s",
            claim.pk,
            claim.household_id,
            attempt,
            MAX_ATTEMPTS,
            type(exc).__name__,
        )
        if attempt < MAX_ATTEMPTS:
            _retry(claim_id, today, attempt + 1)
        else:
            claim.delete()
            log.error(
                "weekly digest %s for household %s given up after %s attempts; "
                "the week is given back to the next `playbook remind`",
                claim.pk,
                claim.household_id,
                MAX_ATTEMPTS,
            )


def give_back_the_week(sender, task_result, **kwargs) -> None:
    """A digest task that failed for good (a worker killed under it MAX_RUNS times, which
    runs none of the handling above) gives its week back, so the next hourly
    `playbook remind` claims and sends it. A week already sent keeps its claim."""
    if task_result.task.name != send_digest.name or task_result.status != TaskResultStatus.FAILED:
        return
    claim_id = task_result.args[0] if task_result.args else None
    if claim_id and DigestSent.objects.filter(pk=claim_id, recipients=0).delete()[0]:
        log.error(
            "weekly digest %s failed for good; the week is given back to the next "
            "`playbook remind`",
            claim_id,
        )


def _retry(claim_id: str, today: str, attempt: int) -> None:
    again = send_digest
    if again.get_backend().supports_defer:
        again = again.using(run_after=timezone.now() + RETRY_AFTER)
    again.enqueue(claim_id, today, attempt)
