"""The work of a batch, one file or one document at a time: pure functions of their input that
return plain data (picklable), so that the same function runs in a child process or on a Dask
worker. Only the parent writes the database.

* :func:`survey_file` reads one file and says what it is (unit, year, kind, scope, template,
  which part of a document it holds) and keeps the layout for the audit.
* :func:`audit_document` reads a document (one file, or the narrative and the tables), reads
  last year's document when one was found, audits it and returns the rows of every table.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..errors import YusuanError
from ..ingest import load_file, read_layout
from ..ingest.formats import layout_from_bytes
from ..ingest.layout import Layout, concat_layouts
from ..model.core import PageDefect

__all__ = ["AuditTask", "FileInfo", "audit_document", "document_id", "survey_file", "sha256_file"]

#: the files a batch takes from a folder: the formats it reads, and the formats disclosures are
#: also published in that it cannot read yet (.doc, .xls, WPS, OFD), which get a ``refused`` row
#: with the reason — a unit that published a .doc is not “missing”. Anything else is not an input.
SUPPORTED_SUFFIXES = frozenset({".pdf", ".docx", ".xlsx", ".html", ".htm", ".txt", ".doc", ".xls", ".wps", ".et", ".ofd"})


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def document_id(file_hashes: tuple[str, ...]) -> str:
    """A document's key: the content of its files in reading order (narrative, then tables)."""
    return file_hashes[0] if len(file_hashes) == 1 else hashlib.sha256("+".join(file_hashes).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class FileInfo:
    """What one file is, as the reader recognised it; ``status`` says whether it could be read."""

    path: str
    sha256: str
    size: int
    status: str  # ok | refused | failed | timeout
    format: str = ""
    error_type: str = ""
    error: str = ""
    error_en: str = ""
    unit_name: str = ""
    unit_code: str = ""
    year: int | None = None
    kind: str = ""
    scope: str = ""
    profile: str = ""
    part: str = ""  # whole | narrative | tables
    pages: int = 0
    #: headline figures of the tables (万元, exact) and every amount the narrative states, to tell
    #: which tables file a narrative file describes
    figures: tuple[str, ...] = ()
    seconds: float = 0.0  # CPU seconds the reading took
    layout: Layout | None = field(default=None, compare=False)
    #: a whole document (narrative and tables in this file) audited at once, without last year
    #: (:func:`audit_document`'s rows): kept when no previous-year document turns up
    result: dict[str, Any] | None = field(default=None, compare=False)


def layout_blob(layout: Layout) -> bytes:
    """A layout as stored in the database (zlib-compressed JSON): what a re-audit reads instead of the file."""
    import json
    import zlib

    doc = {
        "lines": layout.lines,
        "pages": layout.pages,
        "format": layout.format,
        "notes": layout.notes,
        "defects": [[d.kind, d.page, d.text, d.source, d.position] for d in layout.defects],
    }
    return zlib.compress(json.dumps(doc, ensure_ascii=False).encode("utf-8"), 6)


def layout_from_blob(blob: bytes, source: str) -> Layout:
    import json
    import zlib

    doc = json.loads(zlib.decompress(blob).decode("utf-8"))
    defects = tuple(PageDefect(kind, page, text, src, position) for kind, page, text, src, position in doc.get("defects", []))
    return Layout(tuple(doc["lines"]), tuple(doc["pages"]), doc["format"], source, tuple(doc["notes"]), defects)


def _pages(layout: Layout) -> int:
    return len({p for p in layout.pages if p is not None})


_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万元|元)")


def _norm(value: str) -> str:
    try:
        return format(Decimal(value.replace(",", "")).normalize(), "f")
    except InvalidOperation:
        return value


