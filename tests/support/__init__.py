"""What every test shares: where the fixtures are, how the command line is run, and small helpers
used by more than one test file. The modules beside this one hold the bigger helpers:

- ``support.hostile``: hostile and broken inputs built in memory (hardening, fuzz, bench_limits);
- ``support.htmlscan``: a small HTML reader for the report pages;
- ``support.roundtrip``: two models compared the way a reader of the document sees them;
- ``support.pdfs``: PDFs written by hand or with pdfium (reader tests);
- ``support.mutation``: one numeric cell of a document changed (mutation tests);
- ``support.generated``: a consistent budget made up from scratch (a hypothesis strategy).

pytest puts ``tests/`` on ``sys.path`` (``pythonpath`` in pyproject.toml), so a test imports
``from support import CORPUS``; paths are fixed here, never from a test file's own place, so that a
test file can move in the tree.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]  # the repository
SRC = ROOT / "src"
PACKAGE = SRC / "yusuan"
TESTS = ROOT / "tests"
FIXTURES = TESTS / "fixtures"
CORPUS = FIXTURES / "corpus"
MODELS = FIXTURES / "models"
SMALL_MODEL = MODELS / "small-unit-2025.yaml"
GOLDEN = TESTS / "golden"
GOLDEN_PDF = GOLDEN / "pdf"
ARTIFACTS = TESTS / "artifacts"  # pictures the tests write for a look (not committed)
BENCHMARKS = ROOT / "benchmarks"

#: The reference document (Henan Jiyuan government office, 2024 unit budget) in the text format.
HENAN = CORPUS / "henan-jiyuan-govoffice-2024-unit-budget.txt"
#: a real pair of years as `yusuan diff` takes it: the Jiangsu CPC office's budgets of 2017 and 2018,
#: each a narrative and a tables file (Jiangsu defines 机关运行经费 otherwise up to 2017)
JIANGSU_PAIR_DIFF_ARGS = tuple(
    arg
    for side, year in (("--last", 2017), ("--this", 2018))
    for part in ("narrative", "tables")
    for arg in (side, str(CORPUS / f"jiangsu-cpc-office-{year}-dept-budget-{part}.pdf"))
)
#: The same document as bundled with the package (``yusuan.example_path()``).
EXAMPLE = PACKAGE / "data" / "henan-jiyuan-govoffice-2024-unit-budget.txt"

#: The command line in a child process, with this interpreter.
CLI = [sys.executable, "-m", "yusuan.cli"]


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``yusuan ARGS`` in a child process, its output captured as text."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout, cwd=cwd)


def by_rule(findings: Iterable[Any], rule: str) -> list[Any]:
    """The findings of one rule (code)."""
    return [f for f in findings if f.rule == rule]


def edit(text: str, *edits: tuple[str, str], count: int = 1) -> str:
    """``text`` with each (old, new) replaced (``count`` times, -1 for all); each old must be there."""
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, count)
    return text


def corpus_documents(skip: tuple[str, ...] = ("checklist",)) -> list[list[Path]]:
    """Every disclosure of the corpus (PDF, XLSX, text), a two-file document (…-narrative +
    …-tables) as one; files whose name holds a word of ``skip`` are left out."""
    docs: list[list[Path]] = []
    for p in sorted(CORPUS.iterdir()):
        if p.suffix not in (".pdf", ".xlsx", ".txt") or any(w in p.name for w in skip) or p.stem.endswith("-tables"):
            continue
        tables = p.with_name(p.stem.removesuffix("-narrative") + "-tables" + p.suffix)
        docs.append([p, tables] if p.stem.endswith("-narrative") and tables.exists() else [p])
    return docs


def rezip(data: bytes, change: dict[str, bytes]) -> bytes:
    """A copy of the zip ``data`` (DOCX, XLSX) with the members of ``change`` replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, change.get(info.filename, src.read(info.filename)))
        for name in set(change) - set(src.namelist()):
            z.writestr(name, change[name])
    return out.getvalue()
