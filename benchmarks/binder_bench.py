"""The binder and the household backup at size: a child with 1,000 entries and 50 asks.

Prints the seconds playbook.exports.binder.render_pdf takes, the seconds WeasyPrint takes
for a bare HTML table of the same 1,000 entries (the floor: no template, no sections, no
charts), their ratio (aim: 1.5x), and the seconds to back up that household
(playbook.exports.backup) and to restore it after it was deleted. Median of N runs;
throwaway SQLite in a temporary PLAYBOOK_DATA_DIR.

    .venv/bin/python benchmarks/binder_bench.py [--runs 3] [--entries 1000] [--asks 50]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from datetime import date
from html import escape
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import common  # noqa: E402

AIM = 1.5


def floor_html(entries) -> str:
    rows = "".join(
        f"<tr><td>{e.occurred_at:%b %d, %Y %H:%M}</td><td>{escape(e.kind)}</td>"
        f"<td>{escape(e.counterpart.name if e.counterpart else e.sender)}</td>"
        f"<td><strong>{escape(e.subject)}</strong> {escape(' '.join(e.body.split()[:60]))}</td>"
        f"<td>{e.seq}<br><small>{e.hash[:32]}<br>{e.hash[32:]}</small></td></tr>"
        for e in entries
    )
    return (
        "<!doctype html><html><head><meta charset=utf-8><style>table{border-collapse:collapse;"
        "font-size:9pt}td{border:1px solid #999;padding:2px;vertical-align:top}"
        "small{font-family:monospace;font-size:6.5pt}</style></head><body><table>"
        + rows
        + "</table></body></html>"
    )


def seconds(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--entries", type=int, default=1_000)
    parser.add_argument("--asks", type=int, default=50)
    args = parser.parse_args()
    data_dir = common.prepare()
    try:
        from weasyprint import HTML

        from benchmarks.seed import seed_big
        from playbook.accounts.models import Household
        from playbook.exports.backup import backup_bytes
        from playbook.exports.binder import Scope, render_pdf
        from playbook.exports.restore import restore_backup
        from playbook.trail.chain import verify
        from playbook.trail.models import Entry

        today = date.today()
        child, user = seed_big(args.entries, today, asks=args.asks, concerns=10, series=5)
        entries = list(
            Entry.objects.filter(child=child).select_related("counterpart").order_by("seq")
        )
        print(f"a child with {len(entries):,} entries and {child.asks.count()} asks; "
              f"median of {args.runs} runs")  # fmt: skip
        HTML(string=floor_html(entries[:5])).write_pdf()  # warm-up: WeasyPrint and its fonts
        binder, pdf = seconds(lambda: render_pdf(child, Scope(), today), args.runs)
        html = floor_html(entries)
        floor, bare_pdf = seconds(lambda: HTML(string=html).write_pdf(), args.runs)
        ratio = binder / floor
        print(f"  binder (render_pdf)                 {binder:6.2f} s  ({len(pdf) / 1e6:.1f} MB)")
        print(
            f"  floor: bare table of the entries    {floor:6.2f} s  ({len(bare_pdf) / 1e6:.1f} MB)"
        )
        verdict = "within" if ratio <= AIM else "over"
        print(f"  ratio                               {ratio:6.2f} x  ({verdict} the {AIM}x aim)")

        household = child.household
        backup, zipped = seconds(lambda: backup_bytes(household), args.runs)
        print(
            f"  backup of the household             {backup:6.2f} s  ({len(zipped) / 1e6:.1f} MB zip)"
        )
        child_id, household_id = child.pk, household.pk
        household.delete()  # the account stays: a restore never creates one (decision 0013)
        began = time.perf_counter()
        restore_backup(io.BytesIO(zipped), user)
        restore = time.perf_counter() - began
        restored = Household.objects.get(pk=household_id).children.get(pk=child_id)
        chain = verify(restored)
        print(f"  restore into this installation      {restore:6.2f} s  (chain {chain.summary()})")
        print(f"\nsummary: binder: {binder:.2f} s for {len(entries):,} entries, floor "
              f"{floor:.2f} s, ratio {ratio:.2f}x (aim {AIM}x); backup {backup:.2f} s, "
              f"restore {restore:.2f} s")  # fmt: skip
        return 0 if chain.ok else 1
    finally:
        common.cleanup(data_dir)


if __name__ == "__main__":
    sys.exit(main())
