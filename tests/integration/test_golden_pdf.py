"""Our typed model of each corpus PDF against the transcription a person made from the page images
(tests/golden/pdf/*.json): every golden body row that has a label or a code is found in our table
(same side, same code or label) and its amounts equal the golden cells in column order; our facts
(``yusuan.compute_facts``) equal the facts the golden file states. Both in 万元 (元 tables divided
exactly), compared as exact decimals ("70" = "70.00").

Conventions of the transcriptions that differ from the model, and how the comparison treats them:
- A golden row's stub is the cells before the value columns (the value columns are the table's
  columns in our profile, right-aligned); a code is the digits of the stub cells joined (类/款/项 or
  one 科目编码 cell), the label its first text cell, header words printed in a data row (类 款 项,
  小计) ignored, as the template prints them.
- Two-sided tables: each side is a label cell and its value cells. A figure printed in the next
  side's value cell where that side has no label belongs to the labelled cell before it (Jiangsu
  prints 当年支出小计/支出合计 across the 功能分类 and 支出用途 columns; the golden file writes the
  figure in the column where it stands).
- The two-half 基本支出决算表 of final accounts: each golden row is a left and a right row.
- A table without a stub (支出预算总表, the 三公 tables) is one total row.
- Facts: a golden fact that the document states only in a table we do not type is not expected.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

import pytest

from support import CORPUS
from support import GOLDEN_PDF as GOLDEN
from yusuan import compute_facts, read, read_files
from yusuan.model import Disclosure, Row, Table
from yusuan.model.money import WAN, parse_amount
from yusuan.profiles import get_profile, normalize_title

_STUB_WORDS = {"类", "款", "项", "小计"}
_WS = re.compile(r"\s+")

#: golden file → the files we read (a narrative transcription is compared with its pair)
SOURCES: dict[str, tuple[str, ...]] = {
    "jiangsu-cpc-office-2019-dept-budget-tables": ("jiangsu-cpc-office-2019-dept-budget-tables.pdf",),
    "jiangsu-cpc-office-2018-dept-budget-tables": ("jiangsu-cpc-office-2018-dept-budget-tables.pdf",),
    "jiangsu-procuratorate-2018-dept-budget": ("jiangsu-procuratorate-2018-dept-budget.pdf",),
    "shanghai-putuo-finance-2025-dept-budget": ("shanghai-putuo-finance-2025-dept-budget.pdf",),
    "shanghai-putuo-finance-2024-dept-final-account": ("shanghai-putuo-finance-2024-dept-final-account.pdf",),
    "national-template-2024-dept-final-account": ("national-template-2024-dept-final-account.pdf",),
    "jiangsu-cpc-office-2019-dept-budget-narrative": (
        "jiangsu-cpc-office-2019-dept-budget-narrative.pdf",
        "jiangsu-cpc-office-2019-dept-budget-tables.pdf",
    ),
    "jiangsu-cpc-office-2018-dept-budget-narrative": (
        "jiangsu-cpc-office-2018-dept-budget-narrative.pdf",
        "jiangsu-cpc-office-2018-dept-budget-tables.pdf",
    ),
}
EXPECTED_PROFILE = {
    "jiangsu": "jiangsu-dept-budget",
    "shanghai-putuo-finance-2025": "shanghai-budget",
    "shanghai-putuo-finance-2024": "final-account",
    "national": "final-account",
}


def _golden(stem: str) -> dict[str, Any]:
    return json.loads((GOLDEN / f"{stem}.json").read_text("utf-8"))  # type: ignore[no-any-return]


_READ: dict[str, Disclosure] = {}


def _ours(stem: str) -> Disclosure:
    if stem not in _READ:
        files = [CORPUS / f for f in SOURCES[stem]]
        reading = read_files(files) if len(files) > 1 else read(files[0])
        _READ[stem] = reading.disclosure
    return _READ[stem]


def _norm(s: str) -> str:
    return _WS.sub("", s)


def _value(raw: str, unit: str) -> Decimal | None:
    a = parse_amount(raw)
    if a is None:
        return None
    return a.value / WAN if unit == "元" else a.value


def _find_table(d: Disclosure, g: dict[str, Any]) -> Table | None:
    title = normalize_title(g["title"])
    by_title = [t for t in d.tables if normalize_title(t.title).endswith(title)]
    if by_title:
        return by_title[0]
    return d.table(g["type"]) if g["type"] != "other" else None


def _stub(cells: list[str]) -> tuple[str, str]:
    """(code, label) of a golden stub."""
    digits = [c.strip() for c in cells if c.strip().isdigit()]
    texts = [_norm(c) for c in cells if c.strip() and not c.strip().isdigit() and _norm(c) not in _STUB_WORDS]
    return "".join(digits), texts[0] if texts else ""


def _match(rows: list[Row], code: str, label: str, start: int) -> int | None:
    """Index of our row with this code (or, without one, this label), searching on from ``start``."""
    order = list(range(start, len(rows))) + list(range(0, start))
    for i in order:
        r = rows[i]
        if code and r.code == code:
            return i
        if not code and (r.label == label or (r.kind == "total" and r.label == label.replace(" ", ""))):
            return i
    return None


def _compare_rows(
    where: str, ours: list[Row], columns: list[str], golden_rows: list[tuple[list[str], list[str]]], unit: str
) -> list[str]:
    problems: list[str] = []
    pos = 0
    for stub, values in golden_rows:
        code, label = _stub(stub) if stub else ("", "合计")  # a table without a stub is its total row
        if not code and not label:
            continue
        i = _match(ours, code, label, pos)
        if i is None:
            problems.append(f"{where}: golden row {code} {label!r} {values} not found")
            continue
        pos = i + 1
        row = ours[i]
        for col, g in zip(columns, values, strict=True):
            cell = row.cell(col)
            mine = cell.raw if cell is not None else "(no column)"
            if _value(g, unit) != (_value(mine, unit) if cell is not None else "x"):
                problems.append(f"{where}: row {code} {label!r} column {col}: golden {g!r}, ours {mine!r}")
    return problems


def _compare_table(stem: str, g: dict[str, Any]) -> list[str]:
    d = _ours(stem)
    t = _find_table(d, g)
    where = f"{stem} {g.get('number', '')}{g['title']}"
    if t is None:
        return [f"{where}: no table of ours (type {g['type']})"]
    problems: list[str] = []
    if t.unit != g["unit"]:
        problems.append(f"{where}: unit {t.unit} vs golden {g['unit']}")
    spec = get_profile(d.meta.profile).spec(t.type)
    assert spec is not None
    if spec.layout == "two_sided":
        printed = {c.key for c in t.columns}  # an edition without the template's optional columns
        sides = [
            ("income", [c.key for c in spec.income_columns]),
            ("expenditure", [c.key for c in spec.expenditure_columns if c.key in printed]),
        ]
        if spec.use_columns:
            sides.append(("expenditure", [c.key for c in spec.use_columns]))
        for n, (side, cols) in enumerate(sides):
            start = sum(1 + len(c) for _, c in sides[:n])
            grows: list[tuple[list[str], list[str]]] = []
            for r in g["rows"]:
                label, vals = r[start], r[start + 1 : start + 1 + len(cols)]
                if n + 1 < len(sides):  # a figure spanning into the next side's empty label
                    nstart = start + 1 + len(cols)
                    nvals = r[nstart + 1 : nstart + 1 + len(sides[n + 1][1])]
                    if label.strip() and not any(v.strip() for v in vals) and not r[nstart].strip() and len(nvals) == len(vals):
                        vals = nvals
                if n > 0:
                    pstart = start - 1 - len(sides[n - 1][1])
                    pvals = r[pstart + 1 : start]
                    if not label.strip() and r[pstart].strip() and not any(v.strip() for v in pvals):
                        continue  # the figure was the previous side's
                grows.append(([label], vals))
            ours = [x for x in t.rows if x.side == side]
            problems += _compare_rows(f"{where} [{side} {n}]", ours, cols, grows, t.unit)
        return problems
    cols = [c.key for c in t.columns]
    grows = []
    for r in g["rows"]:
        halves = [r[: len(r) // 2], r[len(r) // 2 :]] if spec.layout == "halves" else [r]
        for h in halves:
            grows.append((h[: len(h) - len(cols)], h[len(h) - len(cols) :]))
    if spec.layout == "halves":  # our rows are the left halves, then the right halves
        grows = grows[0::2] + grows[1::2]
    return problems + _compare_rows(where, list(t.rows), cols, grows, t.unit)


TABLE_CASES = [(stem, i) for stem in SOURCES if not stem.endswith("-narrative") for i, _ in enumerate(_golden(stem)["tables"])]


@pytest.mark.parametrize("stem, index", TABLE_CASES, ids=[f"{s}-{i + 1}" for s, i in TABLE_CASES])
def test_table_cells_equal_the_golden_transcription(stem: str, index: int) -> None:
    g = _golden(stem)["tables"][index]
    assert _compare_table(stem, g) == []


@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_profile_is_detected(stem: str) -> None:
    want = next(p for prefix, p in EXPECTED_PROFILE.items() if stem.startswith(prefix))
    assert _ours(stem).meta.profile == want


@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_facts_equal_the_golden_facts(stem: str) -> None:
    golden = _golden(stem).get("facts", {})
    facts = compute_facts(_ours(stem))
    problems = []
    for name, want in golden.items():
        got = facts[name].value
        if got is None or Decimal(got) != Decimal(want):
            problems.append(f"{name}: golden {want}, ours {got} ({facts[name].source})")
    assert problems == []


def test_every_golden_table_is_compared() -> None:
    """The summary and at least two other tables of each document with tables are compared."""
    for stem in SOURCES:
        tables = _golden(stem)["tables"]
        if stem.endswith("-narrative"):
            continue
        assert any(t["type"] == "summary" for t in tables), stem
        assert len(tables) >= 3 or stem.startswith("national"), stem


def test_a_changed_cell_is_reported() -> None:
    """The comparison can fail: a golden cell changed by 0.01 is named with its row and column."""
    g = json.loads(json.dumps(_golden("jiangsu-cpc-office-2019-dept-budget-tables")["tables"][0]))
    g["rows"][0][1] = "27,664.23"
    problems = _compare_table("jiangsu-cpc-office-2019-dept-budget-tables", g)
    assert problems == [
        "jiangsu-cpc-office-2019-dept-budget-tables 收支预算总表 [income 0]: row  '一、财政拨款' column amount: "
        "golden '27,664.23', ours '27,664.22'"
    ]
    g["rows"][5][2] = "六、科学研究支出"
    assert any(
        "六、科学研究支出" in p and "not found" in p for p in _compare_table("jiangsu-cpc-office-2019-dept-budget-tables", g)
    )
