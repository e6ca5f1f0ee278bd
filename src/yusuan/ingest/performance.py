"""The performance-target table (项目绩效目标表): raw grid → projects with indicators.

Extraction damages this table more than any other: a project's code, name and amount
sit in cells merged over many rows, so

* rows of indicators lose their empty cells and slide left or right;
* a project whose merged cells cross a page break prints its first indicator rows
  *before* the page break and its code line after it.

The reader therefore (1) pairs each indicator name with its value by reading the row's
non-empty cells in order, (2) assigns categories (成本/产出/效益/满意度) by the column
where the row puts them, corrected by the shift that the indicators' names show for each
run of rows, and (3) for a project whose code line follows a page break, decides how
many of the rows printed before the break are its own: those closer in wording to it
than to the project above, never giving a project the same indicator twice.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..labels import no_space
from ..model.core import Cell, Indicator, Location, PerformanceTable, TargetRow
from ..model.money import parse_amount
from .recognize import ReadNote
from .recognize import _header_tokens as header_tokens
from .text import GridRow, RawTable

__all__ = ["recognize_performance"]

CATEGORIES = ("成本", "产出", "效益", "满意度")
_AMOUNT_KEYS = ("total", "gov", "special_account", "unit_funds")
_FIRST_INDICATOR_COL = 6

_VALUE = re.compile(
    r"^(?:[≥≤<>=＞＜]|大于|小于|不低于|不高于|不少于|不超过|\d|一[季年月周])"
    r"|^(?:明显|显著|有效|大幅|稳步|逐步)?(?:及时|提高|提升|降低|改善|增加|减少|可控|认可|达标|合格|良好|准确|完成|是|否|无|有)?$"
)

# What an indicator's name says it measures → the category it most likely belongs to.
_HINTS: dict[str, tuple[tuple[str, float], ...]] = {
    "满意度": (("满意", 6.0), ("认可度", 3.0)),
    "成本": (("预算执行率", 3.0), ("可控", 3.0), ("标准", 2.5), ("使用费", 3.0), ("成本指标", 3.0)),
    "效益": (
        ("效益", 2.0),
        ("改善", 2.0),
        ("影响", 2.0),
        ("息诉", 2.0),
        ("发生量", 1.0),
        ("落实率", 1.0),
        ("处置率", 1.0),
        ("增加", 1.0),
        ("共享率", 1.0),
        ("比值", 1.5),
        ("提升", 1.0),
        ("使用率", 0.5),
        ("覆盖率", 0.5),
        ("待遇", 1.5),
    ),
    "产出": (
        ("数量", 2.0),
        ("次数", 1.0),
        ("人数", 1.0),
        ("天数", 2.0),
        ("场次", 2.0),
        ("及时", 2.0),
        ("合格率", 2.0),
        ("完成率", 1.0),
        ("归档率", 2.0),
        ("通过率", 2.0),
        ("出勤", 1.0),
        ("符合率", 2.0),
        ("时限", 2.0),
        ("发放", 1.0),
        ("参加率", 2.0),
        ("出席率", 2.0),
        ("结业率", 2.0),
        ("日率", 1.0),
        ("岗位数", 2.0),
        ("完成数", 2.0),
        ("进度", 1.0),
        ("BUG", 1.0),
    ),
}


def _is_value(text: str) -> bool:
    t = no_space(text)
    return bool(t) and (bool(_VALUE.match(t)) or t.endswith("%"))


def _hint(name: str, category: str) -> float:
    if category == "效益" and (re.search(r"[，,。；]", name) or len(name) >= 14):
        return 3.0
    return sum(w for k, w in _HINTS[category] if k in name)


@dataclass
class _Pair:
    name: str
    value: str
    col: int
    line: int


@dataclass
class _Row:
    grid: GridRow
    pairs: list[_Pair]
    displaced: bool  # an indicator printed in the code/name columns


@dataclass
class _Entity:
    grid: GridRow
    kind: str
    code: str
    name: str
    amounts: list[str]
    rows: list[_Row] = field(default_factory=list)


def _pairs(cells: list[str], start: int, line: int) -> list[_Pair]:
    out: list[_Pair] = []
    items = [(i, c.strip()) for i, c in enumerate(cells) if i >= start and c.strip()]
    k = 0
    while k < len(items):
        i, text = items[k]
        if k + 1 < len(items) and not _is_value(text) and _is_value(items[k + 1][1]):
            out.append(_Pair(no_space(text), no_space(items[k + 1][1]), i, line))
            k += 2
        elif _is_value(text):
            out.append(_Pair("", no_space(text), i - 1, line))
            k += 1
        else:
            nxt = items[k + 1] if k + 1 < len(items) else None
            value = ""
            if nxt is not None and nxt[0] == i + 1:
                value = no_space(nxt[1])
                k += 1
            out.append(_Pair(no_space(text), value, i, line))
            k += 1
    return out


def _parse_rows(body: tuple[GridRow, ...]) -> tuple[list[_Entity], list[_Row]]:
    entities: list[_Entity] = []
    orphans: list[_Row] = []
    for g in body:
        cells = list(g.cells)
        first = cells[0].strip() if cells else ""
        if first.isdigit():
            kind = "unit" if len(first) <= 6 else "project"
            amounts = [c.strip() for c in cells[2:6]]
            ent = _Entity(g, kind, first, no_space(cells[1]) if len(cells) > 1 else "", amounts)
            pairs = _pairs(cells, _FIRST_INDICATOR_COL, g.line)
            if pairs:
                ent.rows.append(_Row(g, pairs, False))
            entities.append(ent)
            continue
        displaced = bool(first) or (len(cells) > 2 and bool(cells[2].strip()) and not _is_value(cells[2]))
        row = _Row(g, _pairs(cells, 0, g.line), displaced)
        if not row.pairs:
            continue
        if entities:
            entities[-1].rows.append(row)
        else:
            orphans.append(row)
    return entities, orphans


# ------------------------------------------------------------ rows across page breaks


_NOT_WORD = re.compile(r"[\W\d_]+")


def _bigrams(text: str) -> set[str]:
    t = _NOT_WORD.sub("", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _row_text(row: _Row) -> str:
    return " ".join(p.name for p in row.pairs)


def _reassign_across_breaks(entities: list[_Entity], notes: list[ReadNote]) -> None:
    projects = [e for e in entities if e.kind == "project"]
    docs = {id(e): _bigrams(e.name + " ".join(_row_text(r) for r in e.rows)) for e in projects}
    df: dict[str, int] = {}
    for grams in docs.values():
        for g in grams:
            df[g] = df.get(g, 0) + 1
    n_docs = max(len(docs), 1)

    weights = {g: math.log((n_docs + 1) / n) for g, n in df.items()}
    unseen = math.log((n_docs + 1) / 1)

    def weight(g: str) -> float:
        return weights.get(g, unseen)

    # the split loop below asks for the same (row, project, context) again for every candidate
    # split: each is computed once (the same sets in the same order, so the same sums)
    row_grams: dict[int, set[str]] = {}
    known: dict[tuple[int, str, tuple[int, ...]], float] = {}

    def affinity(row: _Row, name: str, group: list[_Row]) -> float:
        key = (id(row), name, tuple(id(r) for r in group))
        if key not in known:
            ctx = _bigrams(name + " ".join(_row_text(r) for r in group if r is not row))
            size = math.sqrt(sum(weight(g) for g in ctx)) or 1.0
            grams = row_grams.get(id(row))
            if grams is None:
                grams = row_grams[id(row)] = _bigrams(_row_text(row))
            known[key] = 10.0 * sum(weight(g) for g in grams & ctx) / size
        return known[key]

    def names(rows: list[_Row]) -> list[str]:
        return [p.name for r in rows for p in r.pairs if p.name]

    for idx in range(1, len(entities)):
        nxt, prev = entities[idx], entities[idx - 1]
        if nxt.kind != "project" or prev.kind != "project" or not nxt.grid.after_break:
            continue
        tail = [r for r in prev.rows if r.grid.line < nxt.grid.line and r.grid is not prev.grid]
        if not tail:
            continue
        head = [r for r in prev.rows if r not in tail]
        anchor = list(nxt.rows)
        best_m, best_score = len(tail), -math.inf
        for m in range(len(tail), -1, -1):  # ties keep rows where they were printed
            kept, moved = tail[:m], tail[m:]
            score = sum(affinity(r, prev.name, head + kept[:i]) for i, r in enumerate(kept))
            score += sum(affinity(r, nxt.name, anchor) for r in moved)
            if kept and kept[-1].displaced:
                score += 10.0  # a row printed in the code/name columns closes a project
            prev_names = names(head + kept)
            next_names = names(nxt.rows + moved)
            dups = (len(prev_names) - len(set(prev_names))) + (len(next_names) - len(set(next_names)))
            score -= 100.0 * dups
            if score > best_score + 1e-9:
                best_m, best_score = m, score
        moved = tail[best_m:]
        if moved:
            prev.rows = [r for r in prev.rows if r not in moved]
            nxt.rows = moved + nxt.rows
            notes.append(
                ReadNote(
                    moved[0].grid.line,
                    "performance_targets",
                    f"第{moved[0].grid.line}–{moved[-1].grid.line}行的指标印在分页之前，归入项目 {nxt.code} / "
                    f"indicator rows printed before the page break assigned to project {nxt.code}",
                )
            )


# ------------------------------------------------------------ categories


def _positional(pair: _Pair, row_len: int) -> int | None:
    base = _FIRST_INDICATOR_COL + (1 if row_len >= 15 else 0)
    if pair.col < _FIRST_INDICATOR_COL - 1:
        return None
    return max(0, min(3, (pair.col - base) // 2))


def _runs(ent: _Entity) -> list[list[_Row]]:
    """Rows printed together: a page break or the project's code line starts a new run."""
    runs: list[list[_Row]] = []
    for r in ent.rows:
        if not runs or r.grid.after_break or r.grid is ent.grid:
            runs.append([])
        runs[-1].append(r)
    return runs


