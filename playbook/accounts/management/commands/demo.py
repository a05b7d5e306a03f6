"""`playbook demo`: load the demo household (again) and say how to log in."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse

from playbook import demo
from playbook.accounts.models import User
from playbook.days_in_reach import out_of_reach

from ._base import BadArguments, PlaybookCommand, ensure_migrated


class Command(PlaybookCommand):
    help = (
        "Load a realistic demo household (one child, the school team, a current IEP). "
        "Running it again replaces the demo household; nothing else is touched."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today", metavar="YYYY-MM-DD", help="Build the demo as if today were this day."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load it even in a hosted installation (PLAYBOOK_HOSTED), where anyone "
            "could log in with the published password.",
        )

    def handle(self, *args, today: str | None, force: bool = False, **options) -> None:
        if settings.HOSTED and not force:
            raise BadArguments(
                "this is a hosted installation (PLAYBOOK_HOSTED): the demo account's password "
                "is published, so anyone could log in to it. Add --force to load it anyway"
            )
        day = demo.today()
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError:
                raise BadArguments(f"--today {today!r} is not a date like 2025-09-02") from None
            if message := out_of_reach(day):
                raise BadArguments(f"--today: {message}")
        ensure_migrated()
        reloaded = User.objects.filter(email__iexact=demo.DEMO_EMAIL).exists()
        child = demo.load_demo(day)
        url = settings.SITE_URL + reverse("child_home", args=[child.pk])
        self.stdout.write(
            f"Demo household ready: {child.name}, grade {child.grade}, {child.school}.\n"
            f"Open {url}\n"
            + (
                "A browser already signed in to the demo stays signed in; "
                "its old pages show the new demo.\n"
                if reloaded
                else ""
            )
            + f"To sign in: {settings.SITE_URL}/login/ with\n"
            f"  email:    {demo.DEMO_EMAIL}\n"
            f"  password: {demo.DEMO_PASSWORD}\n"
            f"(That is the address `make run` serves; if it runs with PORT= or HOST=, give "
            f"`make demo` the same.)"
        )
