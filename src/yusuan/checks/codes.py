"""Classification codes printed in the tables, against the catalog of 政府收支分类科目.

Every row of a table with a printed code (支出功能分类 类/款/项, 部门 and 政府 economic
classification) is a code–name pair. The rules here check the pair against the catalog
edition of the document's year (or the catalog passed in, ``yusuan check --catalog``):

    CODE-UNKNOWN         info     the code is not in the catalog (coverage is partial: not an error)
    CODE-NAME            warning  the catalog names the code differently
    CODE-FORMER          warning  the printed name is the code's name in an earlier edition
    CODE-SHAPE           error    wrong number of digits, or a child code under a parent it does not extend
    CODE-CROSSWALK       error    a 部门 economic code beside a 政府 economic code it does not map to
    CODE-NAME-CONFLICT   warning  one code printed under different names in the document

Class rows of two-sided tables carry no printed code (the reader keys them by name); their
names are checked by :mod:`.names`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..catalog import Catalog, Entry, bundled_editions, edition_for, load_catalog, name_key
from ..catalog.loader import LEVEL_ZH, SCHEME_EN, SCHEME_ZH, Scheme, scheme_of, valid_lengths
from ..model.core import Disclosure, Row, Table
from ..report.finding import CellRef, Finding
from .base import ref

__all__ = ["catalog_for", "unknown_codes", "code_names", "former_names", "code_shapes", "crosswalk", "name_conflicts"]


@dataclass(frozen=True, slots=True)
class _Use:
    """One printed code–name pair: the row's own code, or the 政府 code printed beside it."""

    table: Table
    row: Row
    code: str
    name: str
    gov: bool  # the 政府预算经济分类 code of an economic_pair/split row

    @property
    def scheme(self) -> Scheme | None:
        return scheme_of(self.code)

    @property
    def cell(self) -> CellRef:
        c = ref(self.table, self.row, "")
        if self.gov:
            return replace(c, column="政府预算支出经济分类科目", column_key="gov_code", value=f"{self.code} {self.name}".strip())
        return replace(c, column="科目编码/科目名称", column_key="code", value=f"{self.code} {self.name}".strip())

    @property
    def where(self) -> str:
        return f"表{self.table.number}「{self.table.title}」"

    @property
    def where_en(self) -> str:
        return f"table {self.table.number} ({self.table.title})"

    @property
    def what(self) -> str:
        s = self.scheme
        return (SCHEME_ZH[s] if s else "分类") + f"{LEVEL_ZH.get(len(self.code), '')} {self.code}"

    @property
    def what_en(self) -> str:
        s = self.scheme
        return (SCHEME_EN[s] if s else "classification") + f" code {self.code}"


def catalog_for(d: Disclosure, catalog: Catalog | None = None) -> Catalog:
    """The catalog a document is checked against: the one given, or the bundled edition of its year."""
    return catalog if catalog is not None else load_catalog(edition_for(d.meta.year))


def _ed(cat: Catalog) -> str:
    return f"{cat.edition} 年版" + ("" if cat.source == "bundled" else f"（{Path(cat.source).name}）")


def _ed_en(cat: Catalog) -> str:
    return f"{cat.edition}" + ("" if cat.source == "bundled" else f" ({Path(cat.source).name})")


def _uses(d: Disclosure) -> Iterator[_Use]:
    for t in d.tables:
        for r in t.rows:
            if r.side or not r.code or r.kind in ("unit", "total", "project"):
                continue
            yield _Use(t, r, r.code, r.label, False)
            gov = r.attr("gov_code")
            if gov:
                yield _Use(t, r, gov, r.attr("gov_name"), True)


def _shape_ok(u: _Use) -> bool:
    s = u.scheme
    return s is not None and len(u.code) in valid_lengths(s)


def _groups(uses: Iterable[_Use]) -> dict[tuple[int, bool, str, str], list[_Use]]:
    """Uses of one code under one name in one table (50101 printed on three rows is one finding)."""
    out: dict[tuple[int, bool, str, str], list[_Use]] = {}
    for u in uses:
        out.setdefault((u.table.index, u.gov, u.code, name_key(u.name)), []).append(u)
    return out


def _rows_zh(us: list[_Use]) -> str:
    return "" if len(us) == 1 else f"（共 {len(us)} 行）"


def unknown_codes(d: Disclosure, catalog: Catalog | None = None) -> Iterator[Finding]:
    cat = catalog_for(d, catalog)
    for us in _groups(u for u in _uses(d) if _shape_ok(u) and u.code not in cat).values():
        u = us[0]
        yield Finding(
            "CODE-UNKNOWN",
            "info",
            f"{u.where}{u.what}「{u.name}」{_rows_zh(us)}不在 {_ed(cat)}分类科目目录中，未核对名称"
            "（目录收录不全，这不表示编码有误）。",
            f"{u.where_en}: {u.what_en} {u.name} is not in catalog edition {_ed_en(cat)}; its name was not checked "
            "(the catalog is partial: this does not mean the code is wrong).",
            tuple(x.cell for x in us),
            actual=u.code,
        )