def _run_shift(run: list[_Row]) -> int:
    """How many categories the run's cells slid left: the extraction drops the empty
    cells of a project without (say) 成本 indicators, the same way on every row of a run,
    so the shift is chosen once per run, by what the indicators' names say."""
    best, best_score = 0, -math.inf
    for shift in (0, 1, 2, -1):
        score = 0.5 if shift == 0 else 0.0
        for r in run:
            for p in r.pairs:
                pos = _positional(p, len(r.grid.cells))
                if pos is not None:
                    score += _hint(p.name, CATEGORIES[min(3, max(0, pos + shift))])
        if score > best_score:
            best, best_score = shift, score
    return best


def _categorize(ent: _Entity) -> list[tuple[str, _Pair]]:
    out: list[tuple[str, _Pair]] = []
    for run in _runs(ent):
        shift = _run_shift(run)
        for r in run:
            last = -1
            for p in r.pairs:
                pos = _positional(p, len(r.grid.cells))
                if pos is None:
                    cat = max(range(4), key=lambda c: (_hint(p.name, CATEGORIES[c]), c == 1))
                else:
                    cat = min(3, max(0, pos + shift))
                cat = min(3, max(cat, last + 1))
                last = cat
                out.append((CATEGORIES[cat], p))
    return out


# ------------------------------------------------------------ entry point


