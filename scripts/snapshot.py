"""Developer tool: write what yusuan makes of every corpus document, so that a refactor can be
shown to change no result (issue 15: "pure moves change no result").

    python scripts/snapshot.py OUT_DIR [--corpus DIR ...]
    diff -r BEFORE_DIR AFTER_DIR

For each document (two-file documents together) it writes ``NAME.check.json`` (every finding,
claim and fact: ``yusuan check --format json``, both languages) and ``NAME.model.json``
(``yusuan extract``). Nothing here is used by the package or the tests.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_report import DEFAULT, documents  # noqa: E402


def run(out: Path, name: str, files: list[Path]) -> str:
    exe = [sys.executable, "-m", "yusuan.cli"]
    args = [str(f) for f in files]
    jobs = {
        f"{name}.check.json": [*exe, "check", *args, "--format", "json"],
        f"{name}.check-en.json": [*exe, "check", *args, "--format", "json", "--lang", "en"],
        f"{name}.model.json": [*exe, "extract", *args],
    }
    for target, cmd in jobs.items():
        p = subprocess.run(cmd, capture_output=True, text=True)
        body = p.stdout if p.returncode in (0, 1) else f"exit {p.returncode}\n{p.stderr}"
        (out / target).write_text(body, encoding="utf-8")
    return name


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", type=Path, action="append", default=[])
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    docs = [d for c in (a.corpus or [DEFAULT]) for d in documents(c)]
    with ThreadPoolExecutor(a.jobs) as pool:
        for name in pool.map(lambda d: run(a.out, *d), docs):
            print(name, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
