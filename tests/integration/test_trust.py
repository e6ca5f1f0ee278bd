"""Trust on documents nobody tuned for (issue #9): nothing readable is refused, a review
checklist is named for what it is, and every canonical fact that the hand-read truth files give
comes out exact."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from support import CORPUS, PACKAGE, SMALL_MODEL, corpus_documents
from yusuan import compute_facts, read, read_files, read_text
from yusuan.errors import NotADisclosure

TRUTHS = sorted((CORPUS / "truth").glob("*.json"))


def _documents() -> list[list[Path]]:
    """Every disclosure of the corpus, a two-file document (…-narrative + …-tables) as one."""
    return corpus_documents()


@pytest.mark.parametrize("files", _documents(), ids=lambda fs: fs[0].stem[:40])
def test_no_disclosure_of_the_corpus_is_refused(files: list[Path]) -> None:
    d = read_files(files).disclosure if len(files) == 2 else read(files[0]).disclosure
    assert d.tables and d.meta.year


@pytest.mark.parametrize(
    "name",
    [
        "shanghai-putuo-justice-2026-dept-budget-review-checklist.xlsx",
        "shanghai-putuo-justice-2026-unit-budget-review-checklist.xlsx",
    ],
)
def test_a_review_checklist_is_named_not_a_disclosure(name: str) -> None:
    with pytest.raises(NotADisclosure) as e:
        read(CORPUS / name)
    assert "检查表" in e.value.zh and "不是预决算公开文件" in e.value.zh and "缺少" not in e.value.zh


@pytest.mark.parametrize("truth", TRUTHS, ids=lambda p: p.stem)
def test_every_fact_of_the_truth_files_is_exact(truth: Path) -> None:
    t = json.loads(truth.read_text("utf-8"))
    files = [CORPUS / f for f in t["files"]]
    d = (read_files(files) if len(files) == 2 else read(files[0])).disclosure
    assert (d.meta.year, d.meta.kind, d.meta.scope) == (t["year"], t["kind"], t["scope"])
    facts = compute_facts(d)
    wrong = {
        k: (v, facts[k].value) for k, v in t["facts"].items() if facts[k].value is None or Decimal(facts[k].value) != Decimal(v)
    }  # type: ignore[arg-type]
    assert not wrong


NARRATIVE_BETWEEN_TABLES = """2025年某某街道部门预算
部门预算编制说明
2025年某某街道收入预算100.00万元。
2025年部门“三公”经费和机关运行经费预算表
单位：万元
合计\t因公出国（境）费\t公务接待费
1.00\t0.00\t1.00

其他相关情况说明
一、2025年“三公”经费预算情况说明
2025年“三公”经费预算数为1.00万元，与上年持平。
二、政府采购情况
2025年本部门政府采购预算30.00万元，其中：政府采购货物预算10.00万元、政府采购工程预算0.00万元、政府采购服务预算20.00万元。

