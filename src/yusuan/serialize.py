"""The model as JSON (schema ``yusuan.disclosure/1``), with the canonical facts on top.

Amounts are exact decimal strings as printed (no thousands separators); an empty cell
is ``null``, never ``"0"``.
"""

from __future__ import annotations

import json
from typing import Any

from .facts import compute_facts
from .model.core import Cell, Disclosure, Location

__all__ = ["DISCLOSURE_SCHEMA", "disclosure_dict", "disclosure_json"]

DISCLOSURE_SCHEMA = "yusuan.disclosure/1"


def _loc(loc: Location | None) -> dict[str, Any] | None:
    return None if loc is None else {"line": loc.line, "page": loc.page}


def _cell(c: Cell) -> dict[str, Any]:
    return {"value": c.amount.text() if c.amount else None, "raw": c.raw, "line": c.location.line}


def disclosure_dict(d: Disclosure) -> dict[str, Any]:
    facts = compute_facts(d)
    m = d.meta
    tables: list[dict[str, Any]] = []
    for t in d.tables:
        tables.append(
            {
                "type": t.type,
                "number": t.number,
                "title": t.title,
                "unit": t.unit,
                "location": _loc(t.location),
                "columns": [{"key": c.key, "path": list(c.path), "side": c.side or None} for c in t.columns],
                "rows": [
                    {
                        "key": r.key,
                        "label": r.label,
                        "code": r.code or None,
                        "kind": r.kind,
                        "side": r.side or None,
                        "attrs": dict(r.attrs),
                        "line": r.location.line,
                        "cells": {c.column: _cell(c) for c in r.cells},
                    }
                    for r in t.rows
                ],
                "notes": list(t.notes),
            }
        )
    if d.performance is not None:
        p = d.performance
        tables.append(
            {
                "type": p.type,
                "number": p.number,
                "title": p.title,
                "unit": p.unit,
                "location": _loc(p.location),
                "columns": [{"key": c.key, "path": list(c.path)} for c in p.columns],
                "rows": [
                    {
                        "kind": r.kind,
                        "code": r.code,
                        "name": r.name,
                        "line": r.location.line,
                        "cells": {c.column: _cell(c) for c in r.cells},
                        "indicators": [
                            {"category": i.category, "name": i.name, "value": i.value, "line": i.location.line}
                            for i in r.indicators
                        ],
                    }
                    for r in p.rows
                ],
            }
        )
    return {
        "schema": DISCLOSURE_SCHEMA,
        "meta": {
            "unit_name": m.unit_name,
            "unit_code": m.unit_code,
            "year": m.year,
            "kind": m.kind,
            "scope": m.scope,
            "profile": m.profile,
            "amount_unit": m.amount_unit,
            "title": m.title,
            "date": m.date or None,
            "source": m.source,
            # several files read as one: lines count through them in this order
            "files": [{"source": src, "lines": n} for src, n in m.parts],
        },
        "facts": {k: f.value for k, f in facts.items()},
        "fact_sources": {k: {"source": f.source, "location": _loc(f.location)} for k, f in facts.items()},
        "narrative": [
            {
                "title": s.title,
                "level": s.level,
                "path": list(s.path),
                "line": s.location.line,
                "paragraphs": [{"text": p.text, "lines": list(p.lines)} for p in s.paragraphs],
            }
            for s in d.sections
        ],
        "tables": tables,
        "unknown_tables": list(d.unknown_tables),
        "contents": [{"title": t, "line": loc.line, "page": loc.page} for t, loc in d.contents],
    }


def disclosure_json(d: Disclosure) -> str:
    return json.dumps(disclosure_dict(d), ensure_ascii=False, indent=2)
