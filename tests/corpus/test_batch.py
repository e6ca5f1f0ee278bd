"""yusuan batch: a folder of documents and bad files → one DuckDB database; every input has its
row, pairs and last years are found by content, a second run does no work, a SIGKILL halfway
then a re-run gives the same database as an uninterrupted run, Dask gives the same rows."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support import CORPUS, SRC
from support.pdfs import image_only_pdf

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from typer.testing import CliRunner  # noqa: E402

from yusuan import compute_facts, read, read_files  # noqa: E402
from yusuan.api import audit  # noqa: E402
from yusuan.cli import app  # noqa: E402
from yusuan.corpus import BatchOptions, run_batch  # noqa: E402
from yusuan.corpus.group import group_files, same_unit  # noqa: E402
from yusuan.corpus.runner import run_local  # noqa: E402
from yusuan.corpus.work import FileInfo  # noqa: E402
from yusuan.report.baseline import fingerprint  # noqa: E402

DOCS = [
    "henan-jiyuan-govoffice-2024-unit-budget.txt",
    "jiangsu-cpc-office-2017-dept-budget-narrative.pdf",
    "jiangsu-cpc-office-2017-dept-budget-tables.pdf",
    "jiangsu-procuratorate-2017-dept-budget.pdf",
    "jiangsu-procuratorate-2018-dept-budget.pdf",
]


def _folder(root: Path) -> Path:
    """The documents under names that say nothing (the batch must not need the names), and bad files."""
    folder = root / "in"
    (folder / "sub").mkdir(parents=True)
    for i, name in enumerate(DOCS):
        shutil.copy(CORPUS / name, (folder if i % 2 else folder / "sub") / f"doc{i}{Path(name).suffix}")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "junk.pdf").write_bytes(bytes(range(256)) * 40)
    pdf = (CORPUS / DOCS[3]).read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    (folder / "scan.pdf").write_bytes(image_only_pdf())
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))  # a format not read yet
    (folder / "notes.txt").write_text("这只是一份会议记录，没有任何表格。\n", encoding="utf-8")
    (folder / "sub" / "zcopy.txt").write_bytes((CORPUS / DOCS[0]).read_bytes())  # the same content twice
    (folder / "ignored.md").write_text("not an input", encoding="utf-8")
    return folder


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without the timings (which differ run to run)."""
    con = duckdb.connect(str(db), read_only=True)
    out = {}
    for t in ("schema_version", "files", "documents", "document_files", "facts", "cells", "findings", "claims"):
        cols = [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall() if r[0] not in ("seconds", "peak_mb")]
        out[t] = sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr)
    con.close()
    return out


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, object]]:
    root = tmp_path_factory.mktemp("batch")
    folder = _folder(root)
    db = root / "clean.duckdb"
    summary = run_batch([folder], db, BatchOptions(workers=2, timeout=120))
    return folder, db, summary.as_dict()


def _docs(db: Path) -> dict[str, tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT files, status, error_type, unit_name, year, kind, scope, previous_files, errors FROM documents"
    ).fetchall()
    con.close()
    return {r[0]: r[1:] for r in rows}


def test_every_input_has_its_row(clean: tuple[Path, Path, dict[str, object]]) -> None:
    folder, db, summary = clean
    docs = _docs(db)
    named = {Path(f).name: v for files, v in docs.items() for f in files.split(" + ")}
    # 12 files read (ignored.md is not an input), zcopy.txt is doc0.txt: 11 contents; the pair is one document
    assert summary["inputs"] == 12
    assert len(docs) == 10
    assert named["scan.pdf"][:2] == ("refused", "PdfNoText")
    assert named["old.doc"][:2] == ("refused", "UnsupportedFormat")
    assert named["doc0.txt"][0] == "ok"
    assert named["empty.pdf"][:2] == ("refused", "EmptyInput")
    assert named["junk.pdf"][0] == "refused"
    assert named["truncated.pdf"][0] in ("refused", "failed")
    assert named["notes.txt"][:2] == ("refused", "NotADisclosure")
    con = duckdb.connect(str(db), read_only=True)
    roles = dict(con.execute("SELECT path, role FROM document_files").fetchall())
    con.close()
    assert {Path(p).name: r for p, r in roles.items()}["zcopy.txt"] == "duplicate"


