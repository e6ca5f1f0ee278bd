"""Issue 12, the first hour of a newcomer: figures a clerk can type, help and flags that say
one thing, messages in both languages, files that say who wrote them, a Python API."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import yusuan
from support import CORPUS, HENAN, ROOT, run
from yusuan.checks.narrative import as_printed
from yusuan.errors import EmptyInput, NotText
from yusuan.ingest.text import decode

WELFARE = CORPUS / "shanghai-putuo-welfare-home-2024-unit-budget.pdf"  # tables in 元
JUSTICE_UNIT = CORPUS / "shanghai-putuo-justice-2026-unit-budget.pdf"  # prints 14,348,853.34
CLI = [sys.executable, "-m", "yusuan"]


# ---------------------------------------------------------------- figures as printed


@pytest.mark.parametrize(
    ("value", "printed", "kind", "want"),
    [
        ("958.4796", "738.66万元", "amount", "958.48万元"),  # a table in 元: never 958.4796万元
        ("87.708", "87.70万元", "amount", "87.71万元"),
        ("1234.5", "1,000万元", "amount", "1,234.50万元"),  # separators as printed, cents when not whole
        ("35", "36万元", "amount", "35万元"),  # whole, printed without decimals
        ("3.5", "200元", "amount", "35000元"),  # the narrative's own unit
        ("587.4286", "80.92%", "share", "587.43%"),
        ("9.1511", "9.1 %", "change_rate", "9.2%"),
        ("3", "4个", "count", "3"),
    ],
)
def test_a_suggestion_is_written_as_the_narrative_prints(value: str, printed: str, kind: str, want: str) -> None:
    assert as_printed(Decimal(value), printed, kind) == want


def test_a_narrative_amount_against_a_table_in_yuan_names_the_printed_cell() -> None:
    report = yusuan.audit(WELFARE)
    f = next(f for f in report.findings if f.rule == "NARR-AMOUNT" and f.severity == "error")
    assert f.suggestion == "应为 958.48万元" and f.expected == "958.48"
    assert "9,584,796元" in f.message and "958.4796" not in f.message
    assert "9,584,796 yuan" in f.message_en
    for g in report.findings:  # no raw 元→万元 conversion, no 28-digit division anywhere
        for text in (g.message, g.message_en, g.suggestion or "", g.expected or ""):
            assert not re.search(r"\d\.\d{7,}", text), text
            assert "0.01000000" not in text


def test_a_sum_names_its_figures_with_the_tables_separators() -> None:
    report = yusuan.audit(JUSTICE_UNIT)
    f = next(f for f in report.findings if f.rule == "ARITH-ROW" and f.severity == "error")
    assert "印出 14,348,853.34" in f.message and "计算得 79,189,400.34" in f.message
    assert f.suggestion is not None and f.suggestion.endswith("应为 79,189,400.34")
    assert f.actual == "14348853.34"  # the data fields stay plain decimals


def test_a_sum_in_a_table_without_separators_stays_without() -> None:
    report = yusuan.audit(HENAN)
    for f in report.findings:
        if f.rule.startswith("ARITH") and not any("," in c.value for c in f.cells):
            assert not re.search(r"印出 \d{1,3},\d{3}", f.message)


# ---------------------------------------------------------------- text encodings


def test_utf16_with_bom_is_read_and_without_bom_is_named() -> None:
    text = HENAN.read_text("utf-8")
    assert decode(text.encode("utf-16"), "x.txt") == text
    with pytest.raises(NotText) as err:
        decode(text.encode("utf-16-le"), "x.txt")
    assert "UTF-16" in err.value.zh and "UTF-8" in err.value.zh and "UTF-16" in err.value.en


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf \n"])
def test_a_bom_only_file_is_empty(bom: bytes) -> None:
    with pytest.raises(EmptyInput) as err:
        decode(bom, "x.txt")
    assert "BOM" in err.value.zh


def test_binary_data_is_still_refused_as_binary() -> None:
    with pytest.raises(NotText) as err:
        decode(bytes(range(256)) * 4, "x.bin")
    assert "二进制" in err.value.zh


def test_cli_utf16_and_bom_messages(tmp_path: Path) -> None:
    u16 = tmp_path / "u16.txt"
    u16.write_bytes(HENAN.read_text("utf-8").encode("utf-16"))
    assert run("check", str(u16)).returncode == 1  # read, audited: the example's errors
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf")
    p = run("check", str(bom))
    assert p.returncode == 2 and "文件为空" in p.stderr and "empty" in p.stderr


# ---------------------------------------------------------------- help and flags


def test_every_option_has_help_and_profile_lists_its_ids() -> None:
    import typer.main

    from yusuan.cli import app
    from yusuan.profiles import profiles

    cmd = typer.main.get_command(app)
    for name, sub in cmd.commands.items():  # type: ignore[attr-defined]
        for param in sub.params:
            if getattr(param, "hidden", False) or param.param_type_name != "option" or param.name == "help":
                continue
            assert param.help, f"{name} {param.opts} has no help"
            if "--profile" in param.opts:
                assert all(pid in param.help for pid in profiles()), param.help


def test_version() -> None:
    p = run("--version")
    assert p.returncode == 0 and yusuan.__version__ in p.stdout and yusuan.RULESET_VERSION in p.stdout


def test_force_is_a_hidden_alias_in_check_and_render(tmp_path: Path) -> None:
    assert "--force" not in run("check", "--help").stdout
    render_help = run("render", "--help").stdout
    assert "--force" not in render_help and "--allow-errors" in render_help and "--overwrite" in render_help
    out = tmp_path / "r.txt"
    out.write_text("old")
    assert run("check", str(HENAN), "-o", str(out), "--force").returncode == 1  # still means overwrite
    assert "表12" in out.read_text("utf-8")


def test_usage_errors_have_a_chinese_line() -> None:
    p = run("check", "--no-such-flag")
    assert p.returncode == 2
    first = p.stderr.splitlines()[0]
    assert first.startswith("用法错误：没有这个选项") and "--no-such-flag" in p.stderr and "usage error" in p.stderr
    p = run("check", "--format", "xml")
    assert p.returncode == 2 and "取值无效" in p.stderr and "Traceback" not in p.stderr


def test_messages_on_stderr_in_both_languages(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    p = run("check", str(HENAN), "-f", "html", "-o", str(out))
    assert "报告已写入" in p.stderr and "report written to" in p.stderr
    bl = tmp_path / "bl.json"
    p = run("check", str(HENAN), "--write-baseline", str(bl))
    assert "写入基线" in p.stderr and "baseline" in p.stderr
    p = run("catalog", "2990000")
    assert p.returncode == 1 and "不在" in p.stdout and "not in catalog" in p.stdout


def test_extract_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "m.json"
    p = run("extract", str(HENAN), "-o", str(out))
    assert p.returncode == 0 and p.stdout == "" and "已写入" in p.stderr
    assert json.loads(out.read_text("utf-8"))["schema"] == "yusuan.disclosure/1"
    assert run("extract", str(HENAN), "-o", str(out)).returncode == 2  # never over an existing file
    assert run("extract", str(HENAN), "-o", str(out), "--overwrite").returncode == 0


def test_render_a_two_file_document(tmp_path: Path) -> None:
    out = tmp_path / "j.txt"
    narrative = CORPUS / "jiangsu-cpc-office-2018-dept-budget-narrative.pdf"
    tables = CORPUS / "jiangsu-cpc-office-2018-dept-budget-tables.pdf"
    p = run("render", str(narrative), str(tables), "-o", str(out), "--allow-errors")
    assert p.returncode == 0, p.stderr
    text = out.read_text("utf-8")
    assert "收支预算总表" in text and "情况说明" in text and "24458.43" in text


def test_make_demo_succeeds_and_shows_the_exit_code() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    demo = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    assert "-$(BIN)/yusuan" not in demo  # no “Error 1 (ignored)”
    assert "exit code" in demo and "test $$rc -le 1" in demo


# ---------------------------------------------------------------- what it writes


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_office_files_say_yusuan_wrote_them(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"h{suffix}"
    assert run("render", str(HENAN), "-o", str(out), "--allow-errors").returncode == 0
    with zipfile.ZipFile(out) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<dc:creator>yusuan</dc:creator>" in core and f"yusuan {yusuan.__version__}" in core
    assert "python-docx" not in core and "2013-12-23" not in core
    assert "2024-06-09" in core  # created: the document's own date
    assert f"<Application>yusuan {yusuan.__version__}</Application>" in app
    assert "openpyxl" not in app.lower() and "Microsoft" not in app
    # and the file still opens with the libraries that read it
    if suffix == ".docx":
        import docx

        assert docx.Document(str(out)).core_properties.author == "yusuan"
    else:
        import openpyxl

        assert openpyxl.load_workbook(out).properties.creator == "yusuan"


def test_html_report_shows_program_and_ruleset_versions_apart() -> None:
    html = yusuan.to_html(yusuan.audit(HENAN))
    assert f'content="yusuan {yusuan.__version__}; ruleset {yusuan.RULESET_VERSION}"' in html
    assert f"yusuan {yusuan.__version__} ·" in html


# ---------------------------------------------------------------- Python API


def test_the_api_is_exported() -> None:
    for name in (
        "read",
        "check",
        "audit",
        "to_html",
        "to_csv",
        "to_json",
        "to_text",
        "findings_records",
        "facts_records",
        "findings_frame",
        "facts_frame",
        "Report",
    ):
        assert name in yusuan.__all__ and callable(getattr(yusuan, name))
    import importlib

    assert importlib.import_module("yusuan.render.pdf")  # the package yusuan.render is not hidden by a function


def test_audit_takes_paths_previous_and_baseline(tmp_path: Path) -> None:
    report = yusuan.audit(HENAN)
    assert report.errors == 8
    assert yusuan.audit(yusuan.read(HENAN)).errors == 8
    bl = tmp_path / "bl.json"
    assert run("check", str(HENAN), "--write-baseline", str(bl)).returncode == 0
    hidden = yusuan.audit(HENAN, baseline=bl)
    assert hidden.errors == 0 and hidden.suppressed == len(report.findings)
    with_prev = yusuan.audit(HENAN, previous=HENAN, select=["NARR"])
    assert all(f.rule.startswith("NARR") for f in with_prev.findings)
    assert with_prev.deselected > 0
    two = yusuan.audit(
        [CORPUS / "jiangsu-cpc-office-2018-dept-budget-narrative.pdf", CORPUS / "jiangsu-cpc-office-2018-dept-budget-tables.pdf"]
    )
    assert len(two.disclosure.tables) >= 10
    assert yusuan.to_json(report).startswith("{") and yusuan.to_csv(report).startswith("\ufeff")
    assert "表12" in yusuan.to_text(report)


def test_findings_and_facts_as_records() -> None:
    report = yusuan.audit(WELFARE)
    recs = yusuan.findings_records(report)
    assert len(recs) == len(report.findings)
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[r["severity"]] for r in recs] == sorted(order[r["severity"]] for r in recs)
    amount = next(r for r in recs if r["rule"] == "NARR-AMOUNT")
    assert amount["page"] == 6 and isinstance(amount["page"], int) and amount["possible_rounding"] is False
    assert amount["suggestion"] == "应为 958.48万元" and amount["text"] == "738.66万元"
    facts = {r["name"]: r for r in yusuan.facts_records(report)}
    assert set(facts) == set(yusuan.FACT_NAMES)
    assert all(r["value"] is None or isinstance(r["value"], Decimal) for r in facts.values())
    assert yusuan.findings_records(report.findings) == recs  # a plain list of findings too


def test_frames_import_pandas_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pandas: *_frame raises an ImportError that says what to install; with a
    stand-in pandas the records are what the DataFrame is built from."""
    import types

    report = yusuan.audit(HENAN)
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas → ImportError
    with pytest.raises(ImportError, match="pip install pandas"):
        yusuan.findings_frame(report)
    fake = types.ModuleType("pandas")
    fake.DataFrame = lambda records, columns: ("frame", records, columns)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pandas", fake)
    kind, records, columns = yusuan.findings_frame(report)
    assert kind == "frame" and records == yusuan.findings_records(report) and columns[0] == "rule"
    assert yusuan.facts_frame(report)[2] == ["name", "value", "source", "page", "line"]


