"""A corpus at once on the web page: an upload of a zip or many files → ``yusuan batch`` in the
background → the ``yusuan summary`` page, each document a link to its report page.

The batch is :func:`yusuan.corpus.run_batch` itself (the same grouping, audit and DuckDB
schema), run in a thread of the server; its child processes are the batch's own. What this
module adds is the upload's bounds and the job's state:

* a zip is checked by :func:`yusuan.ingest.safezip.check_zip` (members, total inflated size,
  compression ratio) before a member is taken, and holds at most ``max_files`` files;
* a member's name is only shown: the file is written as ``files/0001.pdf`` (its position and a
  suffix from a fixed list) in the job's folder — a temporary folder removed when the next batch
  starts or the server stops, or ``DATA/batches/<job>/`` with ``--data``;
* one batch at a time per server (503 while one runs).
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from ..errors import InputError, UnsafeInput
from ..ingest.formats import sniff
from .service import Upload, WebError, safe_name

__all__ = ["BatchJob", "BatchJobs", "unpack"]

_SUFFIXES = (".pdf", ".docx", ".xlsx", ".html", ".htm", ".txt", ".doc", ".xls", ".wps", ".et", ".ofd")
_JOB_ID = re.compile(r"[0-9a-f]{32}")


def _member_name(info: zipfile.ZipInfo) -> str:
    """A member's name as shown: its folders kept (``2024/办公厅.pdf``), each part cleaned by
    :func:`safe_name`; a name stored in GBK without the UTF-8 flag (Windows' zip) decoded as GBK."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    parts = [safe_name(p, "") for p in re.split(r"[\\/]", name) if p not in ("", ".", "..")]
    return "/".join(p for p in parts if p)[:200] or "member"


def _skipped(info: zipfile.ZipInfo) -> bool:
    """Folders, and what archivers add beside the files (__MACOSX, .DS_Store, hidden files)."""
    parts = [p for p in re.split(r"[\\/]", info.filename) if p not in ("", ".", "..")]
    return info.is_dir() or not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _too_many(limit: int) -> WebError:
    return WebError(
        422,
        f"文件过多：一次最多 {limit} 个文件（压缩包中的文件也计入）。请分批上传。",
        f"too many files: at most {limit} per upload (the members of a zip count). Upload in parts.",
    )


def unpack(uploads: list[Upload], max_files: int) -> list[Upload]:
    """The files of an upload: each zip replaced by its members (checked first), every other file
    as it is. :class:`WebError` 413 for a zip bomb, 422 for too many files, a damaged zip, or none."""
    from ..ingest.safezip import check_zip

    out: list[Upload] = []
    for up in uploads:
        if sniff(up.data) != "zip":  # a PDF, a DOCX or XLSX (zips that yusuan reads), or anything else: one input
            out.append(up)
        else:
            try:
                check_zip(up.data, up.name, "ZIP")
            except UnsafeInput as err:
                raise WebError(413, err.zh, err.en) from None
            except InputError as err:
                raise WebError(422, err.zh, err.en) from None
            with zipfile.ZipFile(BytesIO(up.data)) as zf:
                members = [i for i in zf.infolist() if not _skipped(i)]
                if len(out) + len(members) > max_files:
                    raise _too_many(max_files)
                out += [Upload(zf.read(i), _member_name(i)) for i in members]
        if len(out) > max_files:
            raise _too_many(max_files)
    if not out:
        raise WebError(422, "没有可处理的文件（压缩包为空，或只有文件夹）。", "no file to check (an empty zip, or folders only).")
    return out


@dataclass
class BatchJob:
    """One batch: its folder (the files, ``corpus.duckdb``), its state and progress."""

    id: str
    folder: Path
    temporary: bool
    names: dict[str, str] = field(default_factory=dict)  # file written → the name it had in the upload
    shas: dict[str, str] = field(default_factory=dict)  # SHA-256 of a file → the file written
    state: str = "queued"  # queued | running | done | failed
    phase: str = ""  # read | audit
    done: int = 0
    total: int = 0
    pages: int = 0
    inputs: int = 0
    message: str = ""
    message_en: str = ""
    result: dict[str, Any] = field(default_factory=dict)  # BatchSummary.as_dict()
    started: float = field(default_factory=time.monotonic)
    seconds: float = 0.0

    @property
    def db(self) -> Path:
        return self.folder / "corpus.duckdb"

    def status(self) -> dict[str, Any]:
        return {
            "job": self.id,
            "state": self.state,
            "phase": self.phase,
            "done": self.done,
            "total": self.total,
            "pages": self.pages,
            "inputs": self.inputs,
            "message": self.message,
            "message_en": self.message_en,
            "seconds": round(self.seconds or time.monotonic() - self.started, 1),
            "result": self.result,
            "summary": f"/b/{self.id}",
        }

    def upload(self, sha256: str) -> Upload | None:
        """The uploaded file of this content (bytes and the name it had), to open it on its own."""
        path = self.shas.get(sha256)
        if path is None:
            return None
        try:
            return Upload(Path(path).read_bytes(), self.names[path])
        except OSError:
            return None


class BatchJobs:
    """The server's batches: one runs at a time; the latest is kept (with ``--data``, all are,
    on disk, and shown again after a restart)."""

    def __init__(self, data_dir: Path | None, workers: int, timeout: float, max_files: int) -> None:
        self.data_dir = data_dir
        self.workers, self.timeout, self.max_files = workers, timeout, max_files
        self._lock = threading.Lock()
        self._jobs: dict[str, BatchJob] = {}

    def start(self, files: list[Upload]) -> BatchJob:
        with self._lock:
            if any(j.state in ("queued", "running") for j in self._jobs.values()):
                raise WebError(
                    503, "另一批文件正在审核，请等它完成后再上传。", "another batch is running; upload when it is done."
                )
            for old in list(self._jobs.values()):  # one kept: a temporary folder goes with its job
                self._drop(old)
            job_id = secrets.token_hex(16)
            if self.data_dir is not None:
                folder = self.data_dir / "batches" / job_id
                folder.mkdir(parents=True)
            else:
                folder = Path(tempfile.mkdtemp(prefix="yusuan-batch-"))
            job = BatchJob(job_id, folder, self.data_dir is None, inputs=len(files))
            self._jobs[job_id] = job
        try:
            (folder / "files").mkdir()
            for i, f in enumerate(files):
                suffix = Path(f.name).suffix.lower()
                path = folder / "files" / f"{i + 1:04d}{suffix if suffix in _SUFFIXES else '.bin'}"
                path.write_bytes(f.data)
                job.names[str(path)] = f.name
                job.shas.setdefault(hashlib.sha256(f.data).hexdigest(), str(path))
            (folder / "names.json").write_text(json.dumps(job.names, ensure_ascii=False), encoding="utf-8")
        except OSError as exc:
            job.state = "failed"
            raise WebError(
                507, "服务器无法保存上传的文件（磁盘空间不足？）。", f"the server cannot store the upload: {exc.strerror}"
            ) from None
        threading.Thread(target=self._run, args=(job,), name=f"yusuan-batch-{job_id[:8]}", daemon=True).start()
        return job

    def _run(self, job: BatchJob) -> None:
        from ..corpus import BatchOptions, run_batch

        def progress(phase: str, done: int, total: int, pages: int) -> None:
            job.phase, job.done, job.total, job.pages = phase, done, total, pages

        job.state = "running"
        try:
            s = run_batch(sorted(job.names), job.db, BatchOptions(workers=self.workers, timeout=self.timeout), progress=progress)
            self._show_names(job)
            job.result = s.as_dict()
            job.state = "done"
        except Exception as exc:  # noqa: BLE001 - the job fails with its reason; the server goes on
            job.state = "failed"
            job.message = f"批量审核失败（{type(exc).__name__}）：这是 yusuan 的缺陷，请报告给开发者。"
            job.message_en = f"the batch failed ({type(exc).__name__}: {exc}); a defect of yusuan, please report it."
        job.seconds = time.monotonic() - job.started
        if job.state == "done" and not job.temporary:
            (job.folder / "job.json").write_text(json.dumps(job.status(), ensure_ascii=False), encoding="utf-8")

    @staticmethod
    def _show_names(job: BatchJob) -> None:
        """The database names each file as the upload did (in every column and message), never by
        the server's folder it was written to."""
        from ..corpus.schema import connect

        con = connect(job.db)
        try:
            con.execute("BEGIN")
            for path, name in job.names.items():
                con.execute("UPDATE document_files SET path = ? WHERE path = ?", [name, path])
                con.execute("UPDATE findings SET file = ? WHERE file = ?", [name, path])
                con.execute(
                    "UPDATE documents SET files = replace(files, ?, ?), previous_files = replace(previous_files, ?, ?), "
                    "error = replace(error, ?, ?), error_en = replace(error_en, ?, ?)",
                    [path, name] * 4,
                )
                con.execute("UPDATE files SET error = replace(error, ?, ?), error_en = replace(error_en, ?, ?)", [path, name] * 2)
                con.execute(
                    "UPDATE findings SET message_zh = replace(message_zh, ?, ?), message_en = replace(message_en, ?, ?)",
                    [path, name] * 2,
                )
            con.execute("COMMIT")
        finally:
            con.close()

    def get(self, job_id: str) -> BatchJob | None:
        if not _JOB_ID.fullmatch(job_id):
            return None
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None or self.data_dir is None:
            return job
        folder = self.data_dir / "batches" / job_id
        try:  # a batch of an earlier run of the server
            st = json.loads((folder / "job.json").read_text(encoding="utf-8"))
            names = json.loads((folder / "names.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        paths = {str(folder / "files" / Path(p).name): n for p, n in names.items()}
        shas: dict[str, str] = {}
        for p in paths:
            try:
                shas.setdefault(hashlib.sha256(Path(p).read_bytes()).hexdigest(), p)
            except OSError:
                continue
        return BatchJob(
            job_id,
            folder,
            False,
            paths,
            shas,
            "done",
            inputs=int(st.get("inputs") or 0),
            result=dict(st.get("result") or {}),
            seconds=float(st.get("seconds") or 0),
        )

    def _drop(self, job: BatchJob) -> None:
        self._jobs.pop(job.id, None)
        if job.temporary:
            shutil.rmtree(job.folder, ignore_errors=True)

    def close(self) -> None:
        """At the server's end: temporary folders removed (a batch still running ends with the process)."""
        with self._lock:
            for job in list(self._jobs.values()):
                self._drop(job)