def test_pair_and_previous_found_by_content(clean: tuple[Path, Path, dict[str, object]]) -> None:
    folder, db, _ = clean
    docs = _docs(db)
    pair = next(k for k in docs if " + " in k)
    assert [Path(p).name for p in pair.split(" + ")] == ["doc1.pdf", "doc2.pdf"]  # narrative first, then tables
    proc2018 = next(v for k, v in docs.items() if k.endswith("doc4.pdf"))
    assert proc2018[3] == 2018 and proc2018[6] is not None and proc2018[6].endswith("doc3.pdf")
    # the same findings as `check narrative tables` and `check --previous`
    con = duckdb.connect(str(db), read_only=True)
    got = sorted(
        con.execute(
            "SELECT f.rule, f.severity, f.fingerprint FROM findings f JOIN documents d ON d.id = f.document_id WHERE d.files = ?",
            [pair],
        ).fetchall()
    )
    got18 = sorted(
        con.execute(
            "SELECT f.rule, f.severity, f.fingerprint FROM findings f JOIN documents d ON d.id = f.document_id "
            "WHERE d.files LIKE '%doc4.pdf'"
        ).fetchall()
    )
    con.close()
    reading = read_files([folder / "doc1.pdf", folder / "sub" / "doc2.pdf"], allow_partial=True)
    want = sorted((f.rule, f.severity, fingerprint(f)) for f in audit(reading.disclosure).findings)
    assert got == want
    prev = read(folder / "doc3.pdf").disclosure
    want18 = sorted(
        (f.rule, f.severity, fingerprint(f)) for f in audit(read(folder / "sub" / "doc4.pdf").disclosure, previous=prev).findings
    )
    assert got18 == want18


def test_facts_and_cells_exact(clean: tuple[Path, Path, dict[str, object]]) -> None:
    folder, db, _ = clean
    d = read(folder / "sub" / "doc0.txt").disclosure
    con = duckdb.connect(str(db), read_only=True)
    facts = dict(
        con.execute(
            "SELECT f.name, f.value_text FROM facts f JOIN documents d ON d.id = f.document_id WHERE d.files LIKE '%doc0.txt'"
        ).fetchall()
    )
    typed = con.execute("SELECT typeof(value) FROM facts LIMIT 1").fetchone()
    cells = con.execute(
        "SELECT count(*), count(value) FROM cells c JOIN documents d ON d.id = c.document_id WHERE d.files LIKE '%doc0.txt'"
    ).fetchone()
    con.close()
    assert facts == {k: f.value for k, f in compute_facts(d).items()}
    assert typed is not None and typed[0] == "DECIMAL(38,6)"
    assert cells is not None and cells[0] == sum(len(r.cells) for t in d.tables for r in t.rows)
    assert cells[1] == sum(1 for t in d.tables for r in t.rows for c in r.cells if c.amount is not None)


def test_second_run_does_no_work(clean: tuple[Path, Path, dict[str, object]], tmp_path: Path) -> None:
    folder, db, _ = clean
    copy = tmp_path / "again.duckdb"
    shutil.copy(db, copy)
    before = _tables(copy)
    summary = run_batch([folder], copy, BatchOptions(workers=2)).as_dict()
    assert summary["audited"] == 0 and summary["skipped"] == summary["documents"] == 10
    assert _tables(copy) == before


_KILL_SCRIPT = """
import sys, time
import yusuan.corpus.batch as batch
from yusuan.corpus import BatchOptions, run_batch
# one document per commit, committed as soon as it comes: the kill after the first commit falls
# halfway through the phase (with the default window, a short phase is committed at its end)
batch.WRITE_LIMIT, batch.WRITE_WINDOW = 1, 0.0
def progress(phase, done, total, pages):
    if phase == sys.argv[3] and pages:
        print("committed", done, flush=True)
        time.sleep(60)  # killed here, after a document was committed
run_batch([sys.argv[1]], sys.argv[2], BatchOptions(workers=1, timeout=120), progress=progress)
"""


