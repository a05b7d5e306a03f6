"""Server time of every child page and every API list route on the big child.

Seeds a throwaway database (benchmarks/seed.py), then times each route in-process with
Django's test Client (median of N runs after a warm-up), and in the same loop a bare
logged-in view (benchmarks/urls.py) after every request, so both see the same machine
load. Prints route, median ms, ratio to the bare view and the number of queries; a ratio
over 3x is flagged. Each route is timed twice: as a browser or API client that asked
before gets it (sending the ETag of its copy: 304 Not Modified while nothing changed), and
"after a change", with this process's memory cleared before every request, so everything
is computed and drawn again: the cost of the first page after a write. A third column
draws the page with the coach and the deadlines still in this process's memory. SQLite in a temporary PLAYBOOK_DATA_DIR by default;
DATABASE_URL (an empty database) when given.

    .venv/bin/python benchmarks/latency.py [--runs 15] [--households 10000]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common  # noqa: E402

AIM = 3.0
# Routes that answer 422 without a parameter get the one a parent's client would send.
QUERY = {"ladder": "?topic=services"}
PAGES = ["", "timeline/", "concerns/", "asks/", "meetings/", "{prep}", "letters/", "data/",
         "trials/", "team/", "iep/", "deadlines/", "plan/", "services/", "refusals/",
         "ladder/", "moves/"]  # fmt: skip


def api_list_routes(client, child_id) -> list[str]:
    """Every GET route of the API whose only path parameter is the child."""
    schema = client.get("/api/v1/openapi.json").json()
    routes = []
    for path, ops in schema["paths"].items():
        params = re.findall(r"{(\w+)}", path)
        if "get" in ops and params == ["child_id"] and "." not in path:
            routes.append(
                "/api/v1" * (not path.startswith("/api/v1"))
                + path.replace("{child_id}", str(child_id))
            )
    return sorted(routes)


def timed(client, url: str, etag: str | None = None) -> tuple[float, int]:
    """As a browser asks: with the ETag of its copy, when it has one."""
    headers = {"If-None-Match": etag} if etag else {}
    began = time.perf_counter()
    response = client.get(url, headers=headers)
    return (time.perf_counter() - began) * 1000, response.status_code


def count_queries(client, url: str) -> int:
    """Queries of the page after a change (nothing kept): the budget the tests assert."""
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    caches["local"].clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def forget() -> None:
    from django.core.cache import caches

    caches["local"].clear()


def measure(client, routes: list[tuple[str, str]], runs: int) -> tuple[list[dict], float]:
    bare_url = "/bench/bare/"
    bare: list[float] = []
    rows = []
    for label, url in routes:
        for _ in range(2):  # warm-up: templates compiled, caches filled
            etag = client.get(url).get("ETag")
            client.get(bare_url)
        samples, warm, cold, status = [], [], [], 200
        for _ in range(runs):  # a repeat view: 304 where the route sends an ETag
            ms, status = timed(client, url, etag)
            samples.append(ms)
            bare.append(timed(client, bare_url)[0])
        for _ in range(runs):  # drawn, the coach and deadlines still in memory
            warm.append(timed(client, url)[0])
            bare.append(timed(client, bare_url)[0])
        for _ in range(runs):  # apart: a page drawn just before leaves garbage to collect
            forget()
            cold.append(timed(client, url)[0])
            bare.append(timed(client, bare_url)[0])
        rows.append({"route": label, "url": url, "ms": statistics.median(samples),
                     "warm": statistics.median(warm),
                     "cold": statistics.median(cold), "status": status,
                     "queries": count_queries(client, url)})  # fmt: skip
    return rows, statistics.median(bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=5_000)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL")
    data_dir = common.prepare(database_url)
    try:
        from django.db import connection
        from django.test import Client

        from benchmarks.seed import seed
        from playbook.accounts.models import User
        from playbook.meetings.models import Meeting

        print(f"database: {connection.vendor}; seeding ({args.households:,} households) ...")
        seeded = seed(args.households, args.entries)
        client = Client()
        client.force_login(User.objects.get(pk=seeded.big_user_id))
        child = f"/children/{seeded.big_child_id}/"
        meeting = Meeting.objects.filter(child_id=seeded.big_child_id).order_by("-date").first()
        pages = [
            ("page " + (p.rstrip("/") or "child home"), child + p) for p in PAGES if p != "{prep}"
        ]
        pages.insert(6, ("page meeting prep pack", f"{child}meetings/{meeting.pk}/prep/"))
        api = [("api " + (url.split(str(seeded.big_child_id))[-1].strip("/") or "child"),
                url + QUERY.get(url.rsplit("/", 1)[-1], ""))
               for url in api_list_routes(client, seeded.big_child_id)]  # fmt: skip
        print(f"median of {args.runs} runs (Django test Client, in-process); bare view "
              f"timed after every request")  # fmt: skip
        layout = [("layout only", "/bench/layout/")]
        rows, bare = measure(client, layout + pages + api, args.runs)
        layout = rows.pop(0)
        print(f"\n{'route':<40} {'repeat ms':>10} {'x bare':>7} {'x layout':>9} "
              f"{'after a change':>15} {'x bare':>7} {'queries':>8} {'drawn, memory':>14} "
              f"{'x bare':>7}")  # fmt: skip
        print(f"{'bare logged-in view':<40} {bare:>10.1f} {1.0:>7.1f} {bare / layout['ms']:>9.1f} "
              f"{'':>15} {'':>7} {count_queries(client, '/bench/bare/'):>8}")  # fmt: skip
        print(f"{'layout only (base.html, no content)':<40} {layout['ms']:>10.1f} "
              f"{layout['ms'] / bare:>7.1f} {1.0:>9.1f} {'':>15} {'':>7} "
              f"{layout['queries']:>8}")  # fmt: skip
        over = []
        for row in rows:
            ratio = row["ms"] / bare
            flag = ""
            if row["status"] not in (200, 304):
                flag = f"  HTTP {row['status']}"
            if ratio > AIM:
                flag += f"  over {AIM:g}x"
                over.append(row["route"])
            print(f"{row['route']:<40} {row['ms']:>10.1f} {ratio:>7.1f} "
                  f"{row['ms'] / layout['ms']:>9.1f} {row['cold']:>15.1f} "
                  f"{row['cold'] / bare:>7.1f} {row['queries']:>8} {row['warm']:>14.1f} "
                  f"{row['warm'] / bare:>7.1f} {row['status']}{flag}")  # fmt: skip
        slowest = max(rows, key=lambda r: r["ms"])
        cold_over = sum(row["cold"] / bare > AIM for row in rows)
        print(f"\nsummary: latency: {len(rows)} routes, bare {bare:.1f} ms, slowest "
              f"{slowest['route']} {slowest['ms']:.0f} ms ({slowest['ms'] / bare:.0f}x); "
              f"{len(over)} over {AIM:g}x ({cold_over} after a change)")  # fmt: skip
        return 0
    finally:
        common.cleanup(data_dir)


if __name__ == "__main__":
    sys.exit(main())
