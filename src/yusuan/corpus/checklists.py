"""The bureau's review checklist (公开情况检查表) of every document of a batch database.

The batch keeps what the reader made of each file (its layout, compressed, in ``files``), so a
document's model is rebuilt from the database without reading its PDF again; it is audited
again (with last year's document when the batch found one) and the checklist is filled by
:func:`yusuan.tools.checklist.build_checklist` — the same function as ``yusuan checklist``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import YusuanError
from ..ingest.layout import Layout
from .schema import connect
from .work import _read, layout_from_blob

__all__ = ["DocumentChecklist", "document_checklists", "checklist_name", "write_checklists"]

_KIND_ZH = {"budget": "预算", "final_account": "决算"}


@dataclass(frozen=True, slots=True)
class DocumentChecklist:
    id: str  # the document's id in the database
    unit_name: str
    year: int | None
    kind: str
    checklist: Any  # tools.checklist.Checklist, or None when the document could not be rebuilt
    error: str = ""  # why not


def _layouts(con: Any, doc_id: str) -> list[Layout] | None:
    rows = con.execute(
        "SELECT df.sha256, df.path, f.layout FROM document_files df LEFT JOIN files f ON f.sha256 = df.sha256 "
        "WHERE df.document_id = ? AND df.role = 'read' ORDER BY df.position",
        [doc_id],
    ).fetchall()
    if not rows or any(r[2] is None for r in rows):
        return None
    return [layout_from_blob(blob, path) for _, path, blob in rows]


def document_checklists(db: str | Path, ids: list[str] | None = None) -> Iterator[DocumentChecklist]:
    """The checklist of each audited document (``status = 'ok'``), or of the documents ``ids``."""
    from ..api import audit
    from ..tools.checklist import build_checklist

    con = connect(db, read_only=True)
    try:
        sql = "SELECT id, unit_name, year, kind, previous_id FROM documents WHERE status = 'ok'"
        docs = con.execute(sql + " ORDER BY unit_name, year, kind, id").fetchall()
        if ids is not None:
            docs = [d for d in docs if d[0] in set(ids)]
        for doc_id, unit, year, kind, previous_id in docs:
            layouts = _layouts(con, doc_id)
            if layouts is None:
                yield DocumentChecklist(
                    doc_id,
                    unit or "",
                    year,
                    kind or "",
                    None,
                    f"the database keeps no layout of this document's files (yusuan {__version__})",
                )
                continue
            try:
                reading = _read(layouts)
                previous = None
                prev_layouts = _layouts(con, previous_id) if previous_id else None
                if prev_layouts is not None:
                    try:
                        previous = _read(prev_layouts).disclosure
                    except YusuanError:
                        previous = None
                notes = [f"{n.line}: {n.text}" for n in reading.notes]
                report = audit(reading.disclosure, previous=previous, notes=notes)
                cl = build_checklist(reading.disclosure, report.findings)
            except YusuanError as err:
                yield DocumentChecklist(doc_id, unit or "", year, kind or "", None, err.en)
                continue
            yield DocumentChecklist(doc_id, unit or "", year, kind or "", cl)
    finally:
        con.close()


def checklist_name(dc: DocumentChecklist) -> str:
    """A file name for a document's checklist: year, 预算/决算, the unit's name (letters, digits
    and CJK only: nothing from a document can make a path) and the start of its id."""
    unit = re.sub(r"[^\w\u4e00-\u9fff]+", "", dc.unit_name, flags=re.UNICODE)[:40] or "unit"
    return f"{dc.year or ''}{_KIND_ZH.get(dc.kind, '')}-{unit}-{dc.id[:8]}-检查表.xlsx"


def write_checklists(db: str | Path, out_dir: Path) -> tuple[list[Path], list[DocumentChecklist]]:
    """One XLSX per audited document in ``out_dir``; returns the files written and the
    documents that could not be rebuilt."""
    from ..tools.checklist import checklist_xlsx

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    missed: list[DocumentChecklist] = []
    for dc in document_checklists(db):
        if dc.checklist is None:
            missed.append(dc)
            continue
        path = out_dir / checklist_name(dc)
        path.write_bytes(checklist_xlsx([dc.checklist]))
        written.append(path)
    return written, missed