@pytest.mark.parametrize(("phase", "sig"), [("read", signal.SIGKILL), ("audit", signal.SIGKILL), ("audit", signal.SIGINT)])
def test_sigkill_then_rerun_gives_the_same_database(
    clean: tuple[Path, Path, dict[str, object]], tmp_path: Path, phase: str, sig: signal.Signals
) -> None:
    """Killed while reading (a whole document is audited as soon as it is read) or while auditing
    the documents that needed their partner or last year, or interrupted (Ctrl-C): the re-run
    completes the same database."""
    folder, db, _ = clean
    killed = tmp_path / "killed.duckdb"
    # untraced: a child killed on purpose leaves no coverage data, and tracing it only slows its exit
    env = {k: v for k, v in os.environ.items() if k not in ("COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START")}
    env["PYTHONPATH"] = str(SRC)
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, str(folder), str(killed), phase],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 90
        line = ""
        while time.monotonic() < deadline and not line.startswith("committed"):
            line = proc.stdout.readline()
            if not line and proc.poll() is not None:
                break
        assert line.startswith("committed"), line
        os.killpg(proc.pid, sig)
        proc.wait(180)  # generous: a loaded CI machine with coverage on was seen to need more than 60 s
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()  # an open pipe is a ResourceWarning, an error under filterwarnings
    partial = _tables(killed)
    full = _tables(db)
    assert partial["documents"]  # something was committed before the kill
    assert partial != full  # halfway: some documents committed, not all
    summary = run_batch([folder], killed, BatchOptions(workers=2, timeout=120)).as_dict()
    assert summary["audited"] > 0
    assert _tables(killed) == full


def test_dask_gives_the_same_rows(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / DOCS[0], folder / "a.txt")
    (folder / "empty.pdf").write_bytes(b"")
    local, remote = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    run_batch([folder], local, BatchOptions(workers=1))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            summary = run_batch([folder], remote, BatchOptions(dask=client, timeout=120)).as_dict()
        # the command line, given the scheduler's address
        by_address = tmp_path / "address.duckdb"
        r = CliRunner().invoke(app, ["batch", str(folder), "-o", str(by_address), "--dask", cluster.scheduler_address, "--quiet"])
        assert r.exit_code == 0, r.output
    assert summary["status"] == {"ok": 1, "refused": 1}
    assert _tables(remote) == _tables(local) == _tables(by_address)


def test_runner_kills_a_hang_bounds_memory_and_survives_a_crash() -> None:
    assert list(run_local(time.sleep, [30], 1, 1.0, 0)) == [(0, ("timeout", None))]
    [(_, (status, (etype, _msg)))] = list(run_local(bytearray, [3 * 1024**3], 1, 30, 512))
    assert (status, etype) == ("failed", "MemoryError")
    [(_, (status, (etype, msg)))] = list(run_local(os._exit, [7], 1, 30, 0))
    assert (status, etype) == ("failed", "WorkerDied") and "exit code 7" in msg
    assert sorted(run_local(abs, [-1, -2, -3], 2, 30, 0)) == [(0, ("ok", 1)), (1, ("ok", 2)), (2, ("ok", 3))]


def _info(sha: str, part: str, name: str, year: int = 2017, figures: tuple[str, ...] = ()) -> FileInfo:
    return FileInfo(
        f"{sha}.pdf",
        sha,
        1,
        "ok",
        unit_name=name,
        year=year,
        kind="budget",
        scope="department",
        profile="jiangsu-dept-budget",
        part=part,
        figures=figures,
    )


