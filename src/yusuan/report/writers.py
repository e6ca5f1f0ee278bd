"""Report writers. Text is grouped by table, Chinese first; JSON is versioned."""

from __future__ import annotations

import json
from typing import Any

from ..catalog import edition_for, load_catalog
from .audit import Report
from .baseline import fingerprint
from .finding import CellRef, Finding, TextRef

__all__ = ["REPORT_SCHEMA", "report_dict", "to_json", "to_text", "claims_summary"]

REPORT_SCHEMA = "yusuan.report/2"
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


def _text(t: TextRef) -> dict[str, Any]:
    return {
        "section": t.section,
        "sentence": t.sentence,
        "text": t.text,
        "line": t.line,
        "page": t.page,
        "paragraph": t.paragraph,
        "start": t.start,
        "end": t.end,
    }


def claims_summary(report: Report) -> dict[str, int]:
    cs = report.claims
    claims = getattr(cs, "claims", ())
    out = {"found": len(claims)}
    for status in ("verified", "rounding", "wrong", "unverifiable", "unlinked"):
        out[status] = sum(1 for c in claims if c.status == status)
    return out


def report_dict(report: Report) -> dict[str, Any]:
    d, findings = report.disclosure, report.findings
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    cat = report.catalog if report.catalog is not None else load_catalog(edition_for(d.meta.year))
    out: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "ruleset": report.ruleset,
        "catalog_edition": cat.edition,
        "catalog_source": cat.source,
        "document": {
            "source": d.meta.source,
            "unit_name": d.meta.unit_name,
            "year": d.meta.year,
            "profile": d.meta.profile,
            # several files read as one: "line" counts through them in this order
            "files": [{"source": src, "lines": n} for src, n in d.meta.parts],
        },
        "previous": report.previous_source or None,
        "summary": {
            **counts,
            "possible_rounding": sum(1 for f in findings if f.possible_rounding),
            "suppressed_by_baseline": report.suppressed,
            "deselected": report.deselected,
        },
        "claims": claims_summary(report),
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
                "suggestion": f.suggestion,
                "undetermined": f.undetermined,
                "tags": list(f.tags),
                "text": [_text(t) for t in f.text],
                "fingerprint": fingerprint(f),  # what a baseline file records (stable across line shifts)
            }
            for f in findings
        ],
        "reader_notes": list(report.notes),
    }
    if d.meta.parts:  # several files: each place also names its file and that file's own line
        for f in out["findings"]:
            for place in [f["location"], *f["cells"], *f["text"]]:
                if place is not None and place.get("line") is not None:
                    place["file"], place["file_line"] = d.meta.where(place["line"])
    return out


def to_json(report: Report) -> str:
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2)


def _group(f: Finding) -> tuple[int, str]:
    if f.text:
        return (-1, f.text[0].section)
    loc = f.location
    return (loc.table_no, loc.table_title) if loc else (0, "")


def to_text(report: Report, lang: str = "zh") -> str:
    d, findings = report.disclosure, list(report.findings)
    m = d.meta
    lines: list[str] = []
    if lang == "en":
        lines.append(f"{m.unit_name} {m.year} ({m.source})")
    else:
        lines.append(
            f"{m.unit_name} {m.year}年{'单位' if m.scope == 'unit' else '部门'}{'预算' if m.kind == 'budget' else '决算'}（{m.source}）"
        )
    groups: dict[tuple[int, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault(_group(f), []).append(f)
    rank = {"error": 0, "warning": 1, "info": 2}

    def worst(items: list[Finding]) -> int:
        return min(rank.get(f.severity, 3) + (1 if f.possible_rounding else 0) for f in items)

    # errors first: the groups by their worst finding, then in document order; within a group by severity
    for (no, title), items in sorted(groups.items(), key=lambda kv: (worst(kv[1]), kv[0][0] < 0, kv[0][0])):
        items = sorted(items, key=lambda f: rank.get(f.severity, 3) + (1 if f.possible_rounding else 0))
        lines.append("")
        if no < 0:
            lines.append(f"情况说明「{title}」" if lang != "en" else f"Narrative: {title}")
        else:
            lines.append(f"表{no}「{title}」" if no else ("全文" if lang != "en" else "Document"))
        for f in items:
            sev = f.severity if lang == "en" else _SEV_ZH[f.severity]
            if f.possible_rounding:
                sev = "possible rounding" if lang == "en" else "可能的尾数误差"
            line = f.text[0].line if f.text else (f.location.line if f.location else None)
            page = f.text[0].page if f.text else (f.location.page if f.location else None)
            src, local = m.where(line)
            if page is not None:  # a paged document: the page a reader opens, not a line of our text format
                where = f"{src} p.{page}" if lang == "en" else f"{src} 第{page}页"
            else:
                where = f"{src}:{local}" if local else src
            lines.append(f"  [{sev}] {f.rule} {where}")
            lines.append(f"    {f.message_en if lang == 'en' else f.message}")
            if f.text and f.text[0].sentence:
                lines.append(f"    「{f.text[0].sentence}」" if lang != "en" else f"    “{f.text[0].sentence}”")
            if f.suggestion and lang != "en":
                lines.append(f"    建议：{f.suggestion}")
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    infos = sum(1 for f in findings if f.severity == "info")
    cs = claims_summary(report)
    lines.append("")
    if lang == "en":
        lines.append(
            f"Narrative: {cs['found']} statements found, {cs['verified'] + cs['rounding']} verified, {cs['wrong']} wrong, "
            f"{cs['unverifiable']} cannot be checked, {cs['unlinked']} not linked."
        )
        lines.append(f"{errors} error(s), {warnings} warning(s), {infos} note(s) in {d.table_count} tables.")
    else:
        lines.append(
            f"情况说明：共找到 {cs['found']} 处数字和增减表述，核对一致 {cs['verified'] + cs['rounding']} 处，"
            f"不一致 {cs['wrong']} 处，无法核对 {cs['unverifiable']} 处，未能识别 {cs['unlinked']} 处。"
        )
        lines.append(f"共检查 {d.table_count} 张表：错误 {errors} 个，警告 {warnings} 个，提示 {infos} 个。")
    if report.suppressed or report.deselected:
        lines.append(
            f"（另有 {report.suppressed} 个已列入基线、{report.deselected} 个被 --select/--ignore 排除的结果未显示）"
            if lang != "en"
            else f"({report.suppressed} baselined and {report.deselected} deselected findings not shown)"
        )
    return "\n".join(lines) + "\n"
