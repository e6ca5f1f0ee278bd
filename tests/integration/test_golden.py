"""Every cell of every table of the reference document, against a transcription made by
reading the document (tests/golden/henan_2024.json), not by dumping the parser."""

from __future__ import annotations

import json
import re

import pytest

from support import GOLDEN as GOLDEN_DIR
from yusuan.facts import FACT_NAMES, compute_facts
from yusuan.model import Disclosure, Row

GOLDEN = json.loads((GOLDEN_DIR / "henan_2024.json").read_text("utf-8"))


def _rowid(r: Row) -> str:
    if r.kind == "total":
        return r.label if r.side else "合计"
    if r.kind == "unit":
        return r.code
    if r.code and r.kind in ("class", "item", "subitem") and not r.side:
        return r.code
    return r.label


def _values(r: Row, with_attrs: tuple[str, ...] = ()) -> dict[str, str]:
    out = {c.column: c.amount.text() for c in r.cells if c.amount is not None}
    for a in with_attrs:
        if r.attr(a):
            out[a] = r.attr(a)
    return out


ATTRS = {
    "gpb_basic_expenditure": ("gov_code",),
    "economic_summary": ("gov_code",),
    "project_expenditure": ("project_type", "unit_code"),
}


def test_meta(henan: Disclosure) -> None:
    g = GOLDEN["meta"]
    m = henan.meta
    assert (m.unit_name, m.year, m.kind, m.scope, m.amount_unit, m.unit_code) == (
        g["unit_name"],
        g["year"],
        g["kind"],
        g["scope"],
        g["amount_unit"],
        g["unit_code"],
    )
    assert m.profile == "henan-unit-budget"


def test_facts(henan: Disclosure) -> None:
    facts = compute_facts(henan)
    assert set(facts) == set(FACT_NAMES)
    assert {k: f.value for k, f in facts.items()} == GOLDEN["facts"]


@pytest.mark.parametrize("type_", [t for t in GOLDEN["tables"] if t != "performance_targets"])
def test_table_cells(henan: Disclosure, type_: str) -> None:
    table = henan.table(type_)
    assert table is not None, type_
    g = GOLDEN["tables"][type_]
    if "rows" in g:
        got = [[_rowid(r), _values(r, ATTRS.get(type_, ()))] for r in table.rows]
        if type_ == "project_expenditure":  # the unit row carries the unit code attr too
            got = [[i, {k: v for k, v in vals.items() if not (k == "unit_code" and i == "003001")}] for i, vals in got]
        assert got == g["rows"]
    else:
        for side in ("income", "expenditure"):
            got = [[_rowid(r), _values(r)] for r in table.side_rows(side)]  # type: ignore[arg-type]
            assert got == g[side], side


def test_performance_targets(henan: Disclosure) -> None:
    p = henan.performance
    assert p is not None
    got = []
    for r in p.rows:
        item = {
            "kind": r.kind,
            "code": r.code,
            "name": r.name,
            "amounts": {c.column: c.amount.text() for c in r.cells if c.amount},
        }
        if r.kind == "project":
            item["indicators"] = [[i.category, i.name, i.value] for i in r.indicators]
        got.append(item)
    assert got == GOLDEN["tables"]["performance_targets"]["rows"]


def test_narrative_sections(henan: Disclosure) -> None:
    titles = [s.title for s in henan.sections]
    assert "（二）政府采购支出预算情况" in titles
    para = next(s for s in henan.sections if s.title == "四、财政拨款收入支出总体情况说明").paragraphs[0]
    # the paragraph broken by a page break is rebuilt, keeping both source lines
    assert para.lines == (83, 85)
    assert "增加97.40万元，增长19.45%" in para.text
    assert para.line_at(para.text.index("增长19.45%")) == 85
    assert re.search(
        r"收入总计2753\.26万元", next(s for s in henan.sections if s.title == "一、收入支出预算总体情况说明").paragraphs[0].text
    )