def _later_edition(cat: Catalog, code: str, name: str) -> int | None:
    """A newer bundled edition whose entry for ``code`` carries ``name`` (the document may follow it)."""
    if cat.source != "bundled":
        return None
    for ed in bundled_editions():
        if ed > cat.edition:
            e = load_catalog(ed).get(code)
            if e is not None and e.accepts(name):
                return ed
    return None


def code_names(d: Disclosure, catalog: Catalog | None = None) -> Iterator[Finding]:
    cat = catalog_for(d, catalog)
    for us in _groups(_uses(d)).values():
        u = us[0]
        e = cat.get(u.code)
        if e is None or not u.name or e.accepts(u.name) or e.former_until(u.name) is not None:
            continue
        later = _later_edition(cat, u.code, u.name)
        if later is not None:
            yield Finding(
                "CODE-NAME",
                "info",
                f"{u.where}{u.what} 印为「{u.name}」{_rows_zh(us)}，这是 {later} 年版的名称；"
                f"按文件年度适用的 {_ed(cat)}为「{e.name}」。请确认适用的分类科目版本。",
                f"{u.where_en}: {u.what_en} is printed {u.name}, its name in the {later} edition; "
                f"the {_ed_en(cat)} edition for the document's year names it {e.name}.",
                tuple(x.cell for x in us),
                expected=e.name,
                actual=u.name,
            )
            continue
        yield Finding(
            "CODE-NAME",
            "warning",
            f"{u.where}{u.what} 印为「{u.name}」{_rows_zh(us)}，{_ed(cat)}分类科目中 {u.code} 为「{e.name}」。",
            f"{u.where_en}: {u.what_en} is printed {u.name}; catalog edition {_ed_en(cat)} names {u.code} {e.name}.",
            tuple(x.cell for x in us),
            expected=e.name,
            actual=u.name,
            suggestion=f"{u.code} {e.name}",
        )


def former_names(d: Disclosure, catalog: Catalog | None = None) -> Iterator[Finding]:
    cat = catalog_for(d, catalog)
    year = d.meta.year
    for us in _groups(_uses(d)).values():
        u = us[0]
        e = cat.get(u.code)
        if e is None or not u.name or e.accepts(u.name):
            continue
        until = e.former_until(u.name)
        if until is None or (year is not None and year <= until):
            continue
        yield Finding(
            "CODE-FORMER",
            "warning",
            f"{u.where}{u.what} 印为「{u.name}」{_rows_zh(us)}，这是 {until} 年及以前版本的科目名称；"
            f"{_ed(cat)}分类科目中 {u.code} 已更名为「{e.name}」。",
            f"{u.where_en}: {u.what_en} is printed {u.name}, its name until the {until} edition; "
            f"catalog edition {_ed_en(cat)} renamed {u.code} to {e.name}.",
            tuple(x.cell for x in us),
            expected=e.name,
            actual=u.name,
            suggestion=f"{u.code} {e.name}",
        )


def _shape_finding(u: _Use, zh: str, en: str, cells: tuple[CellRef, ...]) -> Finding:
    return Finding("CODE-SHAPE", "error", f"{u.where}{zh}", f"{u.where_en}: {en}", cells, actual=u.code)


def code_shapes(d: Disclosure, catalog: Catalog | None = None) -> Iterator[Finding]:
    del catalog  # the shape of a code does not depend on the edition
    for t in d.tables:
        uses: list[_Use] = []
        for r in t.rows:
            if r.side or r.kind in ("unit", "total", "project") or not r.code:
                continue
            uses.append(_Use(t, r, r.code, r.label, False))
            if r.attr("gov_code"):
                uses.append(_Use(t, r, r.attr("gov_code"), r.attr("gov_name"), True))
        for u in uses:
            s = u.scheme
            if s is None or len(u.code) in valid_lengths(s):
                continue
            lengths = valid_lengths(s)
            hint = hint_en = ""
            if len(u.code) - 1 in lengths and len(u.code) > 3:
                hint, hint_en = "，可能是款或项编码漏印了前导 0", "; a 款/项 part may have lost its leading zero"
            yield _shape_finding(
                u,
                f"编码 {u.code}「{u.name}」为 {len(u.code)} 位，{SCHEME_ZH[s]}编码应为 "
                f"{'、'.join(f'{n} 位（{LEVEL_ZH[n]}）' for n in lengths)}{hint}。",
                f"code {u.code} ({u.name}) has {len(u.code)} digits; {SCHEME_EN[s]} codes have "
                f"{' or '.join(map(str, lengths))}{hint_en}.",
                (u.cell,),
            )
        yield from _misplaced(t)