def _repeated_header(g: GridRow, tokens: set[str]) -> bool:
    cells = [no_space(c) for c in g.cells if c.strip()]
    return bool(cells) and not cells[0].isdigit() and all(c in tokens for c in cells)


def recognize_performance(raw: RawTable, index: int, source: str) -> tuple[PerformanceTable, list[ReadNote]]:
    notes: list[ReadNote] = []
    start = 0
    for i, g in enumerate(raw.rows):
        if g.cells and g.cells[0].strip().isdigit():
            start = i
            break
    else:
        start = len(raw.rows)
    # a header repeated after a page break (as our PDF writer and many printers do): rows made only of
    # the header's own words are not indicators
    tokens = header_tokens(raw.rows[:start])
    body = tuple(g for g in raw.rows[start:] if not _repeated_header(g, tokens))
    entities, orphans = _parse_rows(body)
    for o in orphans:
        notes.append(ReadNote(o.grid.line, "performance_targets", "无法归属项目的指标行 / indicator row without a project"))
    _reassign_across_breaks(entities, notes)
    rows: list[TargetRow] = []
    for ent in entities:
        loc = Location(line=ent.grid.line, source=source)
        cells = tuple(Cell(k, parse_amount(v), v, loc) for k, v in zip(_AMOUNT_KEYS, ent.amounts + [""] * 4, strict=False))
        indicators = tuple(Indicator(cat, p.name, p.value, Location(line=p.line, source=source)) for cat, p in _categorize(ent))
        rows.append(TargetRow(ent.kind, ent.code, ent.name, cells, loc, indicators))  # type: ignore[arg-type]
    spec = raw.spec
    table = PerformanceTable(
        title=raw.title.strip("#* "),
        index=index,
        columns=spec.columns,
        rows=tuple(rows),
        location=Location(line=raw.title_line, source=source),
        unit=raw.amount_unit or "万元",
    )
    return table, notes