def test_real_pandas_frames() -> None:
    pd = pytest.importorskip("pandas")
    report = yusuan.audit(HENAN)
    df = yusuan.findings_frame(report)
    assert isinstance(df, pd.DataFrame) and len(df) == len(report.findings)
    assert (df.severity == "error").sum() == report.errors
    assert len(yusuan.facts_frame(report)) == len(yusuan.FACT_NAMES)


def test_importing_yusuan_does_not_import_pandas() -> None:
    code = "import sys, yusuan; yusuan.audit(yusuan.example_path()); print('pandas' in sys.modules)"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.stdout.strip() == "False"


# ---------------------------------------------------------------- headline figures linked


def _claims(*files: Path) -> list:  # type: ignore[type-arg]
    from yusuan.narrative.claims import extract_claims

    reading = yusuan.read_files(list(files)) if len(files) > 1 else yusuan.read(files[0])
    return list(extract_claims(reading.disclosure).claims)


def test_headings_and_headline_figures_are_claims_checked_against_the_tables() -> None:
    claims = _claims(
        CORPUS / "jiangsu-cpc-office-2019-dept-budget-narrative.pdf", CORPUS / "jiangsu-cpc-office-2019-dept-budget-tables.pdf"
    )

    def status(text: str, where: str) -> str:
        c = next(c for c in claims if c.ref.text == text and where in (c.ref.section + c.ref.sentence))
        return c.status

    # the heading states the total, and is the whole of the parts listed under it
    assert status("27664.22万元", "（一）收入预算总计27664.22万元") == "verified"
    assert status("27664.22万元", "（二）支出预算总计27664.22万元") == "verified"
    # the body named otherwise than in the document's meta (江苏省委办公厅 for 中共江苏省委办公厅)
    assert status("27664.22万元", "2019年度收入、支出预算总计") == "verified"
    assert status("27664.22万元", "2019年财政拨款预算支出") == "verified"
    assert status("11700.63万元", "基本支出") == "verified"
    heading = next(c for c in claims if c.ref.section.startswith("（一）收入预算总计") and c.ref.sentence.startswith("（一）"))
    assert heading.ref.paragraph == -1  # no paragraph of the body: the HTML names it, links nothing


