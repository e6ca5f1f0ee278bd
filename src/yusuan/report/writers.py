"""Report writers. Text is grouped by table, Chinese first; JSON is versioned."""

from __future__ import annotations

import json
from typing import Any

from ..catalog import Catalog, edition_for, load_catalog
from ..model.core import Disclosure
from .finding import CellRef, Finding

__all__ = ["REPORT_SCHEMA", "report_dict", "to_json", "to_text"]

REPORT_SCHEMA = "yusuan.report/1"
_SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _loc(c: CellRef | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "table": c.table,
        "table_no": c.table_no,
        "table_title": c.table_title,
        "row": c.row,
        "row_key": c.row_key,
        "column": c.column,
        "column_key": c.column_key,
        "line": c.line,
        "page": c.page,
        "value": c.value,
    }


def report_dict(
    d: Disclosure,
    findings: list[Finding],
    ruleset: str,
    notes: list[str] | None = None,
    catalog: Catalog | None = None,
) -> dict[str, Any]:
    """The report as plain data. ``catalog`` is the classification catalog the codes were
    checked against (by default the bundled edition for the document's year)."""
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    cat = catalog if catalog is not None else load_catalog(edition_for(d.meta.year))
    return {
        "schema": REPORT_SCHEMA,
        "ruleset": ruleset,
        "catalog_edition": cat.edition,
        "catalog_source": cat.source,
        "document": {"source": d.meta.source, "unit_name": d.meta.unit_name, "year": d.meta.year, "profile": d.meta.profile},
        "summary": {**counts, "possible_rounding": sum(1 for f in findings if f.possible_rounding)},
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity,
                "possible_rounding": f.possible_rounding,
                "message": f.message,
                "message_en": f.message_en,
                "location": _loc(f.location),
                "cells": [_loc(c) for c in f.cells],
                "expected": f.expected,
                "actual": f.actual,
                "difference": f.difference,
            }
            for f in findings
        ],
        "reader_notes": notes or [],
    }


def to_json(
    d: Disclosure, findings: list[Finding], ruleset: str, notes: list[str] | None = None, catalog: Catalog | None = None
) -> str:
    return json.dumps(report_dict(d, findings, ruleset, notes, catalog), ensure_ascii=False, indent=2)


def to_text(d: Disclosure, findings: list[Finding], lang: str = "zh") -> str:
    m = d.meta
    lines: list[str] = []
    if lang == "en":
        lines.append(f"{m.unit_name} {m.year} ({m.source})")
    else:
        lines.append(f"{m.unit_name} {m.year}年{'单位' if m.scope == 'unit' else '部门'}{'预算' if m.kind == 'budget' else '决算'}（{m.source}）")
    groups: dict[tuple[int, str], list[Finding]] = {}
    for f in findings:
        loc = f.location
        key = (loc.table_no, loc.table_title) if loc else (0, "")
        groups.setdefault(key, []).append(f)
    for (no, title), items in sorted(groups.items()):
        lines.append("")
        lines.append(f"表{no}「{title}」" if no else ("全文" if lang != "en" else "Document"))
        for f in items:
            sev = f.severity if lang == "en" else _SEV_ZH[f.severity]
            if f.possible_rounding:
                sev = "possible rounding" if lang == "en" else "可能的尾数误差"
            where = f"{m.source}:{f.location.line}" if f.location and f.location.line else m.source
            lines.append(f"  [{sev}] {f.rule} {where}")
            lines.append(f"    {f.message_en if lang == 'en' else f.message}")
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    lines.append("")
    if lang == "en":
        lines.append(f"{errors} error(s), {warnings} warning(s) in {d.table_count} tables.")
    else:
        lines.append(f"共检查 {d.table_count} 张表：错误 {errors} 个，警告 {warnings} 个。")
    return "\n".join(lines) + "\n"
