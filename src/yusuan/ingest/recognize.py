"""Raw grid + table spec → typed :class:`~yusuan.model.Table`.

Header rows are the leading rows without figures or codes; a later row made only of
header words is a header repeated after a page break and is skipped. Value cells are
aligned by the spec's stub width, except where the extraction dropped stub cells (a 合计
row printed one cell short): then the figures are found where they start. Codes are
read from the digit-only stub cells wherever they landed, so a shifted stub still gives
the right code and label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from ..catalog import match_class, strip_ordinal
from ..identities import PART_OF, formulas_for
from ..labels import no_space
from ..model.core import Cell, Column, Location, Row, RowKind, Table
from ..model.money import parse_amount
from ..profiles import Profile, TableSpec
from .text import GridRow, RawTable

__all__ = ["recognize_table", "norm", "ReadNote", "PRINTED_CODE", "READING", "READING_DOUBT", "READER_ATTRS"]

#: Row attributes the reader writes about its own reading (the checks weigh their evidence by them):
#: the code as printed, where it is malformed (``7 11 02``);
PRINTED_CODE = "printed_code"
#: how the row was placed by a repair (its code, its group: the only reading that makes the
#: table's roll-ups hold);
READING = "reading"
#: why the row's reading is a guess (no repair could be settled).
READING_DOUBT = "reading_doubt"
#: the attributes above: what the reader says about its reading, not part of the disclosure
#: (a model file leaves them out)
READER_ATTRS = frozenset({PRINTED_CODE, READING, READING_DOUBT})

#: the old name of :func:`yusuan.labels.no_space`
norm = no_space

_DECIMAL = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
_TOTAL_LABELS = {"合计", "总计"}
_KIND_BY_LENGTH: dict[int, RowKind] = {3: "class", 5: "item", 7: "subitem"}
#: Header words printed in a data row's stub (final accounts print 类 款 项 beside the 合计 row).
_STUB_HEADER_WORDS = {"类", "款", "项", "小计", "科目编码", "功能分类科目编码"}
_CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*([^\d\s].*)$")
_DIGIT_ORDINAL = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*")


@dataclass(frozen=True, slots=True)
class ReadNote:
    """Something the reader noticed but could not place (kept, never dropped)."""

    line: int
    table: str
    text: str


def _is_figure(cell: str) -> bool:
    """A printed amount with decimals or thousands separators (codes have neither)."""
    return bool(_DECIMAL.match(cell.replace(" ", "")))


def _stub_width(spec: TableSpec, rows: tuple[GridRow, ...] = ()) -> int:
    """Stub cells before the value columns: fixed for the Henan stubs; for the ``code`` and
    ``labels`` stubs of other templates, the grid width less the value columns (the same
    template prints 类/款/项 in three cells or one code cell in one, with the name beside)."""
    if spec.stub in ("code", "labels"):
        width = max((len(r.cells) for r in rows), default=0)
        return max(width - len(spec.columns), 0)
    return {"function": 5, "economic_pair": 4, "economic_split": 6, "unit": 2, "project": 3, "none": 0}.get(spec.stub, 0)


def _header_tokens(rows: tuple[GridRow, ...]) -> set[str]:
    return {no_space(c) for r in rows for c in r.cells if c.strip()}


def _is_data_row(row: GridRow) -> bool:
    """Figures or codes make a data row; so does a lone 合计 (an empty table's total row)."""
    if any(_is_figure(c) or c.strip().isdigit() for c in row.cells):
        return True
    texts = [no_space(c) for c in row.cells if c.strip()]
    return len(texts) == 1 and texts[0] in _TOTAL_LABELS


def _split_header(raw: RawTable) -> tuple[tuple[GridRow, ...], tuple[GridRow, ...]]:
    header: list[GridRow] = []
    for i, row in enumerate(raw.rows):
        if _is_data_row(row) or (raw.spec.layout == "two_sided" and header and _has_side_label(row, raw)):
            return tuple(header), raw.rows[i:]
        header.append(row)
    return tuple(header), ()


def _has_side_label(row: GridRow, raw: RawTable) -> bool:
    # In two-sided tables the first data row may hold only labels (e.g. "一、外交").
    return any(strip_ordinal(c)[0] for c in row.cells)


def _is_repeated_header(row: GridRow, tokens: set[str]) -> bool:
    if _is_data_row(row):
        return False
    cells = [no_space(c) for c in row.cells if c.strip()]
    return bool(cells) and not any(_is_figure(c) for c in cells) and all(c in tokens for c in cells)


def recognize_table(raw: RawTable, index: int, profile: Profile, source: str) -> tuple[Table, list[ReadNote]]:
    header, body = _split_header(raw)
    tokens = _header_tokens(header)
    body = tuple(r for r in body if not _is_repeated_header(r, tokens))
    notes: list[ReadNote] = []
    if raw.spec.layout == "two_sided":
        rows, columns = _two_sided(raw, body, profile, source)
    elif raw.spec.layout == "grid":
        rows, columns = _grid(header, body, source)
    elif raw.spec.layout == "halves":
        rows, columns = _halves(raw, header, body, source, notes)
    else:
        rows, columns = _row_table(raw, body, source, notes, header)
    table = Table(
        type=raw.spec.type,
        title=raw.title.strip("#* "),
        index=index,
        columns=columns,
        rows=tuple(rows),
        location=Location(line=raw.title_line, source=source),
        unit=raw.amount_unit or profile.amount_unit,
        notes=tuple(t for _, t in raw.notes),
    )
    return table, notes


# ---------------------------------------------------------------- one-sided tables


def _row_table(
    raw: RawTable, body: tuple[GridRow, ...], source: str, notes: list[ReadNote], header: tuple[GridRow, ...] = ()
) -> tuple[list[Row], tuple[Column, ...]]:
    spec = raw.spec
    width = _stub_width(spec, header + body)
    ncols = len(spec.columns)
    rows: list[Row] = []
    open_groups = [""] * spec.group_columns  # labels stubs: the group labels in force, by level
    for g in body:
        cells = list(g.cells)
        group_repair = ""
        if spec.stub == "labels" and spec.group_columns and width > spec.group_columns:
            before = cells
            cells = _continued_group(spec, cells, width, g, open_groups, notes)
            if cells != before:
                group_repair = "分页后重复印出的分组名称不计为新分组"
        start = width
        if width and len(cells) > width - 1 and _is_figure(cells[width - 1]) and spec.stub not in ("code", "labels"):
            start = width - 1
            while start > 0 and _is_figure(cells[start - 1]):
                start -= 1
        stub = cells[:start]
        values = cells[start : start + ncols]
        extra = [c for c in cells[start + ncols :] if c.strip()]
        if extra:
            notes.append(ReadNote(g.line, spec.type, f"多余的单元格 / extra cells: {' | '.join(extra)}"))
        values += [""] * (ncols - len(values))
        realigned = _realign(spec, values)
        if realigned is not None:
            notes.append(ReadNote(g.line, spec.type, "列错位，已按本行合计关系对齐 / cells shifted; realigned"))
            values = realigned
        loc = Location(line=g.line, source=source)
        value_cells = tuple(Cell(col.key, parse_amount(v), v, loc) for col, v in zip(spec.columns, values, strict=True))
        unparsed = [v for v in values if v.strip() and parse_amount(v) is None]
        if unparsed:
            notes.append(ReadNote(g.line, spec.type, f"无法识别的数字 / not a number: {' | '.join(unparsed)}"))
        row = _stub_row(spec, stub, value_cells, loc)
        rows.append(replace(row, attrs=row.attrs + ((READING, group_repair),)) if group_repair else row)
    if spec.stub == "code":
        rows = _repair_codes(spec, rows, notes)
    if not rows and spec.stub == "none" and spec.columns:
        # a one-row table printed blank (the 三公 table of a blank template): its one row, every cell empty
        loc = Location(line=raw.title_line, source=source)
        rows.append(Row("total", "合计", "total", tuple(Cell(c.key, None, "", loc) for c in spec.columns), loc))
    return rows, spec.columns


def _continued_group(
    spec: TableSpec, cells: list[str], width: int, g: GridRow, open_groups: list[str], notes: list[ReadNote]
) -> list[str]:
    """A merged group cell (专项名称 / 经济科目) that runs on over a page break is printed again on
    the new page, beside the first row there: that row is a leaf of the group of the previous
    page (it has its own 采购物品名称), not a new group. Its repeated group labels are dropped and
    the reading is noted. ``open_groups`` holds the group labels in force, level by level."""
    n = spec.group_columns
    group = [no_space(c) for c in cells[:n]]
    filled = [i for i, c in enumerate(group) if c]
    if not filled:
        return cells
    leaf = any(c.strip() and not _is_figure(c) for c in cells[n:width])
    if g.after_break and leaf and all(group[i] == open_groups[i] for i in filled):
        shown = " / ".join(c.strip() for c in cells[:n] if c.strip())
        notes.append(
            ReadNote(
                g.line,
                spec.type,
                f"分页后重复印出的分组名称「{shown}」属于上一页的分组，本行读作该组的明细 / "
                "group labels printed again after a page break: the row is read as a leaf of the group of the previous page",
            )
        )
        return [""] * n + cells[n:]
    for i in filled:
        open_groups[i] = group[i]
    for i in range(filled[-1] + 1, n):  # a new group closes the deeper ones
        open_groups[i] = ""
    return cells


def _code_readings(parts: list[str], before: list[Row]) -> list[str]:
    """Whole codes a malformed printed code (its digit cells, e.g. ``7 11 02`` or ``301 2``) may
    stand for: its 款/项 parts with a lost leading zero restored (``301 2`` → 30102); or its
    well-formed trailing 2-digit parts under the nearest row above whose code ends with all but
    the last of them (``7 11 02`` under 21011 → 2101102: the 类 part is garbled)."""
    out: list[str] = []
    if len(parts[0]) == 3 and all(1 <= len(p) <= 2 for p in parts[1:]):
        out.append(parts[0] + "".join(p.zfill(2) for p in parts[1:]))
    tail: list[str] = []
    for p in reversed(parts):
        if len(p) != 2:
            break
        tail.insert(0, p)
    if tail:
        parent_len = 3 + 2 * (len(tail) - 1)
        stem = "".join(tail[:-1])
        parent = next((r.code for r in reversed(before) if len(r.code) == parent_len and r.code.endswith(stem)), None)
        if parent is not None:
            out.append(parent + tail[-1])
    return [c for c in dict.fromkeys(out) if len(c) in (5, 7)]


def _rolls_up(rows: list[Row], i: int, code: str) -> bool:
    """With row ``i`` read as ``code``, does its parent row equal the sum of its children, in
    every column, exactly? (The parent must be printed and the code not taken.)"""
    parent = next((r for r in rows if r.code == code[:-2]), None)
    if parent is None or any(r.code == code for j, r in enumerate(rows) if j != i):
        return False
    kids = [r for j, r in enumerate(rows) if j != i and len(r.code) == len(code) and r.code.startswith(parent.code)] + [rows[i]]
    if all(c.amount is None for c in parent.cells):
        return False
    for c in parent.cells:
        total = sum((a.value for k in kids if (a := k.amount(c.column)) is not None), Decimal(0))
        if total != (c.amount.value if c.amount is not None else Decimal(0)):
            return False
    return True


def _repair_codes(spec: TableSpec, rows: list[Row], notes: list[ReadNote]) -> list[Row]:
    """Rows whose code was printed malformed: read as the one whole code, if exactly one, under
    which the table's roll-up (parent = sum of its children) then holds; else left as printed
    and marked as a guess. Either way the printed code stays on the row (a code defect)."""
    out = list(rows)
    for i, r in enumerate(out):
        printed = r.attr(PRINTED_CODE)
        if not printed:
            continue
        good = [c for c in _code_readings(printed.split(), out[:i]) if _rolls_up(out, i, c)]
        if len(good) == 1:
            code = good[0]
            text = f"编码印为「{printed}」，按上级科目及其合计读作 {code}"
            notes.append(
                ReadNote(
                    r.location.line or 0, spec.type, f"{text} / code printed '{printed}' read as {code}: its parent then adds up"
                )
            )
            out[i] = replace(
                r, key=code, code=code, kind=_KIND_BY_LENGTH.get(len(code), "label"), attrs=r.attrs + ((READING, text),)
            )
        else:
            text = f"编码印为「{printed}」，无法确定科目"
            notes.append(ReadNote(r.location.line or 0, spec.type, f"{text} / code printed '{printed}': no single reading"))
            out[i] = replace(r, attrs=r.attrs + ((READING_DOUBT, text),))
    return out


def _formulas(spec: TableSpec) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return formulas_for(spec.type, (c.key for c in spec.columns), spec.formulas)


def _holds(spec: TableSpec, values: list[str], parts_too: bool = False) -> bool:
    amounts = {c.key: parse_amount(v) for c, v in zip(spec.columns, values, strict=True)}

    def val(key: str) -> Decimal:
        a = amounts.get(key)
        return a.value if a is not None else Decimal(0)

    if not all(val(t) == sum((val(p) for p in parts), Decimal(0)) for t, parts in _formulas(spec)):
        return False
    # a "其中" figure cannot exceed its whole: a shift that hides a figure there (its whole empty) repairs nothing
    return not parts_too or all(
        val(part) <= val(whole) for part, whole in PART_OF.get(spec.type, ()) if part in amounts and whole in amounts
    )


def _realign(spec: TableSpec, values: list[str]) -> list[str] | None:
    """A realignment of a shifted row that makes its row formulas hold exactly, if unique.

    Only moves cells by one position over an empty cell, so the printed figures and
    their order are kept; a row that already holds, or that no single shift repairs, is
    left as printed (and the audit reports it).
    """
    if not _formulas(spec) or _holds(spec, values):
        return None
    n = len(values)
    found: list[list[str]] = []
    for k in range(1, n):
        if values[-1] == "":  # insert an empty cell at k, dropping the empty last cell
            cand = values[:k] + [""] + values[k:-1]
            if _holds(spec, cand, parts_too=True) and cand not in found:
                found.append(cand)
        if values[k] == "":  # remove the empty cell at k, padding at the end
            cand = values[:k] + values[k + 1 :] + [""]
            if _holds(spec, cand, parts_too=True) and cand not in found:
                found.append(cand)
    return found[0] if len(found) == 1 else None


def _code_stub_row(spec: TableSpec, stub: list[str], cells: tuple[Cell, ...], loc: Location) -> Row:
    """A row of the ``code``/``labels`` stubs: codes in their own cells (类/款/项 or one 科目编码
    cell) or in front of the name in one cell; header words printed in the stub are ignored."""
    digits: list[str] = []
    texts: list[str] = []
    for c in (x.strip() for x in stub):
        if not c or no_space(c) in _STUB_HEADER_WORDS:
            continue
        if c.isdigit():
            digits.append(c)
            continue
        m = _CODE_AND_NAME.match(c)
        if m and not digits and spec.stub == "code":
            digits.append(m.group(1))
            texts.append(m.group(2))
            continue
        texts.append(c)
    label = no_space(texts[0]) if texts else ""
    if label in _TOTAL_LABELS and not digits:
        return Row("total", label, "total", cells, loc)
    code = "".join(digits) if spec.stub == "code" else ""
    bare = no_space(_DIGIT_ORDINAL.sub("", strip_ordinal(label)[1]))
    named = spec.row_key(bare) if bare else None
    if named is not None:
        kind: RowKind = "total" if named == "total" or named.endswith("_total") else "item"
        return Row(named, label, kind, cells, loc, code=code, attrs=_level(spec, stub) if kind != "total" else ())
    if code:
        malformed = len(digits) > 1 and (len(digits[0]) != 3 or any(len(x) != 2 for x in digits[1:]))
        printed: tuple[tuple[str, str], ...] = ((PRINTED_CODE, " ".join(digits)),) if malformed else ()
        return Row(code, label, _KIND_BY_LENGTH.get(len(code), "label"), cells, loc, code=code, attrs=printed)
    attrs = tuple(("stub", no_space(t)) for t in texts[1:]) + _level(spec, stub)
    return Row(label or f"line:{loc.line}", label, "label", cells, loc, attrs=attrs)


def _level(spec: TableSpec, stub: list[str]) -> tuple[tuple[str, str], ...]:
    """The hierarchy level of a ``labels`` row: its last filled group column, or a leaf."""
    if not spec.group_columns:
        return ()
    filled = [i for i, c in enumerate(stub[: spec.group_columns]) if c.strip() and no_space(c) not in _STUB_HEADER_WORDS]
    return (("level", str(filled[-1] if filled else spec.group_columns)),)


def _stub_row(spec: TableSpec, stub: list[str], cells: tuple[Cell, ...], loc: Location) -> Row:
    if spec.stub in ("code", "labels"):
        return _code_stub_row(spec, stub, cells, loc)
    digits = [c.strip() for c in stub if c.strip().isdigit()]
    texts = [c.strip() for c in stub if c.strip() and not c.strip().isdigit()]
    label = no_space(texts[0]) if texts else ""
    attrs: list[tuple[str, str]] = []
    kind: RowKind = "label"
    code = ""
    if spec.stub == "none":
        return Row("total", "合计", "total", cells, loc)
    if label in _TOTAL_LABELS and not digits:
        return Row("total", label, "total", cells, loc)
    if spec.stub in ("unit", "project"):
        if digits:
            attrs.append(("unit_code", digits[0]))
        if spec.stub == "project" and len(texts) >= 2:
            attrs.append(("project_type", no_space(texts[1])))
            return Row(label, label, "project", cells, loc, code="", attrs=tuple(attrs))
        if digits:
            return Row(f"unit:{digits[0]}", label, "unit", cells, loc, code=digits[0], attrs=tuple(attrs))
        return Row(label, label, "label", cells, loc)
    if len(digits) == 1 and len(digits[0]) == 6 and spec.stub != "economic_pair":
        return Row(f"unit:{digits[0]}", label, "unit", cells, loc, code=digits[0])
    if spec.stub == "function":
        code = "".join(digits)
    elif spec.stub == "economic_pair":
        code = digits[0] if digits else ""
        if len(digits) > 1:
            attrs.append(("gov_code", digits[1]))
        if len(texts) > 1:
            attrs.append(("gov_name", no_space(texts[1])))
    elif spec.stub == "economic_split":
        if len(digits) >= 4:
            code, gov = digits[0] + digits[1], digits[2] + digits[3]
            attrs.append(("gov_code", gov))
        else:
            code = "".join(digits)
        if len(texts) > 1:
            attrs.append(("gov_name", no_space(texts[1])))
    kind = _KIND_BY_LENGTH.get(len(code), "label")
    return Row(code or label, label, kind, cells, loc, code=code, attrs=tuple(attrs))


# ---------------------------------------------------------------- two-sided tables


def _two_sided(raw: RawTable, body: tuple[GridRow, ...], profile: Profile, source: str) -> tuple[list[Row], tuple[Column, ...]]:
    """Income ∥ expenditure side by side (a label cell, then the side's value cells); a third
    side (``use_columns``: expenditure by use) where the template prints one. A label printed
    with no figure beside it whose figure stands in the next side's value cells (the next
    side's label cell empty: one cell spanning both sides, as Jiangsu prints 当年支出小计) takes
    that figure."""
    spec = raw.spec
    sides: list[tuple[str, tuple[Column, ...]]] = [("income", spec.income_columns), ("expenditure", spec.expenditure_columns)]
    if spec.use_columns:
        sides.append(("use", spec.use_columns))
    width = sum(1 + len(cols) for _, cols in sides)
    rows: list[Row] = []
    raw_labels: list[str] = []  # printed label of each row, for a label cut by a page break
    last: dict[str, int] = {}  # side → index of its last row
    income_state: dict[str, str] = {"group": "", "parent": "", "seen": ""}
    for g in body:
        cells = list(g.cells) + [""] * width
        loc = Location(line=g.line, source=source)
        parts: list[tuple[str, str, list[str]]] = []
        pos = 0
        for name, cols in sides:
            parts.append((name, cells[pos], cells[pos + 1 : pos + 1 + len(cols)]))
            pos += 1 + len(cols)
        for i in range(len(parts) - 1):
            name, label, vals = parts[i]
            nname, nlabel, nvals = parts[i + 1]
            if label.strip() and not any(v.strip() for v in vals) and not nlabel.strip() and any(v.strip() for v in nvals):
                if len(nvals) == len(vals):
                    parts[i] = (name, label, nvals)
                    parts[i + 1] = (nname, "", [""] * len(nvals))
        for (name, label, vals), (_, cols) in zip(parts, sides, strict=True):
            if not (label.strip() or any(v.strip() for v in vals)):
                continue
            prev = last.get(name)
            if (
                g.after_break
                and prev is not None
                and label.strip()
                and not any(v.strip() for v in vals)
                and not strip_ordinal(label)[0]
                and not any(c.amount is not None for c in rows[prev].cells)
            ):  # a label cell cut by the page break (十七、国土海洋气象等支 | 出): one cell
                whole = raw_labels[prev] + label.strip()
                old = rows[prev]
                if name == "income":
                    key, kind = _income_key(whole, profile, income_state)
                    code = ""
                else:
                    key, kind, code = _expenditure_key(whole, profile)
                rows[prev] = Row(key, no_space(whole), kind, old.cells, old.location, code=code, side=old.side)
                raw_labels[prev] = whole
                continue
            last[name] = len(rows)
            raw_labels.append(label.strip())
            if name == "income":
                key, kind = _income_key(label, profile, income_state)
                rows.append(Row(key, no_space(label), kind, _cells(cols, vals, loc), loc, side="income"))
            else:
                key, kind, code = _expenditure_key(label, profile)
                rows.append(Row(key, no_space(label), kind, _cells(cols, vals, loc), loc, code=code, side="expenditure"))
    columns = spec.income_columns + spec.expenditure_columns + spec.use_columns
    unprinted = {k for k in spec.optional_columns if not any(c.column == k and c.raw.strip() for r in rows for c in r.cells)}
    if unprinted:  # an edition of the template without these columns
        columns = tuple(c for c in columns if c.key not in unprinted)
        rows = [replace(r, cells=tuple(c for c in r.cells if c.column not in unprinted)) for r in rows]
    return rows, columns


def _cells(columns: tuple[Column, ...], values: list[str], loc: Location) -> tuple[Cell, ...]:
    return tuple(Cell(c.key, parse_amount(v), v, loc) for c, v in zip(columns, values, strict=True))


_GROUP_KEYS = {"current_total", "carryover", "grand_total", "non_fiscal_balance"}


def _income_key(label: str, profile: Profile, state: dict[str, str]) -> tuple[str, RowKind]:
    ordinal, name = strip_ordinal(label)
    name = no_space(name)
    digit = _DIGIT_ORDINAL.match(name) if not ordinal else None
    if digit:  # "1.一般公共预算" under "一、财政拨款": a sub-item with its own canonical key
        sub_top = profile.income_labels.get(name[digit.end() :])
        if sub_top is not None and state["parent"]:
            return sub_top, "subitem"
        name = name[digit.end() :]
    bare = name[3:] if name.startswith("其中：") or name.startswith("其中:") else name
    top = profile.income_labels.get(name)
    if top is not None and (ordinal or top in _GROUP_KEYS) and not name.startswith("其中"):
        level2 = ordinal.startswith(("（", "("))
        if top in _GROUP_KEYS:
            state["group"] = top if top == "carryover" else ""
            state["parent"] = ""
            state["seen"] += f"|{top}|"
            return top, "total"
        # a source listed again under 年初结转和结余 (final accounts print 一、… twice)
        again = f"|{top}|" in state["seen"]
        prefix = f"{state['group']}." if (level2 or again) and state["group"] else ""
        if not level2 and not again:
            state["group"] = ""
        state["parent"] = prefix + top
        state["seen"] += f"|{prefix + top}|"
        return prefix + top, "item"
    sub = profile.income_sub_labels.get(bare)
    if sub is not None and state["parent"]:
        return f"{state['parent']}.{sub}", "subitem"
    return f"income:{name}", "label"


def _expenditure_key(label: str, profile: Profile) -> tuple[str, RowKind, str]:
    ordinal, name = strip_ordinal(label)
    name = no_space(name)
    key = profile.expenditure_labels.get(name)
    if key is not None:
        return key, "total", ""
    item = profile.expenditure_item_labels.get(name)
    if item is not None:
        return item, "item", ""
    m = match_class(name)
    if m is not None:
        return m.cls.code, "class", m.cls.code
    return f"expenditure:{name}", "label", ""


# ---------------------------------------------------------------- generic grids and halves


def _grid(header: tuple[GridRow, ...], body: tuple[GridRow, ...], source: str) -> tuple[list[Row], tuple[Column, ...]]:
    """A table the template does not know: every cell kept in its column (``c1`` …), with the
    printed header above it as the column path; rows keyed by their first text cell."""
    width = max((len(r.cells) for r in header + body), default=0)
    columns = tuple(
        Column(
            f"c{i + 1}",
            tuple(no_space(h.cells[i]) for h in header if i < len(h.cells) and h.cells[i].strip()) or (f"第{i + 1}列",),
        )
        for i in range(width)
    )
    rows: list[Row] = []
    for n, g in enumerate(body):
        loc = Location(line=g.line, source=source)
        values = list(g.cells) + [""] * (width - len(g.cells))
        cells = tuple(
            Cell(col.key, parse_amount(v) if _is_figure(v) else None, v, loc) for col, v in zip(columns, values, strict=True)
        )
        texts = [no_space(v) for v in values if v.strip() and not _is_figure(v)]
        label = texts[0] if texts else ""
        rows.append(Row(f"row:{n + 1}", label, "label", cells, loc))
    return rows, columns


def _halves(
    raw: RawTable, header: tuple[GridRow, ...], body: tuple[GridRow, ...], source: str, notes: list[ReadNote]
) -> tuple[list[Row], tuple[Column, ...]]:
    """Two copies of the same stub and value columns side by side (the final account's
    基本支出决算表: 人员经费 on the left, 公用经费 on the right): read as the left half's rows,
    then the right half's."""
    width = max((len(r.cells) for r in header + body), default=0)
    half = width // 2
    left = tuple(GridRow(g.line, g.cells[:half], g.after_break) for g in body)
    right = tuple(GridRow(g.line, g.cells[half:], g.after_break) for g in body)
    hl = tuple(GridRow(g.line, g.cells[:half], g.after_break) for g in header)
    rows_l, columns = _row_table(raw, left, source, notes, hl)
    rows_r, _ = _row_table(raw, right, source, notes, hl)
    rows_l = [replace(r, attrs=r.attrs + (("half", "left"),)) for r in rows_l]
    rows_r = [replace(r, attrs=r.attrs + (("half", "right"),)) for r in rows_r]
    keep = [r for r in rows_l + rows_r if r.label or r.code or any(c.amount is not None for c in r.cells)]
    return keep, columns
