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
    offenders = {
        f"{p.relative_to(SRC)} → {m}" for p in (SRC / "narrative").glob("*.py") for m in _imports(p) if m.startswith("checks")
    }
    assert not offenders


def test_findings_sit_at_the_bottom_on_the_model_only() -> None:
    assert {m.split(".")[0] for m in _imports(SRC / "findings.py")} <= {"model"}


def test_the_old_home_still_exports_the_same_types() -> None:
    from yusuan import findings
    from yusuan.report import finding

    assert finding.Finding is findings.Finding and finding.CellRef is findings.CellRef and finding.TextRef is findings.TextRef


# ---------------------------------------------------------------- ingest (issue 15)

READERS = {"ingest.pdf", "ingest.docx", "ingest.xlsx", "ingest.html", "ingest.text"}


def _module(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _ingest_graph() -> dict[str, set[str]]:
    """Every module of ``ingest`` (subpackages included) → the ``ingest`` modules it imports,
    at the top or inside a function."""
    paths = {_module(p): p for p in (SRC / "ingest").rglob("*.py")}
    return {name: {m for m in _imports(p) if m in paths} for name, p in paths.items()}


def test_layout_holds_the_data_types_and_imports_no_reader() -> None:
    imported = _imports(SRC / "ingest" / "layout.py")
    assert not {m for m in imported if m == "ingest" or m.startswith("ingest.")}
    # the dispatch to the readers lives in formats, which imports them at the top
    assert READERS <= _ingest_graph()["ingest.formats"]


def test_the_format_readers_do_not_import_the_dispatch() -> None:
    graph = _ingest_graph()
    readers = [m for m in graph if any(m == r or m.startswith(r + ".") for r in READERS)]
    assert {"ingest.pdf.chars", "ingest.docx"} <= set(readers)
    assert not {f"{r} → ingest.formats" for r in readers if "ingest.formats" in graph[r]}


def test_no_import_loop_in_ingest() -> None:
    """No module of ``ingest`` imports, through any chain, a module that imports it back
    (the package ``ingest`` itself, which gathers the readers for the public API, is left out)."""
    graph = {k: v - {"ingest"} for k, v in _ingest_graph().items() if k != "ingest"}
    loops: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                loops.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert not loops
