"""`playbook remind [--today YYYY-MM-DD]`: send the weekly digests that are due.

Safe to run twice, or on several hosts at once: each household gets one digest a week.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from playbook.children.models import DeletedChild
from playbook.coach.digest import send_due_digests


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"--today must be a date like 2026-09-14, not {value!r}", returncode=2
        ) from exc


class Command(BaseCommand):
    help = "Send the weekly digests that are due (once per household and week)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the date to act as today (YYYY-MM-DD)")

    def handle(self, *args, today: str | None = None, **options) -> None:
        day = _date(today) if today else timezone.localdate()
        DeletedChild.objects.purge_expired(timezone.now())  # the real clock: never --today
        sent, failed = send_due_digests(day)
        self.stdout.write(f"sent {sent} digest{'' if sent == 1 else 's'}")
        if failed:
            raise CommandError(
                f"{failed} digest(s) could not be sent (see the log); the next run retries them"
            )
