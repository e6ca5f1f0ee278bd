"""Classification codes printed in the tables, against the catalog of 政府收支分类科目.

Every row of a table with a printed code (支出功能分类 类/款/项, 部门 and 政府 economic
classification) is a code–name pair. The rules here check the pair against the catalog
edition of the document's year (or the catalog passed in, ``yusuan check --catalog``):

    CODE-UNKNOWN         info     the code is not in the catalog (coverage is partial: not an error)
    CODE-NAME            warning  the catalog names the code differently
    CODE-SHIFT           warning  a run of rows whose names belong to neighbouring codes (codes
                                  shifted or renumbered): one finding for the run, not one per row
    CODE-FORMER          warning  the printed name is the code's name in an earlier edition
    CODE-SHAPE           error    wrong number of digits, or a child code under a parent it does not extend
    CODE-CROSSWALK       error    a 部门 economic code beside a 政府 economic code it does not map to
    CODE-NAME-CONFLICT   warning  one code printed under different names in the document

A name is only a defect when the edition that applies to the document's year says so: where
no bundled edition covers the year (or the year is unknown), CODE-NAME, CODE-FORMER and
CODE-SHIFT are info that state the doubt. A catalog the user passes in is taken to apply.

Class rows of two-sided tables carry no printed code (the reader keys them by name); their
names are checked by :mod:`.names`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..catalog import Catalog, Entry, bundled_editions, edition_for, load_catalog, name_key
from ..catalog.loader import LEVEL_ZH, SCHEME_EN, SCHEME_ZH, Scheme, scheme_of, valid_lengths
from ..findings import CellRef, Finding
from ..model.core import Disclosure, Row, Table
from .base import ref

__all__ = [
    "Block",
    "catalog_for",
    "unknown_codes",
    "code_names",
    "former_names",
    "code_shapes",
    "crosswalk",
    "name_conflicts",
    "shifted_blocks",
]


@dataclass(frozen=True, slots=True)
class _Use:
    """One printed code–name pair: the row's own code, or the 政府 code printed beside it."""

    table: Table
    row: Row
    code: str
    name: str
    gov: bool  # the 政府预算经济分类 code of an economic_pair/split row
    pos: int = -1  # the row's position in its table

    @property
    def key(self) -> tuple[int, int, bool]:
        return (self.table.index, self.pos, self.gov)

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


def _sure(d: Disclosure, cat: Catalog) -> bool:
    """The catalog applies to the document: the user's own, or a bundled edition covering its year."""
    return cat.source != "bundled" or cat.covers(d.meta.year)


def _doubt(d: Disclosure, cat: Catalog) -> tuple[str, str]:
    """Why a name disagreement is not reported as a defect (zh, en); empty when the catalog applies."""
    if _sure(d, cat):
        return "", ""
    if d.meta.year is None:
        return (
            f"（未能识别文件年度，按 {_ed(cat)}核对；名称可能是文件所属年度的正式名称，请按当年《政府收支分类科目》确认）",
            f" (the document's year is unknown; checked against edition {_ed_en(cat)}: the printed name may be the one "
            "of the document's own year; check it against that year's catalog)",
        )
    return (
        f"（本工具没有适用于 {d.meta.year} 年的分类科目版本，按 {_ed(cat)}（适用于 {cat.valid_zh}）核对；"
        f"名称可能是 {d.meta.year} 年的正式名称，请按当年《政府收支分类科目》确认）",
        f" (no bundled catalog edition covers {d.meta.year}; checked against edition {_ed_en(cat)}: the printed name "
        f"may be the official one of {d.meta.year}; check it against that year's catalog)",
    )


def _uses(d: Disclosure) -> Iterator[_Use]:
    for t in d.tables:
        for i, r in enumerate(t.rows):
            if r.side or not r.code or r.kind in ("unit", "total", "project"):
                continue
            yield _Use(t, r, r.code, r.label, False, i)
            gov = r.attr("gov_code")
            if gov:
                yield _Use(t, r, gov, r.attr("gov_name"), True, i)


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


def _other_edition_name(cat: Catalog, code: str) -> tuple[int, Entry] | None:
    """The nearest other bundled edition that lists ``code`` (for a code missing from ``cat``)."""
    if cat.source != "bundled":
        return None
    for ed in sorted(bundled_editions(), key=lambda e: (abs(e - cat.edition), e)):
        if ed != cat.edition:
            e = load_catalog(ed).get(code)
            if e is not None:
                return ed, e
    return None


