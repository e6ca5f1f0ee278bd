"""``yusuan batch``: a corpus of files → one DuckDB database.

1. Walk the inputs; hash every file (the content is the key, not the name).
2. Survey the files not yet in the database: what each is (unit, year, kind, scope, template,
   which part it holds). A file that cannot be read is recorded with its reason; it never stops
   the batch.
3. Group the files that make one document and find each document's last year (see
   :mod:`.group`), by content.
4. Audit every document not yet done for this yusuan version, rule set and previous-year document,
   in child processes (or on Dask), and write each in one transaction.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, overload

from .. import __version__
from ..checks import RULESET_VERSION
from ..ingest.layout import Layout
from .group import Group, find_previous, group_files
from .runner import Outcome, RunStats, run_dask, run_local
from .schema import DOCUMENT_TABLES, arrow_types, connect, create_schema
from .work import SUPPORTED_SUFFIXES, AuditTask, FileInfo, audit_document, layout_blob, layout_from_blob, sha256_file, survey_file

__all__ = ["BatchOptions", "BatchSummary", "discover", "run_batch"]

Progress = Callable[[str, int, int, int], None]  # phase, done, total, pages so far


@dataclass(frozen=True, slots=True)
class BatchOptions:
    workers: int = 0  # 0: one per core
    dask: Any = None  # a scheduler address or a distributed.Client
    timeout: float = 300.0  # seconds per file read and per document audit
    memory_mb: int = 2048  # address space per child process
    retry: bool = False  # run again the documents that failed or timed out (refused ones are the input's)


@dataclass(slots=True)
class BatchSummary:
    inputs: int = 0
    documents: int = 0
    audited: int = 0
    skipped: int = 0
    status: dict[str, int] = field(default_factory=dict)
    pages: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    #: CPU seconds of the workers (reading and auditing), per task and whole workers (start-up
    #: included; local workers only), and of this process writing the database
    cpu: RunStats = field(default_factory=RunStats)
    write_cpu: float = 0.0
    write_seconds: float = 0.0  # wall time of the writes
    parent_cpu: float = 0.0  # this process: hashing, grouping, handing out tasks, writing

    def as_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "documents": self.documents,
            "audited": self.audited,
            "skipped": self.skipped,
            "status": dict(sorted(self.status.items())),
            "pages": self.pages,
            "pages_per_second": round(self.pages / self.seconds, 2) if self.seconds and self.pages else None,
            "errors": self.errors,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "cpu_seconds": {
                "tasks": round(self.cpu.task_cpu, 3),
                "workers": round(self.cpu.worker_cpu, 3),
                "writing": round(self.write_cpu, 3),
                "parent": round(self.parent_cpu, 3),
            },
        }


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Every file named, and every supported file under every folder named, sorted, once."""
    out: dict[str, Path] = {}
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in sorted(names):
                    f = Path(root) / n
                    if f.suffix.lower() in SUPPORTED_SUFFIXES and not n.startswith("."):
                        out.setdefault(str(f), f)
        else:
            out.setdefault(str(p), p)
    return sorted(out.values(), key=str)


def _hash(path: Path) -> tuple[str, str]:
    """The content hash, or a hash of the path and the reason when the file cannot be read."""
    try:
        return sha256_file(path), ""
    except OSError as exc:
        return "unreadable-" + hashlib.sha256(str(path).encode()).hexdigest()[:40], f"{type(exc).__name__}: {exc.strerror or exc}"


_FILE_COLS = (
    "sha256",
    "size",
    "format",
    "status",
    "error_type",
    "error",
    "error_en",
    "unit_name",
    "unit_code",
    "year",
    "kind",
    "scope",
    "profile",
    "part",
    "pages",
    "figures",
)


def _cached_files(con: Any) -> dict[str, FileInfo]:
    rows = con.execute(f"SELECT {', '.join(_FILE_COLS)} FROM files WHERE yusuan_version = ?", [__version__]).fetchall()
    out = {}
    for r in rows:
        d: dict[str, Any] = {k: ("" if v is None else v) for k, v in zip(_FILE_COLS, r, strict=True)}
        d["figures"] = tuple(d["figures"] or ())
        d["year"] = d["year"] if d["year"] != "" else None
        d["pages"], d["size"] = d["pages"] or 0, d["size"] or 0
        out[d["sha256"]] = FileInfo(path="", **d)
    return out