def test_current_revenue_of_a_summary_without_carry_over_is_its_total() -> None:
    # Shanghai's 财务收支预算总表 prints 收入总计 31,214,205.80 元 and no 本年收入合计 row
    claims = _claims(CORPUS / "shanghai-putuo-finance-2025-dept-budget.pdf")
    c = next(c for c in claims if c.ref.text == "3,121.42万元" and c.metric == "revenue_current")
    assert c.status == "verified" and c.cells and c.cells[0].table_no == 1


def test_a_summary_with_carry_over_keeps_current_and_total_apart() -> None:
    from yusuan.narrative.metrics import _current_is_total

    d = yusuan.read_files(
        [CORPUS / "jiangsu-cpc-office-2019-dept-budget-narrative.pdf", CORPUS / "jiangsu-cpc-office-2019-dept-budget-tables.pdf"]
    ).disclosure
    assert _current_is_total(d, "income") is None  # 上年结转和结余资金 is a row of its income side


@pytest.mark.parametrize(
    ("label", "topic", "want"),
    [
        ("江苏省委办公厅2018年度收入、支出预算总计", "total", "revenue_total"),
        ("上海市普陀区财政局收入预算", "", "revenue_current"),
        ("财政专户管理资金收入预算总计", "total", ""),  # one source, not the document's total
        ("财政专户管理资金收入预算总计", "income", "special_account"),
        ("一般公共预算收入预算", "income", "gpb"),
        ("其他资金收入预算总计", "total", ""),
    ],
)
def test_what_a_headline_label_names(label: str, topic: str, want: str) -> None:
    from yusuan.narrative.metrics import aliases_for

    got = next((key for rx, key in aliases_for(topic) if rx.search(label)), "")
    assert got == want


