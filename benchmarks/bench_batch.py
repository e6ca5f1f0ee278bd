"""`yusuan batch` against `check` alone, in the same run on the same PDFs, and at scale.

The documents are synthetic PDFs written by ``yusuan synth -f pdf`` (so that reading a PDF is
measured), made once and cached in ``--cache`` (default ``benchmarks/.cache/synth``), several
``synth`` processes at once (``--jobs``), each with its own seed in its own sub-folder.

1. **Pages per CPU second, check alone against a batch worker** (``--repeats`` times, medians),
   on the first ``--sample`` PDFs:

   * check alone: read + audit + the JSON report of each PDF, one after the other, in this
     process (its CPU time; no interpreter start-up, and the caches warm after the first
     document: the strictest baseline);
   * batch with one worker into a fresh database: the CPU time of the worker process, from its
     start (imports included) to its end — reading, auditing, making the rows, taking the task
     and packing the result. The parent (hashing, grouping, writing DuckDB) is reported apart.

   The ratio batch / check is the figure the issue asks to be at least 90 %.
2. **Scale**: ``batch`` over all ``--count`` documents with 1 and then 2 workers: wall times and
   their ratio (at least 1.8 on an idle 2-core machine), pages per CPU second per worker, peak
   memory of a worker, database size per document, the writer's CPU and wall time per document,
   and a projection to 100,000 documents on a Dask cluster of N single-thread workers.

CPU time, not wall time, for the rates: machines here are shared and noisy. Figures, never a
timed assertion.

    python benchmarks/bench_batch.py [--count N] [--sample K] [--repeats R] [--jobs J] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from yusuan import read
from yusuan.api import audit
from yusuan.corpus import BatchOptions, run_batch
from yusuan.report.writers import to_json

CACHE = Path(__file__).parent / ".cache" / "synth"
PROJECTED = 100_000


def make_documents(cache: Path, count: int, jobs: int) -> tuple[list[Path], float]:
    """``count`` synthetic PDFs in ``cache`` (made once: kept for the next run), and the CPU seconds
    per document the making took (0 when they were all there already)."""
    per = -(-count // jobs)
    parts = [(k, min(per, count - k * per)) for k in range(jobs) if count - k * per > 0]
    procs = []
    for seed, n in parts:
        folder = cache / f"n{count}" / f"seed-{seed}"
        if len(list(folder.glob("*.pdf"))) >= n:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        cmd = [
            sys.executable,
            "-m",
            "yusuan.cli",
            "synth",
            "--count",
            str(n),
            "--seed",
            str(seed),
            "-o",
            str(folder),
            "-f",
            "pdf",
        ]
        procs.append((n, subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)))
    made = 0
    start = time.perf_counter()
    before = os.times()
    for n, p in procs:
        _, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"yusuan synth failed: {err.decode(errors='replace')}")
        made += n
    after = os.times()
    cpu = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    if made:
        print(
            f"synth: {made} PDFs in {time.perf_counter() - start:.0f} s wall with {len(procs)} processes, "
            f"{cpu / made:.2f} CPU s per document (WeasyPrint layout; start-up included)"
        )
    files = [f for seed, n in parts for f in sorted((cache / f"n{count}" / f"seed-{seed}").glob("*.pdf"))[:n]]
    return files, cpu / made if made else 0.0


def link_folder(files: list[Path], folder: Path) -> Path:
    """The files in a folder of their own (symbolic links: batch reads a folder)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for f in files:
        (folder / f"{f.parent.name}-{f.name}").symlink_to(f.resolve())
    return folder


def check_alone(files: list[Path]) -> tuple[float, int]:
    """CPU seconds and pages of read + audit + JSON report, one document after another, in this process."""
    import pypdfium2

    pages = sum(len(pypdfium2.PdfDocument(str(f))) for f in files)
    to_json(audit(read(files[0]).disclosure))  # imports done, as a batch worker has them before its first task
    start = time.process_time()
    for f in files:
        to_json(audit(read(f).disclosure))  # what `check --format json` does, less the start-up
    return time.process_time() - start, pages


