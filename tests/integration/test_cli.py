"""The command line as a user runs it: exit codes, formats, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import HENAN, run


def test_check_embedded_example_in_chinese() -> None:
    p = run("check")
    assert p.returncode == 1  # the reference document has real errors
    assert "表12" in p.stdout and "工程技术资料归档率" in p.stdout and "错误" in p.stdout
    assert "Traceback" not in p.stderr


def test_check_json_schema() -> None:
    p = run("check", str(HENAN), "--format", "json")
    data = json.loads(p.stdout)
    assert data["schema"] == "yusuan.report/2"
    f = data["findings"][0]
    assert set(f) >= {"rule", "severity", "message", "location", "expected", "actual"}
    assert set(f["location"]) >= {"table", "row", "column", "line", "page"}


def test_check_english() -> None:
    p = run("check", str(HENAN), "--lang", "en")
    assert "error(s)" in p.stdout


def test_extract_json_facts() -> None:
    p = run("extract", str(HENAN), "--format", "json")
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["schema"] == "yusuan.disclosure/1"
    assert data["facts"]["revenue_total"] == "2753.26"
    assert data["facts"]["reserve_expenditure"] is None
    assert len(data["tables"]) == 12


def test_rules_lists_codes() -> None:
    p = run("rules")
    assert p.returncode == 0 and "PERF-CODE-LENGTH" in p.stdout


@pytest.mark.parametrize(
    "content, expect",
    [
        (b"", "文件为空"),
        (b"   \n\n", "文件为空"),
        (bytes(range(256)) * 20, "不是文本文件"),
        (b"%PDF-1.7\n%binary", "PDF"),
        (b"PK\x03\x04rest", "不是 DOCX 或 XLSX"),
        ("这是一封普通的信，没有任何表格。\n".encode(), "不像是预决算公开文件"),
    ],
)
def test_bad_input_exit_2(tmp_path: Path, content: bytes, expect: str) -> None:
    f = tmp_path / "input.txt"
    f.write_bytes(content)
    before = f.read_bytes()
    for cmd in ("check", "extract"):
        p = run(cmd, str(f))
        assert p.returncode == 2, (cmd, p.stdout, p.stderr)
        assert expect in p.stderr and "Traceback" not in p.stderr
    assert f.read_bytes() == before  # nothing the user gave is changed


def test_document_cut_in_half(tmp_path: Path) -> None:
    """Never refuse what can be read: the tables that are there are audited, each missing one is
    an error of its own (COMPLETE-TABLE), and the exit code is 1 (errors found), not 2."""
    text = HENAN.read_text("utf-8")
    f = tmp_path / "half.txt"
    f.write_text(text[: len(text) // 2], "utf-8")
    p = run("check", str(f), "--format", "json")
    assert p.returncode == 1 and "Traceback" not in p.stderr
    report = json.loads(p.stdout)
    missing = [x for x in report["findings"] if x["rule"] == "COMPLETE-TABLE"]
    assert len(missing) == 6 and all(x["severity"] == "error" for x in missing)
    assert any("三公" in x["message"] for x in missing)
    assert any("没有找到模板" in n for n in report["reader_notes"])
    # the option of earlier versions is still accepted and changes nothing
    assert run("check", str(f), "--allow-partial").returncode == 1


def test_a_review_checklist_is_not_a_disclosure(tmp_path: Path) -> None:
    """A finance bureau's 公开情况检查表 lists the tables' names but is no disclosure: a clear
    message and exit 2 (not “9 tables missing”)."""
    rows = [
        "# 2026年度某区部门预算公开情况检查表",
        "部门名称: 某区某局",
        "2026年度部门预算公开检查内容\t\t符合要求\t问题截图",
        "及时性\t及时公开部门预算\t是\t",
        "内容规范性\t《部门财务收支预算总表》\t是\t",
        "\t《部门收入预算总表》\t否\t表题有误",
        "\t《部门“三公”经费和机关运行经费预算表》\t是\t",
    ]
    f = tmp_path / "checklist.txt"
    f.write_text("\n".join(rows) + "\n", "utf-8")
    for cmd in ("check", "extract"):
        p = run(cmd, str(f))
        assert p.returncode == 2 and "检查表" in p.stderr and "不是预决算公开文件" in p.stderr and "checklist" in p.stderr, (
            p.stderr
        )
        assert "缺少" not in p.stderr and "Traceback" not in p.stderr


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nope.txt")).returncode == 2
    p = run("check", str(tmp_path))
    assert p.returncode == 2 and "目录" in p.stderr


def test_gb18030_encoded_document(tmp_path: Path) -> None:
    f = tmp_path / "gbk.txt"
    f.write_bytes(HENAN.read_text("utf-8").encode("gb18030"))
    p = run("extract", str(f))
    assert p.returncode == 0 and json.loads(p.stdout)["facts"]["general_public_budget"] == "2155.16"


def test_a_checklist_of_an_unknown_template_is_named_too(tmp_path: Path) -> None:
    f = tmp_path / "自查表.txt"
    f.write_text(
        "# 2025年部门决算公开自查表\n序号\t检查项目\t是否符合\t说明\n1\t按时公开\t是\t\n2\t表格完整\t否\t缺一张表\n", "utf-8"
    )
    p = run("check", str(f))
    assert p.returncode == 2 and "自查表" in p.stderr and "不是预决算公开文件" in p.stderr, p.stderr


def test_ctrl_c_says_interrupted_and_exits_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl-C during a command: the message in both languages and exit 130, whichever way the
    installed Typer reports it (newer ones return 130 without a word)."""
    import sys

    import yusuan.cli as cli

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "audit", interrupted)
    monkeypatch.setattr(sys, "argv", ["yusuan", "check", str(HENAN)])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == 130
    assert "已中断 / interrupted" in capsys.readouterr().err
