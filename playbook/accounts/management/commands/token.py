"""`playbook token EMAIL`: print a new API token, alone, on standard output."""

from __future__ import annotations

from playbook.accounts.models import ApiToken, User

from ._base import BadArguments, PlaybookCommand, ensure_migrated


class Command(PlaybookCommand):
    help = "Print a new API token for this account (shown once; only its hash is kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", metavar="EMAIL", help="The account's email address.")
        parser.add_argument("--name", default="API token", help="A label for the token.")

    def handle(self, *args, email: str, name: str, **options) -> None:
        ensure_migrated()
        user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
        if user is None:
            raise BadArguments(f"no account with the email {email.strip()!r}")
        _, raw = ApiToken.issue(user, name=name[:100] or "API token")
        self.stdout.write(raw)