def test_grouping_by_content_not_names() -> None:
    assert same_unit("江苏省委办公厅", "中国共产党江苏省委员会办公厅")
    assert not same_unit("江苏省委办公厅", "江苏省政协办公厅")
    n1 = _info("n1", "narrative", "江苏省委办公厅", figures=("100", "25.5"))
    n2 = _info("n2", "narrative", "江苏省政协办公厅", figures=("300",))
    t1 = _info("t1", "tables", "中国共产党江苏省委员会办公厅", figures=("100",))
    t2 = _info("t2", "tables", "江苏省政协办公厅", figures=("300",))
    t3 = _info("t3", "tables", "江苏省政协办公厅", year=2018, figures=("300",))  # another year: never paired
    groups = {tuple(f.sha256 for f in g.files) for g in group_files([t2, n1, t3, t1, n2])}
    assert groups == {("n1", "t1"), ("n2", "t2"), ("t3",)}
    # two tables files fit one narrative equally: not guessed
    twin = _info("t4", "tables", "中国共产党江苏省委员会办公厅", figures=("100",))
    groups = {tuple(f.sha256 for f in g.files) for g in group_files([n1, t1, twin])}
    assert groups == {("n1",), ("t1",), ("t4",)}
    # a complete document (notes read as 情况说明) joins a narrative only on names and two figures
    whole = _info("w1", "whole", "中国共产党江苏省委员会办公厅", figures=("100",))
    assert {tuple(f.sha256 for f in g.files) for g in group_files([n1, whole])} == {("n1",), ("w1",)}


