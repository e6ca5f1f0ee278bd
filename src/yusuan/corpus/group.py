"""Which files make one document, and which document is the same unit's last year — by what
the reader recognised in them (unit, year, kind, scope, template, which part each holds and
the figures they print), never by file name.

A narrative file (情况说明 without tables) and a tables file (tables without 情况说明) of the same
year, kind, scope and template are one document when the tables' headline figures are stated in
the narrative or the unit names agree (a tables file with notes that read as 情况说明 of its own:
both) (one name contained in the other as a subsequence:
“江苏省委办公厅” in “中国共产党江苏省委员会办公厅”). Each narrative takes its best tables file;
ties are not guessed (each file stays a document of its own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .work import FileInfo, document_id

__all__ = ["Group", "group_files", "find_previous", "unit_key"]


@dataclass(frozen=True, slots=True)
class Group:
    """One document: its files in reading order (narrative first)."""

    files: tuple[FileInfo, ...]

    @property
    def id(self) -> str:
        return document_id(tuple(f.sha256 for f in self.files))

    @property
    def first(self) -> FileInfo:
        return self.files[0]


_NOISE = re.compile(r"[\s（）()【】\[\]《》“”\"'、，,·.\-—_]|本级$")


def unit_key(name: str) -> str:
    """A unit's name with spaces, brackets and punctuation left out (how it is compared)."""
    return _NOISE.sub("", name or "").replace("（本级）", "")


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def same_unit(a: str, b: str) -> bool:
    """Two printings of one unit's name: equal, or the shorter (at least 4 characters) a
    subsequence of the longer (an abbreviation keeps the characters in order)."""
    ka, kb = unit_key(a), unit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long = sorted((ka, kb), key=len)
    return len(short) >= 4 and _subsequence(short, long)


def _compatible(n: FileInfo, t: FileInfo) -> bool:
    return n.year == t.year and n.kind == t.kind and n.scope == t.scope and n.profile == t.profile


def _score(n: FileInfo, t: FileInfo) -> int:
    """How surely the narrative ``n`` describes the tables ``t``: 2 per headline figure of the
    tables stated in the narrative, 3 when the unit names agree."""
    stated = set(n.figures)
    return 2 * sum(1 for f in t.figures if f in stated and f not in ("0",)) + (3 if same_unit(n.unit_name, t.unit_name) else 0)


def group_files(files: list[FileInfo]) -> list[Group]:
    """Every readable file once: pairs (narrative, tables) where the content says so, the rest alone."""
    ok = [f for f in files if f.status == "ok"]
    narratives = [f for f in ok if f.part == "narrative"]
    tables = [f for f in ok if f.part in ("tables", "whole")]
    pairs: list[tuple[int, str, str]] = []
    for n in narratives:
        for t in tables:
            if not _compatible(n, t):
                continue
            s = _score(n, t)
            # a tables file that prints notes of its own (read as a whole document) joins a narrative
            # only when the names agree and the narrative states two of its headline figures
            if s >= (7 if t.part == "whole" else 3):
                pairs.append((s, n.sha256, t.sha256))
    # best pairs first; a narrative or tables file whose best score is shared by two partners is left alone
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    best_n: dict[str, list[int]] = {}
    best_t: dict[str, list[int]] = {}
    for s, n_sha, t_sha in pairs:
        best_n.setdefault(n_sha, []).append(s)
        best_t.setdefault(t_sha, []).append(s)
    used: set[str] = set()
    groups: list[Group] = []
    by_sha = {f.sha256: f for f in ok}
    for s, n_sha, t_sha in pairs:
        if n_sha in used or t_sha in used:
            continue
        if best_n[n_sha].count(s) > 1 or best_t[t_sha].count(s) > 1:
            continue  # ambiguous: not guessed
        used.update((n_sha, t_sha))
        groups.append(Group((by_sha[n_sha], by_sha[t_sha])))
    groups.extend(Group((f,)) for f in ok if f.sha256 not in used)
    return sorted(groups, key=lambda g: g.id)


def _name(g: Group) -> str:
    # the narrative names the unit as the document does; the tables file may print the full name
    return g.first.unit_name


def find_previous(groups: list[Group]) -> dict[str, Group]:
    """For each document, the same unit's document of the year before (same kind, scope; unit
    code when both print one, else the unit's name), when exactly one fits best."""
    out: dict[str, Group] = {}
    by_year: dict[tuple[int, str, str], list[Group]] = {}
    for g in groups:
        f = g.first
        if f.year is not None:
            by_year.setdefault((f.year, f.kind, f.scope), []).append(g)
    for g in groups:
        f = g.first
        if f.year is None:
            continue
        candidates = by_year.get((f.year - 1, f.kind, f.scope), [])
        exact = [
            c
            for c in candidates
            if (f.unit_code and c.first.unit_code == f.unit_code)
            or (unit_key(_name(c)) == unit_key(_name(g)) and unit_key(_name(g)))
        ]
        if not exact:
            names = [n for g2 in (g,) for n in {x.unit_name for x in g2.files}]
            exact = [c for c in candidates if any(same_unit(n, x.unit_name) for n in names for x in c.files)]
        if len(exact) == 1:
            out[g.id] = exact[0]
    return out