@contextmanager
def _transaction(con: Any) -> Iterator[None]:
    con.execute("BEGIN")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _file_row(f: FileInfo) -> list[Any]:
    values = [getattr(f, c) for c in _FILE_COLS]
    values[_FILE_COLS.index("figures")] = list(f.figures)
    return [*values, layout_blob(f.layout) if f.layout is not None else None, __version__]


T = TypeVar("T")


class _Lazy(Sequence[T]):
    """A sequence whose items are made when the runner takes them (a task's bytes or layouts are
    not all held in memory at once)."""

    def __init__(self, n: int, make: Callable[[int], T]) -> None:
        self.n, self.make = n, make

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[T]: ...

    def __getitem__(self, i: int | slice) -> T | Sequence[T]:
        if isinstance(i, slice):
            return [self.make(j) for j in range(*i.indices(self.n))]
        if not 0 <= i < self.n:
            raise IndexError(i)
        return self.make(i)


def _layouts(con: Any, g: Group | None, with_bytes: bool) -> tuple[Layout | None, ...]:
    """The stored layouts of a document's files (the file is not read again); None where none is
    stored (the worker reads the file) — made here instead for Dask, whose workers need not see the files."""
    if g is None:
        return ()
    out: list[Layout | None] = []
    for f in g.files:
        row = con.execute("SELECT layout FROM files WHERE sha256 = ? AND yusuan_version = ?", [f.sha256, __version__]).fetchone()
        lay = layout_from_blob(row[0], f.path) if row is not None and row[0] is not None else None
        if lay is None and with_bytes:
            from ..ingest import layout_file

            try:
                lay = layout_file(f.path)
            except Exception:  # noqa: BLE001 - gone or unreadable now: the worker tries and records why
                lay = None
        out.append(lay)
    return tuple(out)


def _audit_task(con: Any, g: Group, p: Group | None, with_bytes: bool) -> AuditTask:
    return AuditTask(
        g.id,
        tuple(f.path for f in g.files),
        _layouts(con, g, with_bytes),
        tuple(f.path for f in p.files) if p else (),
        _layouts(con, p, with_bytes),
    )


def _column(values: list[Any], typ: Any) -> Any:
    """One Arrow column of the table's own type: pyarrow guessing a type tries ``import pandas``
    and ``import dateutil`` on every call (about half a millisecond each time when they are not
    installed, dozens of times per document). A value that does not fit the type (never expected)
    is left to pyarrow's guess and DuckDB's cast, as before."""
    import pyarrow as pa

    if typ is not None:
        try:
            return pa.array(values, type=typ)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
            pass
    return pa.array(values)


