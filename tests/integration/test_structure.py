"""The package's layers (issue #9, structure): findings at the bottom, rules above them, reports on top.

A rule (``checks``) or the narrative reader that imports ``report`` would make the reports a
dependency of the rules they report; the Finding type lives in :mod:`yusuan.findings`, which
needs only the model.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import PACKAGE

SRC = PACKAGE


def _imports(path: Path) -> set[str]:
    """The yusuan modules ``path`` imports, as dotted names relative to the package (``report.finding``)."""
    package = path.relative_to(SRC).parent.parts
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                out.add(".".join((*base, *(node.module or "").split("."))).strip("."))
            elif node.module and node.module.startswith("yusuan."):
                out.add(node.module.removeprefix("yusuan."))
        elif isinstance(node, ast.Import):
            out.update(a.name.removeprefix("yusuan.") for a in node.names if a.name.startswith("yusuan."))
    return out


def test_rules_and_the_narrative_reader_never_import_the_reports() -> None:
    offenders = {
        f"{p.relative_to(SRC)} → {m}"
        for sub in ("checks", "narrative")
        for p in (SRC / sub).glob("*.py")
        for m in _imports(p)
        if m == "report" or m.startswith("report.")
    }
    assert not offenders


def test_the_narrative_reader_does_not_import_the_rules() -> None:
    offenders = {f"{p.relative_to(SRC)} → {m}" for p in (SRC / "narrative").glob("*.py") for m in _imports(p) if m.startswith("checks")}
    assert not offenders


def test_findings_sit_at_the_bottom_on_the_model_only() -> None:
    assert {m.split(".")[0] for m in _imports(SRC / "findings.py")} <= {"model"}


def test_the_old_home_still_exports_the_same_types() -> None:
    from yusuan import findings
    from yusuan.report import finding

    assert finding.Finding is findings.Finding and finding.CellRef is findings.CellRef and finding.TextRef is findings.TextRef
