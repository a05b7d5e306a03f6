"""`playbook adduser EMAIL [--password-stdin]`: a parent account with its own household."""

from __future__ import annotations

import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from playbook.accounts.households import create_parent
from playbook.accounts.models import User

from ._base import BadArguments, PlaybookCommand, ensure_migrated


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

    def handle(self, *args, email: str, password_stdin: bool, name: str, **options) -> None:
        email = email.strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise BadArguments(f"{email!r} is not an email address") from None
        ensure_migrated()
        if User.objects.filter(email__iexact=email).exists():
            raise BadArguments(f"an account for {email} already exists")
        password = self._password(options.get("stdin") or sys.stdin, password_stdin)
        try:
            validate_password(password, User(email=email, display_name=name))
        except ValidationError as exc:
            raise BadArguments("password refused: " + " ".join(exc.messages)) from None
        # The operator vouches for the address: no link to confirm it.
        create_parent(email, password, name.strip(), email_verified=True)
        self.stdout.write(f"Created {email} with a household of its own. Log in at /login/.")

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