def _misplaced(t: Table) -> Iterator[Finding]:
    """Child rows listed under a 类/款 row they do not extend.

    A table that prints parent rows groups each child under its parent. A child whose
    nearest parent-level row above it is another code is an error when its own parent is
    printed elsewhere in the table (it is out of place) or when every other child of the
    table has its parent printed (the table is a full hierarchy, so the code is wrong).
    Tables that print only 项 rows (the Henan template) have no parent rows to check.
    """
    rows: list[_Use] = []
    for r in t.rows:
        if r.side or r.kind in ("unit", "total", "project"):
            rows.append(_Use(t, r, "", "", False))  # a block boundary
        elif r.code and _shape_ok(_Use(t, r, r.code, r.label, False)):
            rows.append(_Use(t, r, r.code, r.label, False))
    reported: set[int] = set()
    for level in (3, 5):
        for scheme in {u.scheme for u in rows if u.code}:
            block = [u for u in rows if not u.code or u.scheme == scheme]
            printed = {u.code for u in block if len(u.code) == level}
            kids = [u for u in block if len(u.code) > level]
            if not printed or not kids:
                continue
            orphans = [u for u in kids if u.code[:level] not in printed]
            current: _Use | None = None
            for u in block:
                if not u.code or len(u.code) < level:
                    current = None
                elif len(u.code) == level:
                    current = u
                elif current is not None and not u.code.startswith(current.code) and id(u) not in reported:
                    if u.code[:level] in printed or (len(orphans) == 1 and orphans[0] is u):
                        reported.add(id(u))
                        p = current
                        yield _shape_finding(
                            u,
                            f"{u.what}「{u.name}」列在{LEVEL_ZH[level]} {p.code}「{p.name}」之下，"
                            f"但编码前 {level} 位是 {u.code[:level]}，不是 {p.code}：编码或所在位置有误。",
                            f"{u.what_en} ({u.name}) is listed under {p.code} ({p.name}) but does not start with {p.code}.",
                            (u.cell, p.cell),
                        )


def _gov_label(cat: Catalog, codes: tuple[str, ...]) -> str:
    out = []
    for c in codes:
        e = cat.get(c)
        out.append(f"{c} {e.name}" if e else c)
    return "、".join(out)


def crosswalk(d: Disclosure, catalog: Catalog | None = None) -> Iterator[Finding]:
    cat = catalog_for(d, catalog)
    for t in d.tables:
        for r in t.rows:
            gov = r.attr("gov_code")
            if r.side or not gov or scheme_of(r.code) != "dept_economic" or scheme_of(gov) != "gov_economic":
                continue
            if len(r.code) not in (3, 5) or len(gov) not in (3, 5):
                continue  # CODE-SHAPE reports it
            entry: Entry | None = cat.get(r.code)
            if entry is not None and entry.gov_codes:
                allowed = entry.gov_codes
                ok = gov in allowed or (len(gov) == 3 and any(a[:3] == gov for a in allowed))
            else:
                cls = cat.get(r.code[:3])
                if cls is None or not cls.gov_codes:
                    continue  # no crosswalk known for this code: nothing to check
                allowed = cls.gov_codes
                ok = gov[:3] in allowed
            if ok:
                continue
            u = _Use(t, r, r.code, r.label, False)
            g = _Use(t, r, gov, r.attr("gov_name"), True)
            yield Finding(
                "CODE-CROSSWALK",
                "error",
                f"{u.where}部门预算支出经济分类 {r.code}「{r.label}」对应的政府预算支出经济分类应为 "
                f"{_gov_label(cat, allowed)}（按 {_ed(cat)}对照关系），表中印为 {gov}「{g.name}」。",
                f"{u.where_en}: department economic code {r.code} ({r.label}) maps to {'/'.join(allowed)} "
                f"(catalog edition {_ed_en(cat)}); the table prints {gov} ({g.name}).",
                (g.cell, u.cell),
                expected="|".join(allowed),
                actual=gov,
                suggestion=f"应为 {_gov_label(cat, allowed)}",
            )


def name_conflicts(d: Disclosure, catalog: Catalog | None = None) -> Iterator[Finding]:
    del catalog  # a disagreement inside the document needs no catalog
    by_code: dict[str, dict[str, list[_Use]]] = {}
    for u in _uses(d):
        if u.name and _shape_ok(u):
            by_code.setdefault(u.code, {}).setdefault(name_key(u.name), []).append(u)
    for names in by_code.values():
        if len(names) < 2:
            continue
        firsts = [us[0] for us in names.values()]
        places = "；".join(f"{u.where}为「{u.name}」" for u in firsts)  # lines are in the cells, not the message
        places_en = "; ".join(f"{u.name} in {u.where_en}" for u in firsts)
        yield Finding(
            "CODE-NAME-CONFLICT",
            "warning",
            f"{firsts[0].what} 在本文件中名称不一致：{places}。",
            f"{firsts[0].what_en} has different names in this document: {places_en}.",
            tuple(u.cell for u in firsts),
            expected=firsts[0].name,
            actual=firsts[1].name,
        )
