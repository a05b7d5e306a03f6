"""The `playbook` command: demo, adduser, token, and one-line errors with exit status 2."""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command

from playbook import cli, demo
from playbook.accounts.management.commands._base import BadArguments
from playbook.accounts.models import ApiToken, Household, Membership, Role, User
from playbook.children.models import Child, TeamRole

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 1, 15)


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue()


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# --- demo --------------------------------------------------------------------------------


def test_demo_prints_how_to_log_in(db):
    printed = run("demo", today=TODAY.isoformat())
    assert "demo@example.com" in printed and demo.DEMO_PASSWORD in printed
    user = User.objects.get(email="demo@example.com")
    assert user.check_password(demo.DEMO_PASSWORD)


def test_demo_twice_leaves_one_demo_household(db, alice, child):
    run("demo", today=TODAY.isoformat())
    run("demo", today=TODAY.isoformat())
    demo_user = User.objects.get(email="demo@example.com")
    owned = Household.objects.filter(memberships__user=demo_user, memberships__role=Role.OWNER)
    assert owned.count() == 1
    assert Child.objects.filter(household__in=owned).count() == 1
    # Other families are left alone.
    assert Child.objects.filter(pk=child.pk).exists()


def test_the_demo_child_has_a_full_team_and_a_current_iep(db):
    child = demo.load_demo(TODAY)
    assert child.grade == "3" and child.state == "CA" and child.school and child.district
    assert 8 <= child.age_on(date(2025, 9, 1)) <= 9  # grade 3 in the 2025-26 school year
    roles = set(child.team.values_list("role", flat=True))
    assert roles == set(TeamRole.values) - {TeamRole.OTHER}
    assert child.team.filter(role=TeamRole.THERAPIST).count() == 2
    assert all(m.email and m.phone and m.name for m in child.team.all())
    iep = child.current_iep()
    assert iep.start_date <= TODAY < iep.end_date
    assert timedelta(days=60) <= iep.end_date - TODAY <= timedelta(days=150)
    services = {(s.service, s.minutes, s.per, s.sessions) for s in iep.services.all()}
    assert ("Speech and language therapy", 60, "week", 2) in services
    assert ("Occupational therapy", 30, "week", 1) in services
    assert any(m == 150 and "reading" in name.lower() for name, m, _, _ in services)
    assert iep.goals.count() == 4 and iep.accommodations.count() == 5
    assert iep.reevaluation_due_or_derived > TODAY


def test_demo_runs_the_extensions_with_the_child_and_the_day(db, monkeypatch):
    calls = []
    monkeypatch.setattr(
        demo, "DEMO_EXTENSIONS", [lambda child, today: calls.append((child, today))]
    )
    child = demo.load_demo(TODAY)
    assert calls == [(child, TODAY)]


def test_demo_refuses_a_bad_day(db):
    with pytest.raises(BadArguments, match="2026-02-30"):
        run("demo", today="2026-02-30")


# --- adduser -------------------------------------------------------------------------------


def test_adduser_reads_the_password_from_stdin(db):
    run(
        "adduser", "New@Example.com", password_stdin=True, stdin=io.StringIO("a-long-pass-phrase\n")
    )
    user = User.objects.get(email="new@example.com")
    assert user.check_password("a-long-pass-phrase")
    assert Membership.objects.get(user=user).role == Role.OWNER