def survey_file(path: str, sha256: str, data: bytes | None = None) -> FileInfo:
    """Read one file (from ``data`` when given: a Dask worker need not see the parent's disk)."""
    from ..facts import compute_facts
    from ..narrative.metrics import topic_of

    try:
        size = len(data) if data is not None else Path(path).stat().st_size
    except OSError:  # gone since it was hashed: load_file says why
        size = 0
    start = time.process_time()
    try:
        if data is None:
            data, source = load_file(path)
        else:
            source = path
        layout = layout_from_bytes(data, source)
        reading = read_layout(layout, allow_partial=True)
        d = reading.disclosure
    except YusuanError as err:
        return FileInfo(path, sha256, size, "refused", error_type=type(err).__name__, error=err.zh, error_en=err.en)
    m = d.meta
    topics = sum(1 for s in d.sections if topic_of((s.title,)))
    has_tables = bool(d.tables) or d.performance is not None
    part = "narrative" if not has_tables else "tables" if topics < 2 else "whole"
    if part == "narrative":
        figures = tuple(
            sorted(
                {
                    _norm(a) if u == "万元" else _norm(str(Decimal(a.replace(",", "")) / 10000))
                    for s in d.sections
                    for p in s.paragraphs
                    for a, u in _AMOUNT.findall(p.text)
                }
            )
        )
    else:
        facts = compute_facts(d)
        figures = tuple(
            _norm(v)
            for k in ("revenue_total", "expenditure_total", "three_public_total", "basic_expenditure")
            if (v := facts[k].value) is not None and facts[k].source.startswith("table")
        )
    read_seconds = time.process_time() - start
    result = None
    if part == "whole":
        try:
            result = _result(sha256, [layout], reading, None, "", time.process_time())
        except Exception:  # noqa: BLE001 - the audit task will run it again and record the fault
            result = None
    return FileInfo(
        path,
        sha256,
        size,
        "ok",
        format=layout.format,
        unit_name=m.unit_name,
        unit_code=m.unit_code,
        year=m.year,
        kind=m.kind,
        scope=m.scope,
        profile=m.profile,
        part=part,
        pages=_pages(layout),
        figures=figures,
        seconds=read_seconds,
        layout=layout,
        result=result,
    )


@dataclass(frozen=True, slots=True)
class AuditTask:
    """One document to audit: its files in reading order, their layouts when the survey kept
    them (else the worker reads the files), and last year's document the same way."""

    id: str
    paths: tuple[str, ...]
    layouts: tuple[Layout | None, ...]
    previous_paths: tuple[str, ...] = ()
    previous_layouts: tuple[Layout | None, ...] = ()


def _layouts(paths: tuple[str, ...], layouts: tuple[Layout | None, ...]) -> list[Layout]:
    out = []
    for i, path in enumerate(paths):
        lay = layouts[i] if i < len(layouts) else None
        if lay is None:
            data, source = load_file(path)
            lay = layout_from_bytes(data, source)
        out.append(lay)
    return out


def _read(layouts: list[Layout]):  # type: ignore[no-untyped-def]
    if len(layouts) == 1:
        return read_layout(layouts[0], allow_partial=True)
    return read_layout(concat_layouts(tuple(layouts)), allow_partial=True, parts=tuple(layouts))


def _dec(text: str | None) -> Decimal | None:
    """An exact amount for a DECIMAL(38,6) column; None when it does not fit (the text column
    keeps it exactly)."""
    if text is None:
        return None
    try:
        v = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not v.is_finite() or abs(v) >= Decimal(10) ** 32 or v != v.quantize(Decimal("0.000001")):
        return None
    return v.quantize(Decimal("0.000001"))


