"""The web application: ``create_app(settings)`` → a FastAPI app (run by ``yusuan serve``).

A thin layer: every figure, finding and message comes from the same calls the ``yusuan``
command makes (:mod:`.service`); the pages only arrange them. Templates are autoescaped
Jinja2; scripts and styles are static files of this package (no CDN, no inline script).
"""

from __future__ import annotations

import json
import re
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from fastapi import FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, example_path
from ..checks import CODES, RULESET_VERSION
from ..ingest import MAX_BYTES
from ..report.baseline import fingerprint
from ..report.csvout import to_csv
from ..report.html import UI, build_view, to_html
from .places import relabel_places
from .service import Checked, Pool, ResultStore, Upload, WebError, check_uploads, safe_name

__all__ = ["Settings", "create_app"]


@dataclass(frozen=True)
class Settings:
    data_dir: Path | None = None  # keep uploads and review decisions here; None: memory only
    token: str | None = None  # required on every request when set (header, cookie, or ?token= link)
    max_upload: int = MAX_BYTES + 1024 * 1024  # one request body, all files together
    workers: int = 2  # audits at once
    queue: int = 64  # audits waiting; more → 503
    timeout: float = 180.0  # seconds a request waits for its audit → 504
    processes: bool = True  # each audit in a child process, killed at the time-out (False: threads, for tests)
    keep: int = 32  # audited documents kept in memory
    keep_bytes: int = 512 * 1024 * 1024  # their uploaded files, together
    inflight_bytes: int = 768 * 1024 * 1024  # request bodies being received at once; more → 503
    batch_files: int = 200  # files in one corpus upload (the members of a zip count); more → 422


_ZH = {
    "confirmed": "已确认",
    "false_positive": "误报",
    "fixed": "已改正",
    "undecided": "未处理",
    "filter": "筛选",
    "all": "全部",
    "severity": "级别",
    "table": "表",
    "rule": "规则",
    "narrative": "情况说明",
    "document": "全文",
    "save": "保存",
    "note": "说明",
    "who": "处理人",
    "second_look": "数值已变，请复核",
    "carried": "沿用旧版本的处理",
    "page_image": "页面图像",
    "downloads": "下载",
}


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("yusuan.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["ruleset"] = RULESET_VERSION
    return env


def _error_json(err: WebError) -> JSONResponse:
    return JSONResponse(err.detail(), status_code=err.status)


def _attachment(data: bytes, media: str, filename: str) -> Response:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename)
    return Response(
        data,
        media_type=media,
        headers={"content-disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"},
    )


async def _read_upload(f: Any, fallback: str, limit: int) -> Upload:
    data = await f.read(limit + 1)
    if len(data) > limit:
        raise WebError(
            413,
            f"文件过大（上限 {limit // 1024 // 1024} MB）：{safe_name(f.filename, fallback)}",
            f"file too large (limit {limit // 1024 // 1024} MB): {safe_name(f.filename, fallback)}",
        )
    return Upload(data, safe_name(f.filename, fallback))


