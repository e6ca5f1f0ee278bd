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
from dataclasses import dataclass
from decimal import Decimal

from ..catalog import match_class, strip_ordinal
from ..identities import ROW_FORMULAS
from ..model.core import Cell, Column, Location, Row, RowKind, Table
from ..model.money import parse_amount
from ..profiles import Profile, TableSpec
from .text import GridRow, RawTable

__all__ = ["recognize_table", "norm", "ReadNote"]

_WS = re.compile(r"\s+")
_DECIMAL = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
_TOTAL_LABELS = {"合计", "总计"}
_KIND_BY_LENGTH: dict[int, RowKind] = {3: "class", 5: "item", 7: "subitem"}


@dataclass(frozen=True, slots=True)
class ReadNote:
    """Something the reader noticed but could not place (kept, never dropped)."""

    line: int
    table: str
    text: str


def norm(text: str) -> str:
    """Compare form of a label: all white space removed."""
    return _WS.sub("", text)


def _is_figure(cell: str) -> bool:
    """A printed amount with decimals or thousands separators (codes have neither)."""
    return bool(_DECIMAL.match(cell.replace(" ", "")))


def _stub_width(spec: TableSpec) -> int:
    return {"function": 5, "economic_pair": 4, "economic_split": 6, "unit": 2, "project": 3, "none": 0}.get(
        spec.stub, 0
    )


def _header_tokens(rows: tuple[GridRow, ...]) -> set[str]:
    return {norm(c) for r in rows for c in r.cells if c.strip()}


def _is_data_row(row: GridRow) -> bool:
    """Figures or codes make a data row; so does a lone 合计 (an empty table's total row)."""
    if any(_is_figure(c) or c.strip().isdigit() for c in row.cells):
        return True
    texts = [norm(c) for c in row.cells if c.strip()]
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
    cells = [norm(c) for c in row.cells if c.strip()]
    return bool(cells) and not any(_is_figure(c) for c in cells) and all(c in tokens for c in cells)


def recognize_table(raw: RawTable, index: int, profile: Profile, source: str) -> tuple[Table, list[ReadNote]]:
    header, body = _split_header(raw)
    tokens = _header_tokens(header)
    body = tuple(r for r in body if not _is_repeated_header(r, tokens))
    notes: list[ReadNote] = []
    if raw.spec.layout == "two_sided":
        rows, columns = _two_sided(raw, body, profile, source)
    else:
        rows, columns = _row_table(raw, body, source, notes)
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
    raw: RawTable, body: tuple[GridRow, ...], source: str, notes: list[ReadNote]
) -> tuple[list[Row], tuple[Column, ...]]:
    spec = raw.spec
    width = _stub_width(spec)
    ncols = len(spec.columns)
    rows: list[Row] = []
    for g in body:
        cells = list(g.cells)
        start = width
        if width and len(cells) > width - 1 and _is_figure(cells[width - 1]):
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
        value_cells = tuple(
            Cell(col.key, parse_amount(v), v, loc) for col, v in zip(spec.columns, values, strict=True)
        )
        unparsed = [v for v in values if v.strip() and parse_amount(v) is None]
        if unparsed:
            notes.append(ReadNote(g.line, spec.type, f"无法识别的数字 / not a number: {' | '.join(unparsed)}"))
        rows.append(_stub_row(spec, stub, value_cells, loc))
    return rows, spec.columns


def _holds(spec: TableSpec, values: list[str]) -> bool:
    amounts = {c.key: parse_amount(v) for c, v in zip(spec.columns, values, strict=True)}

    def val(key: str) -> Decimal:
        a = amounts.get(key)
        return a.value if a is not None else Decimal(0)

    return all(val(t) == sum((val(p) for p in parts), Decimal(0)) for t, parts in ROW_FORMULAS.get(spec.type, ()))


def _realign(spec: TableSpec, values: list[str]) -> list[str] | None:
    """A realignment of a shifted row that makes its row formulas hold exactly, if unique.

    Only moves cells by one position over an empty cell, so the printed figures and
    their order are kept; a row that already holds, or that no single shift repairs, is
    left as printed (and the audit reports it).
    """
    if spec.type not in ROW_FORMULAS or _holds(spec, values):
        return None
    n = len(values)
    found: list[list[str]] = []
    for k in range(1, n):
        if values[-1] == "":  # insert an empty cell at k, dropping the empty last cell
            cand = values[:k] + [""] + values[k:-1]
            if _holds(spec, cand) and cand not in found:
                found.append(cand)
        if values[k] == "":  # remove the empty cell at k, padding at the end
            cand = values[:k] + values[k + 1 :] + [""]
            if _holds(spec, cand) and cand not in found:
                found.append(cand)
    return found[0] if len(found) == 1 else None


