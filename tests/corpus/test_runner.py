"""The batch's local runner keeps its workers warm (a worker runs task after task) without
losing what one task per process gave: a crash, a hang or a MemoryError ends that worker only,
the next task runs in a fresh one, and the stored rows are the same as with a fresh worker for
every task."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from support import CORPUS, tasks

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from yusuan.corpus import BatchOptions, run_batch, runner  # noqa: E402
from yusuan.corpus.runner import RunStats, run_local  # noqa: E402


def test_a_worker_runs_task_after_task_and_is_replaced_after_max_tasks() -> None:
    stats = RunStats()
    pids = dict(run_local(tasks.pid, list(range(5)), 1, 30, 0, stats))
    assert len({v for _, v in pids.values()}) == 1 and stats.workers == 1  # one warm worker for all five
    assert stats.tasks == 5 and stats.task_cpu >= 0 and stats.worker_cpu >= stats.task_cpu
    stats = RunStats()
    pids = dict(run_local(tasks.pid, list(range(5)), 1, 30, 0, stats, max_tasks=2))
    assert len({v for _, v in pids.values()}) == 3 and stats.workers == 3  # 2 + 2 + 1


def test_a_crash_a_fault_a_hang_and_memory_end_one_task_only() -> None:
    out = dict(run_local(tasks.fail_on_two, [1, 2, 3, 4, 5], 1, 30, 0))
    assert out[0] == ("ok", 10) and out[2] == ("ok", 30) and out[4] == ("ok", 50)
    assert out[1][0] == "failed" and out[1][1][0] == "WorkerDied" and "exit code 3" in out[1][1][1]
    assert out[3] == ("failed", ("ValueError", "four"))  # an exception: recorded, the worker goes on
    out = dict(run_local(time.sleep, [30, 0], 1, 1.0, 0))
    assert out == {0: ("timeout", None), 1: ("ok", None)}  # the hung worker killed, the next task in a fresh one
    out = dict(run_local(bytearray, [3 * 1024**3, 10], 1, 30, 512))
    assert out[0][0] == "failed" and out[0][1][0] == "MemoryError" and out[1] == ("ok", bytearray(10))


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for t in ("files", "documents", "document_files", "facts", "cells", "findings", "claims"):
        cols = [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall() if r[0] not in ("seconds", "peak_mb")]
        out[t] = con.execute(f"SELECT {', '.join(cols)} FROM {t} ORDER BY ALL").fetchall()
    con.close()
    return out


def test_warm_workers_store_what_fresh_workers_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two years of one unit (last year found, audited again with it) and a text document: the
    rows are the same whether each task has a fresh worker or one worker runs them all."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "jiangsu-procuratorate-2017-dept-budget.pdf",
        "jiangsu-procuratorate-2018-dept-budget.pdf",
        "henan-jiyuan-govoffice-2024-unit-budget.txt",
    ):
        shutil.copy(CORPUS / name, folder / name)
    warm = run_batch([folder], tmp_path / "warm.duckdb", BatchOptions(workers=1, timeout=300))
    assert warm.cpu.workers == 2  # one per phase (reading, then the document that found its last year)
    assert warm.cpu.tasks == 4 and warm.cpu.task_cpu > 0 and warm.as_dict()["cpu_seconds"]["tasks"] > 0
    monkeypatch.setattr(runner, "MAX_TASKS", 1)
    fresh = run_batch([folder], tmp_path / "fresh.duckdb", BatchOptions(workers=1, timeout=300))
    assert fresh.cpu.workers == 4
    assert _tables(tmp_path / "warm.duckdb") == _tables(tmp_path / "fresh.duckdb")
    con = duckdb.connect(str(tmp_path / "warm.duckdb"), read_only=True)
    peaks = [r[0] for r in con.execute("SELECT peak_mb FROM documents").fetchall()]
    previous = con.execute("SELECT count(*) FROM documents WHERE previous_id IS NOT NULL").fetchone()
    con.close()
    assert all(p is not None and p > 0 for p in peaks) and previous == (1,)


def test_bulk_inserts_typed_as_the_table_and_the_same_rows_as_guessed(tmp_path: Path) -> None:
    """Every column has its Arrow type (pyarrow never guesses: guessing tries two imports per
    column); a value that does not fit the type is left to pyarrow's guess and DuckDB's cast, and
    the stored rows are those the untyped insert stored."""
    from decimal import Decimal

    import pyarrow as pa

    from yusuan.corpus.batch import _insert
    from yusuan.corpus.schema import TABLES, arrow_types, connect, create_schema

    for table, cols in TABLES.items():
        assert len(arrow_types(table)) == len(cols.strip().splitlines()), table
    cols = tuple(line.split()[0] for line in TABLES["findings"].strip().splitlines())
    base = dict.fromkeys(cols)
    rows = [
        tuple(
            {
                **base,
                "document_id": "d1",
                "seq": 1,
                "rule": "R1",
                "severity": "error",
                "possible_rounding": True,
                "table_no": 3,
                "page": 2,
                "line": 40,
                "expected": "1.50",
                "actual": Decimal("2.25"),
                "message_zh": "错",
                "message_en": "wrong",
                "fingerprint": "fp1",
            }.values()
        ),
        tuple(
            {
                **base,
                "document_id": "d1",
                "seq": 2,
                "rule": "R2",
                "severity": "info",
                "possible_rounding": False,
                "undetermined": True,
                "table_type": "t",
                "row_label": "行",
                "file": "f.pdf",
                "file_line": 7,
                "section": "节",
                "difference": "0.75",
                "message_zh": "信",
                "message_en": "info",
                "fingerprint": "fp2",
            }.values()
        ),
    ]
    typed, guessed = connect(tmp_path / "typed.duckdb"), connect(tmp_path / "guessed.duckdb")
    for con in (typed, guessed):
        create_schema(con, "v", "r")
    _insert(typed, "findings", cols, rows)
    arrow = pa.table({c: pa.array([r[i] for r in rows]) for i, c in enumerate(cols)})  # noqa: F841 - DuckDB reads it
    guessed.execute(f"INSERT INTO findings ({', '.join(cols)}) SELECT {', '.join(cols)} FROM arrow")
    query = "SELECT * FROM findings ORDER BY seq"
    assert typed.execute(query).fetchall() == guessed.execute(query).fetchall()
    assert typed.execute("SELECT actual FROM findings WHERE seq = 1").fetchone() == ("2.25",)  # a Decimal in a VARCHAR column


def test_results_committed_together_store_what_one_commit_each_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer commits together the results gathered while the workers were busy: forced here
    (never flushed while waiting: each phase is one transaction) and forbidden (one commit per
    result), the rows are the same."""
    import yusuan.corpus.batch as batch_module

    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "jiangsu-cpc-office-2017-dept-budget-narrative.pdf",
        "jiangsu-cpc-office-2017-dept-budget-tables.pdf",
        "henan-jiyuan-govoffice-2024-unit-budget.txt",
    ):
        shutil.copy(CORPUS / name, folder / name)
    (folder / "empty.pdf").write_bytes(b"")
    real_run = batch_module._run
    monkeypatch.setattr(
        batch_module, "_run", lambda fn, tasks, options, stats, idle: real_run(fn, tasks, options, stats, lambda: None)
    )
    together = run_batch([folder], tmp_path / "together.duckdb", BatchOptions(workers=2, timeout=300))
    monkeypatch.setattr(batch_module, "_run", real_run)
    monkeypatch.setattr(batch_module, "WRITE_LIMIT", 1)
    one_each = run_batch([folder], tmp_path / "each.duckdb", BatchOptions(workers=2, timeout=300))
    assert together.as_dict()["status"] == one_each.as_dict()["status"] == {"ok": 2, "refused": 1}
    assert _tables(tmp_path / "together.duckdb") == _tables(tmp_path / "each.duckdb")
    again = run_batch([folder], tmp_path / "together.duckdb", BatchOptions(workers=2, timeout=300))  # resumed: nothing to do
    assert again.audited == 0 and _tables(tmp_path / "together.duckdb") == _tables(tmp_path / "each.duckdb")


def test_idle_is_called_again_when_its_wait_is_over() -> None:
    """The writer asks to be called back after its window: the runner does so while a slow task
    keeps it waiting, and a result still ends the wait at once."""
    calls: list[float] = []

    def idle() -> float | None:
        calls.append(time.monotonic())
        return 0.05

    out = list(run_local(tasks.nap, [0.6], 1, 30, 0, idle=idle))
    assert out == [(0, ("ok", 0.6))]
    assert len(calls) >= 5  # about every 0.05 s during the 0.6 s nap (and the worker's start)


def test_writer_commits_on_its_window() -> None:
    """Results gathered within the window wait; the first idle call after it commits them."""
    from yusuan.corpus.batch import BatchSummary, _Writer

    ran: list[int] = []
    writer = _Writer(None, BatchSummary(), set(), set(), window=60.0)
    assert writer.idle() is None  # nothing gathered: nothing to wait for
    writer.then(lambda: ran.append(1))
    due = writer.idle()
    assert due is not None and 59 < due <= 60 and ran == []
    writer.last -= 61  # the window is over
    assert writer.idle() is None and ran == [1]