def unknown_codes(d: Disclosure, catalog: Catalog | None = None, shifted: Sequence[Block] | None = None) -> Iterator[Finding]:
    cat = catalog_for(d, catalog)
    skip = _shifted_keys(d, cat, shifted)
    for us in _groups(u for u in _uses(d) if _shape_ok(u) and u.code not in cat and u.key not in skip).values():
        u = us[0]
        other = _other_edition_name(cat, u.code)
        hint = hint_en = ""
        if other is not None:
            ed, e = other
            valid = load_catalog(ed).valid_zh
            hint = f"{ed} 年版（适用于 {valid}）中 {u.code} 为「{e.name}」；"
            hint_en = f" The {ed} edition lists {u.code} as {e.name}."
        yield Finding(
            "CODE-UNKNOWN",
            "info",
            f"{u.where}{u.what}「{u.name}」{_rows_zh(us)}不在 {_ed(cat)}分类科目目录中，未核对名称"
            f"（{hint}目录收录不全，这不表示编码有误）。",
            f"{u.where_en}: {u.what_en} {u.name} is not in catalog edition {_ed_en(cat)}; its name was not checked "
            f"(the catalog is partial: this does not mean the code is wrong).{hint_en}",
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


# ---------------------------------------------------------------- shifted code/name blocks


@dataclass(frozen=True, slots=True)
class _Pair:
    """A printed code–name pair the catalog disagrees with, and what the catalog says of it."""

    use: _Use
    entry: Entry | None  # the catalog's entry for the printed code
    owner: Entry | None  # the code whose catalog name was printed, when it is another code

    @property
    def sibling(self) -> bool:
        """The printed name is the name of another code under the same parent (a neighbour)."""
        o, code = self.owner, self.use.code
        return o is not None and len(o.code) == len(code) and o.code[:-2] == code[:-2]


def _pair(u: _Use, cat: Catalog) -> _Pair | None:
    """``None`` when the pair agrees with the catalog (or its name is blank or of a later edition)."""
    if not u.name or not _shape_ok(u):
        return None
    e = cat.get(u.code)
    if e is not None and (e.accepts(u.name) or e.former_until(u.name) is not None):
        return None
    if e is not None and _later_edition(cat, u.code, u.name) is not None:
        return None
    others = [x for x in cat.by_name(u.name, u.scheme) if x.code != u.code and len(x.code) == len(u.code)]
    current = [x for x in others if x.accepts(u.name)] or others
    same_parent = [x for x in current if len(u.code) > 3 and x.parent == u.code[:-2]]
    owners = same_parent or current
    return _Pair(u, e, owners[0] if owners else None)


def _runs(t: Table, gov: bool, cat: Catalog) -> Iterator[list[tuple[_Use, _Pair | None]]]:
    """Consecutive code rows of one column of a table (a total, unit or uncoded row ends a run)."""
    run: list[tuple[_Use, _Pair | None]] = []
    for i, r in enumerate(t.rows):
        code = r.attr("gov_code") if gov else r.code
        if r.side or not code or r.kind in ("unit", "total", "project"):
            if run:
                yield run
            run = []
            continue
        u = _Use(t, r, code, r.attr("gov_name") if gov else r.label, gov, i)
        if run and run[-1][0].scheme != u.scheme:
            yield run
            run = []
        run.append((u, _pair(u, cat)))
    if run:
        yield run


#: a run of rows whose code/name pairs are out of step (see :func:`shifted_blocks`)
Block = tuple[_Pair, ...]


def shifted_blocks(d: Disclosure, catalog: Catalog | None = None) -> list[Block]:
    """Runs of rows whose code/name pairs are out of step: the disagreeing pairs of each run.

    A block is a stretch of consecutive rows of one table column that disagree with the
    catalog (one agreeing row between two disagreeing ones does not end it: a renumbered
    list can land on a right pair by chance), in which at least two rows carry the catalog
    name of another code under the same parent (30202 printed 咨询费, the name of 30203).
    That is one defect — the codes were shifted or renumbered — and a clerk fixes it at once.
    A single wrong name is not a block.
    """
    cat = catalog_for(d, catalog)
    out: list[tuple[_Pair, ...]] = []

    def close(block: list[_Pair]) -> None:
        if sum(1 for p in block if p.sibling) >= 2:
            out.append(tuple(block))

    for t in d.tables:
        for gov in (False, True):
            for run in _runs(t, gov, cat):
                block: list[_Pair] = []
                agreeing = 0  # agreeing rows since the last disagreeing one
                for _u, p in run:
                    if p is not None:
                        block.append(p)
                        agreeing = 0
                    else:
                        agreeing += 1
                        if agreeing == 2 and block:
                            close(block)
                            block = []
                close(block)
    return out


def _shifted_keys(d: Disclosure, cat: Catalog, blocks: Sequence[Block] | None = None) -> set[tuple[int, int, bool]]:
    """The rows of the shifted blocks (``blocks`` when the audit computed them already)."""
    return {p.use.key for block in (shifted_blocks(d, cat) if blocks is None else blocks) for p in block}


def _shift_item(p: _Pair) -> tuple[str, str]:
    u, e, o = p.use, p.entry, p.owner
    own = f"{u.code} 为「{e.name}」" if e is not None else f"{u.code} 不在目录中"
    own_en = f"{u.code} is {e.name}" if e is not None else f"{u.code} is not in the catalog"
    if o is not None:
        return f"{u.code}「{u.name}」（「{u.name}」为 {o.code}，{own}）", f"{u.code} {u.name} ({u.name} is {o.code}; {own_en})"
    return f"{u.code}「{u.name}」（{own}）", f"{u.code} {u.name} ({own_en})"


def _shift_finding(block: tuple[_Pair, ...], d: Disclosure, cat: Catalog) -> Finding:
    first, last = block[0].use, block[-1].use
    items = [_shift_item(p) for p in block]
    doubt, doubt_en = _doubt(d, cat)
    fixes = [f"{p.use.code}「{p.use.name}」→ {p.owner.code}" for p in block if p.owner is not None]
    return Finding(
        "CODE-SHIFT",
        "warning" if _sure(d, cat) else "info",
        f"{first.where}{first.what} 至 {last.code} 这一段 {len(block)} 行的编码与名称错位：名称大多是同一类中其他编码的名称，"
        f"疑似整段编码顺延或按行重新编号（按 {_ed(cat)}）{doubt}：{'；'.join(z for z, _ in items)}。请逐行按分类科目改正编码。",
        f"{first.where_en}: {len(block)} rows from {first.what_en} to {last.code} carry names of other codes of the same "
        f"class: the codes look shifted or renumbered (catalog edition {_ed_en(cat)}){doubt_en}: {'; '.join(x for _, x in items)}.",
        tuple(p.use.cell for p in block),
        suggestion="按名称应为：" + "；".join(fixes) if fixes else None,
    )


def code_names(d: Disclosure, catalog: Catalog | None = None, shifted: Sequence[Block] | None = None) -> Iterator[Finding]:
    cat = catalog_for(d, catalog)
    blocks = shifted_blocks(d, cat) if shifted is None else shifted
    skip = {p.use.key for block in blocks for p in block}
    for block in blocks:
        yield _shift_finding(block, d, cat)
    doubt, doubt_en = _doubt(d, cat)
    for us in _groups(u for u in _uses(d) if u.key not in skip).values():
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
            "warning" if _sure(d, cat) else "info",
            f"{u.where}{u.what} 印为「{u.name}」{_rows_zh(us)}，{_ed(cat)}分类科目中 {u.code} 为「{e.name}」{doubt}。",
            f"{u.where_en}: {u.what_en} is printed {u.name}; catalog edition {_ed_en(cat)} names {u.code} {e.name}{doubt_en}.",
            tuple(x.cell for x in us),
            expected=e.name,
            actual=u.name,
            suggestion=f"{u.code} {e.name}",
        )


