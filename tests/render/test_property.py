"""Property: any figures and narrative the model holds survive render → read in every
format (the reference document's layout with generated amounts, empty cells and text).

Amounts are non-negative, and the 三公 table's only row keeps its total: the table reader
takes a row without any figure or code (all cells empty, or only negative integers such
as ``-12``) for a header row, in published documents as in ours (a reader limitation,
reported; budget tables print no negative amounts in practice)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from support.roundtrip import facts, narrative, table_cells
from yusuan import read_bytes
from yusuan.model import Disclosure
from yusuan.model.core import Cell, Paragraph
from yusuan.model.money import Amount
from yusuan.render import render
from yusuan.render.document import printed

_HAN = "预算收入支出财政拨款基本项目经费单位情况说明一般公共服务政府性基金国有资本经营年度增加减少主要原因是"

amounts = st.one_of(
    st.none(),
    st.builds(
        lambda cents, d, sep: (Amount(Decimal(cents).scaleb(-d), d), sep),
        st.integers(min_value=0, max_value=10**10),
        st.sampled_from([0, 1, 2]),
        st.booleans(),
    ),
)
sentences = st.lists(st.text(alphabet=_HAN + "，、（）“”0123456789.%", min_size=1, max_size=60), min_size=1, max_size=3).map(
    lambda parts: "，".join(parts) + "。"
)


def _raw(a: Amount, sep: bool) -> str:
    return printed(a) if sep else a.text()


@st.composite
def disclosures(draw: st.DrawFn, base: Disclosure) -> Disclosure:
    tables = []
    for t in base.tables:
        rows = []
        for r in t.rows:
            cells = []
            for c in r.cells:
                choice = draw(amounts)
                if choice is None and t.type == "three_public" and c.column == "total":
                    choice = (Amount(Decimal(draw(st.integers(0, 10**6))).scaleb(-2), 2), False)
                if choice is None:
                    cells.append(Cell(c.column, None, "", c.location))
                else:
                    a, sep = choice
                    cells.append(Cell(c.column, a, _raw(a, sep), c.location))
            rows.append(dataclasses.replace(r, cells=tuple(cells)))
        tables.append(dataclasses.replace(t, rows=tuple(rows)))
    sections = list(base.sections)
    for i, s in enumerate(sections):
        if s.paragraphs and draw(st.booleans()):
            paras = tuple(Paragraph(draw(sentences), (0,), ((0, 0),)) for _ in range(draw(st.integers(1, 3))))
            sections[i] = dataclasses.replace(s, paragraphs=paras)
    # without the signing-date paragraph the writer would print meta.date as a line of its own
    meta = dataclasses.replace(base.meta, date="")
    return dataclasses.replace(base, meta=meta, tables=tuple(tables), sections=tuple(sections))


@pytest.mark.slow
def test_generated_models_survive_every_format(henan: Disclosure) -> None:
    @settings(
        max_examples=15,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        print_blob=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(disclosures(henan))
    def prop(d: Disclosure) -> None:
        want = table_cells(d)
        for fmt in ("txt", "html", "xlsx", "docx"):
            again = read_bytes(render(d, fmt), f"gen.{fmt}").disclosure
            got = table_cells(again)
            bad = [k for k in want if want[k] != got.get(k)]
            assert bad == [], (fmt, [(want[k], got.get(k)) for k in bad[:2]])
            assert facts(again) == facts(d), fmt
            n1, n2 = narrative(d), narrative(again)
            assert n1 == n2, (fmt, [(a, b) for a, b in zip(n1, n2, strict=False) if a != b][:2], len(n1), len(n2))

    prop()
