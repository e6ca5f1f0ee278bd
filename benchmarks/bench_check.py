"""How long the demo's work takes (read + audit + text report of the embedded example),
against a baseline measured in the same run: splitting the same file into tab-separated
cells with the csv module, the least any reader of this format must do.

Machines here are shared and noisy: we report medians of repeated runs and the ratio to
the baseline, never a timed assertion.
"""

from __future__ import annotations

import csv
import io
import statistics
import subprocess
import sys
import time

from yusuan import example_path, read
from yusuan.api import audit
from yusuan.report.writers import to_text

RUNS = 30


def median_seconds(fn, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def demo_work() -> None:
    r = read(example_path())
    to_text(audit(r.disclosure))


def baseline() -> None:
    text = example_path().read_text("utf-8")
    list(csv.reader(io.StringIO(text), delimiter="\t"))


def cli_seconds(args: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    demo_work()  # warm caches (profile and catalog files)
    work = median_seconds(demo_work)
    base = median_seconds(baseline)
    cli = cli_seconds([sys.executable, "-m", "yusuan.cli", "check"])
    bare = cli_seconds([sys.executable, "-c", "pass"])
    print(f"read+check+report, in process (median of {RUNS}): {work * 1000:.1f} ms")
    print(f"baseline csv split of the same file:              {base * 1000:.2f} ms  (ratio {work / base:.0f}x)")
    print(f"`yusuan check` whole command (median of 5):        {cli * 1000:.0f} ms")
    print(f"bare `python -c pass` start-up (median of 5):      {bare * 1000:.0f} ms  (command = {cli / bare:.1f}x start-up)")


if __name__ == "__main__":
    main()
