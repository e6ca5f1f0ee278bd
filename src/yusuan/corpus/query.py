"""Read a corpus database back: ``yusuan query`` (read-only SQL) and ``yusuan export`` (Parquet,
CSV, XLSX, or a Fiscal Data Package for open-data portals)."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..xlsxtext import text_row
from .schema import SCHEMA_VERSION, TABLES, connect

__all__ = ["EXPORT_FORMATS", "export", "query", "render_rows"]

EXPORT_FORMATS = ("parquet", "csv", "xlsx", "fdp")
#: the tables exported (schema_version travels in the datapackage / a sheet of its own)
EXPORT_TABLES = ("documents", "document_files", "facts", "cells", "findings", "claims")


def query(db: str | Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` on a read-only connection: a query cannot change the database."""
    con = connect(db, read_only=True)
    try:
        cur = con.execute(sql)
        cols = [d[0] for d in cur.description] if cur.description else []
        return cols, cur.fetchall()
    finally:
        con.close()


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f").rstrip("0")
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if v is None or isinstance(v, (int, float, str, bool)):
        return v
    return str(v)


def render_rows(cols: list[str], rows: list[tuple[Any, ...]], fmt: str) -> str:
    """Rows as ``table`` (aligned text), ``csv`` or ``json`` (amounts as exact decimal strings)."""
    if fmt == "json":
        out = [{c: (str(_plain(v)) if isinstance(v, Decimal) else _plain(v)) for c, v in zip(cols, r, strict=True)} for r in rows]
        return json.dumps(out, ensure_ascii=False, indent=2)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        w.writerows([[_plain(v) if v is not None else "" for v in r] for r in rows])
        return buf.getvalue()
    shown = [[("" if v is None else str(_plain(v))).replace("\n", " ") for v in r] for r in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in shown]) for i, c in enumerate(cols)]
    lines = ["  ".join(_pad(c, widths[i]) for i, c in enumerate(cols)), "  ".join("-" * w for w in widths)]
    lines += ["  ".join(_pad(v, widths[i]) for i, v in enumerate(r)) for r in shown]
    lines.append(f"({len(rows)} rows)")
    return "\n".join(lines)


