"""CSV report: one row per finding, UTF-8 with a byte-order mark so that Excel (as set up
in China, where it otherwise guesses GBK) opens it with the Chinese intact."""

from __future__ import annotations

import csv
import io
import re

from .audit import Report
from .finding import Finding

__all__ = ["CSV_COLUMNS", "to_csv", "csv_rows", "finding_row"]

CSV_COLUMNS = (
    "rule",
    "severity",
    "possible_rounding",
    "table_no",
    "table_title",
    "row",
    "column",
    "page",
    "line",
    "sentence",
    "text",
    "expected",
    "actual",
    "difference",
    "suggestion",
    "message",
    "message_en",
    "cells",
)

_NUMBER = re.compile(r"^[+-]?(?:[\d,]*\.\d+|[\d,]*\d)%?$")  # = [\d,]*\.?\d+ without its quadratic backtracking


def _safe(value: object) -> str:
    """A cell as text; one that a spreadsheet would run as a formula gets a leading quote
    (a sentence starting with ``=`` or ``@``), while signed numbers stay numbers."""
    s = "" if value is None else str(value)
    if s and s[0] in "=+-@\t\r" and not _NUMBER.match(s):
        return "'" + s
    return s


def _cells(f: Finding) -> str:
    return "；".join(f"表{c.table_no} {c.row}·{c.column}".strip("·") for c in f.cells)


def csv_rows(report: Report) -> list[dict[str, str]]:
    return [finding_row(f) for f in report.findings]


def finding_row(f: Finding) -> dict[str, str]:
    """One finding as the CSV row's columns (text; the page and line of a narrative finding
    are its sentence's)."""
    loc = f.location
    t = f.text[0] if f.text else None
    line = t.line if t is not None and t.line else (loc.line if loc else None)
    page = t.page if t is not None and t.page else (loc.page if loc else None)
    return {
        "rule": f.rule,
        "severity": f.severity,
        "possible_rounding": "true" if f.possible_rounding else "false",
        "table_no": str(loc.table_no) if loc else "",
        "table_title": loc.table_title if loc else "",
        "row": loc.row if loc else "",
        "column": loc.column if loc else "",
        "page": "" if page is None else str(page),
        "line": "" if line is None else str(line),
        "sentence": t.sentence if t else "",
        "text": t.text if t else "",
        "expected": f.expected or "",
        "actual": f.actual or "",
        "difference": f.difference or "",
        "suggestion": f.suggestion or "",
        "message": f.message,
        "message_en": f.message_en,
        "cells": _cells(f),
    }


def to_csv(report: Report) -> str:
    """The report as CSV text, starting with the BOM (encode it as UTF-8)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for r in csv_rows(report):
        w.writerow([_safe(r[c]) for c in CSV_COLUMNS])
    return "\ufeff" + buf.getvalue()
