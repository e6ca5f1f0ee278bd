"""A finding on a PDF names a page that, opened, shows what the finding is about: the row
(its code or label) for a table finding, the figure or words for a narrative finding.

Checked against poppler's own text of that page (``pdftotext -f N -l N``), not against our
reader, over every finding with a page on every corpus PDF. A sentence that a page break cuts
is one paragraph of two lines, each with its page: a figure printed after the break is named
by the next page. Words cut by the page break (a title in 目录 going on to the next page) are
named by the page where they start; such cases must stay rare.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

import yusuan
from support import CORPUS

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


def _documents() -> list[list[Path]]:
    singles = [[p] for p in sorted(CORPUS.glob("*.pdf")) if not p.stem.endswith(("-narrative", "-tables"))]
    pairs = [[n, n.with_name(n.name.replace("-narrative", "-tables"))] for n in sorted(CORPUS.glob("*-narrative.pdf"))]
    return singles + pairs


@cache
def _page(pdf: Path, n: int) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True, text=True, timeout=60
    ).stdout
    return re.sub(r"\s+", "", out)


def _on(files: list[Path], n: int, needle: str) -> bool:
    return any(needle in _page(p, n) for p in files)


@pytest.mark.parametrize("files", _documents(), ids=lambda fs: fs[0].stem)
def test_the_page_named_shows_what_the_finding_names(files: list[Path]) -> None:
    report = yusuan.audit(files if len(files) > 1 else files[0])
    checked = continued = 0
    wrong: list[str] = []
    for f in report.findings:
        if f.text and f.text[0].page is not None:
            t = f.text[0]
            figure = re.sub(r"\s+", "", t.text)
            if not figure:
                continue
            checked += 1
            if _on(files, t.page, figure):
                continue
            if any(_on(files, t.page, figure[:k]) and _on(files, t.page + 1, figure[k:]) for k in range(2, len(figure))):
                continued += 1  # a figure or words that start on the page named and go on over the break
                continue
            wrong.append(f"{f.rule} p{t.page} 「{t.text}」 in 「{t.sentence[:40]}」")
        elif f.cells and f.cells[0].page is not None and f.cells[0].row:
            c = f.cells[0]
            code = re.match(r"^\s*(\d{3,})", c.row)
            label = re.sub(r"\s+", "", re.sub(r"^[\d\s]+", "", c.row))[:5]
            needles = [x for x in (code.group(1) if code else "", label) if x]
            if not needles:
                continue
            checked += 1
            # a code may be printed split into its levels (208 10 05); a label may wrap
            if any(_on(files, c.page, x) for x in needles):
                continue
            if code and _on(files, c.page, code.group(1)[:3]) and label and _on(files, c.page, label[:2]):
                continue
            wrong.append(f"{f.rule} p{c.page} 表{c.table_no} {c.row}")
    assert not wrong, "\n".join(wrong)
    assert continued <= max(2, checked // 10), (continued, checked)
