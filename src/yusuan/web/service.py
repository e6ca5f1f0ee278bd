"""What the web page does with an upload: check its type, read it, audit it, keep the result.

Nothing here computes a figure: reading is :mod:`yusuan.ingest`, the audit is
:func:`yusuan.api.audit`, the JSON is :func:`yusuan.report.writers.report_dict` — the same
calls the ``yusuan check`` command makes. Uploaded bytes are read from memory (a file name
never becomes a path); with a data folder they are also stored under a name made of their
SHA-256, so that a report can be shown again after a restart.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..api import audit
from ..errors import InputError, PdfTooManyPages, UnsafeInput, UnsupportedFormat, YusuanError
from ..ingest import Reading, read_layout
from ..ingest.formats import layout_from_bytes, sniff
from ..ingest.layout import concat_layouts
from ..report.audit import Report
from ..report.writers import report_dict

__all__ = ["PDFIUM", "Upload", "Checked", "WebError", "Pool", "ResultStore", "check_uploads", "safe_name", "upload_type"]

T = TypeVar("T")
#: pdfium (the PDF reader and the page renderer) is not thread-safe: every use holds this lock
PDFIUM = threading.RLock()


class WebError(Exception):
    """An answer other than 200, with a message in Chinese and English."""

    def __init__(self, status: int, zh: str, en: str) -> None:
        super().__init__(en)
        self.status, self.zh, self.en = status, zh, en

    def __reduce__(self) -> tuple[Any, ...]:  # crosses from an audit's child process
        return (WebError, (self.status, self.zh, self.en))

    def detail(self) -> dict[str, Any]:
        return {"status": self.status, "message": self.zh, "message_en": self.en}


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file: its bytes and the name it had on the user's machine (shown, never used as a path)."""

    data: bytes
    name: str


_ACCEPTED = ("pdf", "docx", "xlsx", "html", "text")
# binary formats that sniff() would call "text" (it looks only for the ones it reads)
_OTHER_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"\x7fELF", "ELF"),
    (b"MZ", "EXE"),
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf", "7z"),
    (b"Rar!", "RAR"),
    (b"BZh", "bzip2"),
    (b"%!PS", "PostScript"),
    (b"RIFF", "RIFF"),
)


