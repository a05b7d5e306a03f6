"""Requests per second of the child page and the timeline under gunicorn (2 workers on
127.0.0.1), side by side with the bare logged-in view in the same run.

Seeds a throwaway SQLite database (benchmarks/seed.py), logs the big household's parent
in through the session engine, starts gunicorn on a free loopback port and drives each
URL with wrk for N seconds (2 threads, 8 connections). Each request carries what a
browser that has opened the page before sends: the session and the CSRF cookie. Two
clients per page, counted honestly: one sends the page's ETag in If-None-Match, as a
browser does on a repeat view, and gets 304 Not Modified while nothing changed (decision
0023); the other sends none and has every page drawn afresh, as after a change. Nothing is
kept between requests but the browser's copy. Without wrk (Debian: apt-get install wrk) it
says so and falls back to a Python load loop (8 threads, http.client), which is slower
than wrk and so understates the ceiling. The server is always stopped.

    .venv/bin/python benchmarks/throughput.py [--seconds 10] [--households 10000]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common  # noqa: E402

CONNECTIONS = 8


def run_wrk(url: str, headers: dict[str, str], seconds: int) -> dict:
    sent = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "10s",
         *sent, url],  # fmt: skip
        capture_output=True, text=True, timeout=seconds + 30, check=True,
    )  # fmt: skip
    text = out.stdout
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def latency(pct: str) -> float:
        found = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return float(found.group(1)) * units[found.group(2)] if found else float("nan")

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "bad": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1) if errors else "",
    }


def run_python_loop(url: str, headers: dict[str, str], seconds: int) -> dict:
    """What wrk does, roughly, with threads: keep-alive GETs until the time is up."""
    host, port, path = re.match(r"http://([^:/]+):(\d+)(/.*)", url).groups()
    stop_at = time.monotonic() + seconds
    times: list[float] = []
    bad = [0]
    lock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        mine, wrong = [], 0
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - began) * 1000)
            wrong += response.status not in (200, 304)
        conn.close()
        with lock:
            times.extend(mine)
            bad[0] += wrong

    began = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - began
    return {"rps": len(times) / took, "p50": common.percentile(times, 50),
            "p99": common.percentile(times, 99), "requests": len(times), "bad": bad[0],
            "errors": ""}  # fmt: skip


def etag_of(url: str, headers: dict[str, str]) -> str:
    """The ETag a browser keeps from its first view of the page."""
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        etag = response.headers.get("ETag")
    if not etag:
        raise RuntimeError(f"{url} sent no ETag: a repeat view could not be a 304")
    return etag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=5_000)
    args = parser.parse_args()
    data_dir = common.prepare()
    try:
        from django.db import connection

        from benchmarks.seed import seed
        from playbook.accounts.models import User

        print(f"seeding a throwaway SQLite database ({args.households:,} households) ...")
        seeded = seed(args.households, args.entries)
        from django.utils.crypto import get_random_string

        session = common.session_cookie(User.objects.get(pk=seeded.big_user_id))
        cookie = {"Cookie": f"sessionid={session}; csrftoken={get_random_string(32)}"}
        connection.close()
        wrk = shutil.which("wrk")
        if wrk:
            load, tool = run_wrk, f"wrk, 2 threads, {CONNECTIONS} connections"
        else:
            print("wrk is not installed (Debian/Ubuntu: sudo apt-get install wrk); falling back "
                  "to a Python load loop, which understates the ceiling")  # fmt: skip
            load, tool = run_python_loop, f"Python loop, {CONNECTIONS} threads"
        port = common.free_port()
        base = f"http://127.0.0.1:{port}"
        pages = [("child page", f"/children/{seeded.big_child_id}/"),
                 ("timeline", f"/children/{seeded.big_child_id}/timeline/")]  # fmt: skip
        results = []
        with common.gunicorn(port, workers=2, log=data_dir / "gunicorn.log"):
            targets = [("bare logged-in view", "/bench/bare/", cookie)]
            for label, path in pages:
                etag = etag_of(base + path, cookie)
                targets += [(f"{label}, If-None-Match (304)", path, {**cookie, "If-None-Match": etag}),
                            (f"{label}, drawn each time", path, cookie)]  # fmt: skip
            for label, path, headers in targets:
                load(base + path, headers, 2)  # warm-up: both workers import and compile
                results.append((label, load(base + path, headers, args.seconds)))
        bare = results[0][1]["rps"]
        print(f"\ngunicorn, 2 sync workers, 127.0.0.1; {tool}; {args.seconds} s each")
        print(f"{'target':<36} {'req/s':>8} {'x bare':>7} {'p50 ms':>8} {'p99 ms':>8} "
              f"{'errors':>8}")  # fmt: skip
        for label, r in results:
            note = f"  socket errors: {r['errors']}" if r["errors"] else ""
            print(f"{label:<36} {r['rps']:>8.1f} {r['rps'] / bare:>7.2f} {r['p50']:>8.1f} "
                  f"{r['p99']:>8.1f} {r['bad']:>8}{note}")  # fmt: skip
        parts = ", ".join(
            f"{label} {r['rps']:.0f} req/s ({r['rps'] / bare:.2f}x)" for label, r in results
        )
        print(f"\nsummary: throughput: {parts}; aim: pages at least 0.5x the bare view")
        return 0 if all(r["bad"] == 0 for _, r in results) else 1
    finally:
        common.cleanup(data_dir)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
