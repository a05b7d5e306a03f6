"""`playbook remind [--today YYYY-MM-DD]`: queue the weekly digests that are due.

Safe to run twice, or on several hosts at once: each household's week is claimed once, and
only the run that claims it queues its digest. A worker (`playbook worker`) sends it.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from playbook.children.models import DeletedChild
from playbook.coach.digest import claim_due_weeks
from playbook.coach.tasks import queue
from playbook.days_in_reach import out_of_reach

log = logging.getLogger(__name__)


def _date(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"--today must be a date like 2026-09-14, not {value!r}", returncode=2
        ) from exc
    if message := out_of_reach(day):
        raise CommandError(f"--today: {message}", returncode=2)
    return day


class Command(BaseCommand):
    help = "Queue the weekly digests that are due (once per household and week)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the date to act as today (YYYY-MM-DD)")

    def handle(self, *args, today: str | None = None, **options) -> None:
        # Each household's own date, unless --today names one for all (tests, catching up).
        day = _date(today) if today else None
        DeletedChild.objects.purge_expired(timezone.now())  # the real clock: never --today
        queued = failed = 0
        for claim, family_day in claim_due_weeks(day):
            try:
                queue(claim, family_day)
                queued += 1
            except Exception:  # the queue is unreachable: give the week back to the next run
                log.exception("could not queue weekly digest for household %s", claim.household_id)
                claim.delete()
                failed += 1
        self.stdout.write(f"queued {queued} digest{'' if queued == 1 else 's'}")
        if failed:
            raise CommandError(
                f"{failed} digest(s) could not be queued (is the task queue reachable?); "
                "the next run tries them again"
            )