财政项目支出绩效目标填报表
单位：万元
项目名称\t金额
某项目\t5.00
"""


def test_narrative_printed_between_two_tables_is_narrative() -> None:
    """A 街道 prints 其他相关情况说明 after its nine tables and before its 绩效目标 tables: those
    paragraphs are narrative (their sections and facts), not notes of the table before them."""
    from yusuan.ingest.text import split_text
    from yusuan.profiles import get_profile

    raw = split_text(NARRATIVE_BETWEEN_TABLES, get_profile("shanghai-budget"))
    assert len(raw.tables) == 2 and not raw.tables[0].notes
    narrative = "\n".join(raw.narrative_lines)
    assert "政府采购预算30.00万元" in narrative and "单位：万元" not in narrative.split("其他相关情况说明")[1]
    # a table's notes printed under it stay its notes
    noted = NARRATIVE_BETWEEN_TABLES.replace("1.00\t0.00\t1.00\n", "1.00\t0.00\t1.00\n注：本表按预算数填列。\n")
    assert split_text(noted, get_profile("shanghai-budget")).tables[0].notes


def test_a_fact_keeps_the_decimals_its_first_print_dropped() -> None:
    """basic_expenditure is read from the expenditure table's 合计 row; where that cell prints
    “22,118,861” among figures with cents and the basic-expenditure table prints the same figure
    with its cents, the fact takes the cents (never a different figure)."""
    reading = read(CORPUS / "shanghai-putuo-justice-2026-unit-budget.pdf")
    fact = compute_facts(reading.disclosure)["basic_expenditure"]
    assert fact.value == "2211.886134" and fact.source.startswith("table:gpb_basic_expenditure")


def test_read_text_never_raises_for_missing_tables() -> None:
    text = (CORPUS / "henan-jiyuan-govoffice-2024-unit-budget.txt").read_text("utf-8")
    d = read_text(text[: len(text) // 3]).disclosure
    assert d.tables and len(d.tables) < 12


def test_a_part_heading_cut_over_two_lines_is_one_heading() -> None:
    """“第三部分 江苏省人大常委会办公厅” / “2017年度部门预算情况说明”: one heading, so the
    sections under it are 情况说明 (their figures are checked, their topics found)."""
    from yusuan.ingest.narrative import read_sections

    lines = (
        "第三部分 某某省某某办公厅",
        "2017年度部门预算情况说明",
        "一、收支预算总表情况说明",
        "收入预算总计100.00万元。",
        "二、收入预算总表情况说明",
        "收入100.00万元。",
    )
    secs = read_sections(lines, len(lines), "t")
    assert secs[0].title == "第三部分 某某省某某办公厅2017年度部门预算情况说明"
    assert [s.title for s in secs[1:]] == ["一、收支预算总表情况说明", "二、收入预算总表情况说明"]
    # a part heading that is complete stays alone
    lines2 = ("第一部分 部门概况", "2017年度部门预算", "一、主要职能")
    assert read_sections(lines2, 3, "t")[0].title == "第一部分 部门概况"


def test_jiangsu_sections_asked_by_year() -> None:
    """Jiangsu asks for 预算绩效 and 国有资产占用 in 情况说明 from 2019 on; the section headings of
    its 情况说明 name tables (一、收支预算总表情况说明 is the 收支总体 section)."""
    from yusuan.narrative.metrics import topic_of
    from yusuan.profiles import get_profile

    p = get_profile("jiangsu-dept-budget")
    assert not p.requires_section("assets", 2017) and p.requires_section("assets", 2019) and p.requires_section("total", 2017)
    assert topic_of(("一、收支预算总表情况说明",)) == "total"
    assert topic_of(("二、收入预算总表情况说明",)) == "income" and topic_of(("三、支出预算总表情况说明",)) == "expenditure"
    assert topic_of(("四、财政拨款收支预算总表情况说明",)) == "fiscal"


def test_findings_on_a_pdf_name_the_page_and_errors_come_first() -> None:
    """A clerk holding the PDF opens a page, not a line of our text format; the report starts
    with what is wrong, not with notes."""
    import subprocess
    import sys

    pdf = CORPUS / "jiangsu-procuratorate-2017-dept-budget.pdf"
    p = subprocess.run(
        [sys.executable, "-m", "yusuan.cli", "check", str(pdf), "--format", "json"], capture_output=True, text=True
    )
    narr = [f for f in json.loads(p.stdout)["findings"] if f.get("text")]
    assert narr and all(f["text"][0]["page"] for f in narr)
    # the 机关运行经费 growth 129.97% is stated on page 22 of the PDF (read it there)
    growth = next(f for f in narr if "129.97" in f["text"][0]["text"])
    assert growth["text"][0]["page"] == 22
    text = subprocess.run([sys.executable, "-m", "yusuan.cli", "check", str(pdf)], capture_output=True, text=True).stdout
    tags = [line.split("]")[0].strip() + "]" for line in text.splitlines() if line.startswith("  [")]
    order = {"[错误]": 0, "[警告]": 1, "[可能的尾数误差]": 2, "[提示]": 3}
    assert tags[0] == "[错误]" and ".pdf:" not in text and "第22页" in text
    assert [order[t] for t in tags][: tags.count("[错误]")] == [0] * tags.count("[错误]") or tags[0] == "[错误]"


def test_python_m_yusuan_and_version() -> None:
    import subprocess
    import sys

    from yusuan import __version__

    p = subprocess.run([sys.executable, "-m", "yusuan", "--version"], capture_output=True, text=True)
    assert p.returncode == 0 and __version__ in p.stdout
    p = subprocess.run([sys.executable, "-m", "yusuan", "check", "--format", "json"], capture_output=True, text=True)
    assert p.returncode == 1 and json.loads(p.stdout)["summary"]["error"] > 0


def test_an_internal_fault_exits_3_never_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    import yusuan.cli as cli

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "audit", broken)
    monkeypatch.setattr(sys, "argv", ["yusuan", "check"])
    with pytest.raises(SystemExit) as e:
        cli.main()
    assert e.value.code == 3 and "内部错误" in capsys.readouterr().err


def test_non_regular_files_and_outputs(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    exe = [sys.executable, "-m", "yusuan"]
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for args in (
        ["check", str(fifo)],
        ["check", "/dev/zero"],
        ["check", str(CORPUS / "henan-jiyuan-govoffice-2024-unit-budget.txt"), "--previous", "/dev/zero"],
    ):
        p = subprocess.run([*exe, *args], capture_output=True, text=True, timeout=60)
        assert p.returncode == 2 and "Traceback" not in p.stderr, args
    p = subprocess.run([*exe, "check", "/dev/zero"], capture_output=True, text=True, timeout=60)
    assert "不是普通文件" in p.stderr
    target = tmp_path / "target.txt"
    target.write_text("keep", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    p = subprocess.run([*exe, "check", "-o", str(link), "--overwrite"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and target.read_text("utf-8") == "keep" and link.is_symlink()
    # -o never names an input, the baseline included
    doc = tmp_path / "doc.txt"
    doc.write_bytes((CORPUS / "henan-jiyuan-govoffice-2024-unit-budget.txt").read_bytes())
    base = tmp_path / "accepted.json"
    assert (
        subprocess.run([*exe, "check", str(doc), "--write-baseline", str(base)], capture_output=True, timeout=60).returncode == 0
    )
    before = base.read_bytes()
    p = subprocess.run(
        [*exe, "check", str(doc), "--baseline", str(base), "-o", str(base), "--overwrite"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 2 and base.read_bytes() == before
    # standard input as “-”
    p = subprocess.run([*exe, "check", "-", "--format", "json"], input=doc.read_bytes(), capture_output=True, timeout=60)
    assert p.returncode == 1 and json.loads(p.stdout)["summary"]["error"] > 0
    # a file name with a terminal escape is echoed inert
    odd = tmp_path / "a\x1b[31mred.txt"
    p = subprocess.run([*exe, "check", str(odd)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2 and "\x1b" not in p.stderr


def test_rendered_xlsx_carries_no_formula(tmp_path: Path) -> None:
    """Text beginning with = (a unit name, a project, a note) is written as text, and yusuan
    reads its own workbook back."""
    import zipfile

    import yaml

    from yusuan.modelfile import load_model
    from yusuan.render import render

    model = yaml.safe_load(SMALL_MODEL.read_text("utf-8"))
    model["unit"] = '=HYPERLINK("http://x","点击")'
    rows = model["tables"]["project_expenditure"]["rows"]
    rows[0]["label"] = "=1+1"
    src = tmp_path / "m.yaml"
    src.write_text(yaml.safe_dump(model, allow_unicode=True), "utf-8")
    d = load_model(src.read_bytes(), str(src), "yaml", compose=True).disclosure
    data = render(d, "xlsx")
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        sheets = [z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in x for x in sheets)
    back = tmp_path / "out.xlsx"
    back.write_bytes(data)
    again = read(back).disclosure
    assert any(r.label == "=1+1" for r in again.table("project_expenditure").rows)  # type: ignore[union-attr]


def test_every_code_a_rule_can_emit_is_catalogued_with_what_it_checks_and_how_to_fix() -> None:
    """A static proof: every code literal the rules pass to a Finding (positionally or as
    rule=…) has a catalogue entry with its explanation and its fix, in both languages."""
    import re

    from yusuan.checks import CODES

    src = PACKAGE
    emitted: set[str] = set()
    for f in src.rglob("*.py"):
        text = f.read_text("utf-8")
        emitted |= set(re.findall(r'Finding\(\s*"([A-Z][A-Z0-9-]+)"', text))
        emitted |= set(re.findall(r'rule="([A-Z][A-Z0-9-]+)"', text))
    assert emitted and not emitted - set(CODES)
    thin = [c for c, i in CODES.items() if not (i.checks and i.checks_en and i.fix and i.fix_en)]
    assert not thin
