"""`playbook restore FILE.zip`: put a household backup into this installation."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from playbook.exports.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a household from a backup .zip (checked in full before anything is written)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args, file: str, **options) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"no file at {file}", returncode=2)
        try:
            report = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(
            f"restored {report.household_name}: {report.records} records, {report.files} files"
        )