def test_heading_topics() -> None:
    from yusuan.narrative.metrics import topic_of

    assert topic_of(("一、收支预算总体情况说明", "（一）收入预算总计27664.22万元。包括：")) == "income"
    assert topic_of(("一、收支预算总体情况说明", "（二）支出预算总计27664.22万元。包括：")) == "expenditure"
    assert topic_of(("江苏省委办公厅2019年度收入、支出预算总计27664.22万元",)) == "total"


# ---------------------------------------------------------------- re-rendering a published PDF


def _rendered(pdf: Path) -> str:
    from yusuan.render import render

    return render(yusuan.read(pdf).disclosure, "txt").decode("utf-8")


def test_rerendered_toc_is_one_entry_per_line_and_the_title_is_said_once() -> None:
    text = _rendered(CORPUS / "shanghai-putuo-finance-2025-dept-budget.pdf")
    lines = text.splitlines()
    toc = lines.index("# 目 录")
    assert lines[toc + 1 : toc + 3] == ["一、部门主要职能", "二、部门机构设置"]
    assert "1. 2025年部门财务收支预算总表" in lines  # an entry's own number is no page number
    assert not any("……" in ln for ln in lines)  # no dot leaders, no page numbers of another layout
    assert text.count("上海市普陀区2025年区级部门预算") == 1 and "预算主管部门：上海市普陀区财政局" in lines