def batch(folder: Path, workers: int, db: Path) -> dict[str, Any]:
    import duckdb

    db.unlink(missing_ok=True)
    start = time.perf_counter()
    s = run_batch([folder], db, BatchOptions(workers=workers, timeout=600))
    wall = time.perf_counter() - start
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT pages, seconds, peak_mb FROM documents WHERE status = 'ok'").fetchall()
    con.close()
    pages = sum(r[0] or 0 for r in rows)
    # every CPU second of the workers (start-up included) when they all ended cleanly, else their tasks'
    cpu = s.cpu.worker_cpu if s.cpu.worker_cpu >= s.cpu.task_cpu else s.cpu.task_cpu
    return {
        "wall": wall,
        "documents": s.documents,
        "ok": len(rows),
        "pages": pages,
        "worker_cpu": cpu,
        "task_cpu": s.cpu.task_cpu,
        "doc_cpu": sum(r[1] or 0.0 for r in rows),  # the documents' own `seconds` (reading and audit)
        "workers": s.cpu.workers,
        "parent_cpu": s.parent_cpu,
        "write_cpu": s.write_cpu,
        "write_wall": s.write_seconds,
        "pages_per_cpu_s": pages / cpu if cpu else 0.0,
        "peak_mb": max((r[2] or 0.0) for r in rows) if rows else 0.0,
        "db_kb_per_doc": db.stat().st_size / 1024 / max(1, s.documents),
    }


def writer_saturated(files: list[Path], root: Path, copies: int = 128) -> dict[str, float]:
    """The single writer's time per document when results arrive faster than it commits them
    (on Dask with many workers): ``copies`` results of these PDFs (read here once each), written
    through the batch's writer one commit each and then gathered (up to WRITE_LIMIT per commit)."""
    from dataclasses import replace

    from yusuan.corpus import batch as b
    from yusuan.corpus.group import Group
    from yusuan.corpus.schema import connect, create_schema
    from yusuan.corpus.work import survey_file

    infos = [i for i in (survey_file(str(f), f"{k:064x}") for k, f in enumerate(files)) if i.result is not None]
    out = {}
    for label, limit in (("one", 1), ("gathered", b.WRITE_LIMIT)):
        db = root / f"writer-{label}.duckdb"
        db.unlink(missing_ok=True)
        con = connect(db)
        create_schema(con, "bench", "bench")
        summary = b.BatchSummary()
        writer = b._Writer(con, summary, set(), set(), limit=limit)
        for k in range(copies):
            info = replace(infos[k % len(infos)], sha256=f"{k:064x}")
            result = {**(info.result or {}), "id": info.sha256}
            g = Group((info,))
            writer.file(info)
            writer.document(b._doc_row(g, None, ("ok", result)), b._file_rows(g, {}), result)
            writer.then(lambda: None)
        writer.flush()
        con.close()
        out[f"{label}_cpu"] = summary.write_cpu / copies
        out[f"{label}_wall"] = summary.write_seconds / copies
        out[f"{label}_kb"] = db.stat().st_size / 1024 / copies
    return out


