"""`yusuan batch` against `check` alone, in the same run on the same files.

N documents are made from the corpus: each corpus PDF copied with a comment appended after its
end (another content hash, the same reading work) and the text example with its figures and
unit name varied. Then, on those files:

* `check` alone: read + audit + JSON report of each PDF in this process, one after the other
  (CPU time);
* `batch` with 1 and 2 workers, each into a fresh database: wall time, the ratio of the two,
  pages per CPU second per worker (the documents' own CPU seconds, reading and audit), median
  pages per second, the peak memory of a worker, and the database size per document.

Machines here are shared and noisy: figures, never a timed assertion.

    python benchmarks/bench_batch.py [--count N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from yusuan import example_path, read
from yusuan.api import audit
from yusuan.corpus import BatchOptions, run_batch
from yusuan.report.writers import to_json

CORPUS = Path(__file__).parent.parent / "tests" / "fixtures" / "corpus"


def make_documents(folder: Path, count: int) -> list[Path]:
    """``count`` files of distinct content: corpus PDFs with a trailing comment, and the text
    example with its unit renamed and one figure changed (a finding more, the same work)."""
    pdfs = sorted(p for p in CORPUS.glob("*.pdf") if "-narrative" not in p.name and "-tables" not in p.name)
    text = example_path().read_text(encoding="utf-8")
    out: list[Path] = []
    for i in range(count):
        if i % 4 == 3:  # a quarter text documents
            varied = text.replace("办公室（本级）", f"办公室{i}号（本级）", 1)
            # one figure changed by i cents: another content, a finding or two more, the same work
            varied = re.sub(r"\b(\d{2,}\.\d{2})\b", lambda m, k=i: str(Decimal(m.group(1)) + Decimal(k) / 100), varied, count=1)
            p = folder / f"doc{i:04d}.txt"
            p.write_text(varied, encoding="utf-8")
        else:
            src = pdfs[i % len(pdfs)]
            p = folder / f"doc{i:04d}.pdf"
            p.write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
        out.append(p)
    return out


def check_alone(files: list[Path]) -> tuple[float, int]:
    """CPU seconds and pages of read + audit, one document after another, in this process."""
    import pypdfium2

    pages = sum(len(pypdfium2.PdfDocument(str(f))) for f in files)
    start = time.process_time()
    for f in files:
        to_json(audit(read(f).disclosure))  # what `check --format json` does, less the start-up
    return time.process_time() - start, pages


def batch(files: list[Path], workers: int, db: Path) -> dict[str, float]:
    import duckdb

    start = time.perf_counter()
    s = run_batch([f.parent for f in files[:1]], db, BatchOptions(workers=workers, timeout=600))
    wall = time.perf_counter() - start
    con = duckdb.connect(str(db), read_only=True)
    # the PDFs (a text document has no pages): the same documents `check alone` measures
    rows = con.execute("SELECT pages, seconds, peak_mb FROM documents WHERE status = 'ok' AND pages > 0").fetchall()
    con.close()
    cpu = sum(r[1] for r in rows)
    pages = sum(r[0] for r in rows)
    rates = [r[0] / r[1] for r in rows if r[1] and r[0]]
    return {
        "wall": wall, "documents": s.documents, "pages": pages, "cpu": cpu,
        "pages_per_cpu_s": pages / cpu if cpu else 0.0,
        "median_pages_per_s": statistics.median(rates) if rates else 0.0,
        "peak_mb": max((r[2] or 0.0) for r in rows) if rows else 0.0,
        "db_kb_per_doc": db.stat().st_size / 1024 / max(1, s.documents),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--keep", type=Path, default=None, help="keep the documents and databases here")
    args = ap.parse_args()
    root = Path(tempfile.mkdtemp(prefix="yusuan-bench-")) if args.keep is None else args.keep
    folder = root / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    files = make_documents(folder, args.count)
    pdf_files = [f for f in files if f.suffix == ".pdf"]
    cpu_check, pages_check = check_alone(pdf_files)
    results = {}
    for workers in (1, 2):
        db = root / f"w{workers}.duckdb"
        db.unlink(missing_ok=True)
        results[workers] = batch(files, workers, db)
    one, two = results[1], results[2]
    check_rate = pages_check / cpu_check if cpu_check else 0.0
    print(f"documents: {args.count} ({len(pdf_files)} PDF, {args.count - len(pdf_files)} text); {one['pages']:.0f} pages")
    print(f"check alone (PDFs, one process):     {check_rate:.1f} pages per CPU second")
    for w, r in results.items():
        print(f"batch, {w} worker{'s' if w > 1 else ' '}:                  {r['wall']:.1f} s wall, {r['pages'] / r['wall']:.1f} pages/s, "
              f"{r['pages_per_cpu_s']:.1f} pages per CPU second per worker ({r['pages_per_cpu_s'] / check_rate * 100 if check_rate else 0:.0f} % of check), "
              f"median {r['median_pages_per_s']:.1f} pages/s per document, peak {r['peak_mb']:.0f} MB per worker")
    print(f"speed-up 2 workers / 1 worker:       {one['wall'] / two['wall']:.2f}x")
    print(f"database size per document:          {two['db_kb_per_doc']:.0f} KB")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