def _insert(con: Any, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Many rows at once through Arrow (DuckDB's executemany is a round trip per row)."""
    if not rows:
        return
    import pyarrow as pa

    types = arrow_types(table)
    data = {c: _column([r[i] for r in rows], types.get(c)) for i, c in enumerate(columns)}
    arrow = pa.table(data)  # noqa: F841 - read by DuckDB's replacement scan below
    con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM arrow")


_FACT_COLS = ("name", "value", "value_text", "source", "page", "line")
_CELL_COLS = (
    "table_no",
    "table_type",
    "table_title",
    "table_unit",
    "row_no",
    "row_key",
    "side",
    "code",
    "label",
    "row_kind",
    "column_key",
    "column_label",
    "value",
    "value_text",
    "printed",
    "page",
    "line",
)
_FINDING_COLS = (
    "seq",
    "rule",
    "severity",
    "possible_rounding",
    "undetermined",
    "table_type",
    "table_no",
    "table_title",
    "row_label",
    "row_key",
    "column_label",
    "column_key",
    "page",
    "line",
    "file",
    "file_line",
    "section",
    "sentence",
    "expected",
    "actual",
    "difference",
    "message_zh",
    "message_en",
    "fingerprint",
)
_CLAIM_COLS = (
    "seq",
    "kind",
    "metric",
    "subject",
    "value",
    "value_text",
    "status",
    "code",
    "expected",
    "expected_text",
    "severity",
    "possible_rounding",
    "section",
    "sentence",
    "text",
    "page",
    "line",
)
_DOC_COLS = (
    "id",
    "files",
    "status",
    "error_type",
    "error",
    "error_en",
    "unit_name",
    "unit_code",
    "year",
    "kind",
    "scope",
    "profile",
    "title",
    "amount_unit",
    "pages",
    "seconds",
    "peak_mb",
    "errors",
    "warnings",
    "infos",
    "possible_rounding",
    "previous_id",
    "previous_files",
    "previous_error",
    "yusuan_version",
    "ruleset_version",
)


#: results committed together at most (when they arrive faster than the writer commits them)
WRITE_LIMIT = 64
#: seconds between two commits while results keep arriving: a commit costs about as much as
#: writing seven documents' rows, so committing each document as it comes made the single writer
#: the batch's bottleneck on two cores; a killed batch re-does at most this window's documents,
#: and the progress bar lags by at most as much
WRITE_WINDOW = 2.0


class _Writer:
    """The database's single writer. The rows of each result are gathered, and committed together
    with the others gathered meanwhile: when the runner is about to wait for the next result and
    the last commit is ``window`` seconds old (:meth:`idle`), every ``limit`` results, and at the
    end of each phase; one transaction and one INSERT per table for all of them, instead of a
    dozen statements and a commit per document. A document is in the database entirely or not at
    all: a batch killed with results not yet committed re-does those documents. ``after``
    callbacks (counts, progress) run once their rows are committed."""

    def __init__(
        self,
        con: Any,
        summary: BatchSummary,
        present: set[str],
        stored: set[str],
        limit: int | None = None,
        window: float | None = None,
    ) -> None:
        self.con, self.summary, self.present, self.stored = con, summary, present, stored
        self.limit = WRITE_LIMIT if limit is None else limit
        self.window = WRITE_WINDOW if window is None else window
        self.last = time.monotonic()  # the last commit (or the writer's start)
        self.files: list[FileInfo] = []
        self.docs: list[tuple[dict[str, Any], list[tuple[Any, ...]], dict[str, Any] | None, list[str]]] = []
        self.after: list[Callable[[], None]] = []
        self.shas: set[str] = set()  # the files gathered, not yet written
        self.ids: set[str] = set()  # the documents gathered (and those they replace), not yet written

    def file(self, f: FileInfo) -> None:
        if f.sha256 in self.shas:
            self.flush()
        self.files.append(f)
        self.shas.add(f.sha256)

    def document(
        self, doc: dict[str, Any], files: list[tuple[Any, ...]], result: dict[str, Any] | None, replaces: Iterable[str] = ()
    ) -> None:
        """A document and all its rows (a document of the same files, or a single-file document
        now read as part of this one, is replaced)."""
        ids = [doc["id"], *(r for r in replaces if r != doc["id"])]
        if any(i in self.ids for i in ids):  # rewritten before its rows were: those first
            self.flush()
        self.docs.append((doc, files, result, ids))
        self.ids.update(ids)

    def then(self, fn: Callable[[], None]) -> None:
        self.after.append(fn)
        if len(self.docs) + len(self.files) >= self.limit:
            self.flush()

    def idle(self) -> float | None:
        """The runner is about to wait for a result: commit what is gathered if the window is
        over; otherwise the seconds after which to call again (None: nothing is waiting)."""
        if not (self.files or self.docs or self.after):
            return None
        due = self.last + self.window - time.monotonic()
        if due > 0:
            return due
        self.flush()
        return None

    def flush(self) -> None:
        if not (self.files or self.docs or self.after):
            return
        con = self.con
        writing, writing_wall = time.process_time(), time.monotonic()
        if self.files or self.docs:
            with _transaction(con):
                for f in self.files:
                    if f.sha256 in self.stored:
                        con.execute("DELETE FROM files WHERE sha256 = ?", [f.sha256])
                _insert(con, "files", (*_FILE_COLS, "layout", "yusuan_version"), [_file_row(f) for f in self.files])
                for _, _, _, ids in self.docs:
                    # the rows of a document not in the database are not looked for: each DELETE
                    # scans its table, and the batch would slow down as the database grows
                    for i in (i for i in ids if i in self.present):
                        for t in DOCUMENT_TABLES:
                            con.execute(f"DELETE FROM {t} WHERE document_id = ?", [i])
                        con.execute("DELETE FROM documents WHERE id = ?", [i])
                _insert(con, "documents", _DOC_COLS, [[doc.get(c) for c in _DOC_COLS] for doc, _, _, _ in self.docs])
                _insert(
                    con,
                    "document_files",
                    ("document_id", "position", "path", "sha256", "part", "role"),
                    [(doc["id"], *f) for doc, files, _, _ in self.docs for f in files],
                )
                for table, cols, key in (
                    ("facts", _FACT_COLS, "facts"),
                    ("cells", _CELL_COLS, "cells"),
                    ("findings", _FINDING_COLS, "findings"),
                    ("claims", _CLAIM_COLS, "claims"),
                ):
                    _insert(
                        con,
                        table,
                        ("document_id", *cols),
                        [(doc["id"], *r) for doc, _, result, _ in self.docs if result is not None for r in result[key]],
                    )
            self.stored.update(f.sha256 for f in self.files)
            for doc, _, _, ids in self.docs:
                self.present.difference_update(ids)
                self.present.add(doc["id"])
        self.summary.write_cpu += time.process_time() - writing
        self.summary.write_seconds += time.monotonic() - writing_wall
        self.last = time.monotonic()
        after = self.after
        self.files, self.docs, self.after, self.shas, self.ids = [], [], [], set(), set()
        for fn in after:
            fn()


def _delete_document(con: Any, doc_id: str, present: set[str]) -> None:
    with _transaction(con):
        for t in DOCUMENT_TABLES:
            con.execute(f"DELETE FROM {t} WHERE document_id = ?", [doc_id])
        con.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    present.discard(doc_id)


def _run(
    fn: Callable[[Any], Any], tasks: Sequence[Any], options: BatchOptions, stats: RunStats, idle: Callable[[], float | None]
) -> Iterable[tuple[int, Outcome]]:
    if not tasks:
        return iter(())
    if options.dask is not None:
        return run_dask(fn, tasks, options.dask, options.timeout, stats, idle)
    workers = options.workers or os.cpu_count() or 1
    return run_local(fn, tasks, min(workers, len(tasks)), options.timeout, options.memory_mb, stats, idle=idle)


def _survey_task(arg: tuple[str, str, bytes | None]) -> FileInfo:
    return survey_file(*arg)


def _failed_file(path: str, sha: str, size: int, outcome: Outcome) -> FileInfo:
    if outcome[0] == "timeout":
        return FileInfo(path, sha, size, "timeout", error_type="Timeout", error="读取超时", error_en="reading timed out")
    etype, msg = outcome[1]
    return FileInfo(path, sha, size, "failed", error_type=etype, error=msg, error_en=msg)


def run_batch(
    paths: Sequence[str | Path], db: str | Path, options: BatchOptions = BatchOptions(), progress: Progress | None = None
) -> BatchSummary:
    started, started_cpu = time.monotonic(), time.process_time()
    summary = BatchSummary()
    inputs = discover(paths)
    summary.inputs = len(inputs)
    con = connect(db)
    try:
        create_schema(con, __version__, RULESET_VERSION)
        if options.retry:  # a file whose reading failed or timed out is read again
            con.execute("DELETE FROM files WHERE status IN ('failed', 'timeout')")
        # 1. hash: the same content under two names is one document
        paths_of: dict[str, list[str]] = {}
        unreadable: dict[str, str] = {}
        for p in inputs:
            sha, why = _hash(p)
            paths_of.setdefault(sha, []).append(str(p))
            if why:
                unreadable[sha] = why
        # 2. survey
        before = {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
        present = set(before)  # the documents in the database, as the run writes and removes them
        audited: dict[str, int] = {}  # documents audited by this run → pages (a document audited twice counts once)
        infos = _cached_files(con)
        stored = {r[0] for r in con.execute("SELECT sha256 FROM files").fetchall()}
        infos = {sha: replace(infos[sha], path=ps[0]) for sha, ps in paths_of.items() if sha in infos}
        for sha, why in unreadable.items():
            infos[sha] = FileInfo(paths_of[sha][0], sha, 0, "refused", error_type="InputError", error=why, error_en=why)
        todo = [sha for sha in paths_of if sha not in infos]
        use_bytes = options.dask is not None
        tasks = _Lazy(len(todo), lambda i: (paths_of[todo[i]][0], todo[i], _bytes(paths_of[todo[i]][0]) if use_bytes else None))
        writer = _Writer(con, summary, present, stored)
        done = 0

        def read_done(doc: dict[str, Any] | None) -> None:
            nonlocal done
            if doc is not None:
                audited[doc["id"]] = int(doc["pages"] or 0)
                summary.pages += int(doc["pages"] or 0)
            done += 1
            if progress:
                progress("read", done, len(todo), summary.pages)

        for i, outcome in _run(_survey_task, tasks, options, summary.cpu, writer.idle):
            sha = todo[i]
            path = paths_of[sha][0]
            info = outcome[1] if outcome[0] == "ok" else _failed_file(path, sha, _size(path), outcome)
            writer.file(info)
            doc = None
            if info.result is not None:  # a whole document, audited while read: kept unless last year turns up
                g = Group((info,))
                doc = _doc_row(g, None, ("ok", info.result))
                writer.document(doc, _file_rows(g, paths_of), info.result)
            infos[sha] = replace(info, result=None, layout=None)  # the layout is in the database (once committed)
            writer.then(partial(read_done, doc))
        writer.flush()
        # 3. documents
        readable = [f for f in infos.values() if f.status == "ok"]
        groups = group_files(readable)
        previous = find_previous(groups)
        retry = ("failed", "timeout") if options.retry else ()
        existing = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT id, yusuan_version, ruleset_version, previous_id FROM documents "
                "WHERE status NOT IN (SELECT unnest(?::VARCHAR[]))",
                [list(retry)],
            ).fetchall()
        }
        jobs: list[tuple[Group, Group | None]] = []
        for f in sorted((f for f in infos.values() if f.status != "ok"), key=lambda f: f.sha256):
            summary.documents += 1
            if existing.get(f.sha256) == (__version__, RULESET_VERSION, None):
                summary.skipped += f.sha256 in before
                continue
            row: dict[str, Any] = {
                "id": f.sha256,
                "files": f.path,
                "status": f.status,
                "error_type": f.error_type,
                "error": f.error,
                "error_en": f.error_en,
                "pages": f.pages,
                "seconds": 0.0,
                "yusuan_version": __version__,
                "ruleset_version": RULESET_VERSION,
            }
            writer.document(row, _file_rows(Group((f,)), paths_of), None)
        for g in groups:
            summary.documents += 1
            prev = previous.get(g.id)
            if existing.get(g.id) == (__version__, RULESET_VERSION, prev.id if prev else None):
                summary.skipped += g.id in before and g.id not in audited  # done by an earlier run
                continue
            jobs.append((g, prev))
        writer.flush()
        # 4. audit
        audit_tasks = _Lazy(len(jobs), lambda i: _audit_task(con, jobs[i][0], jobs[i][1], use_bytes))
        done = 0

        def audit_done(doc: dict[str, Any]) -> None:
            nonlocal done
            audited[doc["id"]] = int(doc["pages"] or 0)
            summary.pages += int(doc["pages"] or 0)
            done += 1
            if progress:
                progress("audit", done, len(jobs), summary.pages)

        for i, outcome in _run(audit_document, audit_tasks, options, summary.cpu, writer.idle):
            g, prev = jobs[i]
            doc = _doc_row(g, prev, outcome)
            writer.document(
                doc,
                _file_rows(g, paths_of),
                outcome[1] if doc["status"] == "ok" else None,
                [f.sha256 for f in g.files] if len(g.files) > 1 else (),
            )
            writer.then(partial(audit_done, doc))
        writer.flush()
        # a document of an earlier run made of these files but grouped otherwise now (a pair
        # become two documents, or the reverse) is stale: removed, each in its own transaction
        current = {f.sha256 for f in infos.values() if f.status != "ok"} | {g.id for g in groups}
        shas = list(paths_of)
        stale = [
            r[0]
            for r in con.execute(
                "SELECT DISTINCT document_id FROM document_files WHERE sha256 IN (SELECT unnest(?::VARCHAR[]))", [shas]
            ).fetchall()
            if r[0] not in current
        ]
        for doc_id in sorted(stale):
            _delete_document(con, doc_id, present)
        final = {r[0] for r in con.execute("SELECT id FROM documents").fetchall()}
        summary.audited = sum(1 for i in audited if i in final)
        summary.pages = sum(n for i, n in audited.items() if i in final)
        # the documents of these inputs (the database may hold others, from other runs)
        ids = [list(current)]
        summary.status = dict(
            con.execute(
                "SELECT status, count(*) FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[])) GROUP BY status", ids
            ).fetchall()
        )
        counts = con.execute(
            "SELECT coalesce(sum(errors), 0), coalesce(sum(warnings), 0) FROM documents "
            "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            ids,
        ).fetchone()
        summary.errors, summary.warnings = (int(counts[0]), int(counts[1])) if counts else (0, 0)
    finally:
        con.close()
    summary.seconds = time.monotonic() - started
    summary.parent_cpu = time.process_time() - started_cpu
    return summary


def _bytes(path: str) -> bytes | None:
    """The file's bytes for a Dask worker; None when it cannot be read now (the worker tries, and
    the reason is recorded)."""
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _file_rows(g: Group, paths_of: dict[str, list[str]]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for f in g.files:
        for j, path in enumerate(paths_of.get(f.sha256, [f.path])):
            rows.append((len(rows) + 1, path, f.sha256, f.part or None, "read" if j == 0 else "duplicate"))
    return rows


def _doc_row(g: Group, prev: Group | None, outcome: Outcome) -> dict[str, Any]:
    f = g.first
    doc: dict[str, Any] = {
        "id": g.id,
        "files": " + ".join(x.path for x in g.files),
        "unit_name": f.unit_name,
        "unit_code": f.unit_code,
        "year": f.year,
        "kind": f.kind,
        "scope": f.scope,
        "profile": f.profile,
        "pages": sum(x.pages for x in g.files),
        "previous_id": prev.id if prev else None,
        "previous_files": " + ".join(x.path for x in prev.files) if prev else None,
        "yusuan_version": __version__,
        "ruleset_version": RULESET_VERSION,
    }
    status, value = outcome
    if status == "ok" and "refused" in value:
        etype, zh, en = value["refused"]
        doc.update({"status": "refused", "error_type": etype, "error": zh, "error_en": en})
    elif status == "ok":
        doc.update(
            {
                k: value[k]
                for k in (
                    "unit_name",
                    "unit_code",
                    "year",
                    "kind",
                    "scope",
                    "profile",
                    "title",
                    "amount_unit",
                    "pages",
                    "errors",
                    "warnings",
                    "infos",
                    "possible_rounding",
                    "peak_mb",
                )
            }
        )
        doc["previous_error"] = value["previous_error"] or None
        doc["seconds"] = value["seconds"] + sum(x.seconds for x in g.files)  # reading (survey) and audit, CPU
        doc["status"] = "ok"
    elif status == "timeout":
        doc.update({"status": "timeout", "error_type": "Timeout", "error": "审核超时", "error_en": "the audit timed out"})
    else:
        etype, msg = value
        doc.update({"status": "failed", "error_type": etype, "error": msg, "error_en": msg})
    return doc
