"""Findings and facts as records (a list of plain dicts) and, when pandas is installed, as a
:class:`pandas.DataFrame` — for a notebook::

    import yusuan
    report = yusuan.audit("单位预算.pdf")
    yusuan.findings_frame(report).query("severity == 'error'")
    yusuan.facts_frame(report.disclosure)

A finding's record has the columns of the CSV report (rule, severity, table, row, column,
page, line, sentence, figure, expected, actual, difference, suggestion, messages; see
``CSV_COLUMNS``), with ``page``/``line``/``table_no`` as integers (``None`` when absent)
and ``possible_rounding`` as a bool. A fact's record: ``name``, ``value`` (exact
:class:`~decimal.Decimal` in 万元, ``None`` where the document states nothing),
``source``, ``page``, ``line``. pandas is imported only by the ``*_frame`` functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from .facts import compute_facts
from .model.core import Disclosure
from .report.audit import Report
from .report.csvout import finding_row
from .report.finding import Finding

__all__ = ["findings_records", "facts_records", "findings_frame", "facts_frame"]

_INT_COLUMNS = ("table_no", "page", "line")
_ORDER = {"error": 0, "warning": 1, "info": 2}


def findings_records(report: Report | Iterable[Finding]) -> list[dict[str, Any]]:
    """One dict per finding (errors first, as in the reports), keyed like the CSV columns."""
    findings = report.findings if isinstance(report, Report) else tuple(report)
    out: list[dict[str, Any]] = []
    for f in sorted(findings, key=lambda f: _ORDER.get(f.severity, 3)):
        row = finding_row(f)
        rec: dict[str, Any] = dict(row)
        for k in _INT_COLUMNS:
            rec[k] = int(row[k]) if row[k] else None
        rec["possible_rounding"] = row["possible_rounding"] == "true"
        for k in ("expected", "actual", "difference", "suggestion", "sentence", "text", "table_title", "row", "column", "cells"):
            rec[k] = row[k] or None
        out.append(rec)
    return out


def facts_records(d: Disclosure | Report) -> list[dict[str, Any]]:
    """One dict per canonical fact (``docs/domain.md``): name, value in 万元, where it came from."""
    if isinstance(d, Report):
        d = d.disclosure
    out: list[dict[str, Any]] = []
    for name, f in compute_facts(d).items():
        loc = f.location
        out.append(
            {
                "name": name,
                "value": None if f.value is None else Decimal(f.value),
                "source": f.source,
                "page": loc.page if loc is not None else None,
                "line": loc.line if loc is not None else None,
            }
        )
    return out


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "需要 pandas：pip install pandas（或 pip install 'yusuan[notebook]'）；不装 pandas 时用 *_records() 得到字典列表。 / "
            "pandas is needed: pip install pandas (or 'yusuan[notebook]'); without it, *_records() gives a list of dicts."
        ) from None
    return pandas


def findings_frame(report: Report | Iterable[Finding]) -> Any:
    """:func:`findings_records` as a pandas DataFrame (pandas imported here, only here)."""
    from .report.csvout import CSV_COLUMNS

    return _pandas().DataFrame(findings_records(report), columns=list(CSV_COLUMNS))


def facts_frame(d: Disclosure | Report) -> Any:
    """:func:`facts_records` as a pandas DataFrame."""
    return _pandas().DataFrame(facts_records(d), columns=["name", "value", "source", "page", "line"])