def safe_name(name: str | None, fallback: str) -> str:
    """A file name as shown on the page and in the report: its last path part, control
    characters dropped, at most 120 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(c for c in base if c.isprintable()).strip()
    return (base or fallback)[:120]


def upload_type(up: Upload) -> str:
    """The format of an upload by its first bytes; :class:`WebError` 415 for one that yusuan does not read."""
    if not up.data.strip():
        raise WebError(422, f"文件为空：{up.name}", f"the file is empty: {up.name}")
    kind = sniff(up.data)
    for magic, label in _OTHER_MAGIC:
        if up.data.startswith(magic):
            kind = label
    if kind == "text" and b"\x00" in up.data[:65536] and not up.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        kind = "binary"
    if kind in _ACCEPTED:
        return kind
    shown = {"ole": "DOC/XLS (OLE)", "zip": "ZIP"}.get(kind, kind)
    raise WebError(
        415,
        f"不支持的文件类型（{shown}）：{up.name}。请上传 PDF、DOCX、XLSX、HTML 或文本格式的预决算公开文件。",
        f"unsupported file type ({shown}): {up.name}. Upload a PDF, DOCX, XLSX, HTML or text disclosure.",
    )


def _status(err: YusuanError) -> int:
    if isinstance(err, UnsupportedFormat):
        return 415
    if isinstance(err, (UnsafeInput, PdfTooManyPages)):
        return 413
    return 422


def read_uploads(files: Sequence[Upload]) -> Reading:
    """One document from one file, or from two (narrative, then tables) read as one — as
    :func:`yusuan.read_files` does for paths."""
    layouts = tuple(layout_from_bytes(f.data, f.name) for f in files)
    if len(layouts) == 1:
        return read_layout(layouts[0])
    return read_layout(concat_layouts(layouts), parts=layouts)


def document_hash(files: Sequence[Upload]) -> str:
    """The document's identity: SHA-256 over its files' bytes, in order."""
    h = hashlib.sha256()
    for f in files:
        h.update(hashlib.sha256(f.data).digest())
    return h.hexdigest()


@dataclass
class Checked:
    """An audited upload, kept for the report page and the downloads."""

    id: str  # the document hash
    files: tuple[Upload, ...]
    kinds: tuple[str, ...]
    report: Report
    json: dict[str, Any]
    previous: tuple[Upload, ...] = ()
    views: dict[str, Any] = field(default_factory=dict)  # what the pages computed from it once (boxes)


def check_uploads(files: Sequence[Upload], previous: Sequence[Upload] = ()) -> Checked:
    """Type-check, read and audit; :class:`WebError` with the right status when that cannot be done."""
    if not files:
        raise WebError(422, "没有上传文件（表单字段 file）。", "no file uploaded (form field `file`).")
    if len(files) > 2 or len(previous) > 2:
        raise WebError(422, "最多两个文件（情况说明、表格）。", "at most two files (narrative, tables).")
    kinds = tuple(upload_type(f) for f in files)
    prev_kinds = tuple(upload_type(p) for p in previous)
    try:
        if "pdf" in kinds + prev_kinds:
            with PDFIUM:
                reading = read_uploads(files)
                prev = read_uploads(previous).disclosure if previous else None
        else:
            reading = read_uploads(files)
            prev = read_uploads(previous).disclosure if previous else None
    except YusuanError as err:
        raise WebError(_status(err), err.zh, err.en) from None
    except WebError:
        raise
    except Exception as exc:  # noqa: BLE001 - a fault of ours on this file: say so, keep serving the others
        raise _internal(exc) from None
    notes = [f"{n.line}: {n.text}" for n in reading.notes]
    try:
        report = audit(reading.disclosure, previous=prev, notes=notes)
        as_json = report_dict(report)
    except InputError as err:
        raise WebError(_status(err), err.zh, err.en) from None
    except Exception as exc:  # noqa: BLE001 - as above
        raise _internal(exc) from None
    return Checked(document_hash(files), tuple(files), kinds, report, as_json, tuple(previous))


def _internal(exc: Exception) -> WebError:
    return WebError(
        500,
        f"内部错误（{type(exc).__name__}）：这是 yusuan 的缺陷，不是您的文件的问题；请把文件报告给开发者。",
        f"internal error ({type(exc).__name__}): a defect of yusuan, not of your file; please report the file.",
    )


def _timed_out(seconds: float) -> WebError:
    return WebError(
        504,
        f"处理超时（{seconds:g} 秒），文件可能过大或过于复杂。",
        f"timed out after {seconds:g} s; the file may be too large or too complex.",
    )


_CONTEXT: Any = None
_CONTEXT_LOCK = threading.Lock()


def _context() -> Any:
    """A forkserver that has imported yusuan once: each audit is a fork of it (fast, and safe
    although the server has threads)."""
    global _CONTEXT
    with _CONTEXT_LOCK:
        if _CONTEXT is None:
            import multiprocessing

            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["yusuan.web.service"])
            _CONTEXT = ctx
        return _CONTEXT


class Workers:
    """``workers`` long-lived child processes (forked from a forkserver that has imported
    yusuan, so they start warm and keep their caches) that run the audits. A job that overruns
    its time-out is killed with the processes (504); a process that dies (a crash in a C
    library on a crafted file) is a 500. Either way the processes are replaced, and the other
    jobs that were running in them are run once more, so they are answered all the same."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._lock = threading.Lock()
        self._ex: Any = None

    def _executor(self) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        with self._lock:
            if self._ex is None:
                self._ex = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
            return self._ex

    def _replace(self, ex: Any) -> None:
        with self._lock:
            if self._ex is not ex:
                return  # already replaced by another job
            self._ex = None
        for proc in list((getattr(ex, "_processes", None) or {}).values()):
            proc.kill()
        ex.shutdown(wait=False, cancel_futures=True)

    def call(self, fn: Callable[..., T], args: tuple[Any, ...], timeout: float) -> T:
        """``fn(*args)`` in a worker process; blocks the calling thread."""
        from concurrent.futures import TimeoutError as FutureTimeout
        from concurrent.futures.process import BrokenProcessPool

        for attempt in range(2):
            ex = self._executor()
            try:
                return ex.submit(fn, *args).result(timeout)  # type: ignore[no-any-return]
            except FutureTimeout:
                self._replace(ex)
                raise _timed_out(timeout) from None
            except BrokenProcessPool:
                self._replace(ex)
                if attempt:
                    raise WebError(
                        500,
                        "处理此文件的进程意外退出（文件可能是特意构造的）。",
                        "the process reading this file died (the file may be crafted).",
                    ) from None
            except WebError:
                raise
            except Exception as exc:  # noqa: BLE001 - a fault of ours: a message, and the server goes on
                raise _internal(exc) from None
        raise AssertionError("unreachable")

    def shutdown(self) -> None:
        """Stop the workers once the jobs running end (each ends by its time-out at the latest)."""
        with self._lock:
            ex, self._ex = self._ex, None
        if ex is not None:
            ex.shutdown(wait=True, cancel_futures=True)


