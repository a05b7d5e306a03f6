"""Every benchmark, in order, each in its own process and each bounded in time, then the
summary line of each. `make bench` runs this at full size; --size small is a quick check
that everything still runs (figures at that size mean little).

    .venv/bin/python benchmarks/run_all.py [--size full|small] [--only latency,binder]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable

# name: (script, full-size arguments, small arguments, seconds before it is stopped).
# Latency and scale-out seed the full 10,000 households; throughput and schemathesis,
# which only use the big household, seed 2,000 to keep `make bench` near ten minutes.
BENCHMARKS = {
    "trail": ("trail_bench.py", ["--runs", "15"], ["--runs", "3"], 300),
    "latency": ("latency.py", ["--runs", "15"], ["--runs", "3", "--households", "200"], 600),
    "throughput": ("throughput.py", ["--seconds", "10", "--households", "2000"],
                   ["--seconds", "3", "--households", "200"], 300),
    "scale_out": ("scale_out.py", ["--users", "200", "--run-time", "60"],
                  ["--users", "20", "--run-time", "15", "--households", "200"], 420),
    "binder": ("binder_bench.py", ["--runs", "1"],
               ["--runs", "1", "--entries", "200", "--asks", "20"], 900),
    "schemathesis": ("api_fuzz.py", ["--examples", "25", "--max-time", "120", "--households", "2000"],
                     ["--examples", "2", "--max-time", "40", "--households", "200"], 420),
    "iep": ("iep_bench.py", ["--all"], ["--all"], 180),
}  # fmt: skip


def run(name: str, size: str) -> tuple[int | str, float, list[str]]:
    script, full, small, limit = BENCHMARKS[name]
    command = [PYTHON, "-u", str(HERE / script), *(full if size == "full" else small)]
    print(f"\n=== {name}: {' '.join(command[2:])}", flush=True)
    began = time.monotonic()
    # Each script stops its own servers in a finally; the new session lets us stop the
    # whole group should one overrun its limit anyway.
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})  # fmt: skip
    summary: list[str] = []
    overran = threading.Event()

    def stop() -> None:
        overran.set()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)

    watchdog = threading.Timer(limit, stop)
    watchdog.start()
    try:
        for line in proc.stdout:
            print(line, end="", flush=True)
            if line.startswith("summary: "):
                summary.append(line[len("summary: ") :].strip())
        status: int | str = proc.wait()
    finally:
        watchdog.cancel()
    if overran.is_set():
        status = f"stopped after {limit} s"
    return status, time.monotonic() - began, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["full", "small"], default="full")
    parser.add_argument("--only", default="", help="comma-separated: " + ",".join(BENCHMARKS))
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(BENCHMARKS)
    unknown = set(names) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    load = os.getloadavg()
    print(f"IEP Playbook benchmarks, size {args.size}, {os.cpu_count()} cores, load "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}, {time.strftime('%Y-%m-%d %H:%M %Z')}")  # fmt: skip
    results = [(name, *run(name, args.size)) for name in names]
    print("\n=== summary")
    for name, status, took, summary in results:
        state = "ok" if status == 0 else f"exit {status}" if isinstance(status, int) else status
        print(f"{name:<13} {took:6.0f} s  {state}")
        for line in summary:
            print(f"    {line}")
    return 0 if all(status == 0 for _, status, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
