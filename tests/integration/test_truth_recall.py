"""Recall against the hand-read truth files (issue #10): every defect that
tests/fixtures/truth_findings.toml says is reported really is reported by a real run, and the
share of defects reported does not fall. The scorer is benchmarks/score_truth.py."""

from __future__ import annotations

import importlib.util
import sys

from support import ROOT


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_truth", ROOT / "benchmarks" / "score_truth.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["score_truth"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_every_defect_we_claim_to_report_is_reported_and_recall_holds() -> None:
    rows = _scorer().score()
    assert len(rows) == 70
    unread = [r for r in rows if r.how.startswith("not yet read")]
    assert not unread, "a defect of the truth files has no entry in truth_findings.toml"
    lost = [f"{r.doc} #{r.index}: {r.how}" for r in rows if not r.found and not r.how.startswith("missed:")]
    assert not lost
    assert sum(r.found for r in rows) / len(rows) >= 0.90
