"""Two app processes on one PostgreSQL, 200 simulated parents (locust, headless).

Creates the database named in DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/playbook_bench), seeds it (benchmarks/seed.py), starts
two gunicorns (2 workers each) on two free loopback ports and runs locust for a bounded
time: each parent is its own seeded household and child, alternating between the two
processes, doing a mix of reading the child page, logging a call, drafting a letter and
ticking the plan (benchmarks/locustfile.py). Prints total requests, failures (aim: 0) and
p50/p95 per task. The servers are always stopped and the database dropped.

    .venv/bin/python benchmarks/scale_out.py [--users 200] [--run-time 60] [--households 10000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlparse, urlunparse

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/playbook_bench"
PROTECTED = {"test", "postgres", "template0", "template1", "playbook"}


def _admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def create_database(url: str) -> str:
    name = urlparse(url).path.lstrip("/")
    if not name or name in PROTECTED or not name.replace("_", "").isalnum():
        raise SystemExit(f"refusing to create and drop the database {name!r}; name another")
    _admin(url, f'DROP DATABASE IF EXISTS "{name}"')
    _admin(url, f'CREATE DATABASE "{name}"')
    return name


def drop_database(url: str, name: str) -> None:
    from django.db import connections

    connections.close_all()
    _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=60, help="seconds of load")
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--wait", default="5,15", help="seconds between a parent's actions")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    name = create_database(url)
    data_dir = None
    try:
        data_dir = common.prepare(url)
        from django.db import connection

        from benchmarks.seed import seed
        from playbook.accounts.models import User
        from playbook.advocacy.models import Ask

        print(f"PostgreSQL database {name}; seeding ({args.households:,} households) ...")
        seeded = seed(max(args.households, args.users), args.entries)
        parents = []
        for user_id, child_id in seeded.ordinary[: args.users]:
            ask = Ask.objects.filter(child_id=child_id).values_list("pk", flat=True).first()
            cookie = common.session_cookie(User.objects.get(pk=user_id))
            parents.append({"cookie": cookie, "child": str(child_id), "ask": str(ask)})
        parents_file = data_dir / "parents.json"
        parents_file.write_text(json.dumps(parents))
        connection.close()

        ports = [common.free_port(), common.free_port()]
        hosts = [f"http://127.0.0.1:{p}" for p in ports]
        prefix = data_dir / "locust"
        env = {**os.environ, "BENCH_PARENTS": str(parents_file), "BENCH_HOSTS": ",".join(hosts),
               "BENCH_WAIT": args.wait}  # fmt: skip
        command = [str(Path(common.PYTHON).with_name("locust")), "-f",
                   str(Path(__file__).with_name("locustfile.py")), "--headless",
                   "-u", str(args.users), "-r", str(args.spawn_rate),
                   "-t", f"{args.run_time}s", "--stop-timeout", "10", "--csv", str(prefix),
                   "--only-summary", "--loglevel", "WARNING", "--host", hosts[0]]  # fmt: skip
        with ExitStack() as stack:
            for n, port in enumerate(ports):
                stack.enter_context(common.gunicorn(port, 2, data_dir / f"gunicorn{n}.log"))
            print(f"two gunicorns (2 workers each) on {', '.join(hosts)}; locust: "
                  f"{args.users} parents, spawn {args.spawn_rate:g}/s, {args.run_time} s, "
                  f"a parent acts every {args.wait.replace(',', '-')} s")  # fmt: skip
            done = subprocess.run(command, cwd=common.ROOT, env=env, capture_output=True,
                                  text=True, timeout=args.run_time + 120)  # fmt: skip
        rows = read_stats(prefix)
        total = next(r for r in rows if r["Name"] == "Aggregated")
        print(f"\n{'task':<24} {'requests':>9} {'failures':>9} {'p50 ms':>8} {'p95 ms':>8}")
        for row in rows:
            print(f"{row['Name']:<24} {row['Request Count']:>9} {row['Failure Count']:>9} "
                  f"{row['50%']:>8} {row['95%']:>8}")  # fmt: skip
        failures = int(total["Failure Count"])
        if failures:
            print("\nfailures:")
            with open(f"{prefix}_failures.csv", newline="") as handle:
                for row in csv.DictReader(handle):
                    print(f"  {row['Occurrences']} x {row['Name']}: {row['Error'][:200]}")
        if done.returncode not in (0, 1):
            print(f"locust exited with {done.returncode}:\n{done.stderr[-2000:]}")
        print(f"\nsummary: scale-out: {total['Request Count']} requests, {failures} failures, "
              f"p50 {total['50%']} ms, p95 {total['95%']} ms over two processes on PostgreSQL")  # fmt: skip
        return 0 if failures == 0 else 1
    finally:
        common.cleanup(data_dir)
        drop_database(url, name)


if __name__ == "__main__":
    sys.exit(main())