def create_app(settings: Settings | None = None) -> FastAPI:
    s = settings or Settings()
    if s.data_dir is not None:
        s.data_dir.mkdir(parents=True, exist_ok=True)
    pool = Pool(s.workers, s.queue, s.timeout, s.processes)
    store = ResultStore(s.data_dir, s.keep, s.keep_bytes)
    from .review import ReviewStore

    reviews = ReviewStore(s.data_dir)
    from .batch import BatchJobs

    batches = BatchJobs(s.data_dir, s.workers, s.timeout, s.batch_files)
    env = _env()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        if pool.procs is not None:  # start the worker processes now, not on the first upload
            warm = pool.executor.submit(pool.procs.call, len, ((),), 60.0)
            warm.add_done_callback(lambda f: f.exception())  # a failure here shows on the first upload instead
        yield
        pool.shutdown()
        reviews.close()
        batches.close()

    app = FastAPI(
        title="yusuan",
        version=__version__,
        description="预决算公开文件审核 / audit Chinese budget disclosures. 与 `yusuan check --format json` 相同的结果。",
        docs_url=None,  # the stock pages load scripts from a CDN: /docs is served from this package instead
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings, app.state.pool, app.state.store, app.state.reviews = s, pool, store, reviews
    app.state.batches = batches
    static = Path(str(resources.files("yusuan.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")

    def page(name: str, status: Any = 200, **ctx: Any) -> HTMLResponse:
        lang = ctx.pop("lang", "zh")
        html = env.get_template(name).render(
            lang=lang, ui=UI["en" if lang == "en" else "zh"], zh=_ZH, data=s.data_dir is not None, **ctx
        )
        return HTMLResponse(html, status_code=status)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/")

    @app.exception_handler(WebError)
    async def _web_error(request: Request, err: WebError) -> Response:
        if wants_html(request):
            return page("message.html.j2", err.status, error=err)
        return _error_json(err)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, err: StarletteHTTPException) -> Response:
        detail = err.detail if isinstance(err.detail, dict) else None
        if detail is None:
            zh = {404: "找不到此页面或报告（未保存的报告在服务重启后不再保留）。", 405: "不支持此请求方法。"}.get(
                err.status_code, "请求无法处理。"
            )
            detail = {"status": err.status_code, "message": zh, "message_en": str(err.detail)}
        werr = WebError(err.status_code, str(detail["message"]), str(detail["message_en"]))
        if wants_html(request):
            return page("message.html.j2", err.status_code, error=werr)
        return _error_json(werr)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> Response:
        fields = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in err.errors())
        werr = WebError(
            422,
            f"请求不完整或有误：{fields}（上传文件请用表单字段 file）。",
            f"invalid request: {fields} (upload files in the form field `file`).",
        )
        return _error_json(werr) if not wants_html(request) else page("message.html.j2", 422, error=werr)

    async def audit_uploads(files: list[Upload], previous: list[Upload]) -> Checked:
        c = await pool.isolated(check_uploads, files, previous)
        store.put(c)
        reviews.register(c)
        return c

    async def get_checked(doc_id: str) -> Checked:
        c = store.cached(doc_id)
        kept = store.stored_uploads(doc_id) if c is None else None
        if kept is not None:  # after a restart: audit the kept files again, like an upload
            c = await pool.isolated(check_uploads, *kept)
            store.remember(c)
        if c is None:
            raise StarletteHTTPException(404, "no such report (reports that were not saved are gone after a restart)")
        return c

    # ------------------------------------------------------------ HTTP API

    @app.post("/api/check", summary="审核一份文件 / audit one document", tags=["api"])
    async def api_check(
        file: list[UploadFile] = File(
            ..., description="一个文件，或两个（情况说明、表格）/ one file, or two (narrative, tables)"
        ),
        previous: list[UploadFile] | None = File(None, description="上年同一单位的文件 / last year's document"),
    ) -> JSONResponse:
        """与 ``yusuan check --format json`` 相同的 JSON / the same JSON as ``yusuan check --format json``.
        Errors: 413 too large, 415 a type yusuan does not read, 422 not a readable disclosure."""
        files = [await _read_upload(f, f"file{i + 1}", MAX_BYTES) for i, f in enumerate(file)]
        prev = [await _read_upload(f, f"previous{i + 1}", MAX_BYTES) for i, f in enumerate(previous or [])]
        c = await audit_uploads(files, prev)
        return JSONResponse(c.json, headers={"x-yusuan-report": f"/r/{c.id}"})

    @app.get("/api/rules", summary="全部审核代码 / every finding code", tags=["api"])
    async def api_rules() -> JSONResponse:
        """与 ``yusuan rules --format json`` 相同 / the same as ``yusuan rules --format json``."""
        from ..cli import _code_dict

        return JSONResponse([_code_dict(c) for c in CODES.values()])

    @app.get("/api/review/{doc_id}", summary="审核结果的处理记录 / review decisions", tags=["api"])
    async def api_reviews(doc_id: str) -> JSONResponse:
        c = await get_checked(doc_id)
        return JSONResponse({fp: d.as_dict() for fp, d in reviews.decisions(c).items()})

    @app.post("/api/review/{doc_id}", summary="标记一个结果 / mark a finding", tags=["api"])
    async def api_review(doc_id: str, request: Request) -> JSONResponse:
        """Body: ``{"fingerprint": …, "status": "confirmed"|"false_positive"|"fixed"|"", "note": …, "who": …}``."""
        c = await get_checked(doc_id)
        try:
            body = await request.json()
            fp, status = str(body["fingerprint"]), str(body.get("status") or "")
            note, who = str(body.get("note") or ""), str(body.get("who") or "")
        except (ValueError, KeyError, TypeError):
            raise WebError(
                422,
                "请求格式有误：需要 JSON（fingerprint、status、note、who）。",
                "bad request: JSON with fingerprint, status, note, who expected.",
            ) from None
        try:
            d = reviews.decide(c, fp, status, note, who)
        except KeyError:
            raise WebError(404, "本报告中没有这个结果。", "no such finding in this report.") from None
        except ValueError:
            raise WebError(
                422,
                "状态应为 confirmed（已确认）、false_positive（误报）或 fixed（已改正）。",
                "status must be confirmed, false_positive or fixed.",
            ) from None
        return JSONResponse(d.as_dict() if d else {"fingerprint": fp, "status": ""})

    @app.get("/openapi.json", include_in_schema=False)
    async def openapi_json() -> JSONResponse:
        return JSONResponse(app.openapi())

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    async def docs() -> HTMLResponse:
        return page("docs.html.j2", spec=app.openapi())

    # ------------------------------------------------------------ pages

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    async def index(lang: str = "zh") -> HTMLResponse:
        return page("index.html.j2", lang=lang)

    @app.post("/check", include_in_schema=False)
    async def check_form(request: Request) -> Response:
        files: list[Upload] = []
        prev: list[Upload] = []
        async with request.form(max_files=6, max_fields=10) as form:  # closes the uploads' temporary files
            for key, target in (("file", files), ("previous", prev)):
                for i, v in enumerate(form.getlist(key)):
                    if isinstance(v, StarletteUpload) and (v.filename or v.size):
                        target.append(await _read_upload(v, f"{key}{i + 1}", MAX_BYTES))
            example = bool(form.get("example"))
        if example and not files:
            files = [Upload(example_path().read_bytes(), example_path().name)]
        c = await audit_uploads(files, prev)
        return RedirectResponse(f"/r/{c.id}", status_code=303)

    @app.get("/r/{doc_id}", include_in_schema=False, response_class=HTMLResponse)
    async def report_page(doc_id: str, lang: str = "zh") -> HTMLResponse:
        c = await get_checked(doc_id)
        from .pdfbox import finding_boxes

        boxes = await pool.run(finding_boxes, c) if "pdf" in c.kinds else []
        view = build_view(c.report, lang)
        relabel_places(c, view["findings"], lang)  # type: ignore[arg-type]
        view.pop("lang", None)
        view.pop("ui", None)
        decisions = reviews.decisions(c)
        fps = [fingerprint(f) for f in c.report.findings]
        boxes_json = [
            {"finding": b.finding + 1, "file": b.file, "page": b.page, "exact": b.exact, "box": [b.fx0, b.fy0, b.fx1, b.fy1]}
            for b in boxes
        ]
        tables = {tv.id: tv for tv in view["tables"]}  # type: ignore[attr-defined]
        group = {}
        for tid, tv in tables.items():
            for fv in tv.findings:
                group[fv.id] = tid
        for fv in view["narrative_findings"]:  # type: ignore[attr-defined]
            group[fv.id] = "narrative"
        return page(
            "report.html.j2",
            lang=lang,
            id=c.id,
            checked=c,
            fps=fps,
            decisions={fp: d.as_dict() for fp, d in decisions.items()},
            boxes=boxes_json,
            pdf_files=[i for i, k in enumerate(c.kinds) if k == "pdf"],
            group=group,
            rules=sorted({f.rule for f in c.report.findings}),
            **view,
        )

    @app.get("/r/{doc_id}/report.json", include_in_schema=False)
    async def report_json(doc_id: str) -> Response:
        c = await get_checked(doc_id)
        return _attachment(
            json.dumps(c.json, ensure_ascii=False, indent=2).encode("utf-8"), "application/json", "yusuan-report.json"
        )

    @app.get("/r/{doc_id}/report.csv", include_in_schema=False)
    async def report_csv(doc_id: str) -> Response:
        c = await get_checked(doc_id)
        return _attachment(to_csv(c.report).encode("utf-8"), "text/csv; charset=utf-8", "yusuan-findings.csv")

    @app.get("/r/{doc_id}/report.html", include_in_schema=False)
    async def report_html(doc_id: str, lang: str = "zh") -> Response:
        c = await get_checked(doc_id)
        return _attachment(to_html(c.report, lang).encode("utf-8"), "text/html; charset=utf-8", "yusuan-report.html")

    @app.get("/r/{doc_id}/findings.xlsx", include_in_schema=False)
    async def report_xlsx(doc_id: str) -> Response:
        from .exports import findings_xlsx

        c = await get_checked(doc_id)
        data = await pool.run(findings_xlsx, c.report, reviews.decisions(c))
        return _attachment(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "yusuan-findings.xlsx")

    @app.get("/r/{doc_id}/checklist.xlsx", include_in_schema=False)
    async def report_checklist(doc_id: str) -> Response:
        """The bureau's 公开情况检查表 of this document, as ``yusuan checklist`` fills it."""
        from ..tools.checklist import build_checklist, checklist_xlsx

        c = await get_checked(doc_id)
        data = await pool.run(lambda: checklist_xlsx([build_checklist(c.report.disclosure, c.report.findings)]))
        return _attachment(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "yusuan-checklist.xlsx")

    @app.get("/r/{doc_id}/annotated-{file_no}.pdf", include_in_schema=False)
    async def report_pdf(doc_id: str, file_no: int) -> Response:
        from .pdfbox import annotated_pdf

        c = await get_checked(doc_id)
        if not 0 <= file_no < len(c.kinds) or c.kinds[file_no] != "pdf":
            raise StarletteHTTPException(404, "not a PDF of this document")
        try:
            data = await pool.run(annotated_pdf, c, file_no)
        except WebError:
            raise
        except Exception:  # noqa: BLE001 - a PDF that pikepdf cannot rewrite: say so, keep serving
            raise WebError(
                422,
                "无法在此 PDF 上添加批注（文件结构有误）；请下载 XLSX 或 CSV。",
                "cannot annotate this PDF (its structure is damaged); download the XLSX or CSV instead.",
            ) from None
        return _attachment(data, "application/pdf", f"yusuan-annotated-{file_no + 1}.pdf")

    @app.get("/r/{doc_id}/page/{file_no}/{page_no}.png", include_in_schema=False)
    async def page_image(doc_id: str, file_no: int, page_no: int) -> Response:
        from .pdfbox import page_png

        c = await get_checked(doc_id)
        if not 0 <= file_no < len(c.kinds) or c.kinds[file_no] != "pdf":
            raise StarletteHTTPException(404, "not a PDF of this document")
        png = await pool.run(page_png, c.files[file_no].data, page_no)
        if png is None:
            raise StarletteHTTPException(404, "no such page")
        return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=3600"})

    # ------------------------------------------------------------ a corpus at once (yusuan batch)

    async def start_batch(request: Request) -> Any:
        from .batch import unpack

        try:
            form = await request.form(max_files=s.batch_files + 1, max_fields=10)
        except StarletteHTTPException:  # Starlette's 400 for too many parts
            raise WebError(
                422,
                f"文件过多：一次最多 {s.batch_files} 个文件。请分批上传。",
                f"too many files: at most {s.batch_files} per upload. Upload in parts.",
            ) from None
        try:
            ups = [v for v in form.getlist("file") if isinstance(v, StarletteUpload) and (v.filename or v.size)]
            if len(ups) > s.batch_files:
                raise WebError(
                    422,
                    f"文件过多：一次最多 {s.batch_files} 个文件。请分批上传。",
                    f"too many files: at most {s.batch_files} per upload. Upload in parts.",
                )
            files = [await _read_upload(v, f"file{i + 1}", MAX_BYTES) for i, v in enumerate(ups)]
        finally:
            await form.close()  # the uploads' temporary files
        if not files:
            raise WebError(
                422,
                "没有上传文件（表单字段 file）：请上传一个 zip 压缩包或多个文件。",
                "no file uploaded (form field `file`): upload a zip or several files.",
            )
        members = await pool.run(unpack, files, s.batch_files)
        return batches.start(members)

    def get_batch(job_id: str) -> Any:
        job = batches.get(job_id)
        if job is None:
            raise StarletteHTTPException(404, "no such batch (a batch without --data is gone after a restart or the next batch)")
        return job

    def done_batch(job_id: str) -> Any:
        job = get_batch(job_id)
        if job.state != "done":
            raise WebError(409, "这批文件尚未审核完。", "the batch is not done yet.")
        return job

    _multipart_files = {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {
                            "file": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "description": "一个 zip，或多个文件 / a zip, or many files",
                            }
                        },
                    }
                }
            },
        }
    }

    @app.post(
        "/api/batch",
        summary="批量审核（zip 或多个文件）/ audit a corpus (a zip or many files)",
        tags=["api"],
        status_code=202,
        openapi_extra=_multipart_files,
    )
    async def api_batch(request: Request) -> JSONResponse:
        """Multipart: field ``file`` once (a zip) or many times. Answers 202 with the job; its state
        at ``GET /api/batch/{job}``. 413 a zip bomb, 422 too many files, 503 another batch running."""
        job = await start_batch(request)
        return JSONResponse(job.status(), status_code=202, headers={"location": f"/api/batch/{job.id}"})

    @app.get("/api/batch/{job_id}", summary="批量审核的进度 / a batch's progress", tags=["api"])
    async def api_batch_status(job_id: str) -> JSONResponse:
        """``state`` queued | running | done | failed; ``phase`` read | audit, ``done`` of ``total``."""
        return JSONResponse(get_batch(job_id).status(), headers={"cache-control": "no-store"})

    @app.get("/batch", include_in_schema=False, response_class=HTMLResponse)
    async def batch_form(lang: str = "zh") -> HTMLResponse:
        return page("batch.html.j2", lang=lang, max_files=s.batch_files)

    @app.post("/batch", include_in_schema=False)
    async def batch_post(request: Request) -> Response:
        job = await start_batch(request)
        return RedirectResponse(f"/b/{job.id}", status_code=303)

    @app.get("/b/{job_id}", include_in_schema=False, response_class=HTMLResponse)
    async def batch_page(job_id: str) -> HTMLResponse:
        job = get_batch(job_id)
        if job.state != "done":
            return page("batch_job.html.j2", job=job)
        from ..corpus.summary import gather, summary_body

        def build() -> tuple[str, list[dict[str, Any]]]:
            from ..corpus.schema import connect

            body = summary_body(gather(job.db))
            con = connect(job.db, read_only=True)
            try:
                cur = con.execute(
                    "SELECT id, unit_name, year, kind, scope, status, errors, warnings, files, error FROM documents "
                    "ORDER BY status = 'ok' DESC, errors DESC NULLS LAST, warnings DESC NULLS LAST, files"
                )
                cols = [d[0] for d in cur.description]
                docs = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
            finally:
                con.close()
            return body, docs

        body, docs = await pool.run(build)
        return page("batch_summary.html.j2", job=job, summary_body=body, docs=docs)

    @app.get("/b/{job_id}/d/{doc_id}", include_in_schema=False)
    async def batch_document(job_id: str, doc_id: str) -> Response:
        """A document of the batch on its report page: its files (and last year's) checked as an upload is."""
        job = done_batch(job_id)
        if not re.fullmatch(r"[0-9a-f]{64}", doc_id):
            raise StarletteHTTPException(404, "no such document")

        def files_of() -> tuple[list[Upload], list[Upload]]:
            from ..corpus.schema import connect

            con = connect(job.db, read_only=True)
            try:
                row = con.execute("SELECT previous_id FROM documents WHERE id = ?", [doc_id]).fetchone()
                if row is None:
                    raise StarletteHTTPException(404, "no such document in this batch")

                def uploads(i: str | None) -> list[Upload]:
                    if i is None:
                        return []
                    shas = con.execute(
                        "SELECT sha256 FROM document_files WHERE document_id = ? AND role = 'read' ORDER BY position", [i]
                    ).fetchall()
                    return [u for (sha,) in shas if (u := job.upload(sha)) is not None]

                return uploads(doc_id), uploads(row[0])
            finally:
                con.close()

        files, prev = await pool.run(files_of)
        if not files:
            raise StarletteHTTPException(404, "the files of this document are no longer kept")
        c = await audit_uploads(files, prev)
        return RedirectResponse(f"/r/{c.id}", status_code=303)

    @app.get("/b/{job_id}/summary.xlsx", include_in_schema=False)
    async def batch_summary_xlsx(job_id: str) -> Response:
        from ..corpus.summary import summary_xlsx

        job = done_batch(job_id)
        data = await pool.run(summary_xlsx, job.db)
        return _attachment(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "yusuan-summary.xlsx")

    @app.get("/b/{job_id}/summary.html", include_in_schema=False)
    async def batch_summary_html(job_id: str) -> Response:
        from ..corpus.summary import summary_html

        job = done_batch(job_id)
        data = await pool.run(summary_html, job.db)
        return _attachment(data.encode("utf-8"), "text/html; charset=utf-8", "yusuan-summary.html")

    @app.get("/b/{job_id}/checklists.xlsx", include_in_schema=False)
    async def batch_checklists(job_id: str) -> Response:
        """Every audited document's 公开情况检查表, one sheet each (as ``summary --checklists`` writes them)."""
        from ..corpus.checklists import document_checklists
        from ..tools.checklist import checklist_xlsx

        job = done_batch(job_id)

        def build() -> bytes:
            sheets = [dc.checklist for dc in document_checklists(job.db) if dc.checklist is not None]
            if not sheets:
                raise WebError(404, "这批文件中没有审核成功的文件。", "no document of this batch was audited.")
            return checklist_xlsx(sheets)

        data = await pool.run(build)
        return _attachment(data, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "yusuan-checklists.xlsx")

    # ------------------------------------------------------------ write

    @app.get("/write", include_in_schema=False, response_class=HTMLResponse)
    async def write_form(lang: str = "zh") -> HTMLResponse:
        return page("write.html.j2", lang=lang)

    @app.post("/write", include_in_schema=False)
    async def write_post(request: Request) -> Response:
        async with request.form(max_files=2, max_fields=10) as form:  # closes the upload's temporary file
            model = form.get("model")
            fmt = str(form.get("format") or "docx")
            if fmt not in ("docx", "pdf", "html", "xlsx"):
                raise WebError(
                    422, "输出格式应为 docx、pdf、html 或 xlsx。", "the output format must be docx, pdf, html or xlsx."
                )
            if not isinstance(model, StarletteUpload) or not (model.filename or model.size):
                raise WebError(422, "请上传模型文件（YAML 或 JSON）。", "upload a model file (YAML or JSON).")
            up = await _read_upload(model, "model.yaml", MAX_BYTES)
        from .compose import compose_document

        result = await pool.isolated(compose_document, up, fmt)
        if result.errors:
            return page("write.html.j2", 422, refused=result)
        stem = re.sub(r"\.(ya?ml|json)$", "", up.name, flags=re.I) or "disclosure"
        media = {
            "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "pdf": "application/pdf",
            "html": "text/html; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }[fmt]
        return _attachment(result.data, media, f"{stem}.{fmt}")

    @app.get("/healthz", include_in_schema=False)
    async def health() -> JSONResponse:
        return JSONResponse({"ok": True, "version": __version__, "ruleset": RULESET_VERSION})

    from .security import Guard

    # starlette's type of a middleware factory differs between its versions; Guard is a plain ASGI middleware
    app.add_middleware(cast(Any, Guard), token=s.token, max_body=s.max_upload, inflight=s.inflight_bytes)
    return app
