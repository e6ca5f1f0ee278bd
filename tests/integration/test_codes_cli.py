"""The catalog on the command line: ``yusuan catalog``, ``yusuan check --catalog`` and the
report's catalog edition."""

from __future__ import annotations

import json
from pathlib import Path

from support import HENAN, run


def test_catalog_entry_with_provenance_and_parents() -> None:
    p = run("catalog", "2010301")
    assert p.returncode == 0
    assert "2010301  行政运行" in p.stdout and "seed:henan-2024" in p.stdout
    assert "201 一般公共服务支出 > 20103 政府办公厅（室）及相关机构事务" in p.stdout


def test_catalog_rename_crosswalk_and_edition() -> None:
    p = run("catalog", "20805")
    assert "行政事业单位养老支出" in p.stdout and "行政事业单位离退休（至 2019 年版" in p.stdout
    assert "20805  行政事业单位离退休" in run("catalog", "20805", "--year", "2020").stdout
    assert "50208 公务用车运行维护费" in run("catalog", "30231").stdout
    assert "210  卫生健康支出" in run("catalog", "医疗卫生与计划生育支出").stdout


def test_catalog_summary_and_unknown_code() -> None:
    p = run("catalog")
    assert p.returncode == 0 and "2024" in p.stdout and "支出功能分类" in p.stdout and "2017, 2018, 2019, 2024" in p.stdout
    q = run("catalog", "9999999")
    assert q.returncode == 1 and "不在 2024 年版" in q.stdout and "Traceback" not in q.stderr
    r = run("catalog", "--edition", "1990")
    assert r.returncode == 2 and "错误" in r.stderr and "Traceback" not in r.stderr


def test_check_json_reports_the_catalog_edition() -> None:
    data = json.loads(run("check", str(HENAN), "--format", "json").stdout)
    assert data["catalog_edition"] == 2024 and data["catalog_source"] == "bundled"
    assert any(f["rule"] == "CODE-NAME" for f in data["findings"])


def test_check_with_a_catalog_file(tmp_path: Path) -> None:
    f = tmp_path / "2026.csv"
    f.write_text("edition,code,name,provenance\n2026,50101,工资奖金津贴,official\n", "utf-8")
    p = run("check", str(HENAN), "--format", "json", "--catalog", str(f))
    data = json.loads(p.stdout)
    assert data["catalog_edition"] == 2026 and data["catalog_source"] == str(f)
    rules = {x["rule"] for x in data["findings"]}
    assert "CODE-UNKNOWN" in rules  # everything else is missing from this tiny edition: info, not error
    assert not any(x["rule"].startswith("CODE-") and x["severity"] == "error" for x in data["findings"])
    name = [x for x in data["findings"] if x["rule"] == "CODE-NAME"]
    assert [x["location"]["table_no"] for x in name] == [6]  # in this edition table 7 is right, table 6 is not
    assert "official" in run("catalog", "50101", "--catalog", str(f)).stdout


def test_check_with_a_bad_catalog_file_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("code,title\n201,x\n", "utf-8")
    p = run("check", str(HENAN), "--catalog", str(f))
    assert p.returncode == 2 and "缺少列 name" in p.stderr and "Traceback" not in p.stderr
    q = run("check", str(HENAN), "--catalog", str(tmp_path / "missing.csv"), "--lang", "en")
    assert q.returncode == 2 and "does not exist" in q.stderr and "Traceback" not in q.stderr