def test_query_is_read_only_and_export(clean: tuple[Path, Path, dict[str, object]], tmp_path: Path) -> None:
    _, db, _ = clean
    runner = CliRunner()
    r = runner.invoke(
        app, ["query", str(db), "SELECT status, count(*) AS n FROM documents GROUP BY status ORDER BY status", "-f", "json"]
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout) == [{"status": "ok", "n": 4}, {"status": "refused", "n": 6}]
    r = runner.invoke(app, ["query", str(db), "DELETE FROM documents"])
    assert r.exit_code == 2
    r = runner.invoke(
        app,
        [
            "query",
            str(db),
            "SELECT name, value FROM facts WHERE name = 'revenue_total' AND value IS NOT NULL ORDER BY value LIMIT 1",
            "-f",
            "csv",
        ],
    )
    assert (
        r.exit_code == 0
        and r.stdout.splitlines()[0] == "name,value"
        and re.fullmatch(r"revenue_total,\d+(\.\d+)?", r.stdout.splitlines()[1])
    )
    for fmt in ("parquet", "csv", "xlsx", "fdp"):
        out = tmp_path / fmt
        r = runner.invoke(app, ["export", str(db), "-o", str(out), "-f", fmt])
        assert r.exit_code == 0, r.output
    assert (tmp_path / "parquet" / "cells.parquet").stat().st_size > 0
    pkg = json.loads((tmp_path / "fdp" / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["profile"] == "fiscal-data-package"
    dims = pkg["model"]["dimensions"]
    assert {"administrative-classification", "functional-classification", "economic-classification", "phase"} <= set(dims)
    lines = (tmp_path / "fdp" / "budget-lines.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100 and "预算" in lines[1]


def test_summary_html_and_xlsx(clean: tuple[Path, Path, dict[str, object]], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from yusuan.corpus.summary import coverage, gather, summary_html

    _, db, _ = clean
    hostile = tmp_path / "hostile.duckdb"
    shutil.copy(db, hostile)
    con = duckdb.connect(str(hostile))
    con.execute("UPDATE documents SET unit_name = '<script>alert(1)</script>江苏省人民检察院' WHERE year = 2018")
    con.close()
    units = tmp_path / "units.csv"
    units.write_text("unit_name\n某某区不存在局\n", encoding="utf-8")
    page = summary_html(hostile, units)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg") == 2 and "固定样本" in page
    assert "PdfNoText" in page and "scan.pdf" in page  # what could not be audited, and why
    data = gather(db, units)
    cov = {row[0]: row[1:] for row in coverage(data)}
    assert cov["某某区不存在局"] == ["缺失"] * len(cov["某某区不存在局"])  # expected and never published
    proc = cov["江苏省人民检察院（部门）"]
    assert proc[:4] == ["已公开", "—", "已公开", "—"]  # 2017 and 2018 budgets; no 决算 in the corpus
    assert next(r for r in data.unit_totals if r[0] == "江苏省人民检察院（部门）")[1] == 2  # both years, one unit
    # the panel: the procuratorate in both years, its revenue 17,996.68 → 21,955.35
    rev = next(r for r in data.panel if r[3] == "收入总计")
    assert rev[1] == 2018 and rev[2] == 1 and str(rev[4]) == "17996.680000" and str(rev[5]) == "21955.350000"
    runner = CliRunner()
    out = tmp_path / "summary.xlsx"
    r = runner.invoke(app, ["summary", str(db), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "公开情况" in load_workbook(out).sheetnames
    r = runner.invoke(app, ["summary", str(db), "-o", str(out)])
    assert r.exit_code == 2  # never over an existing file without --overwrite


def test_cli_batch_json_and_a_database_in_use(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / DOCS[0], folder / "a.txt")
    db = tmp_path / "c.duckdb"
    runner = CliRunner()
    r = runner.invoke(app, ["batch", str(folder), "-o", str(db), "--format", "json", "--quiet", "-j", "1"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["documents"] == 1 and out["status"] == {"ok": 1} and out["audited"] == 1
    con = duckdb.connect(str(db))
    con.execute("UPDATE schema_version SET schema_version = 99")
    con.close()
    r = runner.invoke(app, ["batch", str(folder), "-o", str(db), "--quiet"])
    assert r.exit_code == 2 and "schema" in r.stderr


def test_new_ruleset_reaudits_from_stored_layouts(
    clean: tuple[Path, Path, dict[str, object]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yusuan.corpus.batch as batch_module

    folder, db, _ = clean
    copy = tmp_path / "next.duckdb"
    shutil.copy(db, copy)
    monkeypatch.setattr(batch_module, "RULESET_VERSION", "next")
    phases: list[str] = []
    summary = run_batch([folder], copy, BatchOptions(workers=2), progress=lambda phase, *_: phases.append(phase)).as_dict()
    assert "read" not in phases  # no file read again: the layouts are in the database
    assert summary["audited"] == 4 and summary["status"] == {"ok": 4, "refused": 6}
    before, after = _tables(db), _tables(copy)
    assert {r[-1] for r in after["documents"]} == {"next"}  # one row per document, of the new rule set
    assert after["findings"] == before["findings"] and after["cells"] == before["cells"]


def test_failed_and_timed_out_are_kept_until_retry(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / DOCS[0], folder / "a.txt")
    db = tmp_path / "c.duckdb"
    assert run_batch([folder], db, BatchOptions(workers=1, timeout=0.001)).as_dict()["status"] == {"timeout": 1}
    again = run_batch([folder], db, BatchOptions(workers=1, timeout=120)).as_dict()
    assert again["status"] == {"timeout": 1} and again["audited"] == 0  # the same key: not run again by itself
    retried = run_batch([folder], db, BatchOptions(workers=1, timeout=120, retry=True)).as_dict()
    assert retried["status"] == {"ok": 1} and retried["audited"] == 1


def test_a_document_grouped_otherwise_now_replaces_the_old(tmp_path: Path) -> None:
    """The narrative alone first (its tables reported missing), then with its tables: one pair, no stale single."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(CORPUS / DOCS[1], folder / "n.pdf")
    db = tmp_path / "c.duckdb"
    run_batch([folder], db, BatchOptions(workers=1))
    assert [Path(f).name for f in _docs(db)] == ["n.pdf"]
    shutil.copy(CORPUS / DOCS[2], folder / "t.pdf")
    run_batch([folder], db, BatchOptions(workers=1))
    assert [[Path(p).name for p in f.split(" + ")] for f in _docs(db)] == [["n.pdf", "t.pdf"]]
    (folder / "t.pdf").unlink()  # the tables gone: the narrative is a document of its own again
    run_batch([folder], db, BatchOptions(workers=1))
    assert [Path(f).name for f in _docs(db)] == ["n.pdf"]
