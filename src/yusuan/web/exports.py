"""The findings as an XLSX workbook: the CSV report's rows (:func:`yusuan.report.csvout.csv_rows`)
plus the review decisions, every cell stored as text — a value starting with ``=`` stays the
text it was printed as and never becomes a formula."""

from __future__ import annotations

from collections.abc import Mapping

from ..report.audit import Report
from ..report.baseline import fingerprint
from ..report.csvout import CSV_COLUMNS, csv_rows
from ..xlsxtext import text_row, workbook_bytes
from .review import Decision

__all__ = ["findings_xlsx"]

_REVIEW = ("fingerprint", "review", "review_note", "review_by", "review_at", "second_look")


def findings_xlsx(report: Report, decisions: Mapping[str, Decision] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "findings"
    header = (*CSV_COLUMNS, *_REVIEW)
    ws.append(text_row(ws, header))
    for c in ws[1]:
        c.font = Font(bold=True)
    for f, row in zip(report.findings, csv_rows(report), strict=True):
        fp = fingerprint(f)
        d = (decisions or {}).get(fp)
        values = [row[k] for k in CSV_COLUMNS] + [
            fp,
            d.as_dict()["status_zh"] if d else "",
            d.note if d else "",
            d.who if d else "",
            d.at if d else "",
            "true" if d and d.second_look else "",
        ]
        ws.append(text_row(ws, values))  # text, even when it starts with "=" (never a formula)
    m = report.disclosure.meta
    info = wb.create_sheet("document")
    for k, v in (("unit_name", m.unit_name), ("year", str(m.year or "")), ("source", m.source), ("ruleset", report.ruleset)):
        info.append(text_row(info, (k, v)))
    for col, width in zip(
        "ABCDEFGHIJKLMNOPQRSTUVWX", (14, 8, 8, 6, 28, 28, 16, 6, 6, 40, 16, 14, 14, 12, 20, 50, 50, 30), strict=False
    ):
        ws.column_dimensions[col].width = width
    return workbook_bytes(wb)
