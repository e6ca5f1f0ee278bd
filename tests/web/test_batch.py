"""`yusuan serve`, a corpus at once: a zip or many files → `yusuan batch` in the background →
progress as JSON → the `yusuan summary` page with a link to each document's report page; the
upload's bounds (zip bomb, too many files, one batch at a time), names that never become paths,
nothing left on disk without --data. The report page names pages (第N页) for a PDF's findings."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import pytest

from support import CORPUS

pytest.importorskip("fastapi")
duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from fastapi.testclient import TestClient  # noqa: E402

from yusuan import example_path  # noqa: E402
from yusuan.web import Settings, create_app  # noqa: E402

PDF = CORPUS / "shanghai-putuo-welfare-home-2024-unit-budget.pdf"
TABLES = CORPUS / "jiangsu-cpc-office-2019-dept-budget-tables.pdf"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def con_text(db: Path) -> str:
    """Every text value of every table of a batch database."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = []
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
            for row in con.execute(f"SELECT * FROM {table}").fetchall():
                out += [v for v in row if isinstance(v, str)]
        return "\n".join(out)
    finally:
        con.close()


def _wait(c: TestClient, job: str, limit: float = 240) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + limit
    while True:
        st = c.get(f"/api/batch/{job}")
        assert st.status_code == 200 and st.headers["cache-control"] == "no-store"
        j = st.json()
        if j["state"] in ("done", "failed") or time.monotonic() > deadline:
            return j  # type: ignore[no-any-return]
        time.sleep(0.3)


def test_a_zip_is_one_batch_every_member_has_its_row_and_each_document_opens() -> None:
    members = {
        "2024/示例.txt": example_path().read_bytes(),
        "2024/福利院.pdf": PDF.read_bytes(),
        "省委办公厅/表格.pdf": TABLES.read_bytes(),
        "../../etc/passwd": b"root:x:0:0:root:/root:/bin/bash\n",  # junk, and a name that must not become a path
        "__MACOSX/._示例.txt": b"\x00\x05\x16\x07",  # what an archiver adds: not a member
    }
    app = create_app(Settings(processes=False))
    with TestClient(app) as c:
        r = c.post("/api/batch", files=[("file", ("corpus.zip", _zip(members), "application/zip"))])
        assert r.status_code == 202, r.text
        job = r.json()["job"]
        assert r.headers["location"] == f"/api/batch/{job}"
        busy = c.post("/api/batch", files=[("file", ("again.zip", _zip(members), "application/zip"))])
        if _wait(c, job, 0)["state"] not in ("done", "failed"):  # one batch at a time
            assert busy.status_code == 503 and "另一批文件正在审核" in busy.json()["message"]
        st = _wait(c, job)
        assert st["state"] == "done", st
        assert st["inputs"] == 4 and st["result"]["status"] == {"ok": 3, "refused": 1}
        folder = app.state.batches.get(job).folder
        con = duckdb.connect(str(folder / "corpus.duckdb"), read_only=True)
        paths = {r[0] for r in con.execute("SELECT path FROM document_files").fetchall()}
        refused = con.execute("SELECT files, error_type FROM documents WHERE status = 'refused'").fetchall()
        con.close()
        assert paths == {"2024/示例.txt", "2024/福利院.pdf", "省委办公厅/表格.pdf", "etc/passwd"}  # every member, by its name
        assert refused == [("etc/passwd", "NotADisclosure")]
        dump = con_text(folder / "corpus.duckdb")
        assert str(folder) not in dump and "etc/passwd" in dump  # the server's folder is never named, in any column
        assert sorted(p.name for p in (folder / "files").iterdir()) == ["0001.txt", "0002.pdf", "0003.pdf", "0004.bin"]
        assert not any(p.name == "passwd" for p in folder.rglob("*"))
        # the summary page: the same sections as `yusuan summary`, and a link to each document
        page = c.get(f"/b/{job}")
        assert page.status_code == 200
        for heading in ("单位按错误数排序", "最常见的问题", "公开情况 / Coverage", "固定样本"):
            assert heading in page.text
        links = re.findall(rf'href="(/b/{job}/d/[0-9a-f]{{64}})"', page.text)
        assert len(links) == 4 and "社会福利院" in page.text
        opened = c.get(links[0], follow_redirects=False)  # the document with the most errors first
        assert opened.status_code == 303 and opened.headers["location"].startswith("/r/")
        report = c.get(opened.headers["location"])
        assert report.status_code == 200 and 'id="findings"' in report.text
        junk = c.get(links[-1])
        assert junk.status_code == 422 and "不像是预决算公开文件" in junk.text
        for dl in ("summary.xlsx", "checklists.xlsx"):
            x = c.get(f"/b/{job}/{dl}")
            assert x.status_code == 200 and x.content.startswith(b"PK")
        assert c.get(f"/b/{job}/summary.html").text.startswith("<!DOCTYPE html>")
        assert c.get("/b/" + "0" * 32).status_code == 404 and c.get("/b/../../etc").status_code == 404
    assert not folder.exists()  # without --data: the temporary folder goes with the server