def test_rerendered_toc_read_as_headings_stays_a_toc() -> None:
    lines = _rendered(CORPUS / "jiangsu-court-2017-dept-budget.pdf").splitlines()
    toc = lines.index("# 目 录")
    assert lines[toc + 1] == "第一部分部门概况" and "十二、政府采购支出预算表" in lines[toc : toc + 30]
    assert "# 第一部分 部门概况" in lines  # the body's heading is still a heading


def test_rerendered_summary_keeps_both_stubs_of_the_expenditure_side() -> None:
    lines = _rendered(CORPUS / "jiangsu-court-2017-dept-budget.pdf").splitlines()
    head = next(i for i, ln in enumerate(lines) if ln.endswith("部门收支预算总表"))
    assert lines[head + 5] == "\t\t功能科目名称\t金额\t项目名称\t金额"
    assert lines[head + 6] == "一、财政拨款\t28,849.38\t一、一般公共服务支出\t\t一、基本支出\t17,123.19"
    assert "\t四、公共安全支出\t23,513.11\t\t" in "\n".join(lines[head : head + 12])


# ---------------------------------------------------------------- no internal key shown to a clerk


@pytest.mark.parametrize(
    "files",
    [
        [CORPUS / "jiangsu-cpc-office-2018-dept-budget-narrative.pdf", CORPUS / "jiangsu-cpc-office-2018-dept-budget-tables.pdf"],
        [CORPUS / "national-template-2024-dept-final-account.pdf"],
        [HENAN],
    ],
    ids=["jiangsu", "final-account", "henan"],
)
def test_messages_name_tables_and_identities_as_a_clerk_does(files: list[Path]) -> None:
    from yusuan.identities import IDENTITIES

    report = yusuan.audit(files if len(files) > 1 else files[0])
    internal = set(IDENTITIES) | {
        "economic_summary",
        "project_expenditure",
        "gpb_expenditure",
        "fiscal_summary",
        "gpb_basic_expenditure",
        "three_public",
        "operating-expenses-equals-basic-public",
    }
    for f in report.findings:
        for text in (f.message, f.message_en):
            assert not any(k in text for k in internal), text
    assert any(f.rule in ("NOT-CHECKED", "CROSS-NOT-CHECKED") for f in report.findings) or files == [HENAN]