def former_names(d: Disclosure, catalog: Catalog | None = None, shifted: Sequence[Block] | None = None) -> Iterator[Finding]:
    cat = catalog_for(d, catalog)
    year = d.meta.year
    skip = _shifted_keys(d, cat, shifted)
    for us in _groups(u for u in _uses(d) if u.key not in skip).values():
        u = us[0]
        e = cat.get(u.code)
        if e is None or not u.name or e.accepts(u.name):
            continue
        until = e.former_until(u.name)
        if until is None or (year is not None and year <= until):
            continue
        now = [x for x in cat.by_name(u.name, e.scheme) if x.code != u.code and x.accepts(u.name)]
        moved = f"；「{u.name}」现为 {'、'.join(x.code for x in now)}" if now else ""
        moved_en = f"; {u.name} is now {'/'.join(x.code for x in now)}" if now else ""
        # a former name is wrong in any year after the rename, covered by an edition or not;
        # only an unknown year leaves it in doubt
        sure = cat.source != "bundled" or year is not None
        unknown_year, unknown_year_en = _doubt(d, cat) if not sure else ("", "")
        yield Finding(
            "CODE-FORMER",
            "warning" if sure else "info",
            f"{u.where}{u.what} 印为「{u.name}」{_rows_zh(us)}，这是 {until} 年及以前版本中 {u.code} 的名称；"
            f"{_ed(cat)}分类科目中 {u.code} 为「{e.name}」{moved}{unknown_year}。",
            f"{u.where_en}: {u.what_en} is printed {u.name}, its name until the {until} edition; "
            f"catalog edition {_ed_en(cat)} names {u.code} {e.name}{moved_en}{unknown_year_en}.",
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


def name_conflicts(d: Disclosure, catalog: Catalog | None = None, shifted: Sequence[Block] | None = None) -> Iterator[Finding]:
    """A disagreement inside the document; rows of a shifted block are left to CODE-SHIFT."""
    skip = _shifted_keys(d, catalog_for(d, catalog), shifted)
    by_code: dict[str, dict[str, list[_Use]]] = {}
    for u in _uses(d):
        if u.name and _shape_ok(u) and u.key not in skip:
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
