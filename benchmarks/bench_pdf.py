"""PDF table reading: speed and cell accuracy of yusuan's reader against pdfplumber and camelot.

All corpus PDFs in one run (tests/fixtures/corpus/*.pdf):

- speed: pages per second over the whole corpus, median of ``--reps`` repetitions (camelot
  renders every page and is two orders of magnitude slower: ``--camelot-reps``, default 1);
- cell accuracy against the hand-made golden grids (``tests/golden/pdf/*.json`` and any
  ``--golden DIR``): for each golden table (header + rows), the best-matching extracted table
  (tables continued over pages are joined first, the same way for every extractor: a table
  at the top of the next page with the same number of columns continues the last table of
  the page before, and its rows equal to the first rows of that table, the repeated header,
  are dropped); rows are aligned in order (dynamic programming, a row pair scores the cells
  equal at the same column index) and the score is the share of golden cells reproduced
  exactly after removing all whitespace. "all" counts every golden cell, "filled" only the
  non-empty ones (an extractor that misses a table entirely scores 0 on it).

Machines here are shared and noisy: medians, and ratios measured in the same run.
Usage: python benchmarks/bench_pdf.py [--reps 3] [--camelot-reps 1] [--no-camelot] [--golden DIR ...]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from yusuan.ingest.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"

Grid = list[list[str]]
Tables = list[tuple[int, Grid]]  # (page, grid) in reading order


def ours(path: Path) -> Tables:
    layout = read_pdf(path.read_bytes(), path.name)
    out: Tables = []
    current: Grid = []
    page = 0
    for line, p in zip(layout.lines, layout.pages, strict=True):
        if "\t" in line:
            if not current:
                page = p or 0
            current.append(line.split("\t"))
        elif current:
            out.append((page, current))
            current = []
    if current:
        out.append((page, current))
    return out


def plumber(path: Path) -> Tables:
    import pdfplumber

    out: Tables = []
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages, 1):
            for t in page.extract_tables():
                out.append((i, [[c or "" for c in r] for r in t]))
    return out


def camelot_lattice(path: Path) -> Tables:
    import camelot

    out: Tables = []
    for t in camelot.read_pdf(str(path), pages="all", flavor="lattice"):
        out.append((int(t.page), [[str(c) for c in r] for r in t.df.values.tolist()]))
    return out


def norm(cell: str) -> str:
    return re.sub(r"\s+", "", cell)


def join_continued(tables: Tables) -> list[Grid]:
    joined: list[tuple[int, Grid]] = []
    for page, grid in tables:
        grid = [[norm(c) for c in r] for r in grid]
        if not grid:
            continue
        first_on_page = not joined or joined[-1][0] != page
        if first_on_page and joined and joined[-1][0] == page - 1 and len(joined[-1][1][0]) == len(grid[0]):
            head = joined[-1][1][:5]
            rows = list(grid)
            while rows and rows[0] in head:
                rows.pop(0)
            joined[-1] = (page, joined[-1][1] + rows)
        else:
            joined.append((page, grid))
    return [g for _, g in joined]


def match(golden: Grid, grid: Grid) -> int:
    """Golden cells reproduced, rows aligned in order."""
    n, m = len(golden), len(grid)

    def score(g: list[str], t: list[str]) -> int:
        return sum(1 for a, b in zip(g, t, strict=False) if a == b)

    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + score(golden[i], grid[j]))
    return best[0][0]


def match_filled(golden: Grid, grid: Grid) -> int:
    """Like :func:`match`, counting only non-empty golden cells."""
    n, m = len(golden), len(grid)

    def score(g: list[str], t: list[str]) -> int:
        return sum(1 for a, b in zip(g, t, strict=False) if a and a == b)

    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + score(golden[i], grid[j]))
    return best[0][0]


def accuracy(golden_tables: list[Grid], extracted: list[Grid]) -> tuple[int, int, int, int]:
    """(cells reproduced, golden cells, filled reproduced, filled golden) over the golden tables."""
    hit = total = fhit = ftotal = 0
    for g in golden_tables:
        total += sum(len(r) for r in g)
        ftotal += sum(1 for r in g for c in r if c)
        hit += max((match(g, t) for t in extracted), default=0)
        fhit += max((match_filled(g, t) for t in extracted), default=0)
    return hit, total, fhit, ftotal


def golden_grids(dirs: list[Path]) -> dict[str, list[Grid]]:
    out: dict[str, list[Grid]] = {}
    for d in dirs:
        for f in sorted(d.glob("*.json")):
            data = json.loads(f.read_text("utf-8"))
            tables = [[[norm(c) for c in r] for r in t.get("header", []) + t.get("rows", [])] for t in data.get("tables", [])]
            tables = [t for t in tables if t]
            if tables:
                out[Path(data.get("source", f.stem + ".pdf")).stem] = tables
    return out


def timed(fn: Callable[[Path], Tables], files: list[Path], reps: int) -> tuple[float, float, dict[str, Tables]]:
    """Median CPU seconds (this process: robust on a shared machine), median wall seconds, the result."""
    cpu, wall = [], []
    result: dict[str, Tables] = {}
    for _ in range(reps):
        c0, t0 = time.process_time(), time.perf_counter()
        result = {f.stem: fn(f) for f in files}
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - t0)
    return statistics.median(cpu), statistics.median(wall), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--camelot-reps", type=int, default=1)
    ap.add_argument("--no-camelot", action="store_true")
    ap.add_argument("--golden", type=Path, action="append", default=[])
    args = ap.parse_args()

    import pypdfium2 as pdfium

    files = sorted(CORPUS.glob("*.pdf"))
    pages = 0
    for f in files:
        doc = pdfium.PdfDocument(f)
        pages += len(doc)
        doc.close()
    golden = golden_grids([ROOT / "tests" / "golden" / "pdf", *args.golden])

    runners: list[tuple[str, Callable[[Path], Tables], int]] = [
        ("yusuan (pypdfium2)", ours, args.reps),
        ("pdfplumber extract_tables", plumber, args.reps),
    ]
    if not args.no_camelot:
        try:
            import camelot  # noqa: F401

            runners.append(("camelot lattice", camelot_lattice, args.camelot_reps))
        except ImportError as err:
            print(f"camelot not available ({err}); skipped", file=sys.stderr)

    print(
        f"{len(files)} PDFs, {pages} pages; golden tables for {len(golden)} files ({sum(len(v) for v in golden.values())} tables)"
    )
    rows = []
    for name, fn, reps in runners:
        seconds, wall, result = timed(fn, files, reps)
        hit = total = fhit = ftotal = 0
        per_file = []
        for stem, gtables in golden.items():
            if stem not in result:
                continue
            h, t, fh, ft = accuracy(gtables, join_continued(result[stem]))
            hit, total, fhit, ftotal = hit + h, total + t, fhit + fh, ftotal + ft
            per_file.append(f"{stem}: {h / t:.1%}" if t else f"{stem}: -")
        rows.append(
            (
                name,
                seconds,
                wall,
                pages / seconds,
                hit / total if total else None,
                fhit / ftotal if ftotal else None,
                reps,
                per_file,
            )
        )
    base = rows[0][3]
    print(f"{'extractor':<28}{'reps':>5}{'CPU s':>8}{'wall s':>8}{'pages/CPU s':>13}{'ours ×':>8}{'cells all':>11}{'filled':>9}")
    for name, seconds, wall, pps, acc, facc, reps, _ in rows:
        a = f"{acc:.1%}" if acc is not None else "-"
        fa = f"{facc:.1%}" if facc is not None else "-"
        print(f"{name:<28}{reps:>5}{seconds:>8.2f}{wall:>8.2f}{pps:>13.1f}{base / pps:>8.1f}{a:>11}{fa:>9}")
    for name, *_, per_file in rows:
        if per_file:
            print(f"\n{name} per file (all cells):\n  " + "\n  ".join(per_file))


if __name__ == "__main__":
    main()
