"""`playbook adduser EMAIL [--password-stdin] [--time-zone ZONE] [--language es]`: a parent
account with its own household."""

from __future__ import annotations

import getpass
import sys

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from playbook.accounts.households import create_parent
from playbook.accounts.models import Household, User, is_time_zone

from ._base import BadArguments, PlaybookCommand, ensure_migrated

# The household model's own default, said where the operator can see it.
DEFAULT_ZONE = Household._meta.get_field("time_zone").default


class Command(PlaybookCommand):
    help = "Create a parent account with a household of its own."
    stealth_options = ("stdin",)

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", metavar="EMAIL", help="The email address to log in with.")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )
        parser.add_argument("--name", default="", help="The parent's name, to sign letters.")
        parser.add_argument(
            "--time-zone",
            default=DEFAULT_ZONE,
            help="Where the family lives, as an IANA name like America/Chicago: every date "
            f"the app gives them is theirs (default {DEFAULT_ZONE}; changeable on the "
            "account page).",
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The language the parent reads the app in (default en).",
        )

    def handle(
        self,
        *args,
        email: str,
        password_stdin: bool,
        name: str,
        time_zone: str = DEFAULT_ZONE,
        language: str = "en",
        **options,
    ) -> None:
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise BadArguments(f"{email!r} is not an email address") from None
        if not is_time_zone(time_zone):
            raise BadArguments(
                f"{time_zone!r} is not a time zone we know: give an IANA name like "
                "America/Chicago or America/Los_Angeles"
            )
        ensure_migrated()
        if User.objects.filter(email__iexact=email).exists():
            raise BadArguments(f"an account for {email} already exists")
        password = self._password(options.get("stdin") or sys.stdin, password_stdin)
        try:
            validate_password(password, User(email=email, display_name=name))
        except ValidationError as exc:
            raise BadArguments("password refused: " + " ".join(exc.messages)) from None
        # The operator vouches for the address: no link to confirm it.
        create_parent(
            email,
            password,
            name.strip(),
            email_verified=True,
            language=language,
            time_zone=time_zone,
        )
        self.stdout.write(
            f"Created {email} with a household of its own (time zone {time_zone}). "
            "Log in at /login/."
        )

    def _password(self, stdin, from_stdin: bool) -> str:
        if from_stdin:
            password = stdin.readline().rstrip("\r\n")
            if not password:
                raise BadArguments("no password on standard input")
            return password
        if not stdin.isatty():
            raise BadArguments("standard input is not a terminal: use --password-stdin")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise BadArguments("the two passwords differ")
        return password
