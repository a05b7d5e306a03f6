from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from playbook.children.models import Child
from playbook.trail.models import Entry


def _run(*args):
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("verify-trail", *args, stdout=out, stderr=err)
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def two_children(child, household, make_entries):
    other = Child.objects.create(household=household, name="Ana Rivera", birth_date="2017-01-01",
                                 grade="3", state="CA")  # fmt: skip
    make_entries(3)
    make_entries(2, target=other)
    return child, other


def test_it_says_ok_for_every_intact_chain(two_children):
    code, out, _ = _run()
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and all(line.startswith("OK ") for line in lines)
    assert "3 entries checked" in out and "2 entries checked" in out


def test_it_names_the_first_bad_entry_and_exits_non_zero(two_children):
    child, other = two_children
    bad = Entry.objects.get(child=child, seq=2)
    Entry.objects.filter(pk=bad.pk).update(body="tampered")
    code, out, err = _run()
    assert code == 1
    assert f"BROKEN {child.pk} Sam Rivera: broken at entry 2" in out
    assert "its content was changed" in out
    assert f"OK {other.pk}" in out
    assert "1 trail is broken" in err


def test_it_checks_one_child(two_children):
    child, other = two_children
    Entry.objects.filter(child=child, seq=1).update(body="tampered")
    code, out, _ = _run(str(other.pk))
    assert code == 0 and out.startswith(f"OK {other.pk}") and len(out.splitlines()) == 1
    assert _run(str(child.pk))[0] == 1


# A fixed unknown id: xdist workers must collect the same parameters.
@pytest.mark.parametrize("bad", ["nope", "6f1c2d3e-0000-4000-8000-000000000000"])
def test_a_bad_child_id_is_a_one_line_error_with_status_2(db, bad):
    with pytest.raises(CommandError) as raised:
        call_command("verify-trail", bad)
    assert raised.value.returncode == 2
    assert "\n" not in str(raised.value)


def test_from_the_command_line_a_bad_id_exits_2_without_a_traceback(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PLAYBOOK_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": ""}
    env.pop("DJANGO_SETTINGS_MODULE")
    result = subprocess.run(
        [sys.executable, "manage.py", "verify-trail", "not-an-id"],
        cwd=root, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["CommandError: 'not-an-id' is not a child id"]
