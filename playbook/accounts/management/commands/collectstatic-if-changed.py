"""`playbook collectstatic-if-changed`: build the static files unless they match their
sources (`make install` runs it; `playbook serve` does the same at start)."""

from __future__ import annotations

from playbook import static_build

from ._base import PlaybookCommand


class Command(PlaybookCommand):
    help = "Collect and compress the static files, only if their sources changed."

    def handle(self, *args, **options) -> None:
        if not static_build.build_if_changed(self.stdout.write):
            self.stdout.write("The static files are up to date.")
