"""How long the demo's work takes (read + audit + text report of the embedded example),
against a baseline measured in the same run: splitting the same file into tab-separated
cells with the csv module, the least any reader of this format must do.

Machines here are shared and noisy: we report medians of repeated runs and the ratio to
the baseline, never a timed assertion.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys

from timing import median_seconds

from yusuan import example_path, read
from yusuan.api import audit
from yusuan.narrative import extract_claims
from yusuan.report.writers import to_text

RUNS = 30


def demo_work() -> None:
    extract_claims.cache_clear()  # an equal document would otherwise reuse the last run's claims
    r = read(example_path())
    to_text(audit(r.disclosure))


def baseline() -> None:
    text = example_path().read_text("utf-8")
    list(csv.reader(io.StringIO(text), delimiter="\t"))


def cli_seconds(args: list[str], runs: int = 5) -> float:
    return median_seconds(lambda: subprocess.run(args, capture_output=True, check=False), runs)


def main() -> None:
    demo_work()  # warm caches (profile and catalog files)
    work = median_seconds(demo_work, RUNS)
    base = median_seconds(baseline, RUNS)
    cli = cli_seconds([sys.executable, "-m", "yusuan.cli", "check"])
    bare = cli_seconds([sys.executable, "-c", "pass"])
    print(f"read+check+report, in process (median of {RUNS}): {work * 1000:.1f} ms")
    print(f"baseline csv split of the same file:              {base * 1000:.2f} ms  (ratio {work / base:.0f}x)")
    print(f"`yusuan check` whole command (median of 5):        {cli * 1000:.0f} ms")
    print(f"bare `python -c pass` start-up (median of 5):      {bare * 1000:.0f} ms  (command = {cli / bare:.1f}x start-up)")


if __name__ == "__main__":
    main()
