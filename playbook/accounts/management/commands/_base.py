"""What every `playbook` command shares: bad arguments get one line on stderr and exit
status 2, never a traceback and never argparse's multi-line usage."""

from __future__ import annotations

import sys

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    handle_default_options,
)
from django.db import DatabaseError, connections


class BadArguments(CommandError):
    def __init__(self, message: str) -> None:
        super().__init__(message, returncode=2)


class _OneLineParser(CommandParser):
    def error(self, message: str):  # type: ignore[override]
        if self.called_from_command_line:
            sys.stderr.write(f"{self.prog}: {message} (see `{self.prog} --help`)\n")
            sys.exit(2)
        raise BadArguments(message)


class PlaybookCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = _OneLineParser  # only error() differs
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        prog = parser.prog
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except CommandError as exc:
            if options.traceback:
                raise
            self.stderr.write(f"{prog}: {exc}")
            sys.exit(exc.returncode)
        except DatabaseError as exc:
            if options.traceback:
                raise
            first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.stderr.write(f"{prog}: the database could not be used ({first_line})")
            sys.exit(1)
        finally:
            connections.close_all()


def ensure_migrated() -> None:
    """Bring the database up to date first, so a fresh install needs no extra step."""
    from django.core.management import call_command
    from django.db import DEFAULT_DB_ALIAS
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