def test_adduser_asks_twice_on_a_terminal(db, monkeypatch):
    answers = iter(["a-long-pass-phrase", "a-long-pass-phrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    run("adduser", "tty@example.com", stdin=FakeTerminal())
    assert User.objects.get(email="tty@example.com").check_password("a-long-pass-phrase")


@pytest.mark.parametrize(
    ("args", "options", "words"),
    [
        (["not-an-email"], {"password_stdin": True, "stdin": io.StringIO("long-enough-pw\n")},
         "not an email address"),
        (["alice@example.com"], {"password_stdin": True, "stdin": io.StringIO("long-enough-pw\n")},
         "already exists"),
        (["ALICE@example.com"], {"password_stdin": True, "stdin": io.StringIO("long-enough-pw\n")},
         "already exists"),
        (["x@example.com"], {"password_stdin": True, "stdin": io.StringIO("")},
         "no password"),
        (["x@example.com"], {"password_stdin": True, "stdin": io.StringIO("short\n")},
         "too short"),
        (["x@example.com"], {"stdin": io.StringIO("")}, "not a terminal"),
    ],
)  # fmt: skip
def test_adduser_refuses_bad_arguments_with_status_2(alice, args, options, words):
    before = User.objects.count()
    with pytest.raises(BadArguments, match=words) as caught:
        run("adduser", *args, **options)
    assert caught.value.returncode == 2
    assert User.objects.count() == before


def test_adduser_refuses_passwords_that_differ(db, monkeypatch):
    answers = iter(["a-long-pass-phrase", "another-pass-phrase"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    with pytest.raises(BadArguments, match="differ"):
        run("adduser", "tty@example.com", stdin=FakeTerminal())
    assert not User.objects.filter(email="tty@example.com").exists()


# --- token ---------------------------------------------------------------------------------


def test_token_prints_a_working_token_alone(alice):
    printed = run("token", "Alice@Example.com")
    raw = printed.strip()
    assert printed == raw + "\n" and " " not in raw
    assert ApiToken.user_for(raw) == alice


def test_token_for_an_unknown_account_is_refused(db):
    with pytest.raises(BadArguments, match="nobody@example.com") as caught:
        run("token", "nobody@example.com")
    assert caught.value.returncode == 2
    assert not ApiToken.objects.exists()


# --- the real command line -------------------------------------------------------------------


@pytest.fixture(scope="module")
def playbook(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("playbook-data")
    env = {**os.environ, "PLAYBOOK_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)  # a scratch SQLite database, never the CI server's
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the real settings, as a user gets them

    def call(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "playbook.cli", *args],
            cwd=ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    call.database = data_dir / "playbook.sqlite3"
    return call


def one_line_error(result: subprocess.CompletedProcess, words: str) -> None:
    """The real process: one line on stderr, status 2, nothing on stdout."""
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr
    assert words in result.stderr
    assert result.stdout == ""


def test_no_arguments_prints_the_usage_and_exits_2(playbook):
    result = playbook()
    assert result.returncode == 2
    assert "usage: playbook COMMAND" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["adduser"], "required: EMAIL"),
        (["token"], "required: EMAIL"),
        (["adduser", "a@example.com", "--bogus"], "unrecognized arguments: --bogus"),
        (["token", "a@example.com", "extra"], "unrecognized arguments: extra"),
        (["adduser", "not-an-email", "--password-stdin"], "not an email address"),
        (["demo", "--today", "someday"], "someday"),
        (["serve", "--port", "0"], "--port must be between 1 and 65535"),
        (["no-such-command"], "unknown command 'no-such-command'"),
    ],
)
def test_bad_arguments_give_one_line_and_status_2(capsys, args, words):
    with pytest.raises(SystemExit) as caught:
        cli.main(args)
    out, err = capsys.readouterr()
    assert caught.value.code == 2
    assert err.count("\n") == 1 and words in err, err
    assert "Traceback" not in err and "usage:" not in err and out == ""


def test_the_command_line_end_to_end(playbook):
    created = playbook(
        "adduser", "pat@example.com", "--password-stdin", stdin="a-long-pass-phrase\n"
    )
    assert created.returncode == 0, created.stderr
    one_line_error(
        playbook("adduser", "pat@example.com", "--password-stdin", stdin="a-long-pass-phrase\n"),
        "already exists",
    )
    token = playbook("token", "pat@example.com")
    assert (
        token.returncode == 0 and token.stdout.startswith("pb_") and token.stdout.count("\n") == 1
    )
    for _ in range(2):
        loaded = playbook("demo")
        assert loaded.returncode == 0, loaded.stderr
        assert "demo@example.com" in loaded.stdout
    with sqlite3.connect(playbook.database) as db:
        (households,) = db.execute(
            "SELECT COUNT(*) FROM accounts_membership m JOIN accounts_user u ON u.id = m.user_id"
            " WHERE u.email = 'demo@example.com'"
        ).fetchone()
    assert households == 1


# --- the demo account in a hosted installation (issue 20, finding 18) ----------------------


def test_demo_refuses_in_a_hosted_installation(db, settings):
    settings.HOSTED = True
    with pytest.raises(BadArguments, match="--force") as caught:
        run("demo", today=TODAY.isoformat())
    assert caught.value.returncode == 2
    assert not User.objects.filter(email=demo.DEMO_EMAIL).exists()


def test_demo_with_force_loads_in_a_hosted_installation(db, settings):
    settings.HOSTED = True
    printed = run("demo", today=TODAY.isoformat(), force=True)
    assert demo.DEMO_EMAIL in printed
    assert User.objects.get(email=demo.DEMO_EMAIL).check_password(demo.DEMO_PASSWORD)
