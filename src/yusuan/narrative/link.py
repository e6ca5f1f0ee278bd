"""Linking a narrative figure to what it states: a metric, a classification row, a project.

The words before a figure are matched against the phrases of the section's topic
(:mod:`.metrics`), then against the function-classification rows the tables print
(“住房保障支出（类）…（项）”, Shanghai's coded names “（204类）”), then against the project table.
A link gives the table cell and its value in 万元 with the decimals the table printed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal

from ..catalog import Catalog, edition_for, load_catalog, name_key, strip_ordinal
from ..findings import CellRef, ref
from ..labels import bare_item, compact, same_spelling
from ..model.core import Disclosure, Row, Table
from ..model.money import WAN
from ..tolerance import same_printing
from .judge import _fmt, _tfig
from .metrics import METRICS, Resolved, aliases_for, in_wan, resolve
from .sentences import _ORDINAL, ZERO

_CODE_METRIC = re.compile(r"^“(\d{3}(?:\d{2}){0,2}) ")  # a claim on a classification row names its code first
_FUNCTION_ITEM = re.compile(
    r"([^“”\"，。；：、（）]+?)\s*（类）(?:支出)?\s*(?:([^“”\"，。；：、]+?)\s*（款）)?\s*(?:([^“”\"，。；：、]+?)\s*（项）)?"
)


@functools.cache
def _catalog(year: int | None) -> Catalog | None:
    try:
        return load_catalog(edition_for(year))
    except Exception:  # noqa: BLE001 - without a catalog, names are matched against the rows only
        return None


def _codes_for(names: list[str], catalog: Catalog | None, rows: Sequence[Row]) -> list[str]:
    """Codes of the 类, 款 and 项 named, each under the one before (rows first, then the catalog)."""
    out: list[str] = []
    parent = ""
    for depth, name in enumerate(names):
        length = (3, 5, 7)[depth] if depth < 3 else 7
        found = ""
        for r in rows:
            if len(r.code) == length and r.code.startswith(parent) and name_key(_ORDINAL.sub("", r.label)) == name:
                found = r.code
                break
        if not found and catalog is not None:
            for e in catalog.by_name(name, "function"):
                if len(e.code) == length and e.code.startswith(parent):
                    found = e.code
                    break
        if not found:
            return []
        out.append(found)
        parent = found
    return out


class _Linker:
    """The document's tables and the links made so far; the reader (:mod:`.claims`) builds on it."""

    def __init__(self, d: Disclosure, previous: Disclosure | None) -> None:
        self.d = d
        self.previous = previous
        self.projects = self._projects()
        self.unit_name = compact(d.meta.unit_name)
        self.display: dict[str, str] = {}  # how a reader knows a linked key ("function:201" → its table row)

    def _display(self, key: str) -> str:
        if key in METRICS:
            return METRICS[key].zh
        if key.startswith("text:"):
            return f"“{key[5:]}”"
        if key.endswith("_budget") and key[: -len("_budget")] in METRICS:
            return f"{METRICS[key[: -len('_budget')]].zh}（年初预算）"
        return self.display.get(key, key)

    def _projects(self) -> list[tuple[str, Decimal, CellRef]]:
        out: list[tuple[str, Decimal, CellRef]] = []
        t = self.d.table("project_expenditure")
        if t is not None:
            for r in t.rows:
                if r.kind == "project":
                    a = r.amount("total")
                    v = (a.value / WAN if t.unit == "元" else a.value) if a is not None else ZERO
                    out.append((compact(r.label), v, ref(t, r, "total")))
        return out

    def _cell(self, r: Resolved) -> CellRef:
        return ref(r.table, r.row, r.column)

    def _tf(self, v: Decimal, dec: int, cell: CellRef, short: bool = False, en: bool = False) -> str:
        """A table figure as its table prints it (see :func:`_tfig`); ``short``: in 万元 with the
        printed 元 after it, for a figure that a computation then uses."""
        unit = next((t.unit for t in self.d.tables if t.number == cell.table_no), "万元")
        if en:
            return f"{cell.value.strip()} yuan" if unit == "元" and cell.value.strip() else _fmt(v, min(max(dec, 0), 4))
        if short and unit == "元":
            raw = cell.value.strip()
            return f"{_fmt(v, 2)}万元" + (f"（印为 {raw}元）" if raw else "")
        return _tfig(v, dec, cell, unit)

    # -- label → metric
    def _metric(self, topic: str, label: str) -> str:
        lab = _ORDINAL.sub("", label.strip().lstrip("*"))
        lab = compact(lab)
        if self.unit_name:
            lab = lab.replace(self.unit_name, "")
        for rx, key in aliases_for(topic):
            if rx.search(lab):
                return key
        return ""

    def _project(self, label: str) -> tuple[str, Decimal, CellRef] | None:
        lab = compact(label)
        lab = re.sub(r"^(?:用于|主要用于|其中|包括|主要原因|增加|减少|新增|\d{4}年)+", "", lab)
        best: tuple[int, tuple[str, Decimal, CellRef]] | None = None
        for p in self.projects:
            name = p[0]
            if not name:
                continue
            if name in lab or (len(lab) >= 4 and lab in name):
                score = min(len(name), len(lab))
                if best is None or score > best[0]:
                    best = (score, p)
        return best[1] if best else None

    def _function_item(self, label: str, topic: str) -> tuple[str, Decimal, int, CellRef] | None:
        """“一般公共服务支出（类）财政事务（款）行政运行（项）” → that row of an expenditure table."""
        at = label.find("（类）")
        # the names around the first （类） are short: a window keeps the lazy groups linear on a
        # megabyte line (they rescanned every run of spaces from every position)
        m = _FUNCTION_ITEM.search(label, max(0, at - 200), at + 400) if at >= 0 else None
        if not m:
            return None
        names = [name_key(g) for g in m.groups() if g]
        if not names:
            return None
        order = {
            "gpb_exp": ("gpb_expenditure", "fiscal_expenditure", "expenditure", "summary"),
            "fiscal": ("fiscal_expenditure", "gpb_expenditure", "fiscal_summary", "expenditure", "summary"),
        }
        types = order.get(topic, ("expenditure", "summary", "gpb_expenditure", "fiscal_expenditure"))
        catalog = _catalog(self.d.meta.year)
        for type_ in types:
            t = self.d.table(type_)
            if t is None:
                continue
            col = next((c for c in ("total", "final", "amount") if t.column(c) is not None), None)
            if col is None:
                continue
            side_rows = [r for r in t.rows if r.code and r.side in ("", "expenditure")]
            codes = _codes_for(names, catalog, side_rows)
            target = codes[-1] if codes else ""
            row = next((r for r in side_rows if r.code == target), None) if target else None
            if row is None and len(names) == 1:
                row = next((r for r in side_rows if len(r.code) == 3 and name_key(_ORDINAL.sub("", r.label)) == names[0]), None)
            if row is not None:
                r = in_wan(t, row, col)
                return f"function:{row.code}", r.value, r.decimals, ref(t, row, col)
            if target and len(target) < 7:
                # no row for the class or 款 itself: the sum of its 项 rows
                kids = [r for r in side_rows if len(r.code) == 7 and r.code.startswith(target)]
                if kids:
                    total = sum(((r.amount(col).value if r.amount(col) is not None else ZERO) for r in kids), ZERO)  # type: ignore[union-attr]
                    v = total / WAN if t.unit == "元" else total
                    return f"function:{target}", v, 2 + (4 if t.unit == "元" else 0), ref(t, kids[0], col)
        return None

    def _elsewhere(self, key: str, value: Decimal, p_dec: int, cell: CellRef) -> str:
        """Where another table prints the narrative's figure for the same classification row:
        the tables disagree among themselves, and the narrative copied one of them."""
        m = re.search(r"\d{3,7}", key)
        if m is None:
            return ""
        for t in self.d.tables:
            if t.number == cell.table_no:
                continue
            col = next((c for c in ("total", "amount", "final") if t.column(c) is not None), None)
            row = next((r for r in t.rows if r.code == m.group(0) and r.side in ("", "expenditure")), None)
            a = row.amount(col) if row is not None and col is not None else None
            if a is None:
                continue
            v = a.value / WAN if t.unit == "元" else a.value
            if same_printing(value, p_dec, v, a.decimals + (4 if t.unit == "元" else 0)):
                return f"；表{t.number}「{t.title}」中同一科目印为 {_tfig(v, a.decimals + (4 if t.unit == '元' else 0), None, t.unit) if t.unit != '元' else f'{a.value:,f}元'}，表格之间不一致"
        return ""

    # final accounts: 年初预算 ---------------------------------------
    def _budget_cell(self, metric: str) -> Resolved | None:
        for type_, row_key, side, col in METRICS[metric].cells if metric in METRICS else ():
            t = self.d.table(type_)
            if t is None or t.column(col + "_budget") is None:
                continue
            row = t.row(row_key, side)  # type: ignore[arg-type]
            if row is None:
                continue
            return in_wan(t, row, col + "_budget")
        return None

    # classification rows ------------------------------------------
    @staticmethod
    def _printed_name(before: str) -> str:
        names = re.findall(
            r"([^（）()“”\d.．、，,：:；;\s]+?)\s*[（(]([类款项])[）)]",
            re.sub(r"[（(](?!\d{0,3}[类款项][）)])([^（）()]{1,4})[）)]", r"\1", before)[-80:],
        )
        return names[-1][0] if names else ""

    _CODED = re.compile(
        r"(?<![^（）()“”\d.．、，,：:；;\s])([^（）()“”\d.．、，,：:；;\s]+?)\s*[（(](\d{2,3})\s*([类款项])[）)]"
    )  # from where a name starts only (linear)

    def _coded(self, before: str, topic: str = "") -> tuple[Resolved, list[tuple[str, str, str]]] | None:
        """Shanghai prints each level's code with its name: "公共安全支出（204类）司法（06款）行政运行
        （01项）1672.67万元" → row 2040601. The codes decide the row; a level printed under another
        name than the table's (医疗卫生与计划生育支出（210类） for 210 卫生健康支出) is listed."""
        tail = re.sub(r"[（(](?!\d{0,3}[类款项][）)])([^（）()]{1,4})[）)]", r"\1", before)[-120:]  # 政府办公厅（室）
        found = list(self._CODED.finditer(tail))
        if not found or tail[found[-1].end() :].strip(' ”"」') not in ("", "支出", "预算", "为", "安排"):
            return None
        # the chain of levels that ends at the figure: 类, then 款, then 项, each right after the other
        chain: list[re.Match[str]] = []
        for m in reversed(found):
            if chain and tail[m.end() : chain[-1].start()].strip(' ”“"') not in ("", "支出"):
                break
            chain.append(m)
        chain.reverse()
        levels = [m.group(3) for m in chain]
        if levels not in (["类"], ["类", "款"], ["类", "款", "项"]):
            return None
        lengths = {"类": 3, "款": 2, "项": 2}
        if any(len(m.group(2)) != lengths[m.group(3)] for m in chain):
            return None
        code = "".join(m.group(2) for m in chain)
        order = {
            "gpb_exp": ("gpb_expenditure", "fiscal_expenditure", "expenditure"),
            "gpb_basic": ("gpb_expenditure", "fiscal_expenditure", "expenditure"),
            "fiscal": ("fiscal_expenditure", "gpb_expenditure", "expenditure"),
        }.get(topic, ("expenditure", "fiscal_expenditure", "gpb_expenditure", "summary"))
        for type_ in order:
            t = self.d.table(type_)
            col = "amount" if type_ == "summary" else "total"
            if t is None or t.column(col) is None:
                continue
            rows = {r.code: r for r in t.rows if r.code and (type_ != "summary" or r.side == "expenditure")}
            row = rows.get(code)
            if row is None:
                continue
            misnamed: list[tuple[str, str, str]] = []
            catalog = _catalog(self.d.meta.year)
            acc = ""
            for m in chain:
                acc += m.group(2)
                level_row = rows.get(acc)
                printed = m.group(1)
                if level_row is not None:
                    if same_spelling(bare_item(printed)) != same_spelling(bare_item(strip_ordinal(level_row.label)[1])):
                        misnamed.append((printed, f"表{t.number}中为「{level_row.label}」", acc))
                elif (
                    catalog is not None
                    and (entry := catalog.get(acc)) is not None
                    and not entry.accepts(printed)
                    and same_spelling(bare_item(printed)) != same_spelling(bare_item(entry.name))
                ):
                    misnamed.append((printed, f"分类科目中为「{entry.name}」", acc))  # no row of its own in the table
            return in_wan(t, row, col), misnamed
        return None

    def _classified(self, before: str, topic: str = "") -> Resolved | None:
        """The function-classification row a figure is stated for: "住房保障支出（类）住房改革支出（款）
        住房公积金（项）204.91万元" → the row 2210201 住房公积金 of the expenditure tables (the
        most specific level named just before the figure; its parents must agree when printed)."""
        before = re.sub(r"[（(](?!\d{0,3}[类款项][）)])([^（）()]{1,4})[）)]", r"\1", before)  # 党委办公厅（室）
        names = re.findall(r"([^（）()“”\d.．、，,：:；;\s]+?)\s*[（(]([类款项])[）)]", before[-80:])
        if not names:
            return None
        want = {lv: bare_item(n) for n, lv in names}
        level = names[-1][1]
        if not re.match(
            r"^[”\"」]?\s*(?:支出|预算|为|安排|合计)*\s*$", before[before.rfind("）") + 1 :] if "）" in before else ""
        ):
            return None  # words between the name and the figure: some other statement
        length = {"类": 3, "款": 5, "项": 7}[level]
        # the table the section speaks of: 财政拨款 / 一般公共预算 sections their own tables, the
        # 收支总体 sections all funds (the summary's classes, the expenditure table)
        order = {
            "gpb_exp": ("gpb_expenditure", "fiscal_expenditure", "expenditure"),
            "gpb_basic": ("gpb_expenditure", "fiscal_expenditure", "expenditure"),
            "fiscal": ("fiscal_expenditure", "gpb_expenditure", "expenditure"),
        }.get(topic, ("summary", "expenditure", "fiscal_expenditure", "gpb_expenditure"))
        for type_ in order:
            t = self.d.table(type_)
            col = "amount" if type_ == "summary" else "total"
            if t is None or t.column(col) is None:
                continue
            found = [
                r
                for r in t.rows
                if len(r.code) == length
                and (type_ != "summary" or r.side == "expenditure")
                and (
                    same_spelling(bare_item(strip_ordinal(r.label)[1])) == same_spelling(want[level])
                    # "人大事务行政运行（项）": the 款's name and the 项's, run together
                    or length == 7
                    and same_spelling(want[level])
                    == same_spelling(self._name_of(t, r.code[:5]) + bare_item(strip_ordinal(r.label)[1]))
                )
            ]
            for r in found:
                parents = {lv: next((p for p in t.rows if p.code == r.code[:n]), None) for lv, n in (("类", 3), ("款", 5))}
                if all(
                    lv not in want or p is None or same_spelling(bare_item(p.label)) == same_spelling(want[lv]) or lv == level
                    for lv, p in parents.items()
                ):
                    return in_wan(t, r, col)
        return None

    def _name_of(self, t: Table, code: str) -> str:
        """A classification level's name: its row in the table, else the catalog's."""
        row = next((r for r in t.rows if r.code == code), None)
        if row is not None:
            return bare_item(strip_ordinal(row.label)[1])
        catalog = _catalog(self.d.meta.year)
        entry = catalog.get(code) if catalog is not None else None
        return bare_item(entry.name) if entry is not None else "\0"

    @staticmethod
    def _comparable(metric: str) -> bool:
        """Can :meth:`_previous` look ``metric`` up in last year's document (a known figure, or a
        classification row by its code)?"""
        return metric in METRICS or _CODE_METRIC.match(metric) is not None

    def _previous(self, metric: str) -> Resolved | None:
        if self.previous is None:
            return None
        if metric in METRICS:
            return resolve(self.previous, metric)
        m = _CODE_METRIC.match(metric)  # a classification row: the same code last year
        if m is None:
            return None
        for type_, col in (
            ("gpb_expenditure", "total"),
            ("fiscal_expenditure", "total"),
            ("expenditure", "total"),
            ("summary", "amount"),
        ):
            t = self.previous.table(type_)
            row = (
                next((r for r in t.rows if r.code == m.group(1) and (type_ != "summary" or r.side == "expenditure")), None)
                if t
                else None
            )
            if t is None or row is None or row.cell(col) is None:
                continue
            return in_wan(t, row, col)
        return None
