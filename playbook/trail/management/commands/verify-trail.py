"""`playbook verify-trail [CHILD_ID] [--against SEQ:HASH]`: check the paper trail's hash chain.

Prints one line per child: OK, or the first entry that does not hold and why. Every trail
is also checked against the heads the app has printed in binders and weekly emails;
``--against`` checks one child's trail against a fingerprint the parent kept (decision
0016). Exits 1 when any chain is broken, 2 (with a one-line error) for bad arguments.
"""

from __future__ import annotations

import uuid

from django.core.management.base import BaseCommand, CommandError, CommandParser

from playbook.children.models import Child
from playbook.trail.chain import BadFingerprint, Fingerprint, parse_fingerprint, verify


class Command(BaseCommand):
    help = "Check the paper trail's hash chain for every child, or for one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("child_id", nargs="?", help="the id of one child (default: all)")
        parser.add_argument(
            "--against",
            metavar="SEQ:HASH",
            help="a fingerprint you kept (printed in a binder or a weekly email): the trail "
            "must still hold that entry, unchanged",
        )

    def handle(
        self, *args, child_id: str | None = None, against: str | None = None, **options
    ) -> None:
        kept = _kept_fingerprint(against, child_id)
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
            report = verify(child, against=kept)
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


def _kept_fingerprint(against: str | None, child_id: str | None) -> Fingerprint | None:
    if against is None:
        return None
    if child_id is None:
        raise CommandError(
            "--against needs a CHILD_ID: a fingerprint belongs to one child's trail",
            returncode=2,
        )
    try:
        return parse_fingerprint(against)
    except BadFingerprint as error:
        raise CommandError(str(error), returncode=2) from None
