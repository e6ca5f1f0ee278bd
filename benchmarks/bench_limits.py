"""Peak memory and CPU time against input size, for each reader (issue 11).

Each size of each family is one run of ``python -m yusuan check FILE`` in a child process;
its CPU time (user + system) and peak resident memory come from the kernel's accounting of
that child (``os.wait4``), so the figures hold on a loaded machine where wall time does not.
Linear behaviour shows as CPU per unit of input staying flat down each column; a reader past a
limit of docs/limits.md shows exit 2 at bounded cost.

    PYTHONPATH=src python benchmarks/bench_limits.py            # all readers, four sizes each
    PYTHONPATH=src python benchmarks/bench_limits.py --only pdf --scale 2

No timed assertion: the printed table is the result (docs/limits.md quotes one run).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the tests' support package

from support import hostile as H  # noqa: E402

Family = tuple[str, str, str, Callable[[int], bytes], tuple[int, ...]]

FAMILIES: tuple[Family, ...] = (
    ("text", "txt", "table rows", lambda n: H.text_document(rows=n), (250, 500, 1000, 2000)),
    (
        "text",
        "txt",
        "narrative chars",
        lambda n: H.text_document(narrative="项目支出" * (n // 4)),
        (100_000, 200_000, 400_000, 800_000),
    ),
    ("xlsx", "xlsx", "cells", lambda n: H.xlsx_many_cells(n), (50_000, 100_000, 200_000, 400_000)),
    ("xlsx", "xlsx", "merged ranges", lambda n: H.xlsx_merge_bomb(sheets=n, ranges=50), (5, 10, 20, 40)),
    (
        "docx",
        "docx",
        "spanned cells /1000",
        lambda n: H.docx_span_bomb(rows=n, cells=1, span="1", before="1000"),
        (100, 200, 400, 800),
    ),
    (
        "html",
        "html",
        "unclosed '<'",
        lambda n: b"<html><body>" + b"<a " * n + b"</body></html>",
        (100_000, 200_000, 400_000, 800_000),
    ),
    (
        "pdf",
        "pdf",
        "text lines",
        lambda n: H.pdf_text([f"{i} 1,234.56 7.8" for i in range(n)] if n <= 55 else [f"{i} 1,234.56" for i in range(55)]),
        (10, 20, 40, 55),
    ),
    ("pdf", "pdf", "inflated MB", lambda n: H.pdf_bomb(n * 1_000_000), (8, 16, 32, 300)),
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="one reader: text, xlsx, docx, html or pdf")
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every size")
    args = ap.parse_args()
    print(f"{'reader':6} {'input':22} {'size':>9} {'bytes':>11} {'exit':>4} {'cpu s':>7} {'peak MB':>8} {'cpu ms/unit':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for reader, ext, what, make, sizes in FAMILIES:
            if args.only and args.only != reader:
                continue
            for size in sizes:
                n = max(1, int(size * args.scale))
                data = make(n)
                p = Path(tmp) / f"in.{ext}"
                p.write_bytes(data)
                r = H.run_cli(["check", str(p)], limit_mb=4000, timeout=1800)
                print(
                    f"{reader:6} {what:22} {n:>9} {len(data):>11} {r.code:>4} {r.cpu:>7.2f} {r.rss_mb:>8.0f} {1000 * r.cpu / n:>11.4f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