def test_many_files_without_a_zip_and_a_kept_batch_with_data(tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)>.txt"
    files = [
        ("file", ("a.txt", example_path().read_bytes(), "text/plain")),
        ("file", (hostile, "不是公开文件".encode(), "text/plain")),
    ]
    with TestClient(create_app(Settings(processes=False, data_dir=tmp_path))) as c:
        r = c.post("/batch", files=files, follow_redirects=False)
        assert r.status_code == 303
        job = r.headers["location"].rsplit("/", 1)[1]
        progress = c.get(f"/b/{job}")  # the progress page (or already the summary)
        assert progress.status_code == 200 and ('data-status="/api/batch/' in progress.text or 'id="documents"' in progress.text)
        assert _wait(c, job)["result"]["status"] == {"ok": 1, "refused": 1}
    with TestClient(create_app(Settings(processes=False, data_dir=tmp_path))) as c:  # after a restart
        page = c.get(f"/b/{job}")
        assert page.status_code == 200 and len(re.findall(r'class="doc-link"', page.text)) == 2
        assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;.txt" in page.text  # a name is text
        link = re.search(rf'href="(/b/{job}/d/[0-9a-f]{{64}})"', page.text).group(1)  # type: ignore[union-attr]
        assert c.get(link, follow_redirects=False).status_code == 303


def test_a_zip_bomb_and_too_many_files_are_refused_with_a_message() -> None:
    with TestClient(create_app(Settings(processes=False, batch_files=3))) as c:
        bomb = _zip({"a.txt": example_path().read_bytes(), "zeros.pdf": b"\x00" * (3 * 1024 * 1024)})
        r = c.post("/api/batch", files=[("file", ("bomb.zip", bomb, "application/zip"))])
        assert r.status_code == 413 and "压缩炸弹" in r.json()["message"] and "zip bomb" in r.json()["message_en"]
        many = _zip({f"{i}.txt": b"x" for i in range(4)})
        r = c.post("/api/batch", files=[("file", ("many.zip", many, "application/zip"))])
        assert r.status_code == 422 and "文件过多" in r.json()["message"]
        r = c.post("/api/batch", files=[("file", (f"{i}.txt", b"x", "text/plain")) for i in range(5)])
        assert r.status_code == 422 and "文件过多" in r.json()["message"]
        r = c.post("/batch", files=[("file", ("broken.zip", b"PK\x03\x04" + b"\x00" * 40, "application/zip"))])
        assert r.status_code == 422 and 'id="message"' in r.text
        r = c.post("/api/batch", files=[("file", ("empty.zip", _zip({"folder/": b""}), "application/zip"))])
        assert r.status_code == 422 and "没有可处理的文件" in r.json()["message"]
        assert c.post("/api/batch").status_code == 422
        spec = c.get("/openapi.json").json()["paths"]
        assert "multipart/form-data" in spec["/api/batch"]["post"]["requestBody"]["content"] and "/api/batch/{job_id}" in spec


def test_report_page_names_pages_for_a_pdf_and_lines_for_a_text() -> None:
    with TestClient(create_app(Settings(processes=False))) as c:
        r = c.post("/api/check", files=[("file", (PDF.name, PDF.read_bytes(), "application/pdf"))])
        findings = r.json()["findings"]
        page = c.get(r.headers["x-yusuan-report"]).text
        places = re.findall(r'<ul class="places">(.*?)</ul>', page, re.S)
        assert places and not any("（行 " in p or "第" in p and "行）" in p for p in places)
        pages = {str(x["page"]) for f in findings for x in [*f["cells"], *f["text"]] if x.get("page")}
        assert pages and all(f"第{p}页" in page for p in pages)
        r = c.post("/check", data={"example": "1"}, follow_redirects=False)
        page = c.get(r.headers["location"]).text
        assert re.search(r"（第\d+行）", page) and "页）" not in "".join(re.findall(r'<ul class="places">(.*?)</ul>', page, re.S))
        xlsx = c.get(r.headers["location"] + "/checklist.xlsx")
        assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
