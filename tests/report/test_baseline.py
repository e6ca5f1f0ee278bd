"""The baseline of accepted findings: fingerprints that survive line shifts and rewording, counts,
the command line round trip, and files that are never overwritten without --overwrite."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest

from support import HENAN, run
from yusuan import read, read_text
from yusuan.api import audit
from yusuan.report.baseline import BaselineError, apply_baseline, fingerprint, make_baseline, read_baseline


def _shifted_text() -> str:
    """The same document with lines inserted near the top: every line number moves."""
    lines = HENAN.read_text("utf-8").split("\n")
    return "\n".join(lines[:3] + ["", "", ""] + lines[3:])


def test_fingerprints_survive_line_shifts_and_rewording() -> None:
    a = audit(read(HENAN).disclosure).findings
    b = audit(read_text(_shifted_text(), source="shifted.txt").disclosure).findings
    assert [f.location.line for f in a if f.location] != [f.location.line for f in b if f.location]
    assert Counter(map(fingerprint, a)) == Counter(map(fingerprint, b))
    f = next(f for f in a if f.cells)
    moved = dataclasses.replace(
        f,
        message="改写后的说明",
        message_en="reworded",
        cells=tuple(dataclasses.replace(c, line=(c.line or 0) + 40, page=9) for c in f.cells),
    )
    assert fingerprint(moved) == fingerprint(f)
    other_row = dataclasses.replace(f, cells=(dataclasses.replace(f.cells[0], row_key="999"),) + f.cells[1:])
    assert fingerprint(other_row) != fingerprint(f)
    assert fingerprint(dataclasses.replace(f, rule="OTHER")) != fingerprint(f)


def test_baseline_counts_identical_findings(tmp_path: Path) -> None:
    findings = audit(read(HENAN).disclosure).findings
    counts = Counter(map(fingerprint, findings))
    dup = next(fp for fp, n in counts.items() if n > 1)  # "持平" stated twice in one section
    f = next(f for f in findings if fingerprint(f) == dup)
    path = tmp_path / "b.json"
    path.write_text(make_baseline(findings), "utf-8")
    bl = read_baseline(path)
    assert dict(bl.counts)[dup] == counts[dup] and bl.size == len(findings)
    kept, hidden = apply_baseline(list(findings) + [f], bl)
    assert kept == [f] and hidden == len(findings)


def test_baseline_cli_round_trip(tmp_path: Path) -> None:
    bl = tmp_path / "accepted.json"
    p = run("check", str(HENAN), "--write-baseline", str(bl))
    assert p.returncode == 0 and p.stdout == "" and "基线" in p.stderr
    data = json.loads(bl.read_text("utf-8"))
    n = len(json.loads(run("check", str(HENAN), "--format", "json").stdout)["findings"])
    assert data["schema"] == "yusuan.baseline/1" and sum(e["count"] for e in data["findings"]) == n > 0
    # everything accepted: nothing shown, exit 0, the count of hidden findings reported
    p = run("check", str(HENAN), "--baseline", str(bl))
    assert p.returncode == 0 and f"另有 {n} 个已列入基线" in p.stdout
    j = json.loads(run("check", str(HENAN), "--baseline", str(bl), "--format", "json").stdout)
    assert j["findings"] == [] and j["summary"]["suppressed_by_baseline"] == n
    # the same document with lines moved: still all accepted
    shifted = tmp_path / "shifted.txt"
    shifted.write_text(_shifted_text(), "utf-8")
    j = json.loads(run("check", str(shifted), "--baseline", str(bl), "--format", "json").stdout)
    assert j["findings"] == [] and j["summary"]["suppressed_by_baseline"] == n
    # a new defect is still reported
    doc = tmp_path / "doc.txt"
    doc.write_text(HENAN.read_text("utf-8").replace("占65.56%", "占65.66%"), "utf-8")
    p = run("check", str(doc), "--baseline", str(bl), "--format", "json")
    j = json.loads(p.stdout)
    assert p.returncode == 1 and [f["rule"] for f in j["findings"]] == ["NARR-SHARE"]
    assert j["summary"]["suppressed_by_baseline"] == n


def test_baseline_is_never_overwritten_without_overwrite(tmp_path: Path) -> None:
    bl = tmp_path / "accepted.json"
    bl.write_text("keep", "utf-8")
    p = run("check", str(HENAN), "--write-baseline", str(bl))
    assert p.returncode == 2 and "已存在" in p.stderr and "already exists" in p.stderr and "Traceback" not in p.stderr
    assert bl.read_text("utf-8") == "keep"
    p = run("check", str(HENAN), "--write-baseline", str(bl), "--overwrite")
    assert p.returncode == 0 and json.loads(bl.read_text("utf-8"))["schema"] == "yusuan.baseline/1"
    bl.write_text("keep", "utf-8")
    p = run("check", str(HENAN), "--write-baseline", str(bl), "--force")  # the usual alias
    assert p.returncode == 0 and json.loads(bl.read_text("utf-8"))["schema"] == "yusuan.baseline/1"


@pytest.mark.parametrize(
    "content, expect",
    [
        (None, "不存在"),
        (b"", "不是有效的 JSON"),
        (b"{not json", "不是有效的 JSON"),
        (b"\xff\xfe\x00garbage", "不是有效的 JSON"),
        (b"[]", "不是 yusuan 基线文件"),
        (b'{"schema": "yusuan.report/2", "findings": []}', "不是 yusuan 基线文件"),
        (b'{"schema": "yusuan.baseline/1"}', "缺少 findings"),
        (b'{"schema": "yusuan.baseline/1", "findings": [{"count": 1}]}', "第 1 项"),
        (b'{"schema": "yusuan.baseline/1", "findings": [{"fingerprint": "ab", "count": 0}]}', "第 1 项"),
        (b"[" * 100000 + b"]" * 100000, "不是"),
    ],
)
def test_bad_baseline_exit_2(tmp_path: Path, content: bytes | None, expect: str) -> None:
    bl = tmp_path / "b.json"
    if content is not None:
        bl.write_bytes(content)
    with pytest.raises(BaselineError) as e:
        read_baseline(bl)
    assert expect in e.value.zh and e.value.en
    p = run("check", str(HENAN), "--baseline", str(bl))
    assert p.returncode == 2 and expect in p.stderr and "Traceback" not in p.stderr and p.stdout == ""


def test_write_baseline_with_output_is_refused(tmp_path: Path) -> None:
    p = run("check", str(HENAN), "--write-baseline", str(tmp_path / "b.json"), "-o", str(tmp_path / "r.txt"))
    assert p.returncode == 2 and "-o" in p.stderr and list(tmp_path.iterdir()) == []


def test_baseline_directory_is_refused(tmp_path: Path) -> None:
    p = run("check", str(HENAN), "--baseline", str(tmp_path))
    assert p.returncode == 2 and "目录" in p.stderr
