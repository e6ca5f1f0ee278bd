"""Writers: the reference document → model → HTML/XLSX/DOCX/PDF → our readers → the same
tables, cells, facts and narrative, and no new finding."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from support import ARTIFACTS
from support.roundtrip import facts, finding_keys, meta, narrative, table_cells
from yusuan import read_bytes
from yusuan.errors import OutputError, UnsupportedFormat
from yusuan.ingest.formats import READERS
from yusuan.model import Disclosure
from yusuan.model.money import Amount
from yusuan.render import FORMATS, render


@pytest.fixture(scope="module")
def rendered(henan: Disclosure) -> dict[str, bytes]:
    return {fmt: render(henan, fmt) for fmt in ("txt", "html", "xlsx", "docx")}


@pytest.mark.parametrize("fmt", ["txt", "html", "xlsx", "docx"])
def test_round_trip_gives_the_same_model(henan: Disclosure, rendered: dict[str, bytes], fmt: str) -> None:
    again = read_bytes(rendered[fmt], f"rendered.{fmt}").disclosure
    before, after = table_cells(henan), table_cells(again)
    assert list(before) == list(after)
    assert [k for k in before if before[k] != after[k]] == []
    assert len(before) > 200  # every row of the 12 tables, not a few
    assert facts(again) == facts(henan)
    assert narrative(again) == narrative(henan)
    assert meta(again) == meta(henan)
    assert finding_keys(again) == finding_keys(henan)  # nothing new, nothing lost


def test_round_trip_carries_a_changed_figure(henan: Disclosure) -> None:
    """The writers print what the model holds: change one cell, the re-read model has it."""
    t = henan.table("three_public")
    assert t is not None
    row = t.rows[0]
    cell = row.cell("reception")
    assert cell is not None
    new_cell = dataclasses.replace(cell, amount=Amount(Decimal("13.00"), 2), raw="13.00")
    new_row = dataclasses.replace(row, cells=tuple(new_cell if c is cell else c for c in row.cells))
    new_table = dataclasses.replace(t, rows=(new_row,) + t.rows[1:])
    changed = dataclasses.replace(henan, tables=tuple(new_table if x is t else x for x in henan.tables))
    for fmt in ("html", "xlsx", "docx"):
        again = read_bytes(render(changed, fmt), f"x.{fmt}").disclosure
        assert facts(again)["official_reception"] == "13.00"
        assert any(f[0] == "ARITH-ROW" for f in finding_keys(again) - finding_keys(henan)), fmt


def test_html_is_standalone_and_escaped(henan: Disclosure) -> None:
    i, sec = next((i, s) for i, s in enumerate(henan.sections) if s.paragraphs)
    para = dataclasses.replace(sec.paragraphs[0], text="<script>alert(1)</script> & 预算")
    sections = list(henan.sections)
    sections[i] = dataclasses.replace(sec, paragraphs=(para,))
    evil = dataclasses.replace(henan, sections=tuple(sections))
    html = render(evil, "html").decode("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&amp; 预算" in html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)  # no external resources
    assert html.count("<table") == 12 and html.count("<thead>") == 12


def test_docx_repeats_header_rows_and_sets_east_asian_fonts(rendered: dict[str, bytes]) -> None:
    z = zipfile.ZipFile(io.BytesIO(rendered["docx"]))
    body = z.read("word/document.xml").decode("utf-8")
    styles = z.read("word/styles.xml").decode("utf-8")
    assert body.count("<w:tbl>") == 12
    assert body.count('<w:tblHeader w:val="true"/>') >= 12 * 2  # every table's header rows repeat
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in styles
    assert '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' in body


def test_xlsx_amounts_are_numbers_and_codes_are_text(rendered: dict[str, bytes]) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(rendered["xlsx"]))
    assert wb.sheetnames[0] == "说明" and len(wb.sheetnames) == 13
    ws = wb["表3 单位支出预算表"]
    values = {(c.row, c.column): c for row in ws.iter_rows() for c in row if c.value is not None}
    codes = [c for c in values.values() if c.value == "003001"]
    assert codes and all(c.data_type == "s" for c in codes)
    totals = [c for c in values.values() if isinstance(c.value, float) and abs(c.value - 2753.26) < 1e-9]
    assert totals and all(c.number_format == "#,##0.00" for c in totals)
    assert ws.print_title_rows is not None


def test_unknown_output_format_is_refused(henan: Disclosure) -> None:
    with pytest.raises(OutputError):
        render(henan, "odt")
    assert set(FORMATS) == {"html", "pdf", "docx", "xlsx", "txt"}


# ---------------------------------------------------------------- PDF

needs_pdf_tools = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _pdf_reader_is_real() -> bool:
    try:
        READERS["pdf"](b"%PDF-1.4\n%%EOF", "probe.pdf")
    except UnsupportedFormat:
        return False
    except Exception:
        return True
    return True


@pytest.fixture(scope="module")
def pdf(henan: Disclosure) -> bytes:
    try:
        return render(henan, "pdf")
    except OutputError as err:  # Pango or a Chinese font missing: scripts/install-system-deps.sh
        pytest.skip(f"PDF output unavailable on this machine: {err.en}")


@needs_pdf_tools
def test_pdf_embeds_cjk_fonts_and_its_text_is_extractable(pdf: bytes, tmp_path: Path) -> None:
    f = tmp_path / "out.pdf"
    f.write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(f)], capture_output=True, text=True, timeout=60).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(re.search(r"\byes\s+yes\s+yes\b", line) for line in cjk)  # embedded, subset, ToUnicode
    text = subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "济源产城融合示范区管理委员会办公室" in text  # real characters, not Kangxi radicals
    for title in ("2024年单位收支预算表", "项目支出预算表", "2024年度单位预算项目绩效目标表"):
        assert title in text
    assert "2,753.26" in text and "1,314.20" in text


@needs_pdf_tools
def test_pdf_pages_as_images_for_a_look(pdf: bytes) -> None:
    """Writes page 1 and the first table page as PNG under tests/artifacts/ (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    f = ARTIFACTS / "henan-rendered.pdf"
    f.write_bytes(pdf)
    for page, name in ((1, "page1"), (9, "table-income")):
        subprocess.run(
            ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(f), str(ARTIFACTS / name)],
            check=True,
            timeout=120,
        )
        png = (ARTIFACTS / f"{name}.png").read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_pdf_round_trip(henan: Disclosure, pdf: bytes) -> None:
    again = read_bytes(pdf, "rendered.pdf").disclosure
    assert table_cells(again) == table_cells(henan)  # every cell, label, code, title and note
    assert facts(again) == facts(henan)
    assert finding_keys(again) == finding_keys(henan)  # the same findings, none new and none lost
    assert narrative(again) == narrative(henan)  # every heading (spaces inside kept) and paragraph


def test_pdf_without_a_chinese_font_is_a_clear_error(henan: Disclosure, monkeypatch: pytest.MonkeyPatch) -> None:
    import yusuan.render.pdf as pdf_writer

    monkeypatch.setattr(pdf_writer, "cjk_font_available", lambda: False)
    with pytest.raises(OutputError) as e:
        render(henan, "pdf")
    assert "中文字体" in e.value.zh and "install-system-deps.sh" in e.value.en
