"""The web page in a real browser: Playwright for Python driving Debian's chromium
(/usr/bin/chromium, installed by scripts/install-system-deps.sh; no browser is ever
downloaded). uvicorn serves the app on a free loopback port in a thread.

Set YUSUAN_WEB_SCREENSHOT=docs/web-report.png to refresh the screenshot in the docs."""

from __future__ import annotations

import io
import os
import re
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from support import CORPUS

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (scripts/install-system-deps.sh installs it)", allow_module_level=True)
pytest.importorskip("playwright")
pytest.importorskip("uvicorn")

import uvicorn  # noqa: E402
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright  # noqa: E402

from yusuan import example_path  # noqa: E402
from yusuan.web import Settings, create_app  # noqa: E402

PDF = CORPUS / "shanghai-putuo-finance-2025-dept-budget.pdf"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("web-data")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(Settings(data_dir=data)), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.time() + 30
    while not srv.started:
        if time.time() > deadline or not t.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="yusuan-chromium-") as profile:
        ctx = p.chromium.launch_persistent_context(
            profile,
            executable_path=CHROMIUM,
            headless=True,
            args=ARGS,
            accept_downloads=True,
            viewport={"width": 1500, "height": 1000},
        )
        yield ctx
        ctx.close()


@pytest.fixture()
def page(browser: BrowserContext) -> Iterator[Page]:
    pg = browser.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on(
        "request",
        lambda r: (
            problems.append("external request " + r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None
        ),
    )
    yield pg
    pg.close()
    assert not [p for p in problems if "Content Security Policy" in p or "external request" in p or "Error" in p], problems


def _check_example(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.click("#example")
    page.wait_for_url("**/r/*")


def test_example_errors_click_highlights_the_cell_and_review_is_kept(page: Page, server: str) -> None:
    _check_example(page, server)
    assert int(page.inner_text("[data-count=error]")) > 0
    errors = page.locator("li.finding[data-severity=error]")
    expect(errors.first).to_be_visible()
    first = page.locator("li.finding[data-severity=error]:not([data-anchors=''])").first
    fid = first.get_attribute("id")
    anchor = (first.get_attribute("data-anchors") or "").split()[0]
    first.locator(".msg").click()
    cell = page.locator(f"[id='{anchor}']")
    expect(cell).to_have_class(re.compile(r"\bfocus\b"))
    expect(cell).to_be_in_viewport()
    expect(first).to_have_class(re.compile(r"\bselected\b"))
    # filters: only errors, then one rule
    page.select_option("#f-severity", "error")
    assert all(s == "error" for s in page.locator("li.finding:visible").evaluate_all("els => els.map(e => e.dataset.severity)"))
    page.select_option("#f-severity", "")
    # mark it 误报 with a note and who, reload, and see the mark kept
    form = first.locator("form.review")
    form.locator("select[name=status]").select_option("false_positive")
    form.locator("input[name=note]").fill("表注已说明 <b>ok</b>")
    form.locator("input[name=who]").fill("王五")
    form.locator("button").click()
    expect(form.locator("[data-role=saved]")).to_contain_text("王五")
    expect(first.locator("[data-role=review-badge]")).to_have_text("误报")
    page.reload()
    again = page.locator(f"li#{fid}")
    expect(again.locator("select[name=status]")).to_have_value("false_positive")
    expect(again.locator("[data-role=review-badge]")).to_have_text("误报")
    expect(again.locator("input[name=note]")).to_have_value("表注已说明 <b>ok</b>")
    page.select_option("#f-review", "false_positive")
    assert page.locator("li.finding:visible").count() >= 1


def test_drag_and_drop_upload(page: Page, server: str) -> None:
    page.goto(server + "/")
    data = list(example_path().read_bytes())
    dt = page.evaluate_handle(
        "bytes => { const dt = new DataTransfer(); dt.items.add(new File([new Uint8Array(bytes)], 'example.txt', {type: 'text/plain'})); return dt; }",
        data,
    )
    page.dispatch_event("#drop", "drop", {"dataTransfer": dt})
    expect(page.locator("#chosen")).to_contain_text("example.txt")
    page.click("#submit")
    page.wait_for_url("**/r/*")
    assert int(page.inner_text("[data-count=error]")) > 0


def test_junk_upload_shows_the_message(page: Page, server: str, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("这是一份会议记录，不是预决算公开文件。", encoding="utf-8")
    page.goto(server + "/")
    page.set_input_files("#file", str(junk))
    page.click("#submit")
    expect(page.locator("#message")).to_contain_text("不像是预决算公开文件")
    picture = tmp_path / "photo.pdf"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    page.goto(server + "/")
    page.set_input_files("#file", str(picture))
    page.click("#submit")
    expect(page.locator("#message")).to_contain_text("不支持的文件类型")


def test_pdf_box_on_the_page_image_and_the_downloads(page: Page, server: str, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.set_input_files("#file", str(PDF))
    page.click("#submit")
    page.wait_for_url("**/r/*", timeout=120_000)
    finding = page.locator("li.finding[data-severity=error]").first
    finding.locator(".msg").click()
    img = page.locator("#page-image")
    expect(page.locator("#pageview")).to_be_visible()
    page.wait_for_function(
        "() => { const i = document.querySelector('#page-image'); return i && i.complete && i.naturalWidth > 0; }"
    )
    box = page.locator(".pagebox").first
    expect(box).to_be_visible()
    b, i = box.bounding_box(), img.bounding_box()
    assert (
        b
        and i
        and i["x"] <= b["x"]
        and b["x"] + b["width"] <= i["x"] + i["width"] + 1
        and i["y"] <= b["y"] <= i["y"] + i["height"]
    )
    shot = os.environ.get("YUSUAN_WEB_SCREENSHOT")
    page.screenshot(path=shot or str(tmp_path / "report.png"))
    # downloads: the annotated PDF and the XLSX open
    import pikepdf
    from openpyxl import load_workbook

    with page.expect_download() as d:
        page.click("#dl-pdf-0")
    pdf_path = tmp_path / "annotated.pdf"
    d.value.save_as(pdf_path)
    with pikepdf.open(pdf_path) as doc:
        annots = [a for p in doc.pages for a in p.obj.get("/Annots", [])]
        assert annots and any("NARR-AMOUNT" in str(a.Contents) for a in annots)
    with page.expect_download() as d:
        page.click("#dl-xlsx")
    xlsx = tmp_path / "findings.xlsx"
    d.value.save_as(xlsx)
    wb = load_workbook(io.BytesIO(xlsx.read_bytes()))
    rules = [r[0].value for r in wb["findings"].iter_rows(min_row=2)]
    assert "NARR-AMOUNT" in rules


def test_a_finding_on_two_pages_switches_between_them(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.set_input_files("#file", str(PDF))
    page.click("#submit")
    page.wait_for_url("**/r/*", timeout=120_000)
    page.locator("li.finding[data-rule=NARR-AMOUNT][data-severity=error]").first.locator(".msg").click()
    buttons = page.locator("#page-caption .pagebtn")
    expect(buttons).to_have_count(2)
    first_src = page.get_attribute("#page-image", "src")
    buttons.nth(1).click()
    expect(page.locator("#page-image")).not_to_have_attribute("src", first_src or "")
    page.wait_for_function("() => { const i = document.querySelector('#page-image'); return i.complete && i.naturalWidth > 0; }")
    expect(page.locator(".pagebox").first).to_be_visible()


def test_a_zip_of_files_progress_summary_and_one_document(page: Page, server: str, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "corpus.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("2024/示例.txt", example_path().read_bytes())
        z.writestr("2024/会议记录.txt", "这是一份会议记录，不是预决算公开文件。".encode())
    page.goto(server + "/batch")
    page.set_input_files("#file", str(archive))
    expect(page.locator("#chosen")).to_contain_text("corpus.zip")
    polls: list[int] = []  # the status answers the page read (the last one's body is gone with the page it replaced)
    page.on("response", lambda r: polls.append(r.status) if "/api/batch/" in r.url else None)
    page.click("#submit")
    page.wait_for_url(re.compile(r".*/b/[0-9a-f]{32}$"))
    # the progress page polls /api/batch/<job> (the batch starts child processes: it takes seconds)
    # and goes to the summary when the job is done
    expect(page.locator("#documents")).to_be_visible(timeout=180_000)
    assert polls and set(polls) == {200}, polls  # the progress page polled until the job was done, then showed the summary
    expect(page.locator("#batch-done")).to_contain_text("2 份文件")
    expect(page.locator("#summary")).to_contain_text("单位按错误数排序")
    rows = page.locator("#documents tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#documents")).to_contain_text("2024/会议记录.txt")
    page.locator("#documents a.doc-link").first.click()
    page.wait_for_url("**/r/*", timeout=120_000)
    assert int(page.inner_text("[data-count=error]")) > 0