def _width(s: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def export(db: str | Path, out_dir: str | Path, fmt: str) -> list[Path]:
    """Every table of the corpus into ``out_dir`` (created); returns the files written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    con = connect(db, read_only=True)
    written: list[Path] = []
    try:
        if fmt == "parquet":
            for t in EXPORT_TABLES:
                p = out / f"{t}.parquet"
                con.execute(f"COPY (SELECT * FROM {t}) TO '{_sql_path(p)}' (FORMAT PARQUET)")
                written.append(p)
        elif fmt == "csv":
            for t in EXPORT_TABLES:
                written.append(_csv(con, f"SELECT * FROM {t}", out / f"{t}.csv"))
        elif fmt == "xlsx":
            written.append(_xlsx(con, out / "corpus.xlsx"))
        else:
            written.extend(_fdp(con, out))
    finally:
        con.close()
    return written


def _sql_path(p: Path) -> str:
    return str(p).replace("'", "''")


def _csv(con: Any, sql: str, path: Path) -> Path:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(cols)
        while batch := cur.fetchmany(5000):
            w.writerows([[_plain(v) if v is not None else "" for v in r] for r in batch])
    return path


_XLSX_MAX_ROWS = 1_048_575


def _xlsx(con: Any, path: Path) -> Path:
    """One sheet per table; amounts as exact text in ``*_text`` columns and as numbers in the
    DECIMAL columns (Excel holds 15 significant digits: the text column is the exact one)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for t in ("schema_version", *EXPORT_TABLES):
        ws = wb.create_sheet(t)
        cur = con.execute(f"SELECT * FROM {t} LIMIT {_XLSX_MAX_ROWS}")
        ws.append(text_row(ws, [d[0] for d in cur.description]))
        while batch := cur.fetchmany(5000):
            for r in batch:
                ws.append(text_row(ws, [_cell(v) for v in r]))  # text stays text: never a formula from a document
    wb.save(path)
    return path


def _cell(v: Any) -> Any:
    if isinstance(v, Decimal):
        return v
    if isinstance(v, (list, tuple)):
        return ", ".join(map(str, v))
    return v


# ------------------------------------------------------------------ Fiscal Data Package

# A budget line of the fiscal model: one amount of one document, classified. The classification of
# a 功能分类 row (2xx…) is its code; of an 经济分类 row (3xx/5xx) its code; the administrative
# classification is the unit.
_FDP_SQL = """
SELECT
    d.id AS document_id,
    d.unit_name AS administrative_name,
    d.unit_code AS administrative_code,
    d.year AS fiscal_year,
    CASE d.kind WHEN 'budget' THEN '预算' ELSE '决算' END AS phase,
    CASE d.kind WHEN 'budget' THEN 'proposed' ELSE 'executed' END AS phase_en,
    d.scope AS scope,
    c.table_type AS table_type,
    c.table_title AS table_title,
    c.side AS direction,
    CASE WHEN regexp_matches(c.code, '^2[0-9]{2}') THEN c.code END AS functional_code,
    CASE WHEN regexp_matches(c.code, '^2[0-9]{2}') THEN c.label END AS functional_name,
    CASE WHEN regexp_matches(c.code, '^(3|5)[0-9]{2}') THEN c.code END AS economic_code,
    CASE WHEN regexp_matches(c.code, '^(3|5)[0-9]{2}') THEN c.label END AS economic_name,
    c.row_key AS row_key,
    c.label AS label,
    c.column_key AS column_key,
    c.column_label AS column_label,
    CASE WHEN c.table_unit = '万元' THEN c.value * 10000 ELSE c.value END AS amount,
    c.value_text AS amount_printed,
    c.table_unit AS printed_unit,
    c.page AS page
FROM cells c JOIN documents d ON d.id = c.document_id
WHERE d.status = 'ok' AND c.value_text IS NOT NULL AND c.code <> ''
ORDER BY d.year, d.unit_name, d.id, c.table_no, c.row_no, c.column_key
"""

_FDP_FIELDS = [
    ("document_id", "string", "yusuan document id (content hash)"),
    ("administrative_name", "string", "unit (预算单位/部门)"),
    ("administrative_code", "string", "unit code where printed"),
    ("fiscal_year", "integer", "budget year"),
    ("phase", "string", "预算 or 决算"),
    ("phase_en", "string", "proposed (预算) or executed (决算)"),
    ("scope", "string", "department (部门) or unit (单位)"),
    ("table_type", "string", "yusuan canonical table type"),
    ("table_title", "string", "table title as printed"),
    ("direction", "string", "income or expenditure side where the table has two"),
    ("functional_code", "string", "支出功能分类科目 code"),
    ("functional_name", "string", "支出功能分类科目 name as printed"),
    ("economic_code", "string", "支出经济分类科目 code (部门 3xx or 政府 5xx)"),
    ("economic_name", "string", "支出经济分类科目 name as printed"),
    ("row_key", "string", "yusuan row key"),
    ("label", "string", "row label as printed"),
    ("column_key", "string", "yusuan column key"),
    ("column_label", "string", "column header as printed"),
    ("amount", "number", "amount in 元 (CNY), exact: the printed figure times 10,000 when printed in 万元"),
    ("amount_printed", "number", "the amount as printed, in printed_unit"),
    ("printed_unit", "string", "万元 or 元: the unit the table prints"),
    ("page", "integer", "page of the source document"),
]


def _fdp(con: Any, out: Path) -> list[Path]:
    lines = _csv(con, _FDP_SQL, out / "budget-lines.csv")
    facts = _csv(
        con,
        """SELECT d.id AS document_id, d.unit_name AS administrative_name, d.year AS fiscal_year,
        CASE d.kind WHEN 'budget' THEN '预算' ELSE '决算' END AS phase, f.name AS fact, f.value_text AS amount, f.source AS source
        FROM facts f JOIN documents d ON d.id = f.document_id WHERE f.value_text IS NOT NULL ORDER BY d.year, d.unit_name, d.id, f.name""",
        out / "headline-facts.csv",
    )
    docs = _csv(con, "SELECT * FROM documents ORDER BY year, unit_name, id", out / "documents.csv")
    package = {
        "name": "yusuan-corpus",
        "title": "预决算公开 corpus read and audited by yusuan",
        "profile": "fiscal-data-package",
        "yusuan_schema_version": SCHEMA_VERSION,
        "resources": [
            {
                "name": "budget-lines",
                "path": lines.name,
                "format": "csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in _FDP_FIELDS]},
            },
            {
                "name": "headline-facts",
                "path": facts.name,
                "format": "csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [
                        {"name": n, "type": "integer" if n == "fiscal_year" else "number" if n == "amount" else "string"}
                        for n in ("document_id", "administrative_name", "fiscal_year", "phase", "fact", "amount", "source")
                    ]
                },
            },
            {"name": "documents", "path": docs.name, "format": "csv", "encoding": "utf-8", "profile": "tabular-data-resource"},
        ],
        "model": {
            "measures": {"amount": {"source": "amount", "resource": "budget-lines", "currency": "CNY", "factor": 1}},
            "dimensions": {
                "administrative-classification": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "attributes": {"name": {"source": "administrative_name"}, "code": {"source": "administrative_code"}},
                    "primaryKey": ["name"],
                },
                "functional-classification": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "attributes": {
                        "code": {"source": "functional_code"},
                        "label": {"source": "functional_name", "labelfor": "code"},
                    },
                    "primaryKey": ["code"],
                },
                "economic-classification": {
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "attributes": {"code": {"source": "economic_code"}, "label": {"source": "economic_name", "labelfor": "code"}},
                    "primaryKey": ["code"],
                },
                "date": {"dimensionType": "datetime", "attributes": {"year": {"source": "fiscal_year"}}, "primaryKey": ["year"]},
                # 预算 (proposed) or 决算 (executed): a property of each document, so a dimension of each line
                "phase": {
                    "dimensionType": "other",
                    "attributes": {"phase": {"source": "phase_en"}, "label": {"source": "phase", "labelfor": "phase"}},
                    "primaryKey": ["phase"],
                },
                "direction": {
                    "dimensionType": "other",
                    "attributes": {"direction": {"source": "direction"}},
                    "primaryKey": ["direction"],
                },
            },
        },
        "tables": sorted(TABLES),
    }
    p = out / "datapackage.json"
    p.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [p, lines, facts, docs]
