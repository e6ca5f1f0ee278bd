"""Helpers to compare two models the way a reader of the document sees them."""

from __future__ import annotations

from typing import Any

from yusuan import check, compute_facts
from yusuan.model import Disclosure


def table_cells(d: Disclosure) -> dict[tuple[Any, ...], Any]:
    """Every table row with its stub and cells (value, printed decimals, raw text), by position."""
    out: dict[tuple[Any, ...], Any] = {}
    for t in d.tables:
        out[(t.type, "title")] = (t.title, t.unit, t.notes, tuple(c.key for c in t.columns))
        for i, r in enumerate(t.rows):
            out[(t.type, i)] = (
                r.side,
                r.key,
                r.label,
                r.code,
                r.kind,
                r.attrs,
                tuple((c.column, c.amount, c.raw) for c in r.cells),
            )
    if d.performance is not None:
        out[("performance_targets", "title")] = (d.performance.title, d.performance.unit)
        for i, pr in enumerate(d.performance.rows):
            out[("performance_targets", i)] = (
                pr.kind,
                pr.code,
                pr.name,
                tuple((c.column, c.amount, c.raw) for c in pr.cells),
                tuple((x.category, x.name, x.value) for x in pr.indicators),
            )
    return out


def facts(d: Disclosure) -> dict[str, str | None]:
    return {k: f.value for k, f in compute_facts(d).items()}


def narrative(d: Disclosure) -> list[tuple[str, int, tuple[str, ...]]]:
    return [(s.title, s.level, tuple(p.text for p in s.paragraphs)) for s in d.sections]


def finding_keys(d: Disclosure) -> set[tuple[Any, ...]]:
    """Findings without their line and page numbers (a re-rendered document has other lines)."""
    keys = set()
    for f in check(d):
        cells = tuple((c.table, c.row_key, c.column_key, c.value) for c in f.cells)
        keys.add((f.rule, f.severity, f.message, cells, f.expected, f.actual))
    return keys


def meta(d: Disclosure) -> tuple[Any, ...]:
    m = d.meta
    return (m.unit_name, m.unit_code, m.year, m.kind, m.scope, m.profile, m.amount_unit, m.title, m.date)