def _stub_row(spec: TableSpec, stub: list[str], cells: tuple[Cell, ...], loc: Location) -> Row:
    digits = [c.strip() for c in stub if c.strip().isdigit()]
    texts = [c.strip() for c in stub if c.strip() and not c.strip().isdigit()]
    label = norm(texts[0]) if texts else ""
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
            attrs.append(("project_type", norm(texts[1])))
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
            attrs.append(("gov_name", norm(texts[1])))
    elif spec.stub == "economic_split":
        if len(digits) >= 4:
            code, gov = digits[0] + digits[1], digits[2] + digits[3]
            attrs.append(("gov_code", gov))
        else:
            code = "".join(digits)
        if len(texts) > 1:
            attrs.append(("gov_name", norm(texts[1])))
    kind = _KIND_BY_LENGTH.get(len(code), "label")
    return Row(code or label, label, kind, cells, loc, code=code, attrs=tuple(attrs))


# ---------------------------------------------------------------- two-sided tables


def _two_sided(
    raw: RawTable, body: tuple[GridRow, ...], profile: Profile, source: str
) -> tuple[list[Row], tuple[Column, ...]]:
    spec = raw.spec
    n_in = len(spec.income_columns)
    n_out = len(spec.expenditure_columns)
    rows: list[Row] = []
    income_state: dict[str, str] = {"group": "", "parent": ""}
    for g in body:
        cells = list(g.cells) + [""] * (2 + n_in + n_out)
        loc = Location(line=g.line, source=source)
        in_label, in_vals = cells[0], cells[1 : 1 + n_in]
        out_label, out_vals = cells[1 + n_in], cells[2 + n_in : 2 + n_in + n_out]
        if in_label.strip() or any(v.strip() for v in in_vals):
            key, kind = _income_key(in_label, profile, income_state)
            rows.append(
                Row(key, norm(in_label), kind, _cells(spec.income_columns, in_vals, loc), loc, side="income")
            )
        if out_label.strip() or any(v.strip() for v in out_vals):
            key, kind, code = _expenditure_key(out_label, profile)
            rows.append(
                Row(
                    key,
                    norm(out_label),
                    kind,
                    _cells(spec.expenditure_columns, out_vals, loc),
                    loc,
                    code=code,
                    side="expenditure",
                )
            )
    return rows, spec.income_columns + spec.expenditure_columns


def _cells(columns: tuple[Column, ...], values: list[str], loc: Location) -> tuple[Cell, ...]:
    return tuple(Cell(c.key, parse_amount(v), v, loc) for c, v in zip(columns, values, strict=True))


_GROUP_KEYS = {"current_total", "carryover", "grand_total"}


def _income_key(label: str, profile: Profile, state: dict[str, str]) -> tuple[str, RowKind]:
    ordinal, name = strip_ordinal(label)
    name = norm(name)
    bare = name[3:] if name.startswith("其中：") or name.startswith("其中:") else name
    top = profile.income_labels.get(name)
    if top is not None and (ordinal or top in _GROUP_KEYS) and not name.startswith("其中"):
        level2 = ordinal.startswith(("（", "("))
        if top in _GROUP_KEYS:
            state["group"] = top if top == "carryover" else ""
            state["parent"] = ""
            return top, "total"
        prefix = f"{state['group']}." if level2 and state["group"] else ""
        if not level2:
            state["group"] = ""
        state["parent"] = prefix + top
        return prefix + top, "item"
    sub = profile.income_sub_labels.get(bare)
    if sub is not None and state["parent"]:
        return f"{state['parent']}.{sub}", "subitem"
    return f"income:{name}", "label"


def _expenditure_key(label: str, profile: Profile) -> tuple[str, RowKind, str]:
    ordinal, name = strip_ordinal(label)
    name = norm(name)
    key = profile.expenditure_labels.get(name)
    if key is not None:
        return key, "total", ""
    m = match_class(name)
    if m is not None:
        return m.cls.code, "class", m.cls.code
    return f"expenditure:{name}", "label", ""
