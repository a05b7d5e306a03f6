"""`playbook verify-trail [CHILD_ID]`: check the paper trail's hash chain.

Prints one line per child: OK, or the first entry that does not hold and why. Exits 1 when
any chain is broken, 2 (with a one-line error) when CHILD_ID names no child.
"""

from __future__ import annotations

import uuid

from django.core.management.base import BaseCommand, CommandError, CommandParser

from playbook.children.models import Child
from playbook.trail.chain import verify


class Command(BaseCommand):
    help = "Check the paper trail's hash chain for every child, or for one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("child_id", nargs="?", help="the id of one child (default: all)")

    def handle(self, *args, child_id: str | None = None, **options) -> None:
        children = Child.objects.order_by("created_at", "pk")
        if child_id is not None:
            try:
                uuid.UUID(child_id)
            except ValueError:
                raise CommandError(f"{child_id!r} is not a child id", returncode=2) from None
            children = children.filter(pk=child_id)
            if not children.exists():
                raise CommandError(f"no child with id {child_id}", returncode=2)
        broken = checked = 0
        for child in children.iterator():
            checked += 1
            report = verify(child)
            status = "OK" if report.ok else "BROKEN"
            line = f"{status} {child.pk} {child.name}: {report.summary()}"
            if report.ok:
                self.stdout.write(line)
            else:
                broken += 1
                self.stdout.write(self.style.ERROR(line))
        if not checked:
            self.stdout.write("No children yet: nothing to check.")
        if broken:
            noun = "trail is" if broken == 1 else "trails are"
            self.stderr.write(f"{broken} {noun} broken")
            raise SystemExit(1)
