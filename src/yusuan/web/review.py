"""Review decisions: each finding marked 已确认 / 误报 / 已改正 with a note and who marked it.

Stored in DuckDB (``review.duckdb`` in the data folder; in memory without one) by document
hash and finding fingerprint (the fingerprint of :mod:`yusuan.report.baseline`, which
survives shifted lines and reworded messages). A new version of the same unit's document
(same unit name, year, kind and scope, other bytes) inherits the latest decision on each
fingerprint; when what the finding names as printed (its cells' values, the figures in the
sentence) differs from when it was decided, the inherited decision is flagged for a second look.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..report.baseline import fingerprint
from ..report.finding import Finding
from .service import Checked

__all__ = ["STATUSES", "Decision", "ReviewStore", "printed_signature", "unit_key"]

STATUSES = {"confirmed": ("已确认", "confirmed"), "false_positive": ("误报", "false positive"), "fixed": ("已改正", "fixed")}


@dataclass(frozen=True, slots=True)
class Decision:
    fingerprint: str
    status: str
    note: str
    who: str
    at: str
    carried_from: str = ""  # the document hash it was decided on, when inherited
    second_look: bool = False  # inherited, and what it names is printed differently now

    def as_dict(self) -> dict[str, Any]:
        zh, en = STATUSES.get(self.status, (self.status, self.status))
        return {
            "fingerprint": self.fingerprint,
            "status": self.status,
            "status_zh": zh,
            "status_en": en,
            "note": self.note,
            "who": self.who,
            "at": self.at,
            "carried_from": self.carried_from,
            "second_look": self.second_look,
        }


def printed_signature(f: Finding) -> str:
    """What the finding names, as printed: a changed value means a second look."""
    parts = [f"{c.table}|{c.row_key}|{c.column_key}|{c.value}" for c in f.cells]
    parts += [f"{t.section}|{t.text}" for t in f.text]
    parts.append(f.actual or "")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def unit_key(c: Checked) -> str:
    m = c.report.disclosure.meta
    return f"{''.join(m.unit_name.split())}|{m.year}|{m.kind}|{m.scope}"


class ReviewStore:
    def __init__(self, data_dir: Path | None) -> None:
        import duckdb

        self.path = str(data_dir / "review.duckdb") if data_dir is not None else ":memory:"
        self._db = duckdb.connect(self.path)
        self._lock = threading.Lock()
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS documents (doc_hash VARCHAR PRIMARY KEY, unit_key VARCHAR, source VARCHAR, seen VARCHAR)"
        )
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS decisions (doc_hash VARCHAR, fingerprint VARCHAR, status VARCHAR, note VARCHAR, who VARCHAR,"
            " decided_at VARCHAR, unit_key VARCHAR, printed VARCHAR, PRIMARY KEY (doc_hash, fingerprint))"
        )

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def register(self, c: Checked) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?) ON CONFLICT (doc_hash) DO NOTHING",
                [c.id, unit_key(c), c.report.disclosure.meta.source, _now()],
            )

    def decide(self, c: Checked, fp: str, status: str, note: str, who: str) -> Decision | None:
        """Record (or, with an empty status, withdraw) the decision on finding ``fp`` of ``c``."""
        f = next((f for f in c.report.findings if fingerprint(f) == fp), None)
        if f is None:
            raise KeyError(fp)
        with self._lock:
            if not status:
                self._db.execute("DELETE FROM decisions WHERE doc_hash = ? AND fingerprint = ?", [c.id, fp])
                return None
            if status not in STATUSES:
                raise ValueError(status)
            at = _now()
            self._db.execute(
                "INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [c.id, fp, status, note[:2000], who[:100], at, unit_key(c), printed_signature(f)],
            )
        return Decision(fp, status, note[:2000], who[:100], at)

    def decisions(self, c: Checked) -> dict[str, Decision]:
        """Every finding's decision: its own, else the latest on another version of the same unit's document."""
        wanted = {fingerprint(f): printed_signature(f) for f in c.report.findings}
        out: dict[str, Decision] = {}
        with self._lock:
            own = self._db.execute(
                "SELECT fingerprint, status, note, who, decided_at FROM decisions WHERE doc_hash = ?", [c.id]
            ).fetchall()
            inherited = self._db.execute(
                "SELECT fingerprint, status, note, who, decided_at, doc_hash, printed FROM decisions WHERE unit_key = ? AND doc_hash <> ?"
                " ORDER BY decided_at DESC",
                [unit_key(c), c.id],
            ).fetchall()
        for fp, status, note, who, at in own:
            out[fp] = Decision(fp, status, note, who, at)
        for fp, status, note, who, at, doc, printed in inherited:
            if fp in wanted and fp not in out:
                out[fp] = Decision(fp, status, note, who, at, carried_from=doc, second_look=printed != wanted[fp])
        return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
