"""`yusuan serve`: the HTTP API, the pages, the downloads, review decisions and the guards,
driven in-process with fastapi.testclient (the browser tests are tests/web/test_browser.py)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import time
from pathlib import Path

import pytest

from support import BENCHMARKS, CORPUS, SMALL_MODEL, tasks

pytest.importorskip("fastapi")
pytest.importorskip("duckdb")

from fastapi.testclient import TestClient  # noqa: E402

from yusuan import example_path, read, read_files  # noqa: E402
from yusuan.api import audit  # noqa: E402
from yusuan.report.writers import report_dict  # noqa: E402
from yusuan.web import Settings, create_app, is_loopback  # noqa: E402
from yusuan.web.service import Pool, WebError  # noqa: E402

EXAMPLE = example_path().read_bytes()
HOSTILE_UNIT = '=HYPERLINK("http://evil.example","x")<script>alert(1)</script>'
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"


def hostile_document() -> bytes:
    """The embedded example with markup and a spreadsheet formula in the unit name (title,
    every sentence that names the unit) and an onerror= tag in a row label."""
    text = EXAMPLE.decode("utf-8").replace("济源产城融合示范区管理委员会办公室", HOSTILE_UNIT + "办公室")
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if ln.startswith("201\t03\t01\t\t行政运行"))
    lines[i] = lines[i].replace("行政运行", HOSTILE_LABEL + "行政运行")
    return "\n".join(lines).encode("utf-8")


@pytest.fixture()
def client() -> TestClient:
    with TestClient(create_app(Settings())) as c:
        yield c  # type: ignore[misc]


def upload(c: TestClient, *files: tuple[str, bytes], previous: tuple[str, bytes] | None = None, path: str = "/api/check"):  # type: ignore[no-untyped-def]
    parts = [("file", (name, data, "application/octet-stream")) for name, data in files]
    if previous is not None:
        parts.append(("previous", (previous[0], previous[1], "application/octet-stream")))
    return c.post(path, files=parts)


def _comparable(j: dict) -> dict:  # type: ignore[type-arg]
    """The report JSON without what names the input file (a path on the command line, the
    uploaded name on the web)."""
    j = json.loads(json.dumps(j))
    j["document"].pop("source")
    j["document"].pop("files")
    j.pop("previous", None)
    for f in j["findings"]:
        for place in [f["location"], *f["cells"], *f["text"]]:
            if place:
                place.pop("file", None)
    return j


# ---------------------------------------------------------------- the API


def test_check_one_file_gives_the_same_json_as_the_command(client: TestClient) -> None:
    r = upload(client, ("example.txt", EXAMPLE))
    assert r.status_code == 200, r.text
    reading = read(example_path())
    cli = report_dict(
        audit(reading.disclosure, notes=[f"{n.line}: {n.text}" for n in reading.notes])
    )  # as `yusuan check` calls it
    assert _comparable(r.json()) == _comparable(cli)
    assert r.json()["summary"]["error"] > 0 and r.json()["document"]["source"] == "example.txt"
    assert re.fullmatch(r"/r/[0-9a-f]{64}", r.headers["x-yusuan-report"])


def test_check_two_files_as_one_document(client: TestClient) -> None:
    narr = CORPUS / "jiangsu-cpc-office-2019-dept-budget-narrative.pdf"
    tabs = CORPUS / "jiangsu-cpc-office-2019-dept-budget-tables.pdf"
    r = upload(client, (narr.name, narr.read_bytes()), (tabs.name, tabs.read_bytes()))
    assert r.status_code == 200, r.text
    reading = read_files([narr, tabs])
    cli = report_dict(audit(reading.disclosure, notes=[f"{n.line}: {n.text}" for n in reading.notes]))
    got = r.json()
    assert [f["fingerprint"] for f in got["findings"]] == [f["fingerprint"] for f in cli["findings"]]
    assert got["summary"] == cli["summary"]
    assert [p["source"] for p in got["document"]["files"]] == [narr.name, tabs.name]


def test_previous_year_is_used(client: TestClient) -> None:
    this = CORPUS / "jiangsu-procuratorate-2018-dept-budget.pdf"
    last = CORPUS / "jiangsu-procuratorate-2017-dept-budget.pdf"
    r = upload(client, (this.name, this.read_bytes()), previous=(last.name, last.read_bytes()))
    assert r.status_code == 200, r.text
    assert r.json()["previous"] == last.name


@pytest.mark.parametrize(
    "name, data, status, words",
    [
        ("junk.txt", "随便写一些文字，不是公开文件。".encode(), 422, "不像是预决算公开文件"),
        ("empty.pdf", b"   \n", 422, "文件为空"),
        ("broken.pdf", b"%PDF-1.4\n" + b"x" * 500, 422, "PDF"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, 415, "不支持的文件类型"),  # the name says PDF, the bytes say PNG
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, 415, "DOC/XLS"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100, 415, "ZIP"),
        ("program.txt", b"\x7fELF\x02\x01\x01" + b"\x00" * 100, 415, "ELF"),
    ],
)
def test_bad_uploads_are_clear_answers(client: TestClient, name: str, data: bytes, status: int, words: str) -> None:
    r = upload(client, (name, data))
    assert r.status_code == status, r.text
    body = r.json()
    assert words in body["message"] and body["message_en"] and body["status"] == status


def test_missing_file_and_too_many_files(client: TestClient) -> None:
    r = client.post("/api/check")
    assert r.status_code == 422 and "file" in r.json()["message"]
    r = upload(client, ("a.txt", EXAMPLE), ("b.txt", EXAMPLE), ("c.txt", EXAMPLE))
    assert r.status_code == 422 and "最多两个文件" in r.json()["message"]


def test_too_big_is_413_before_it_is_read() -> None:
    with TestClient(create_app(Settings(max_upload=20_000))) as c:
        r = upload(c, ("big.txt", EXAMPLE + b" " * 30_000))
        assert r.status_code == 413 and "上传过大" in r.json()["message"] and "too large" in r.json()["message_en"]
        r = upload(c, ("big.txt", EXAMPLE + b" " * 30_000), path="/check")
        assert r.status_code == 413 and "上传过大" in r.text


def test_rules_and_openapi(client: TestClient) -> None:
    from yusuan.checks import CODES

    rules = client.get("/api/rules").json()
    assert [r["code"] for r in rules] == list(CODES) and {"title", "title_en", "fix"} <= set(rules[0])
    spec = client.get("/openapi.json").json()
    assert {"/api/check", "/api/rules"} <= set(spec["paths"])
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/check" in docs.text
    assert not re.search(r"(src|href)=\"https?://", docs.text)  # nothing from a CDN


# ---------------------------------------------------------------- guards


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/", "/static/app.js", "/no/such/page", "/docs", "/api/rules"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp, path
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_load_no_inline_script_and_nothing_external(client: TestClient) -> None:
    rid = upload(client, ("example.txt", EXAMPLE)).headers["x-yusuan-report"]
    for path in ("/", rid, "/write", "/docs"):
        html = client.get(path).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert 'src="/static/' in tag or "application/json" in tag, (path, tag)
        assert not re.search(r"(src|href)=\"(https?:)?//", html), path
        assert " style=" not in html and "<style" not in html, path


def test_token_is_required_on_every_request() -> None:
    token = "a-long-enough-test-token"
    with TestClient(create_app(Settings(token=token))) as c:
        for path in ("/", "/static/app.css", "/api/rules", "/docs"):
            assert c.get(path).status_code == 401, path
        assert upload(c, ("example.txt", EXAMPLE)).status_code == 401
        assert c.get("/api/rules", headers={"x-yusuan-token": "wrong"}).status_code == 401
        assert c.get("/api/rules", headers={"x-yusuan-token": token}).status_code == 200
        assert c.get("/api/rules", headers={"authorization": f"Bearer {token}"}).status_code == 200
        r = c.get(f"/?token={token}", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/" and "HttpOnly" in r.headers["set-cookie"]
        assert c.get("/").status_code == 200  # the cookie set by the link
        assert upload(c, ("example.txt", EXAMPLE)).status_code == 200


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    r = client.post("/api/check", files=[("file", ("e.txt", EXAMPLE, "text/plain"))], headers={"origin": "http://evil.example"})
    assert r.status_code == 403


def test_loopback_rule() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.5.0.1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


def test_serve_refuses_another_address_without_a_token() -> None:
    from typer.testing import CliRunner

    from yusuan.cli import app

    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--token" in r.output
    r = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--token", "short"])
    assert r.exit_code == 2 and "16" in r.output
    r = CliRunner().invoke(app, ["serve", "--token", "long enough; but a cookie cannot hold it"])
    assert r.exit_code == 2 and "16" in r.output


def test_file_names_never_become_paths(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as c:
        r = upload(c, ("../../../../tmp/evil\x1b[31m.txt", EXAMPLE))
        assert r.status_code == 200
        assert r.json()["document"]["source"] == "evil[31m.txt"
    names = sorted(p.name for p in tmp_path.rglob("*"))
    assert not any("evil" in n for n in names)
    assert all(re.fullmatch(r"[0-9a-f]{64}|documents|review\.duckdb(\.wal)?|(file|previous)\d\.(bin|name)", n) for n in names), (
        names
    )


def test_without_a_data_folder_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where a spooled upload (over 1 MB) would go
    with TestClient(create_app(Settings(processes=False))) as c:
        big = EXAMPLE + b"\n" * 1_500_000
        assert upload(c, ("example.txt", big)).status_code == 200
        assert c.post("/check", files=[("file", ("example.txt", big, "text/plain"))], follow_redirects=False).status_code == 303
    assert list(tmp_path.iterdir()) == []


def test_the_pool_is_bounded() -> None:
    async def scenario() -> tuple[int, int]:
        pool = Pool(workers=1, queue=0, timeout=0.3)
        slow = asyncio.ensure_future(pool.run(time.sleep, 1.0))
        await asyncio.sleep(0.05)
        try:
            await pool.run(time.sleep, 0)
            busy = 200
        except WebError as err:
            busy = err.status
        try:
            await slow
            late = 200
        except WebError as err:
            late = err.status
        pool.shutdown()
        return busy, late

    assert asyncio.run(scenario()) == (503, 504)


# ---------------------------------------------------------------- hostile text


def test_hostile_text_is_inert_on_the_page_and_in_every_download(client: TestClient) -> None:
    r = upload(client, ("<b>name</b>.txt", hostile_document()))
    assert r.status_code == 200
    j = r.json()
    assert HOSTILE_UNIT in j["document"]["unit_name"]
    assert any("onerror" in json.dumps(f, ensure_ascii=False) for f in j["findings"])
    rid = r.headers["x-yusuan-report"]
    page = client.get(rid).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<imgsrc=x" not in page and "<b>name" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "onerror=alert(1)" in page  # shown, as text
    for path in ("/report.json", "/report.csv", "/findings.xlsx", "/report.html"):
        d = client.get(rid + path)
        assert d.status_code == 200 and d.headers["content-disposition"].startswith("attachment")
        assert d.headers["x-content-type-options"] == "nosniff"
    assert client.get(rid + "/report.json").headers["content-type"].startswith("application/json")
    html = client.get(rid + "/report.html").text
    assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html
    rows = list(csv.reader(io.StringIO(client.get(rid + "/report.csv").text.lstrip("\ufeff"))))
    cells = [v for row in rows for v in row]
    assert any("HYPERLINK" in v for v in cells)
    assert not any(v.startswith(("=", "+", "@")) for v in cells)  # a formula is quoted: '=HYPERLINK…
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(client.get(rid + "/findings.xlsx").content))
    texts = [cell for ws in wb for row in ws.iter_rows() for cell in row if cell.value is not None]
    assert any(str(cell.value).startswith("=HYPERLINK") for cell in texts)
    assert all(cell.data_type == "s" for cell in texts)  # never a formula
    raw = client.get(rid + "/findings.xlsx").content
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))


# ---------------------------------------------------------------- pages


def test_upload_form_to_report_page(client: TestClient) -> None:
    r = client.post("/check", data={"example": "1"}, follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert page.status_code == 200
    assert 'id="findings"' in page.text and "PERF-CODE-LENGTH" in page.text and "f-severity" in page.text
    junk = client.post("/check", files=[("file", ("junk.txt", "不是公开文件".encode(), "text/plain"))])
    assert junk.status_code == 422 and "不像是预决算公开文件" in junk.text and 'id="message"' in junk.text
    assert client.get("/r/" + "0" * 64).status_code == 404
    assert client.get("/r/../../etc/passwd").status_code == 404


def test_pdf_report_has_page_boxes_and_an_annotated_pdf(client: TestClient) -> None:
    import pikepdf

    pdf = CORPUS / "shanghai-putuo-finance-2025-dept-budget.pdf"
    r = upload(client, (pdf.name, pdf.read_bytes()))
    assert r.status_code == 200
    rid = r.headers["x-yusuan-report"]
    page = client.get(rid).text
    boxes = json.loads(re.search(r'<script type="application/json" id="boxes">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    findings = r.json()["findings"]
    error = next(i for i, f in enumerate(findings) if f["severity"] == "error" and f["cells"])
    mine = [b for b in boxes if b["finding"] == error + 1]
    cell_page = findings[error]["cells"][0]["page"]
    on_table = [b for b in mine if b["page"] == cell_page]
    assert on_table and on_table[0]["exact"], mine
    x0, y0, x1, y1 = on_table[0]["box"]
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1 and (x1 - x0) < 0.3
    png = client.get(f"{rid}/page/0/{cell_page}.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    assert client.get(f"{rid}/page/0/999.png").status_code == 404
    assert client.get(f"{rid}/page/1/1.png").status_code == 404
    ann = client.get(f"{rid}/annotated-0.pdf")
    assert ann.status_code == 200
    with pikepdf.open(io.BytesIO(ann.content)) as doc:
        annots = [a for p in doc.pages for a in p.obj.get("/Annots", [])]
        assert len(annots) >= len(findings)
        notes = [str(a.Contents) for a in annots]
        assert any(findings[error]["rule"] in n and findings[error]["message"] in n for n in notes)
        assert all(int(a.F) & 4 for a in annots)  # printed
        assert all("/A" not in a and "/JS" not in a for a in annots)


# ---------------------------------------------------------------- review


def _fp(c: TestClient, rid: str, rule_prefix: str = "") -> str:
    j = json.loads(c.get(rid + "/report.json").content)
    return next(f["fingerprint"] for f in j["findings"] if f["rule"].startswith(rule_prefix) and f["cells"])


def test_review_decisions_survive_a_restart(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path))) as c:
        rid = upload(c, ("example.txt", EXAMPLE)).headers["x-yusuan-report"]
        doc = rid.rsplit("/", 1)[1]
        fp = _fp(c, rid)
        r = c.post(
            f"/api/review/{doc}", json={"fingerprint": fp, "status": "false_positive", "note": "表中已说明", "who": "张三"}
        )
        assert r.status_code == 200 and r.json()["status_zh"] == "误报"
        assert c.post(f"/api/review/{doc}", json={"fingerprint": fp, "status": "maybe"}).status_code == 422
        assert c.post(f"/api/review/{doc}", json={"fingerprint": "nope", "status": "fixed"}).status_code == 404
        assert c.post(f"/api/review/{doc}", content=b"not json").status_code == 422
    with TestClient(create_app(Settings(data_dir=tmp_path))) as c:  # a restart: the report is rebuilt from the kept file
        got = c.get(f"/api/review/{doc}").json()
        assert got[fp]["status"] == "false_positive" and got[fp]["who"] == "张三" and got[fp]["note"] == "表中已说明"
        page = c.get(rid).text
        assert f'data-fp="{fp}" data-review="false_positive"' in page
        xlsx = c.get(rid + "/findings.xlsx").content
        from openpyxl import load_workbook

        values = [cell.value for row in load_workbook(io.BytesIO(xlsx))["findings"].iter_rows() for cell in row]
        assert "误报" in values and "张三" in values


def test_decisions_carry_over_to_a_new_version_and_changed_cells_are_flagged() -> None:
    with TestClient(create_app(Settings())) as c:
        rid = upload(c, ("v1.txt", EXAMPLE)).headers["x-yusuan-report"]
        doc = rid.rsplit("/", 1)[1]
        findings = json.loads(c.get(rid + "/report.json").content)["findings"]
        with_cells = [f for f in findings if f["cells"] and f["cells"][0]["value"]]
        changed, same = (
            with_cells[0],
            next(
                f
                for f in with_cells
                if f["fingerprint"] != with_cells[0]["fingerprint"] and f["cells"][0]["line"] != with_cells[0]["cells"][0]["line"]
            ),
        )
        for f in (changed, same):
            c.post(f"/api/review/{doc}", json={"fingerprint": f["fingerprint"], "status": "confirmed", "note": "", "who": "李四"})
        # version 2: one printed value of the first finding's cell changed, nothing else
        lines = EXAMPLE.decode("utf-8").split("\n")
        cell = changed["cells"][0]
        ln = cell["line"] - 1
        old = cell["value"]
        new = old[:-1] + ("1" if old[-1] != "1" else "2")
        assert old in lines[ln]
        lines[ln] = lines[ln].replace(old, new, 1)
        r2 = upload(c, ("v2.txt", "\n".join(lines).encode("utf-8")))
        doc2 = r2.headers["x-yusuan-report"].rsplit("/", 1)[1]
        assert doc2 != doc
        got = c.get(f"/api/review/{doc2}").json()
        fps2 = {f["fingerprint"] for f in r2.json()["findings"]}
        assert same["fingerprint"] in got and got[same["fingerprint"]]["carried_from"] == doc
        assert got[same["fingerprint"]]["second_look"] is False
        if changed["fingerprint"] in fps2:  # still reported: the value it names is printed differently now
            assert got[changed["fingerprint"]]["second_look"] is True


# ---------------------------------------------------------------- write


def test_write_refuses_a_model_that_fails_the_audit_and_lists_the_findings(client: TestClient) -> None:
    from yusuan.modelfile import model_yaml

    y = model_yaml(read(example_path()).disclosure).encode("utf-8")
    r = client.post("/write", files=[("model", ("m.yaml", y, "application/yaml"))], data={"format": "docx"})
    assert r.status_code == 422 and 'id="refused"' in r.text and "PERF-CODE-LENGTH" in r.text


@pytest.mark.parametrize("fmt, magic", [("docx", b"PK"), ("xlsx", b"PK"), ("html", b"<!DOCTYPE")])
def test_write_a_clean_model(client: TestClient, fmt: str, magic: bytes) -> None:
    r = client.post(
        "/write", files=[("model", (SMALL_MODEL.name, SMALL_MODEL.read_bytes(), "application/yaml"))], data={"format": fmt}
    )
    assert r.status_code == 200, r.text[:500]
    assert r.content.lstrip().upper().startswith(magic.upper()) and r.headers["content-disposition"].startswith("attachment")


def test_write_bad_inputs(client: TestClient) -> None:
    r = client.post("/write", files=[("model", ("m.yaml", b"\x00\x01binary", "application/yaml"))], data={"format": "docx"})
    assert r.status_code == 415
    r = client.post("/write", files=[("model", ("m.yaml", b"schema: nope\n", "application/yaml"))], data={"format": "docx"})
    assert r.status_code == 422 and "schema" in r.text
    r = client.post("/write", files=[("model", ("m.yaml", SMALL_MODEL.read_bytes(), "application/yaml"))], data={"format": "exe"})
    assert r.status_code == 422


def test_memory_is_bounded() -> None:
    from yusuan.web.service import Checked, ResultStore

    with TestClient(create_app(Settings(inflight_bytes=10_000))) as c:  # bodies being received, all requests together
        r = upload(c, ("example.txt", EXAMPLE))
        assert r.status_code == 503 and "服务器忙" in r.json()["message"]
    store = ResultStore(None, keep=10, keep_bytes=EXAMPLE.__len__() * 2 + 10)
    with TestClient(create_app(Settings())) as c:
        r = upload(c, ("example.txt", EXAMPLE))
    first = c.app.state.store.cached(r.headers["x-yusuan-report"].rsplit("/", 1)[1])  # type: ignore[attr-defined]
    assert isinstance(first, Checked)
    for k in range(4):
        store.put(Checked(f"{k:064x}", first.files, first.kinds, first.report, first.json))
    assert [store.cached(f"{k:064x}") is not None for k in range(4)] == [False, False, True, True]


def test_the_load_test_script_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    bench = BENCHMARKS / "bench_web.py"
    p = subprocess.run([sys.executable, str(bench), "--n", "4"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "4/4 answered correctly" in p.stdout and "median" in p.stdout and "p95" in p.stdout


@pytest.mark.parametrize(
    "names",
    [
        ("national-template-2024-dept-final-account.pdf",),
        ("jiangsu-cpc-office-2018-dept-budget-narrative.pdf", "jiangsu-cpc-office-2018-dept-budget-tables.pdf"),
    ],
)
def test_every_error_and_warning_on_a_page_gets_its_box(names: tuple[str, ...]) -> None:
    """Blank cells under their column heading, words wrapped over a line or a page break,
    （ for (: the box is found again on the page the reader names (or the next one)."""
    from yusuan.web.pdfbox import finding_boxes
    from yusuan.web.service import Upload, check_uploads

    c = check_uploads([Upload((CORPUS / n).read_bytes(), n) for n in names])
    boxes = finding_boxes(c)
    placed = [i for i, f in enumerate(c.report.findings) if f.severity != "info" and any(x.page for x in (*f.cells, *f.text))]
    assert placed
    assert {i for i in placed if any(b.finding == i for b in boxes)} == set(placed)
    for b in boxes:
        assert 0 <= b.fx0 < b.fx1 <= 1.001 and 0 <= b.fy0 < b.fy1 <= 1.001


def test_hostile_text_is_inert_in_the_annotated_pdf() -> None:
    """The notes of the annotated PDF are PDF text strings: markup and formulas stay text, no action or script."""
    import dataclasses

    import pikepdf

    from yusuan.web.pdfbox import annotated_pdf
    from yusuan.web.service import Upload, check_uploads

    pdf = CORPUS / "shanghai-putuo-finance-2025-dept-budget.pdf"
    c = check_uploads([Upload(pdf.read_bytes(), pdf.name)])
    evil = f"{HOSTILE_UNIT} {HOSTILE_LABEL} ) /JS (app.alert(1)) >> /A << /S /JavaScript"
    findings = tuple(dataclasses.replace(f, message=evil + f.message, message_en=evil) for f in c.report.findings)
    c.report = dataclasses.replace(c.report, findings=findings)
    c.views.clear()
    with pikepdf.open(io.BytesIO(annotated_pdf(c, 0))) as doc:
        annots = [a for p in doc.pages for a in p.obj.get("/Annots", [])]
        assert len(annots) >= len(findings)
        for a in annots:
            assert isinstance(a.Contents, pikepdf.String) and str(a.Contents).startswith("[") and evil in str(a.Contents)
            assert set(a.keys()) <= {"/Type", "/Subtype", "/Rect", "/Contents", "/T", "/NM", "/C", "/F", "/Border", "/AP", "/P"}
        assert "/OpenAction" not in doc.Root and "/JavaScript" not in doc.Root.get("/Names", {})


def test_an_internal_fault_on_one_file_is_a_500_with_a_message_and_the_server_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import yusuan.web.service as service

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError

    with TestClient(create_app(Settings(processes=False))) as client:  # threads: the patch applies
        monkeypatch.setattr(service, "audit", broken)
        r = upload(client, ("example.txt", EXAMPLE))
        assert r.status_code == 500 and "内部错误" in r.json()["message"] and "ZeroDivisionError" in r.json()["message_en"]
        monkeypatch.undo()
        assert upload(client, ("example.txt", EXAMPLE)).status_code == 200


def test_audits_in_worker_processes_time_out_crash_and_go_on() -> None:
    import os

    async def scenario() -> list[object]:
        pool = Pool(workers=2, queue=4, timeout=120.0, processes=True)
        out: list[object] = []
        try:
            out.append(await pool.isolated(len, "四个字符"))  # the workers start (slow on a busy machine)
            for job in ((time.sleep, 30), (os._exit, 3), (tasks.refuse,)):
                pool.timeout = 3.0 if job[0] is time.sleep else 120.0  # new workers start after a kill: give them time
                t0 = time.monotonic()
                try:
                    await pool.isolated(*job)
                except WebError as err:
                    out.append((err.status, err.zh, round(time.monotonic() - t0) < 20))
            # a slow job killed at its time-out while another runs beside it: the other is answered
            await pool.isolated(len, "")  # workers up again
            pool.timeout = 5.0
            slow = asyncio.ensure_future(pool.isolated(time.sleep, 30))
            await asyncio.sleep(0.2)
            out.append(await pool.isolated(sum, [1, 2, 3]))
            try:
                await slow
            except WebError as err:
                out.append(err.status)
        finally:
            pool.shutdown()
        return out

    got = asyncio.run(scenario())
    assert got[0] == 4
    assert got[1] == (504, got[1][1], True)  # type: ignore[index]
    assert got[2][0] == 500 and "进程意外退出" in got[2][1]  # type: ignore[index]
    assert got[3] == (415, "不要", True)
    assert got[4:] == [6, 504]
