"""The `playbook` command: a thin wrapper over Django's management commands.

`playbook X ...` runs `manage.py X ...` with the project's settings, so every command of
docs/api.md (serve, demo, adduser, token, remind, backup, restore, verify-trail) works both ways.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

USAGE = (
    "usage: playbook COMMAND [ARGS]\n\n"
    "commands: serve, worker, demo, adduser, token, remind, backup, restore, verify-trail,\n"
    "and every Django management command (migrate, check, ...).\n"
    "`playbook COMMAND --help` explains one."
)


# Commands that never open the database: they run whatever the database settings say.
WITHOUT_DATABASE = {
    "check",
    "collectstatic",
    "collectstatic-if-changed",
    "diffsettings",
    "findstatic",
    "sendtestemail",
    "train-recogniser",
}
# Commands that work on records already there. Pointed at a database that does not exist
# (a cron line that exported no environment), they would make an empty SQLite file and fail
# on it; they refuse instead.
ON_EXISTING_RECORDS = {"remind", "token", "backup", "verify-trail"}


def _database_problem(command: str) -> str | None:
    """Why this command must not run with the database settings it got, if it must not."""
    from django.conf import settings

    if command in WITHOUT_DATABASE:
        return None
    if settings.HOSTED and not os.environ.get("DATABASE_URL"):
        return (
            "PLAYBOOK_HOSTED is on but DATABASE_URL is not set; export the environment file "
            "first (set -a; . FILE; set +a), see docs/deployment.md"
        )
    database = settings.DATABASES["default"]
    if command in ON_EXISTING_RECORDS and database["ENGINE"].endswith("sqlite3"):
        path = Path(database["NAME"])
        if str(path) != ":memory:" and not path.exists():
            return (
                f"there is no database at {path}; set DATABASE_URL or PLAYBOOK_DATA_DIR "
                "(from cron, export them: set -a; . FILE; set +a)"
            )
    return None


def _parse_arguments(args: list[str]) -> None:
    """Bad arguments (and --help) are answered before anything looks at the database."""
    from django.core.management import get_commands, load_command_class

    command = load_command_class(get_commands()[args[0]], args[0])
    command._called_from_command_line = True  # a bad argument: one line and exit status 2
    command.create_parser("playbook", args[0]).parse_args(args[1:])


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "playbook.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        if not args:
            sys.stderr.write(USAGE + "\n")
            sys.exit(2)
        print(USAGE)
        return

    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line, get_commands

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"playbook: configuration error: {exc}\n")
        sys.exit(2)
    if args[0] not in get_commands():
        sys.stderr.write(f"playbook: unknown command {args[0]!r} (see `playbook --help`)\n")
        sys.exit(2)
    _parse_arguments(args)
    if problem := _database_problem(args[0]):
        sys.stderr.write(f"playbook {args[0]}: {problem}\n")
        sys.exit(2)
    execute_from_command_line(["playbook", *args])


if __name__ == "__main__":
    main()
