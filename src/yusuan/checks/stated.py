"""What the explanation of a table says of it against another table.

    NARR-TABLE-REF   warning   a table's explanation says its figure agrees with a named row of
                               another table (「财政拨款支出安排数与《部门一般公共预算基本支出预算表》的
                               “商品和服务支出”支出数一致」) and the two tables say otherwise

Templates put such sentences in the explanation of each table (Jiangsu 2017: 十、一般公共预算机关
运行经费支出预算表情况说明). The section's table is the one its heading names (the template's titles,
by meaning); the other is the table named in 《》 and its row the one printed with the quoted label.
The tables are not faulted: the sentence is, as a warning that names both figures (a definition
that changed, as the 2017 机关运行经费 did, leaves the stock sentence behind). A sentence naming no
row (「与《部门收支预算总表》的财政拨款数对应一致」) is not read: which figure it means is not certain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog import strip_ordinal
from ..findings import Finding, TextRef
from ..model.core import Disclosure, Row, Table
from ..narrative.claims import narrative_sections
from ..tolerance import compare
from .base import fmt, profile_of, ref

__all__ = ["stated_agreements"]

_SAYS = re.compile(r"与《(?P<table>[^》]{4,40})》的?“(?P<row>[^”]{2,20})”[\u4e00-\u9fff]{0,6}?一致")
_EXPLAINS = re.compile(r"(?:情况说明|说明)$")


def _total(t: Table) -> tuple[Row, str] | None:
    row = t.row("total")
    if row is None or not t.columns:
        return None
    col = t.columns[0].key
    return (row, col) if row.amount(col) is not None else None


def _named_row(t: Table, label: str) -> tuple[Row, str] | None:
    want = re.sub(r"\s+", "", label)
    rows = [r for r in t.rows if re.sub(r"\s+", "", strip_ordinal(r.label)[1]) == want]
    if len(rows) != 1 or not t.columns:
        return None
    col = t.columns[0].key
    return (rows[0], col) if rows[0].amount(col) is not None else None


def stated_agreements(d: Disclosure) -> Iterator[Finding]:
    """NARR-TABLE-REF: 「与《X表》的“Y”…一致」 in a table's explanation, against the two tables."""
    prof = profile_of(d)
    if prof is None:
        return
    narrative = {id(s) for s in narrative_sections(d)}
    index = 0
    for sec in d.sections:
        in_narrative = id(sec) in narrative
        heading = _EXPLAINS.sub("", strip_ordinal(sec.title)[1])
        own_spec = prof.match_title(heading) if heading else None
        own = d.table(own_spec.type) if own_spec is not None else None
        for para in sec.paragraphs:
            k = index if in_narrative else -1
            index += in_narrative
            if own is None:
                continue
            for m in _SAYS.finditer(para.text):
                other_spec = prof.match_title(m.group("table"))
                other = d.table(other_spec.type) if other_spec is not None else None
                if other is None or other is own or other.unit != own.unit:
                    continue
                a, b = _total(own), _named_row(other, m.group("row"))
                if a is None or b is None:
                    continue
                (ra, ca), (rb, cb) = a, b
                cmp = compare(ra.amount(ca), [rb.amount(cb)])
                if cmp.ok or cmp.possible_rounding:
                    continue
                start = max(para.text.rfind(c, 0, m.start()) for c in "。；") + 1
                end = para.text.find("。", m.end())
                sentence = para.text[start : end + 1 if end >= 0 else len(para.text)]
                yield Finding(
                    "NARR-TABLE-REF",
                    "warning",
                    f"「{sec.title}」说“{m.group(0)}”，但表{own.number}「{own.title}」合计为 {fmt(cmp.actual)}，"
                    f"表{other.number}「{other.title}」“{m.group('row')}”为 {fmt(cmp.expected)}，相差 {fmt(cmp.difference)}："
                    "这句说明与表格不符（口径变化后沿用了旧的说明？），请改写说明或核对表格。",
                    f"{sec.title} says “{m.group(0)}”, but table {own.number} totals {fmt(cmp.actual)} and table "
                    f"{other.number}'s “{m.group('row')}” is {fmt(cmp.expected)}: the sentence does not fit the tables.",
                    cells=(ref(own, ra, ca), ref(other, rb, cb)),
                    text=(
                        TextRef(
                            sec.title,
                            sentence,
                            m.group(0),
                            para.line_at(m.start()) if para.lines else None,
                            None,
                            k,
                            m.start(),
                            m.end(),
                        ),
                    ),
                    expected=fmt(cmp.expected),
                    actual=fmt(cmp.actual),
                    difference=fmt(cmp.difference),
                    tags=("narrative",),
                    undetermined=True,
                )