def _peak_mb() -> float | None:
    """The peak resident memory of this process (the worker that read and audited), in MB: since
    the task began where the system can reset it (Linux; the runner does), else since the
    process began."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)
    except (ImportError, OSError):
        return None


def audit_document(task: AuditTask) -> dict[str, Any]:
    """Read, audit and turn into rows. Raises what the reader raises (the runner records it)."""
    start = time.process_time()
    try:
        layouts = _layouts(task.paths, task.layouts)
        reading = _read(layouts)
    except YusuanError as err:  # refused as `check` refuses it: the reason, not a fault
        return {"id": task.id, "refused": (type(err).__name__, err.zh, err.en)}
    previous = None
    previous_error = ""
    if task.previous_paths:
        try:
            previous = _read(_layouts(task.previous_paths, task.previous_layouts)).disclosure
        except YusuanError as err:  # last year's document unreadable: audit without it, and say so
            previous_error = err.en
    return _result(task.id, layouts, reading, previous, previous_error, start)


def _result(doc_id: str, layouts: list[Layout], reading: Any, previous: Any, previous_error: str, start: float) -> dict[str, Any]:
    from ..api import audit
    from ..facts import compute_facts
    from ..report.writers import report_dict

    d = reading.disclosure
    notes = [f"{n.line}: {n.text}" for n in reading.notes]
    report = audit(d, previous=previous, notes=notes)
    rep = report_dict(report)
    m = d.meta
    facts = [
        (
            f.name,
            _dec(f.value),
            f.value,
            f.source,
            f.location.page if f.location else None,
            f.location.line if f.location else None,
        )
        for f in compute_facts(d).values()
    ]
    cells: list[tuple[Any, ...]] = []
    for t in d.tables:
        labels = {c.key: c.label for c in t.columns}
        for ri, r in enumerate(t.rows):
            for c in r.cells:
                text = c.amount.text() if c.amount is not None else None
                cells.append(
                    (
                        t.number,
                        t.type,
                        t.title,
                        t.unit,
                        ri + 1,
                        r.key,
                        r.side,
                        r.code,
                        r.label,
                        r.kind,
                        c.column,
                        labels.get(c.column, c.column),
                        _dec(text),
                        text,
                        c.raw,
                        c.location.page,
                        c.location.line,
                    )
                )
    findings: list[tuple[Any, ...]] = []
    for i, f in enumerate(rep["findings"]):
        loc = f["location"] or {}
        txt = f["text"][0] if f["text"] else {}
        place = loc or txt
        findings.append(
            (
                i + 1,
                f["rule"],
                f["severity"],
                f["possible_rounding"],
                f["undetermined"],
                loc.get("table"),
                loc.get("table_no"),
                loc.get("table_title"),
                loc.get("row"),
                loc.get("row_key"),
                loc.get("column"),
                loc.get("column_key"),
                place.get("page"),
                place.get("line"),
                place.get("file"),
                place.get("file_line"),
                txt.get("section"),
                txt.get("sentence"),
                f["expected"],
                f["actual"],
                f["difference"],
                f["message"],
                f["message_en"],
                f["fingerprint"],
            )
        )
    claims: list[tuple[Any, ...]] = []
    for i, c in enumerate(getattr(report.claims, "claims", ())):
        value = None if c.value is None else format(c.value, "f")
        expected = None if c.expected is None else format(c.expected, "f")
        claims.append(
            (
                i + 1,
                c.kind,
                c.metric,
                c.subject,
                _dec(value),
                value,
                c.status,
                c.code,
                _dec(expected),
                expected,
                c.severity or "",
                c.possible_rounding,
                c.ref.section,
                c.ref.sentence,
                c.ref.text,
                c.ref.page,
                c.ref.line,
            )
        )
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    return {
        "id": doc_id,
        "unit_name": m.unit_name,
        "unit_code": m.unit_code,
        "year": m.year,
        "kind": m.kind,
        "scope": m.scope,
        "profile": m.profile,
        "title": m.title,
        "amount_unit": m.amount_unit,
        "pages": sum(_pages(lay) for lay in layouts),
        "seconds": time.process_time() - start,
        "peak_mb": _peak_mb(),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "possible_rounding": sum(1 for f in report.findings if f.possible_rounding),
        "previous_error": previous_error,
        "facts": facts,
        "cells": cells,
        "findings": findings,
        "claims": claims,
    }
