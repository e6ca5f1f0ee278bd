"""The document as a whole: its 目录 (table of contents) against the tables it prints, the notes
under the tables, the print format of figures.

    TOC-TITLE          warning   a 目录 entry naming another table than the one printed in its place,
                                 or a table the document does not print; tables listed in another order
    TOC-TITLE-WORDING  info      a 目录 entry naming the same table in other words
    TABLE-NOTE         warning   a note about another fund than the table's (copied from another table)
    FORMAT-THOUSANDS   info      a figure without the thousands separator its table uses
    NARR-ITEMS         warning   an item listed under 人员经费/公用经费 without an amount in the table
    PROC-THRESHOLD     warning   a 政府采购 item named "N万以上" with a total below N万元
    NARR-ITEM-SUM      error     numbered items (年初预算/决算 each) that do not add up to the total
                                 stated before them (within rounding: a possible-rounding warning)

A 目录 entry and a printed title name the same table when the template recognises both as the
same table (by meaning: word order, 预算/决算, implied words, see :mod:`yusuan.profiles.titles`).
The same table listed in other words is worth telling (info); numbering (一、, 1., 公开05表：), the
year, the unit's name or 部门 in front of a title is no difference at all. A 目录 entry that names
another table, or a table that is not printed, misleads a reader looking a table up: a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import PurePath

from ..findings import CellRef, Finding, TextRef
from ..model.core import Disclosure, Location, PerformanceTable, Table
from ..model.money import Amount
from ..profiles import Profile, get_profile, normalize_title
from ..profiles.titles import bare_title, strip_glued_note, title_words
from ..tolerance import compare
from .base import fmt

__all__ = ["toc_titles", "table_notes", "thousands_separators", "listed_items", "procurement_thresholds", "itemised_sums"]

_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}\s*[.．、]|（[一二三四五六七八九十]+）)\s*")
_PREFIX = re.compile(r"^(?:公开\d+表|附?表(?:\d{1,2}|[一二三四五六七八九十]{1,3}))[：:]?")
_QUALIFIER = re.compile(r"[（(][^（）()]{1,16}[）)]$")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?")


def _key(title: str) -> str:
    """A title without numbering (一、, 1., 表十, 公开05表：), the year, spaces, quotes, a glued note,
    （续） and a trailing qualifier."""
    t = normalize_title(_NUMBER.sub("", strip_glued_note(title.strip())[1]))
    t = _NUMBER.sub("", _PREFIX.sub("", t))
    t = _YEAR.sub("", normalize_title(t))
    return _QUALIFIER.sub("", bare_title(t)) or t


def _same_words(a: str, b: str) -> bool:
    """The same title apart from numbering, the year and a prefix that names no table (the unit's
    name, 部门, 预算单位): 「十二、2017年江苏省高级人民法院部门政府采购预算表」 = 「政府采购预算表」."""
    ka, kb = _key(a), _key(b)
    if len(ka) < len(kb):
        ka, kb = kb, ka
    return ka.endswith(kb) and not title_words(ka[: len(ka) - len(kb)])


Printed = tuple[str, Table | PerformanceTable]


def _type_of(prof: Profile | None, title: str) -> str | None:
    spec = prof.match_title(title) if prof is not None else None
    return spec.type if spec is not None else None


def _near(k: str, other: str) -> bool:
    """One title contains the other, or both are made of the same characters (政府性基金财政拨款 /
    财政拨款政府性基金): the same table listed in other words, or cut by the reader."""
    return bool(k) and bool(other) and (k in other or other in k or sorted(k) == sorted(other))


def _pair(entries: list[tuple[str, str | None]], printed: list[tuple[str, str]]) -> tuple[dict[int, int], set[int]]:
    """目录 entry → printed table, and the entries paired only by their place in the list.

    ``entries`` and ``printed`` are (title key, table type) pairs. First the tables of each type in
    order; then an entry of no known type to a table with the same title, or one containing the
    other or made of the same characters; last, an entry left over to the table at the same place."""
    pairs: dict[int, int] = {}
    free = list(range(len(printed)))
    for i, (_, typ) in enumerate(entries):
        if typ is None:
            continue
        j = next((j for j in free if printed[j][1] == typ), None)
        if j is not None:
            pairs[i] = j
            free.remove(j)
    for exact in (True, False):
        for i, (k, typ) in enumerate(entries):
            if i in pairs or typ is not None:
                continue
            near = [j for j in free if (printed[j][0] == k if exact else _near(k, printed[j][0]))]
            if len(near) == 1 or (exact and near):
                pairs[i] = near[0]
                free.remove(near[0])
    by_place: set[int] = set()
    for i, _ in enumerate(entries):
        if i not in pairs and i < len(printed) and i in free:
            pairs[i] = i
            free.remove(i)
            by_place.add(i)
    return pairs, by_place


def _groups(d: Disclosure, prof: Profile | None) -> list[list[tuple[str, Location]]]:
    """The entries of each 目录: one per file of a document published as several files (the
    narrative's 目录 and the tables file's own), and a new one where a file lists a table again."""
    groups: list[list[tuple[str, Location]]] = []
    seen: set[str] = set()
    last_file: str | None = None
    for title, loc in d.contents:
        file = d.meta.where(loc.line)[0]
        typ = _type_of(prof, title)
        if not groups or file != last_file or (typ is not None and typ in seen):
            groups.append([])
            seen = set()
        groups[-1].append((title, loc))
        last_file = file
        if typ is not None:
            seen.add(typ)
    return groups


def toc_titles(d: Disclosure) -> Iterator[Finding]:
    """TOC-TITLE: a 目录 entry that names another table than the one printed in its place, or a
    table the document does not print; the tables listed in another order than printed.
    TOC-TITLE-WORDING (info): the same table listed in other words (「政府采购支出预算表」 /
    「政府采购预算表」). Only the year, the unit's name, 部门 and the numbering differing is nothing."""
    if not d.contents:
        return
    try:
        prof: Profile | None = get_profile(d.meta.profile)
    except KeyError:
        prof = None
    printed: list[Printed] = [(t.title, t) for t in d.tables] + ([(d.performance.title, d.performance)] if d.performance else [])
    groups = _groups(d, prof)
    for group in groups:
        name = "目录"
        if len(groups) > 1:
            name = f"目录（{PurePath(d.meta.where(group[0][1].line)[0]).name}）"
        yield from _toc(group, printed, prof, name)


