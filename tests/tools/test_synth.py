"""yusuan synth: consistent synthetic disclosures, a share with injected defects listed beside
them. Every document is written, read back from its file and checked: each injected defect is
named by an error or warning, and the clean ones have no error."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from yusuan import check, read
from yusuan.cli import app
from yusuan.tools.synth import DEFECT_KINDS, Defect, detected, synthesize


def test_twenty_documents_every_defect_found_clean_ones_clean(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", "--count", "20", "-o", str(tmp_path), "--seed", "7", "--defects", "0.6"])
    assert result.exit_code == 0, result.output
    sidecars = sorted(tmp_path.glob("*.defects.json"))
    assert len(sidecars) == 20
    kinds: set[str] = set()
    missed: list[str] = []
    clean_errors: list[str] = []
    for side in sidecars:
        meta = json.loads(side.read_text(encoding="utf-8"))
        assert meta["schema"] == "yusuan.synth/1" and meta["files"] == [f"{meta['name']}.txt"]
        d = read(tmp_path / meta["files"][0]).disclosure
        findings = check(d)
        defects = [Defect(**x) for x in meta["defects"]]
        if not defects:
            clean_errors += [f"{meta['name']}: {f.rule} {f.message}" for f in findings if f.severity == "error"]
        for defect in defects:
            kinds.add(defect.kind)
            if not detected(defect, findings):
                missed.append(f"{meta['name']}: {defect.description}")
    assert sum(1 for s in sidecars if json.loads(s.read_text(encoding="utf-8"))["defects"]) == 12
    assert kinds == set(DEFECT_KINDS)  # every kind was injected at least once
    assert missed == []
    assert clean_errors == []


def test_same_seed_same_documents_and_share_respected() -> None:
    a = list(synthesize(6, seed=11, defect_share=0.5))
    b = list(synthesize(6, seed=11, defect_share=0.5))
    assert [x.defects for x in a] == [x.defects for x in b]
    assert [x.disclosure.meta.unit_name for x in a] == [x.disclosure.meta.unit_name for x in b]
    assert sum(1 for x in a if x.defects) == 3
    assert all(not x.defects for x in synthesize(3, seed=1, defect_share=0))


def test_a_finding_elsewhere_does_not_count_as_detection() -> None:
    s = next(x for x in synthesize(4, seed=5, defect_share=1.0) if x.defects and x.defects[0].kind == "cell")
    other = Defect("cell", "", table="no_such_table", column="no_such_column", row="999 不存在", row_code="999")
    assert not detected(other, check(s.disclosure))


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["synth", "-n", "1", "-o", str(tmp_path)]).exit_code == 0
    again = runner.invoke(app, ["synth", "-n", "1", "-o", str(tmp_path)])
    assert again.exit_code == 2
    assert runner.invoke(app, ["synth", "-n", "1", "-o", str(tmp_path), "--overwrite"]).exit_code == 0


def test_xlsx_documents_read_back_clean(tmp_path: Path) -> None:
    r = CliRunner().invoke(app, ["synth", "-n", "2", "-o", str(tmp_path), "--defects", "0", "--format", "xlsx", "--seed", "3"])
    assert r.exit_code == 0, r.output
    for f in sorted(tmp_path.glob("*.xlsx")):
        assert [x.rule for x in check(read(f).disclosure) if x.severity == "error"] == []
