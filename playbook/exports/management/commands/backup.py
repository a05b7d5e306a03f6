"""`playbook backup HOUSEHOLD_ID FILE.zip`: the whole household as one zip."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from playbook.accounts.models import Household
from playbook.exports.backup import write_backup


class Command(BaseCommand):
    help = "Write a household's full backup (records, uploads, checksums) to a .zip file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("household_id")
        parser.add_argument("file")

    def handle(self, *args, household_id: str, file: str, **options) -> None:
        try:
            household = Household.objects.get(pk=household_id)
        except (Household.DoesNotExist, ValidationError, ValueError):
            raise CommandError(f"no household has the id {household_id}", returncode=2) from None
        target = Path(file)
        if target.suffix.lower() != ".zip":
            raise CommandError("the backup file name must end in .zip", returncode=2)
        if not target.parent.is_dir():
            raise CommandError(f"the folder {target.parent} does not exist", returncode=2)
        partial = target.with_name(target.name + ".partial")
        with open(partial, "wb") as out:
            manifest = write_backup(household, out)
        partial.replace(target)
        self.stdout.write(f"backed up {household.name}: {len(manifest['files'])} files to {target}")