def _toc(group: list[tuple[str, Location]], printed: list[Printed], prof: Profile | None, name: str) -> Iterator[Finding]:
    entries = [(_key(title), _type_of(prof, title)) for title, _ in group]
    pairs, by_place = _pair(entries, [(_key(title), t.type) for title, t in printed])
    for i, (title, loc) in enumerate(group):
        where = TextRef(section=name, sentence=title, text=title, line=loc.line, page=loc.page)
        j = pairs.get(i)
        if j is None:
            yield Finding(
                "TOC-TITLE",
                "warning",
                f"{name}第 {i + 1} 项为「{title}」，文件中没有这张表。",
                f"the table of contents lists {title} (item {i + 1}), but the document prints no such table.",
                actual=title,
                text=(where,),
            )
            continue
        t = printed[j][1]
        cells = (CellRef(t.type, t.number, t.title, "", "", t.location.line, t.location.page),)
        typ = entries[i][1]
        same_table = (typ is not None and typ == t.type) or (typ is None and i not in by_place)
        if same_table and _same_words(title, t.title):
            continue
        if same_table:
            yield Finding(
                "TOC-TITLE-WORDING",
                "info",
                f"{name}第 {i + 1} 项为「{title}」，第 {t.number} 张表印为「{t.title}」：是同一张表，但目录与表题措辞不同。",
                f"the table of contents lists item {i + 1} as {title}; table {t.number}, the same table, is printed as {t.title}.",
                cells,
                expected=t.title,
                actual=title,
                text=(where,),
            )
            continue
        yield Finding(
            "TOC-TITLE",
            "warning",
            f"{name}第 {i + 1} 项为「{title}」，而第 {t.number} 张表印为「{t.title}」，不是同一张表。",
            f"the table of contents lists item {i + 1} as {title}, but table {t.number} in its place is another table: {t.title}.",
            cells,
            expected=t.title,
            actual=title,
            text=(where,),
        )
    # the same tables listed in another order than they are printed
    order = [pairs[i] for i in range(len(group)) if i in pairs]
    if order != sorted(order):
        first = next(n for n, j in enumerate(order) if j != sorted(order)[n])
        i = [i for i in range(len(group)) if i in pairs][first]
        title, loc = group[i]
        yield Finding(
            "TOC-TITLE",
            "warning",
            f"{name}所列表格的顺序与正文不同：从第 {i + 1} 项「{title}」起，目录的顺序与表格的印刷顺序不一致。",
            f"the table of contents lists the tables in another order than they are printed, from item {i + 1} ({title}) on.",
            text=(TextRef(section=name, sentence=title, text=title, line=loc.line, page=loc.page),),
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
                        "TABLE-NOTE",
                        "warning",
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
                    "FORMAT-THOUSANDS",
                    "info",
                    f"表{t.number}「{t.title}」{r.display}·{col.label if col else c.column} 印为「{c.raw}」，没有本表其他金额使用的千位分隔符。",
                    f"table {t.number} {r.display}: {c.raw} lacks the thousands separator the other figures of the table use.",
                    (
                        CellRef(
                            t.type,
                            t.number,
                            t.title,
                            r.display,
                            col.label if col else c.column,
                            c.location.line,
                            c.location.page,
                            r.key,
                            c.column,
                            c.raw,
                        ),
                    ),
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
                            "NARR-ITEMS",
                            "warning",
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
                    "PROC-THRESHOLD",
                    "warning",
                    f"表{t.number}「{t.title}」「{label}」的名称是单价 {m.group(1)} 万元以上的采购，但金额只有 {a.text()}{t.unit}，"
                    "连一件也不够；品目名称可能应为“以下”。",
                    f"table {t.number}: {label} names purchases of {m.group(1)}万元 and more, but its amount is {a.text()} {t.unit}.",
                    (
                        CellRef(
                            t.type,
                            t.number,
                            t.title,
                            r.display,
                            "总计",
                            r.location.line,
                            r.location.page,
                            r.key,
                            "total",
                            a.text(),
                        ),
                    ),
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