class Pool:
    """A bounded pool: at most ``workers`` jobs run at once, at most ``queue`` wait (503 beyond).

    :meth:`run` runs a job in a thread, waiting at most ``timeout`` seconds for it (504; the job
    still holds its worker until it ends, so the bound holds). :meth:`isolated` runs it in one of
    ``workers`` child processes (``processes=True``, :class:`Workers`), killed at the time-out,
    so one slow or crafted file holds a worker for ``timeout`` seconds at most and cannot crash
    the server."""

    def __init__(self, workers: int, queue: int, timeout: float, processes: bool = False) -> None:
        self.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="yusuan-audit")
        self.procs = Workers(workers) if processes else None
        self.limit = workers + queue
        self.timeout = timeout
        self._lock = threading.Lock()
        self._busy = 0

    def _done(self, _fut: object) -> None:
        with self._lock:
            self._busy -= 1

    def _submit(self, fn: Callable[..., T], *args: Any) -> asyncio.Future[T]:
        with self._lock:
            if self._busy >= self.limit:
                raise WebError(503, "服务器忙，请稍后再试。", "the server is busy; try again shortly.")
            self._busy += 1
        fut = self.executor.submit(fn, *args)
        fut.add_done_callback(self._done)
        return asyncio.wrap_future(fut)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        try:
            return await asyncio.wait_for(self._submit(fn, *args), self.timeout)
        except TimeoutError:
            raise _timed_out(self.timeout) from None

    async def isolated(self, fn: Callable[..., T], *args: Any) -> T:
        if self.procs is None:
            return await self.run(fn, *args)
        return await self._submit(self.procs.call, fn, args, self.timeout)

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self.procs is not None:
            self.procs.shutdown()


class ResultStore:
    """The audited documents: the latest ``keep`` (and at most ``keep_bytes`` of their files) in
    memory; with a data folder also their files on disk, named by hash, so that a report can be
    audited again after a restart."""

    def __init__(self, data_dir: Path | None, keep: int = 32, keep_bytes: int = 512 * 1024 * 1024) -> None:
        self.data_dir = data_dir
        self.keep = keep
        self.keep_bytes = keep_bytes  # the uploads held in memory, all documents together
        self._mem: OrderedDict[str, Checked] = OrderedDict()
        self._lock = threading.Lock()
        if data_dir is not None:
            (data_dir / "documents").mkdir(parents=True, exist_ok=True)

    def put(self, c: Checked) -> None:
        self.remember(c)
        if self.data_dir is not None:
            folder = self.data_dir / "documents" / c.id
            folder.mkdir(parents=True, exist_ok=True)
            for i, f in enumerate(c.files):
                (folder / f"file{i}.bin").write_bytes(f.data)
                (folder / f"file{i}.name").write_text(f.name, encoding="utf-8")
            for i, f in enumerate(c.previous):
                (folder / f"previous{i}.bin").write_bytes(f.data)
                (folder / f"previous{i}.name").write_text(f.name, encoding="utf-8")

    def _bytes(self) -> int:
        return sum(len(f.data) for c in self._mem.values() for f in (*c.files, *c.previous))

    def cached(self, doc_id: str) -> Checked | None:
        """The document if it is in memory (fast: no audit)."""
        with self._lock:
            return self._mem.get(doc_id)

    def stored(self, doc_id: str) -> bool:
        """Whether the data folder keeps the files of ``doc_id`` (so :meth:`get` can rebuild it)."""
        return (
            self.data_dir is not None
            and bool(re.fullmatch(r"[0-9a-f]{64}", doc_id))
            and (self.data_dir / "documents" / doc_id).is_dir()
        )

    def stored_uploads(self, doc_id: str) -> tuple[list[Upload], list[Upload]] | None:
        """The files the data folder keeps for ``doc_id`` (the document's, last year's), to be audited again."""
        if not self.stored(doc_id):
            return None
        assert self.data_dir is not None
        folder = self.data_dir / "documents" / doc_id

        def load(prefix: str) -> list[Upload]:
            out = []
            for i in range(2):
                b = folder / f"{prefix}{i}.bin"
                if b.is_file():
                    out.append(Upload(b.read_bytes(), (folder / f"{prefix}{i}.name").read_text(encoding="utf-8")))
            return out

        return load("file"), load("previous")

    def remember(self, c: Checked) -> None:
        """Keep an audited document in memory (not written again)."""
        with self._lock:
            self._mem[c.id] = c
            self._mem.move_to_end(c.id)
            while len(self._mem) > 1 and (len(self._mem) > self.keep or self._bytes() > self.keep_bytes):
                self._mem.popitem(last=False)
