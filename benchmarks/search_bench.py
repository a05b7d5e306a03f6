"""Search and the timeline on one child of 100,000 trail entries (issue 21).

Builds the trail through the app's own ``append_many`` (a valid hash chain) from realistic
correspondence (the seed's domain words and a long tail of others, Zipf-like), then times
30 searches (common, mid-frequency, rare, several words, a phrase, no hits) on the timeline
and the entries API, each drawn afresh (the app's memory of pages cleared before every
request), with the bare logged-in view (``benchmarks/urls.py``) timed after every request
in the same loop. Prints p50 / p95 per group and the ratio to the bare view's p50; then the
timeline's and the API's first page, page 1,000 (by "older than this entry" and by
``page=`` / ``offset``), the chain check (incremental, and full), and the query plans of a
mid-frequency search.

SQLite in a temporary PLAYBOOK_DATA_DIR by default; DATABASE_URL (an empty database) when
given. Aim: search p95 under 50 ms on both; first pages under 10x the bare view; page 1,000
as fast as page 1.

    .venv/bin/python benchmarks/search_bench.py --entries 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/playbook_search_bench \\
        .venv/bin/python benchmarks/search_bench.py --entries 100000
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common  # noqa: E402

SYLLABLES = ["ba", "ko", "ri", "tel", "man", "sor", "vi", "den", "lu", "pa", "gre", "sto"]
KINDS = ["email", "call", "note", "meeting", "letter"]


# Domain words few letters use, each in one entry of so many.
RARE = {"dyscalculia": 1500, "audiologist": 2500, "manifestation": 4000, "ombudsman": 9000}


def vocabulary() -> tuple[list[str], list[float]]:
    from benchmarks.seed import WORDS

    tail = sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES[:8]})
    longer = sorted({w + d for w in tail for d in SYLLABLES[8:]})
    words = WORDS + tail + longer
    return words, [1 / (rank + 1) for rank in range(len(words))]


def build(entries: int):
    from playbook.accounts.households import create_parent
    from playbook.children.models import Child, TeamMember
    from playbook.trail.chain import Draft, append_many

    user = create_parent("search-bench@example.com", "bench-password-123", "Bench Parent")
    household = user.memberships.get().household
    child = Child.objects.create(household=household, name="Sam Bench",
                                 birth_date="2015-03-14", grade="5", state="CA")  # fmt: skip
    team = [
        TeamMember.objects.create(
            child=child, name=f"Member {i}", role=role, email=f"member{i}@school.example"
        )  # fmt: skip
        for i, role in enumerate(["case_manager", "therapist", "principal", "teacher"])
    ]
    rng = random.Random(2026)
    words, weights = vocabulary()

    def text(n: int) -> str:
        return " ".join(rng.choices(words, weights, k=n)).capitalize() + "."

    start = datetime(2015, 8, 15, 14, 0, tzinfo=UTC)
    batch: list[Draft] = []
    for i in range(entries):
        batch.append(Draft(
            occurred_at=start + timedelta(minutes=90 * i + rng.randint(0, 60)),
            kind=rng.choice(KINDS), direction=rng.choice(["sent", "received", "none"]),
            counterpart=rng.choice([*team, None]), subject=text(6),
            body=text(rng.randint(40, 250))
            + "".join(f" {word}." for word, every in RARE.items() if i % every == 7),
        ))  # fmt: skip
        if len(batch) == 1000:
            append_many(child, batch)
            batch = []
    append_many(child, batch)
    return user, child


def reuse(entries: int):
    """The bench parent and child of an earlier ``--keep`` run, if it built this many."""
    from playbook.accounts.models import User
    from playbook.trail.models import Entry

    user = User.objects.filter(email="search-bench@example.com").first()
    if user is None:
        return None
    child = user.memberships.get().household.children.get()
    if Entry.objects.filter(child=child).count() != entries:
        raise SystemExit(f"--keep: that trail does not hold {entries:,} entries")
    return user, child


def frequencies(candidates: list[str]) -> dict[str, int]:
    """Exact matches per search, for choosing them (the app counts only to 1,000)."""
    from django.db import connection

    from playbook.trail import search

    found = {}
    with connection.cursor() as cursor:
        for text in candidates:
            terms = search.parse(text)
            if connection.vendor == "postgresql":
                tsquery, params = search._tsquery(terms)
                cursor.execute(f"SELECT count(*) FROM trail_entry WHERE search_vector @@ {tsquery}",
                               params)  # fmt: skip
            else:
                cursor.execute("SELECT count(*) FROM trail_entry_fts WHERE trail_entry_fts MATCH %s",
                               [search._fts5_match(terms)])  # fmt: skip
            found[text] = cursor.fetchone()[0]
    return found


def pick_searches(entries: int) -> list[tuple[str, str]]:
    words, _ = vocabulary()
    ranks = [
        *range(40),
        *range(1000, 1040),
        *range(2000, 2040),
        *range(len(words) - 40, len(words)),
    ]
    counts = frequencies([words[r] for r in ranks])
    by_share = sorted(counts.items(), key=lambda item: item[1])

    def near(share: float, n: int) -> list[str]:
        return [w for w, _ in sorted(by_share, key=lambda i: abs(i[1] / entries - share))[:n]]

    common_words, mid = near(0.6, 6), near(0.007, 8)
    rare = [*RARE, *near(0.0005, 2)]
    searches = [("common", w) for w in common_words]
    searches += [("mid-frequency", w) for w in mid]
    searches += [("rare", w) for w in rare]
    searches += [("several words", f"{a} {b}") for a, b in zip(common_words, mid, strict=False)][:5]
    searches += [("several words", f'"{common_words[0]} {common_words[1]}"')]
    searches += [("no hits", w) for w in ["zyzzogeton", "quokkaberry", "xylophonic", "nonesuch"]]
    return searches[:30]


class Times(list):
    """Wall-clock milliseconds per request, and ``cpu``: this process's CPU time for each
    (on SQLite that includes the database's work; on PostgreSQL the server's is not in it).
    On a machine shared with other work, the wall clock counts the time spent waiting for a
    core; the CPU time does not."""

    def __init__(self):
        super().__init__()
        self.cpu: list[float] = []

    def extend(self, other) -> None:
        super().extend(other)
        self.cpu.extend(getattr(other, "cpu", []))


def timed(client, url: str, into: Times | None = None) -> float:
    from django.core.cache import caches

    caches["local"].clear()
    began, cpu = time.perf_counter(), time.process_time()
    response = client.get(url)
    elapsed = (time.perf_counter() - began) * 1000
    assert response.status_code == 200, (url, response.status_code)
    if into is not None:
        into.append(elapsed)
        into.cpu.append((time.process_time() - cpu) * 1000)
    return elapsed


def measure(client, urls: list[str], bare: list[float], rounds: int = 1) -> Times:
    times = Times()
    for _ in range(rounds):
        for url in urls:
            timed(client, url, times)
            timed(client, "/bench/bare/", bare)
    return times


def row(label: str, times: list[float], bare_p50: float) -> str:
    p50, p95 = common.percentile(times, 50), common.percentile(times, 95)
    cpu = getattr(times, "cpu", None)
    cpu_text = (f"  cpu p50 {common.percentile(cpu, 50):6.1f} p95 "
                f"{common.percentile(cpu, 95):6.1f}" if cpu else "")  # fmt: skip
    return (f"  {label:<44} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
            f"({p50 / bare_p50:5.1f}x / {p95 / bare_p50:5.1f}x bare){cpu_text}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="times each search is drawn")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="data directory to build in and keep; a later run given the same "
                        "DIR (and DATABASE_URL) measures the trail built there instead of "
                        "building it again (building 100,000 entries takes minutes)")  # fmt: skip
    args = parser.parse_args()
    data_dir = common.prepare(os.environ.get("DATABASE_URL"), prefix="playbook-search-bench-",
                              data_dir=args.keep)  # fmt: skip
    try:
        from urllib.parse import quote_plus

        from django.db import connection
        from django.test import Client

        from playbook.trail import chain, search
        from playbook.trail.models import Entry

        began = time.perf_counter()
        built = reuse(args.entries) if args.keep else None
        if built is not None:
            user, child = built
            print(f"database: {connection.vendor}; the {args.entries:,} entries built "
                  f"through append_many in {args.keep} before")  # fmt: skip
        else:
            user, child = build(args.entries)
            print(f"database: {connection.vendor}; built {args.entries:,} entries through "
                  f"append_many in {time.perf_counter() - began:.0f} s")  # fmt: skip
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE trail_entry")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        client = Client()
        client.force_login(user)
        timeline = f"/children/{child.pk}/timeline/"
        api = f"/api/v1/children/{child.pk}/entries"
        searches = pick_searches(args.entries)
        counts = frequencies([text for _, text in searches])
        for url in (timeline, api, "/bench/bare/"):
            timed(client, url)  # warm up
        bare = Times()
        groups: dict[str, Times] = {}
        print(f"\n{len(searches)} searches, each drawn {args.rounds} times, timeline and API:")
        for group, text in searches:
            q = quote_plus(text)
            groups.setdefault(f"timeline search: {group}", Times()).extend(
                measure(client, [f"{timeline}?q={q}"], bare, args.rounds)
            )
            groups.setdefault(f"API search: {group}", Times()).extend(
                measure(client, [f"{api}?q={q}&order=newest"], bare, args.rounds)
            )
        # The database's part alone: the count and the ids of the first page, two queries.
        query_times: dict[str, Times] = {}
        for group, text in searches * args.rounds:
            began, cpu = time.perf_counter(), time.process_time()
            search.page_ids(child.pk, search.parse(text), search.Window("newest", 51))
            into = query_times.setdefault(group, Times())
            into.append((time.perf_counter() - began) * 1000)
            into.cpu.append((time.process_time() - cpu) * 1000)
        all_timeline, all_api = Times(), Times()
        for key, value in groups.items():
            (all_timeline if key.startswith("timeline") else all_api).extend(value)
        deep = Entry.objects.filter(child=child).order_by("-occurred_at", "-seq")
        depth = min(50 * 999, args.entries // 2)  # page 1,000 of 50, or halfway
        after_newest = deep.values_list("pk", flat=True)[depth - 1]
        oldest = Entry.objects.filter(child=child).order_by("occurred_at", "seq")
        after_oldest = oldest.values_list("pk", flat=True)[depth]
        pages = {
            "timeline, first page": [timeline],
            "timeline, page 1,000 (older than an entry)": [f"{timeline}?after={after_newest}"],
            "timeline, ?page=1000": [f"{timeline}?page={depth // 50 + 1}"],
            "entries API, first page": [api],
            "entries API, after entry 50,000": [f"{api}?after={after_oldest}"],
            "entries API, offset=50000": [f"{api}?offset={depth}"],
            "timeline filtered by kind": [f"{timeline}?kind=call"],
        }
        page_times = {label: measure(client, urls, bare, 10) for label, urls in pages.items()}
        bare_p50 = common.percentile(bare, 50)
        print(f"  bare logged-in view: p50 {bare_p50:.1f} ms, p95 "
              f"{common.percentile(bare, 95):.1f} ms ({len(bare)} draws; cpu p50 "
              f"{common.percentile(bare.cpu, 50):.1f} ms)")  # fmt: skip
        for label, times in groups.items():
            print(row(label, times, bare_p50))
        print(row("ALL timeline searches", all_timeline, bare_p50))
        print(row("ALL API searches", all_api, bare_p50))
        print("\nthe search queries alone (the count, and the ids of the first page):")
        for group, times in query_times.items():
            print(row(f"query: {group}", times, bare_p50))
        every_query = Times()
        for times in query_times.values():
            every_query.extend(times)
        print(row("ALL search queries", every_query, bare_p50))
        print("\npages:")
        for label, times in page_times.items():
            print(row(label, times, bare_p50))
        print("\nmatches per search:", ", ".join(f"{t!r} {n:,}" for t, n in counts.items()))

        for label, incremental in (("full", False), ("incremental, after it", True)):
            began = time.perf_counter()
            report = chain.verify(child, incremental=incremental)
            print(f"chain check, {label}: {(time.perf_counter() - began) * 1000:.0f} ms "
                  f"({report.summary()})")  # fmt: skip

        explain = "EXPLAIN ANALYZE " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        for group in ("mid-frequency", "common"):
            text = next(t for g, t in searches if g == group)
            terms = search.parse(text)
            many = search.count(child.pk, terms) > search.COUNT_UP_TO
            sql, params = search.page_sql(child.pk, terms, search.Window("newest", 51), many=many)
            with connection.cursor() as cursor:
                cursor.execute(explain + sql, params)
                rows = cursor.fetchall()
            plan = [str(r[-1] if connection.vendor == "sqlite" else r[0]) for r in rows]
            print(f"\nplan of the page of the search {text!r} ({group}):\n  " + "\n  ".join(plan))
        summary = (f"summary: {connection.vendor}, {args.entries:,} entries: search p95 "
                   f"timeline {common.percentile(all_timeline, 95):.0f} ms, API "
                   f"{common.percentile(all_api, 95):.0f} ms (aim < 50 ms)")  # fmt: skip
        print("\n" + summary)
    finally:
        if not args.keep:
            common.cleanup(data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
