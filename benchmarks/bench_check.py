"""How long the demo's work takes (read + audit + text report of the embedded example),
against baselines measured in the same run:

* splitting the same file into tab-separated cells with the csv module, the least any
  reader of this format must do;
* with ``--against REV``: the same work done by the code of an earlier commit (``make bench``
  uses the commit before the trust work, whose figures issue 9 set as the bar). Both versions
  run in fresh interpreters, alternately, several rounds; the ratio is the median of the
  rounds' ratios, so a busy moment of the machine falls on both sides.

Machines here are shared and noisy: we report medians of repeated runs and ratios, never a
timed assertion.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from timing import median_seconds

from yusuan import example_path, read
from yusuan.api import audit
from yusuan.report.writers import to_text

RUNS = 30
ROOT = Path(__file__).resolve().parent.parent


def demo_work() -> None:
    r = read(example_path())
    to_text(audit(r.disclosure))


def baseline() -> None:
    text = example_path().read_text("utf-8")
    list(csv.reader(io.StringIO(text), delimiter="\t"))


def cli_seconds(args: list[str], runs: int = 5) -> float:
    return median_seconds(lambda: subprocess.run(args, capture_output=True, check=False), runs)


# the demo's work in a fresh interpreter on the code under ``src`` (argv[1]): median seconds of argv[2] runs.
# Older versions kept the claims in a module cache: it is cleared so that every run reads them.
_WORKER = """
import sys, time, statistics
sys.path.insert(0, sys.argv[1])
from yusuan import example_path, read
from yusuan.api import audit
from yusuan.narrative import extract_claims
from yusuan.report.writers import to_text
def work():
    getattr(extract_claims, "cache_clear", lambda: None)()
    to_text(audit(read(example_path()).disclosure))
work()
times = []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    work()
    times.append(time.perf_counter() - t0)
print(statistics.median(times))
"""


def _worker(src: Path, runs: int) -> float:
    out = subprocess.run([sys.executable, "-c", _WORKER, str(src), str(runs)], capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def _export(rev: str, into: Path) -> Path:
    """The ``src`` tree of commit ``rev`` under ``into`` (git archive: no checkout, no worktree)."""
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as t:
        t.extractall(into, filter="data")
    return into / "src"


def against(rev: str, rounds: int, runs: int) -> dict[str, float]:
    """This code and commit ``rev``'s, alternately in fresh interpreters: medians and the ratio."""
    with tempfile.TemporaryDirectory(prefix="yusuan-bench-") as tmp:
        old = _export(rev, Path(tmp))
        now, then, ratios = [], [], []
        for i in range(rounds):
            if i % 2 == 0:  # each side goes first in every other round
                a, b = _worker(ROOT / "src", runs), _worker(old, runs)
            else:
                b = _worker(old, runs)
                a = _worker(ROOT / "src", runs)
            now.append(a)
            then.append(b)
            ratios.append(a / b)
    return {"now": statistics.median(now), "then": statistics.median(then), "ratio": statistics.median(ratios)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", metavar="REV", help="also time the code of commit REV, alternately with this code")
    ap.add_argument("--rounds", type=int, default=7, help="alternating rounds for --against (default 7)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()

    demo_work()  # warm caches (profile and catalog files)
    work = median_seconds(demo_work, RUNS)
    base = median_seconds(baseline, RUNS)
    cli = cli_seconds([sys.executable, "-m", "yusuan.cli", "check"])
    bare = cli_seconds([sys.executable, "-c", "pass"])
    figures = {"work_ms": work * 1000, "csv_ms": base * 1000, "cli_ms": cli * 1000, "bare_ms": bare * 1000}
    print(f"read+check+report, in process (median of {RUNS}): {work * 1000:.1f} ms")
    print(f"baseline csv split of the same file:              {base * 1000:.2f} ms  (ratio {work / base:.0f}x)")
    print(f"`yusuan check` whole command (median of 5):        {cli * 1000:.0f} ms")
    print(f"bare `python -c pass` start-up (median of 5):      {bare * 1000:.0f} ms  (command = {cli / bare:.1f}x start-up)")
    if args.against:
        try:
            r = against(args.against, args.rounds, RUNS // 2)
        except (OSError, subprocess.CalledProcessError) as exc:
            print(f"--against {args.against}: not measured ({exc})")
        else:
            figures.update({"against": args.against, "now_ms": r["now"] * 1000, "then_ms": r["then"] * 1000, "ratio": r["ratio"]})
            print(
                f"against {args.against} ({args.rounds} alternating rounds, fresh interpreters): "
                f"{r['now'] * 1000:.1f} ms vs {r['then'] * 1000:.1f} ms, ratio {r['ratio']:.2f} "
                f"({(r['ratio'] - 1) * 100:+.0f}%)"
            )
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
