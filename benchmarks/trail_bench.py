"""The paper trail at size: a child with 5,000 entries, and a 2,000-message mbox.

Prints the server time (median of N runs through Django's test Client) for the timeline
page, a search, the entries API and the chain check, each drawn afresh (the app's memory of
pages it drew is cleared before every request: this measures the search, not the keeping), then the seconds to import a
2,000-message mbox and to import it again (all duplicates). Runs in a throwaway SQLite
database in a temporary PLAYBOOK_DATA_DIR; nothing of yours is touched.

    .venv/bin/python benchmarks/trail_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA_DIR = tempfile.mkdtemp(prefix="playbook-trail-bench-")
os.environ["PLAYBOOK_DATA_DIR"] = DATA_DIR
os.environ.pop("DATABASE_URL", None)
# The test settings serve static files without a collected manifest; all else is as served.
os.environ["DJANGO_SETTINGS_MODULE"] = "playbook.settings_test"
os.environ.setdefault("LOG_LEVEL", "WARNING")

# The test settings look for collected static files this script never collects.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from playbook.accounts.households import create_parent  # noqa: E402
from playbook.children.models import Child, TeamMember  # noqa: E402
from playbook.trail.chain import Draft, NewAttachment, append_many  # noqa: E402
from playbook.trail.email_import import import_messages, mbox_messages  # noqa: E402

ENTRIES = 5_000
MESSAGES = 2_000
# The same vocabulary as the large seed, so searches find comparable hits.
from benchmarks.seed import WORDS  # noqa: E402

rng = random.Random(2026)


# Real mail has a long tail of words: the domain words above are common, and a few
# thousand made-up ones fill the rest with Zipf-like frequencies.
_SYLLABLES = ["ba", "ko", "ri", "tel", "man", "sor", "vi", "den", "lu", "pa", "gre", "sto"]
VOCABULARY = WORDS + sorted(
    {a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES[:8]}
)
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]


def _text(n: int) -> str:
    return " ".join(rng.choices(VOCABULARY, WEIGHTS, k=n)).capitalize() + "."


def build_child(email: str) -> tuple[Child, list[TeamMember]]:
    user = create_parent(email, "bench-password-123", "Bench Parent")
    household = user.memberships.get().household
    child = Child.objects.create(household=household, name="Sam Bench",
                                 birth_date="2015-03-14", grade="5", state="CA")  # fmt: skip
    team = [
        TeamMember.objects.create(
            child=child, name=f"Member {i}", role=role, email=f"member{i}@school.example"
        )  # fmt: skip
        for i, role in enumerate(["case_manager", "therapist", "principal", "general_ed_teacher"])
    ]
    return child, team


def fill(child: Child, team: list[TeamMember]) -> None:
    start = datetime(2022, 8, 15, 14, 0, tzinfo=UTC)
    drafts = []
    for i in range(ENTRIES):
        drafts.append(
            Draft(
                occurred_at=start + timedelta(hours=6 * i),
                kind=rng.choice(["email", "call", "note", "meeting", "letter"]),
                direction=rng.choice(["sent", "received", "none"]),
                counterpart=rng.choice(team + [None]),
                subject=_text(6),
                body=_text(rng.randint(40, 250)),
                attachments=[NewAttachment(f"doc{i}.txt", _text(30).encode())]
                if i % 25 == 0
                else (),
            )
        )
    for at in range(0, len(drafts), 500):
        append_many(child, drafts[at : at + 500])


def median_ms(client: Client, url: str, runs: int, **headers) -> float:
    client.get(url, **headers)  # warm up
    times = []
    from django.core.cache import caches

    for _ in range(runs):
        caches["local"].clear()
        began = time.perf_counter()
        response = client.get(url, **headers)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def build_mbox(path: Path) -> None:
    with path.open("wb") as handle:
        for i in range(MESSAGES):
            msg = EmailMessage(policy=policy.default)
            school = i % 2 == 0
            msg["From"] = f"member{i % 4}@school.example" if school else "bench2@example.com"
            msg["To"] = "bench2@example.com" if school else f"member{i % 4}@school.example"
            msg["Subject"] = _text(5)
            msg["Date"] = format_datetime(datetime(2024, 1, 1, tzinfo=UTC) + timedelta(hours=i))
            if i % 10:
                msg["Message-ID"] = f"<bench-{i}@school.example>"
            msg.set_content(_text(rng.randint(60, 300)))
            if i % 20 == 0:
                msg.add_attachment(os.urandom(20_000), maintype="application", subtype="pdf",
                                   filename=f"report-{i}.pdf")  # fmt: skip
            raw = msg.as_bytes().replace(b"\nFrom ", b"\n>From ")
            handle.write(b"From bench@localhost Mon Jan  1 00:00:00 2024\n" + raw + b"\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(f"throwaway database in {DATA_DIR} (removed at the end)")

    child, team = build_child("bench@example.com")
    began = time.perf_counter()
    fill(child, team)
    print(f"built {ENTRIES} entries in {time.perf_counter() - began:.1f} s")

    client = Client()
    client.force_login(child.household.memberships.get().user)
    base = f"/children/{child.pk}/timeline/"
    api = f"/api/v1/children/{child.pk}/entries"
    print(f"median server time of {runs} runs (Django test Client):")
    figures = [
        ("timeline page, newest first", base),
        ("timeline page 50 (deep)", base + "?page=50"),
        ("timeline search 'fluency phonics'", base + "?q=fluency+phonics"),
        ("timeline search + kind + dates", base + "?q=consent&kind=email&date_from=2023-01-01"),
        ("timeline search 'reading' (most entries)", base + "?q=reading"),
        ("API list, 100 entries", api),
        ("API search 'referral consent'", api + "?q=referral+consent"),
    ]
    measured = {}
    for label, url in figures:
        measured[label] = median_ms(client, url, runs)
        print(f"  {label:<40} {measured[label]:8.1f} ms")
    check = median_ms(client, base + "check/", max(3, runs // 5), HTTP_HX_REQUEST="true")
    print(f"  {'chain check (5,000 entries, lazy badge)':<40} {check:8.1f} ms")

    other, _ = build_child("bench2@example.com")
    path = Path(DATA_DIR) / "bench.mbox"
    build_mbox(path)
    size = path.stat().st_size / (1024 * 1024)
    began = time.perf_counter()
    report = import_messages(other, mbox_messages(str(path)))
    first = time.perf_counter() - began
    print(
        f"import of a {MESSAGES}-message mbox ({size:.1f} MB): {first:.2f} s "
        f"({len(report.imported)} imported, {report.duplicates} duplicates, "
        f"{len(report.rejected)} rejected)"
    )
    began = time.perf_counter()
    again = import_messages(other, mbox_messages(str(path)))
    print(
        f"the same mbox again: {time.perf_counter() - began:.2f} s "
        f"({len(again.imported)} imported, {again.duplicates} duplicates)"
    )
    print(
        f"\nsummary: trail: timeline {measured[figures[0][0]]:.0f} ms, search "
        f"{measured[figures[2][0]]:.0f} ms on {ENTRIES:,} entries (aim: well under 100 ms); "
        f"mbox import of {MESSAGES:,} messages {first:.1f} s"
    )


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(DATA_DIR, ignore_errors=True)
