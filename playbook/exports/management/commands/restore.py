"""`playbook restore FILE.zip [--owner EMAIL]`: a household backup, as a new household."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from playbook.accounts.models import User
from playbook.exports.backup import BackupError
from playbook.exports.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a household from a backup .zip as a new household (checked in full before "
        "anything is written). Only the owner gets a membership; the backup's other members "
        "are listed, to be invited again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--owner",
            metavar="EMAIL",
            help="the account that owns the restored household (default: the backup's owner, "
            "whose account must exist here)",
        )

    def handle(self, *args, file: str, owner: str | None = None, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no file at {file}", returncode=2)
        account = None
        if owner is not None:
            account = User.objects.filter(email__iexact=owner.strip()).first()
            if account is None:
                raise CommandError(
                    f"no account has the email {owner}; make it first: playbook adduser {owner}",
                    returncode=2,
                )
        try:
            report = restore_backup(path, account)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(
            f"restored {report.household_name} for {report.owner} (owner): "
            f"{report.records} records, {report.files} files"
        )
        if report.members_to_invite:
            invite = ", ".join(f"{email} ({role})" for email, role in report.members_to_invite)
            self.stdout.write(f"members of the backed-up family, to invite again: {invite}")