def project(one: dict[str, Any], writer: dict[str, float], n_docs: int = PROJECTED) -> list[str]:
    """100,000 documents on a Dask cluster of N single-thread workers, from the 1-worker run."""
    docs = max(1, one["ok"])
    cpu = one["worker_cpu"] / docs  # a worker's CPU seconds per document
    pages = one["pages"] / docs
    # the parent alone takes every result and writes it: with many workers the results wait and
    # are committed together (the gathered writes), plus its CPU outside the writes (hashing,
    # grouping, handing out tasks)
    rest = max(0.0, one["parent_cpu"] - one["write_cpu"]) / docs
    per = max(writer["gathered_wall"], writer["gathered_cpu"]) + rest
    bound = cpu / per if per else float("inf")
    out = [
        f"projection to {n_docs:,} documents like these ({pages:.0f} pages each), on a Dask cluster of N single-thread workers:",
        f"  measured: {cpu:.3f} CPU s per document in a worker; the single writer, one commit per document "
        f"{writer['one_wall'] * 1000:.1f} ms ({writer['one_cpu'] * 1000:.1f} ms CPU), results gathered "
        f"{writer['gathered_wall'] * 1000:.1f} ms ({writer['gathered_cpu'] * 1000:.1f} ms CPU), the rest of the parent {rest * 1000:.1f} ms",
        "  assumed: the workers' cores as fast as this one and idle; Dask's own cost per task (a few ms) and the network "
        "(about 0.5 MB of PDF per task) not counted;",
        "           the machine running `yusuan batch` gathers every result and writes DuckDB alone (results committed "
        f"together when they wait), so it bounds the speed at about {bound:.0f} workers",
    ]
    writer_per = per
    for n in (1, 4, 16, 64, 256):
        hours = max(n_docs * cpu / n, n_docs * writer_per) / 3600
        limit = " (writer-bound)" if n_docs * writer_per > n_docs * cpu / n else ""
        out.append(f"  N = {n:>3}: {hours:6.2f} h{limit}")
    out.append(
        f"  database: {one['db_kb_per_doc'] * n_docs / 1024 / 1024:.1f} GB at this run's {one['db_kb_per_doc']:.0f} KB per document "
        f"({writer['gathered_kb'] * n_docs / 1024 / 1024:.1f} GB when results are committed together)"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=40, help="documents for the scale runs (1 and 2 workers)")
    ap.add_argument("--sample", type=int, default=20, help="documents for the check / batch ratio")
    ap.add_argument("--repeats", type=int, default=3, help="repeats of the ratio measurement (medians)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="synth processes at once")
    ap.add_argument("--cache", type=Path, default=CACHE, help="the synthetic PDFs, made once")
    ap.add_argument("--keep", type=Path, default=None, help="keep the databases here")
    args = ap.parse_args()
    files, _ = make_documents(args.cache, args.count, max(1, args.jobs))
    root = Path(tempfile.mkdtemp(prefix="yusuan-bench-")) if args.keep is None else args.keep
    root.mkdir(parents=True, exist_ok=True)
    print(f"load average at the start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    sample = files[: min(args.sample, len(files))]
    sample_folder = link_folder(sample, root / "sample")
    checks, batches, ratios, tasks = [], [], [], []
    for _ in range(max(1, args.repeats)):
        cpu, pages = check_alone(sample)
        checks.append(pages / cpu)
        b = batch(sample_folder, 1, root / "sample.duckdb")
        batches.append(b["pages_per_cpu_s"])
        ratios.append(b["pages_per_cpu_s"] / checks[-1])
        tasks.append(b["pages"] / b["task_cpu"] / checks[-1] if b["task_cpu"] else 0.0)
    print(f"1. the same {len(sample)} PDFs ({pages} pages), medians of {len(ratios)} repeats:")
    print(
        f"   check alone (one process):       {statistics.median(checks):.1f} pages per CPU second   {[round(x, 1) for x in checks]}"
    )
    print(
        f"   batch, the worker process:       {statistics.median(batches):.1f} pages per CPU second   {[round(x, 1) for x in batches]}"
    )
    print(f"   batch / check:                   {statistics.median(ratios) * 100:.0f} %   {[round(x * 100) for x in ratios]}")
    print(f"   the same, the tasks only:        {statistics.median(tasks) * 100:.0f} %   (without the worker's start-up)")

    folder = link_folder(files, root / "all")
    results = {w: batch(folder, w, root / f"w{w}.duckdb") for w in (1, 2)}
    one, two = results[1], results[2]
    print(f"2. all {len(files)} documents ({one['pages']} pages, {one['ok']} audited):")
    for w, r in results.items():
        print(
            f"   batch, {w} worker{'s' if w > 1 else ' '}: {r['wall']:7.1f} s wall, {r['pages'] / r['wall']:.1f} pages/s, "
            f"{r['pages_per_cpu_s']:.1f} pages per CPU second per worker, peak {r['peak_mb']:.0f} MB per worker; "
            f"parent {r['parent_cpu']:.1f} CPU s (writing {r['write_cpu']:.1f} CPU s, {r['write_wall']:.1f} s wall)"
        )
    print(f"   2 workers / 1 worker:            {one['wall'] / two['wall']:.2f}x wall")
    print(f"   batch 1 worker / check alone:    {one['pages_per_cpu_s'] / statistics.median(checks) * 100:.0f} %")
    print(f"   database size per document:      {two['db_kb_per_doc']:.0f} KB")
    writer = writer_saturated(sample, root)
    for line in project(one, writer):
        print(line)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
