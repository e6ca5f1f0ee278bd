"""The document as a whole: its 目录 (table of contents) against the tables it prints, the notes
under the tables, the print format of figures.

    TOC-TITLE          warning   a table listed by the 目录 under another title than it is printed
                                 with, or listed in another order
    TABLE-NOTE         warning   a note about another fund than the table's (copied from another table)
    FORMAT-THOUSANDS   info      a figure without the thousands separator its table uses
    NARR-ITEMS         warning   an item listed under 人员经费/公用经费 without an amount in the table
    PROC-THRESHOLD     warning   a 政府采购 item named "N万以上" with a total below N万元
    NARR-ITEM-SUM      error     numbered items (年初预算/决算 each) that do not add up to the total
                                 stated before them (within rounding: a possible-rounding warning)

Titles are compared without numbering (一、, 1., 公开05表：), the year, spaces, quotes, dot
leaders and page numbers, and a trailing （功能科目）-style qualifier; anything else that differs
is a different title, since readers look tables up by the 目录.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model.core import Disclosure
from ..model.money import Amount
from ..profiles import normalize_title
from ..report.finding import CellRef, Finding, TextRef
from .base import fmt
from .tolerance import compare

__all__ = ["toc_titles", "table_notes", "thousands_separators", "listed_items", "procurement_thresholds", "itemised_sums"]

_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}\s*[.．、]|（[一二三四五六七八九十]+）)\s*")
_PREFIX = re.compile(r"^(?:公开\d+表|表\d+)[：:]?")
_QUALIFIER = re.compile(r"[（(][^（）()]{1,12}[）)]$")


def _key(title: str) -> str:
    t = normalize_title(_NUMBER.sub("", title.strip()))
    t = _PREFIX.sub("", t)
    t = normalize_title(t)
    return _QUALIFIER.sub("", t)


def _pair(listed: list[str], keys: list[str]) -> dict[int, int]:
    """Listed item → printed table: the same title; else, among the titles left, one containing
    the other or made of the same characters (政府性基金财政拨款 / 财政拨款政府性基金); else the table at
    the same place."""
    pairs = {i: keys.index(k) for i, k in enumerate(listed) if k in keys}
    free = [j for j in range(len(keys)) if j not in pairs.values()]
    for i, k in enumerate(listed):
        if i in pairs:
            continue
        near = [j for j in free if k in keys[j] or keys[j] in k or sorted(k) == sorted(keys[j])]
        if len(near) == 1:
            pairs[i] = near[0]
            free.remove(near[0])
    for i, _ in enumerate(listed):
        if i not in pairs and i < len(keys) and i in free:
            pairs[i] = i
            free.remove(i)
    return pairs


def toc_titles(d: Disclosure) -> Iterator[Finding]:
    if not d.contents:
        return
    printed = [(t.title, t) for t in d.tables] + ([(d.performance.title, d.performance)] if d.performance else [])
    keys = [_key(title) for title, _ in printed]
    listed = [(_key(title), title, loc) for title, loc in d.contents]
    pairs = _pair([k for k, _, _ in listed], keys)
    for i, (key, title, loc) in enumerate(listed):
        j = pairs.get(i)
        if j is not None and keys[j] == key:
            continue
        where = TextRef(section="目录", sentence=title, text=title, line=loc.line, page=loc.page)
        cells: tuple[CellRef, ...] = ()
        if j is not None:
            t = printed[j][1]
            cells = (CellRef(t.type, t.number, t.title, "", "", t.location.line, t.location.page),)
            zh = f"目录第 {i + 1} 项为「{title}」，而第 {t.number} 张表印为「{t.title}」，标题不一致。"
            en = f"the table of contents lists item {i + 1} as {title}, but table {t.number} is printed as {t.title}."
        else:
            zh = f"目录第 {i + 1} 项为「{title}」，文件中没有这个标题的表。"
            en = f"the table of contents lists {title} (item {i + 1}), but no table is printed with that title."
        yield Finding("TOC-TITLE", "warning", zh, en, cells, expected=printed[j][0] if j is not None else None, actual=title, text=(where,))
    # the same tables listed in another order than they are printed
    order = [pairs[i] for i in range(len(listed)) if i in pairs]
    if order != sorted(order):
        first = next(n for n, j in enumerate(order) if j != sorted(order)[n])
        i = [i for i in range(len(listed)) if i in pairs][first]
        _, title, loc = listed[i]
        yield Finding(
            "TOC-TITLE",
            "warning",
            f"目录所列表格的顺序与正文不同：目录第 {i + 1} 项「{title}」起，目录的顺序与表格的印刷顺序不一致。",
            f"the table of contents lists the tables in another order than they are printed, from item {i + 1} ({title}) on.",
            text=(TextRef(section="目录", sentence=title, text=title, line=loc.line, page=loc.page),),
        )


# ---------------------------------------------------------------- notes and print format

#: The fund a table is about, by the words its notes use for it.
_FUND_WORDS = {"gov_fund_expenditure": "政府性基金", "state_capital_expenditure": "国有资本经营"}


def table_notes(d: Disclosure) -> Iterator[Finding]:
    """TABLE-NOTE: a note under a table about another fund than the table's (copied from the table
    before)."""
    for t in d.tables:
        own = _FUND_WORDS.get(t.type)
        for note in t.notes:
            n = re.sub(r"\s+", "", note)
            where = CellRef(t.type, t.number, t.title, "", "", t.location.line, t.location.page, value=note)
            # ("本表为空" under a table with figures is COMPLETE-EMPTY-CONTRADICTION's)
            if own is not None and own not in n:
                other = next((w for k, w in _FUND_WORDS.items() if k != t.type and w in n), None)
                if other is not None:
                    yield Finding(
                        "TABLE-NOTE", "warning",
                        f"表{t.number}「{t.title}」的注说的是{other}（「{note}」），与本表（{own}）不符，可能是从其他表复制而来。",
                        f"the note under table {t.number} ({t.title}) speaks of {other}, not of this table's fund ({own}).",
                        (where,),
                    )


def thousands_separators(d: Disclosure) -> Iterator[Finding]:
    """FORMAT-THOUSANDS: a figure of 1,000 or more printed without the thousands separator that
    the other figures of its table use (公开05表 1895.00 among 16,444.36 …)."""
    for t in d.tables:
        big = [(r, c) for r in t.rows for c in r.cells if c.amount is not None and abs(c.amount.value) >= 1000]
        with_sep = [x for x in big if "," in x[1].raw]
        if len(with_sep) < 3:
            continue
        for r, c in big:
            if "," not in c.raw:
                col = t.column(c.column)
                yield Finding(
                    "FORMAT-THOUSANDS", "info",
                    f"表{t.number}「{t.title}」{r.display}·{col.label if col else c.column} 印为「{c.raw}」，没有本表其他金额使用的千位分隔符。",
                    f"table {t.number} {r.display}: {c.raw} lacks the thousands separator the other figures of the table use.",
                    (CellRef(t.type, t.number, t.title, r.display, col.label if col else c.column, c.location.line,
                             c.location.page, r.key, c.column, c.raw),),
                )


# ---------------------------------------------------------------- items the narrative lists

_ITEMS = re.compile(r"(人员经费|公用经费)[^。]{0,30}?主要包括[：:]([^。；;]+)")
_KIND_CLASSES = {"人员经费": ("301", "303"), "公用经费": ("302", "310", "399")}


def listed_items(d: Disclosure) -> Iterator[Finding]:
    """NARR-ITEMS: the items a 人员经费/公用经费 sentence says it "主要包括" must be rows of the basic
    expenditure table that hold an amount; an item the table leaves empty is reported."""
    t = d.table("gpb_basic_expenditure") or d.table("fiscal_basic_expenditure")
    if t is None or t.is_empty:  # a blank template lists the items of its example text
        return
    rows = {re.sub(r"\s+", "", r.label).replace("其它", "其他"): r for r in t.rows if len(r.code) == 5}
    seen: set[tuple[str, str]] = set()
    for sec in d.sections:
        for para in sec.paragraphs:
            for m in _ITEMS.finditer(para.text):
                kind, listed = m.group(1), m.group(2)
                for item in re.split(r"[、，,]", listed):
                    name = re.sub(r"\s+", "", item).replace("其它", "其他")
                    name = re.sub(r"(?:等)?(?:支出|费用)?$", "", name) if name not in rows else name
                    r = rows.get(name) or next((x for k, x in rows.items() if k.startswith(name) and len(name) >= 2), None)
                    if r is None or (kind, r.code) in seen or not r.code.startswith(_KIND_CLASSES[kind]):
                        continue
                    seen.add((kind, r.code))
                    if all(c.amount is None or c.amount.value == 0 for c in r.cells):
                        line = para.line_at(m.start(2) + listed.find(item))
                        yield Finding(
                            "NARR-ITEMS", "warning",
                            f"情况说明「{sec.title}」第 {line} 行说{kind}主要包括「{item.strip()}」，但表{t.number}「{t.title}」"
                            f"中 {r.code} {r.label} 没有金额。",
                            f"the narrative lists {item.strip()} among {kind}, but table {t.number} has no amount on {r.code} {r.label}.",
                            (CellRef(t.type, t.number, t.title, r.display, "", r.location.line, r.location.page, r.key),),
                            text=(TextRef(section=sec.title, sentence=m.group(0), text=item.strip(), line=line),),
                        )


# ---------------------------------------------------------------- procurement items

_THRESHOLD = re.compile(r"[（(](?:总预算|单价)?\s*(\d+(?:\.\d+)?)\s*万(?:元)?(?:\s*及)?以上[）)]")


def procurement_thresholds(d: Disclosure) -> Iterator[Finding]:
    """PROC-THRESHOLD: a 政府采购 item named for purchases of N万元 and more (台式计算机（20万以上）)
    with a total below N万元 cannot hold even one such purchase."""
    t = d.table("procurement")
    if t is None:
        return
    for r in t.rows:
        for label in (r.label, *(v for k, v in r.attrs if k == "stub")):
            m = _THRESHOLD.search(label)
            a = r.amount("total")
            if m is None or a is None:
                continue
            limit = Decimal(m.group(1)) * (10000 if t.unit == "元" else 1)
            if 0 < a.value < limit:
                yield Finding(
                    "PROC-THRESHOLD", "warning",
                    f"表{t.number}「{t.title}」「{label}」的名称是单价 {m.group(1)} 万元以上的采购，但金额只有 {a.text()}{t.unit}，"
                    "连一件也不够；品目名称可能应为“以下”。",
                    f"table {t.number}: {label} names purchases of {m.group(1)}万元 and more, but its amount is {a.text()} {t.unit}.",
                    (CellRef(t.type, t.number, t.title, r.display, "总计", r.location.line, r.location.page, r.key, "total", a.text()),),
                )


# ---------------------------------------------------------------- itemised statements

_BUDGET = re.compile(r"年初预算(?:数)?为\s*(\d[\d,]*(?:\.\d+)?)\s*万元")
_FINAL = re.compile(r"(?:支出)?决算(?:数)?为\s*(\d[\d,]*(?:\.\d+)?)\s*万元")
_ITEM_START = re.compile(r"^\s*\d{1,2}\s*[、．.]")


def _amount(text: str) -> Amount:
    t = text.replace(",", "")
    return Amount(Decimal(t), len(t.split(".", 1)[1]) if "." in t else 0)


def itemised_sums(d: Disclosure) -> Iterator[Finding]:
    """NARR-ITEM-SUM: "…年初预算为2993.92万元，支出决算为2940.05万元…其中：" followed by numbered
    items, each with its own 年初预算 and 决算: the items must add up to the totals stated before
    them (within the rounding of the printed figures: "possible rounding")."""
    for sec in d.sections:
        paras = sec.paragraphs
        for n, head in enumerate(paras):
            if not re.search(r"其中[：:]\s*$", head.text):
                continue
            items = []
            for p in paras[n + 1 :]:
                if not _ITEM_START.match(p.text):
                    break
                items.append(p)
            if len(items) < 2:
                continue
            for rx, what, what_en in ((_BUDGET, "年初预算", "budget"), (_FINAL, "决算", "final")):
                whole = rx.search(head.text)
                parts = [rx.search(p.text) for p in items]
                if whole is None or any(m is None for m in parts):
                    continue
                total = _amount(whole.group(1))
                amounts = [_amount(m.group(1)) for m in parts if m is not None]
                cmp = compare(total, amounts)
                if cmp.ok:
                    continue
                line = head.line_at(whole.start(1))
                where = f"情况说明「{sec.title}」第 {line} 行"
                detail = f"{len(amounts)} 项{what}之和为 {fmt(cmp.expected)}万元，所述合计为 {whole.group(1)}万元，相差 {fmt(cmp.difference)}万元"
                yield Finding(
                    "NARR-ITEM-SUM",
                    "warning" if cmp.possible_rounding else "error",
                    f"{where}：{detail}" + ("，在四舍五入范围内，可能是尾数误差。" if cmp.possible_rounding else "。"),
                    f"narrative, {sec.title}: the {len(amounts)} items' {what_en} figures add to {cmp.expected}, not {total.value}.",
                    expected=fmt(cmp.expected),
                    actual=whole.group(1),
                    difference=fmt(cmp.difference),
                    possible_rounding=cmp.possible_rounding,
                    text=(TextRef(section=sec.title, sentence=head.text[:120], text=whole.group(0), line=line),),
                )
