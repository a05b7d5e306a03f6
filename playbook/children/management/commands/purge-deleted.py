"""`playbook purge-deleted`: remove for good the children deleted more than 30 days ago.

`playbook remind`, which runs hourly, purges too; this command is for running it alone.
Safe to run at any time and on several hosts at once.
"""

from __future__ import annotations

from django.utils import timezone

from playbook.accounts.management.commands._base import PlaybookCommand
from playbook.children.models import RESTORABLE_FOR, DeletedChild


class Command(PlaybookCommand):
    help = (
        f"Remove for good, files included, the children an owner deleted more than "
        f"{RESTORABLE_FOR.days} days ago (they can no longer be restored)."
    )

    def handle(self, *args, **options) -> None:
        purged = DeletedChild.objects.purge_expired(timezone.now())
        self.stdout.write(f"purged {purged} deleted child{'' if purged == 1 else 'ren'}")
