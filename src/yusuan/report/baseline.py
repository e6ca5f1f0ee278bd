"""A baseline of accepted findings, as linters keep one: findings the office has looked at
and accepted are written once (``--write-baseline``) and hidden afterwards (``--baseline``),
so that a re-run shows only what is new.

A finding is recognised by its *fingerprint*: the rule code, the canonical table type,
row key and column key of every cell it names, and the narrative section and printed
figure of every statement — never the line number, page, message wording or printed
values, so the fingerprint survives a re-extraction that shifts lines and a rewording of
the messages. Findings that name no place fall back to the rule and the message with its
digits blanked. Equal fingerprints are counted: a baseline that accepted two identical
findings hides two, not a third that appears later.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import YusuanError
from ..labels import no_space
from .finding import Finding

__all__ = ["BASELINE_SCHEMA", "Baseline", "BaselineError", "fingerprint", "make_baseline", "read_baseline", "apply_baseline"]

BASELINE_SCHEMA = "yusuan.baseline/1"
_MAX_BYTES = 50_000_000


class BaselineError(YusuanError):
    """The baseline file cannot be used (missing, not JSON, wrong schema)."""


def fingerprint(f: Finding) -> str:
    parts: list[str] = [f.rule]
    places = sorted({f"cell|{c.table}|{c.row_key or no_space(c.row)}|{c.column_key or no_space(c.column)}" for c in f.cells})
    places += sorted({f"text|{no_space(t.section)}|{no_space(t.text)}" for t in f.text})
    if places:
        parts += places
    else:
        parts.append("msg|" + "".join("#" if ch.isdigit() else ch for ch in no_space(f.message)))
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Baseline:
    counts: tuple[tuple[str, int], ...]  # fingerprint → how many findings it accepts
    source: str = ""

    @property
    def size(self) -> int:
        return sum(n for _, n in self.counts)


def make_baseline(findings: Iterable[Finding], source: str = "", ruleset: str = "") -> str:
    """The baseline file's text for ``findings``."""
    entries: dict[str, dict[str, object]] = {}
    for f in findings:
        fp = fingerprint(f)
        e = entries.get(fp)
        if e is None:
            loc = f.location
            where = f"表{loc.table_no} {loc.row} {loc.column}".strip() if loc else (f.text[0].section if f.text else "")
            entries[fp] = {"fingerprint": fp, "rule": f.rule, "count": 1, "where": where, "message": f.message}
        else:
            e["count"] = int(str(e["count"])) + 1
    doc = {"schema": BASELINE_SCHEMA, "ruleset": ruleset, "source": source, "findings": list(entries.values())}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _bad(path: Path, zh: str, en: str) -> BaselineError:
    return BaselineError(f"基线文件 {path} 无法使用：{zh}", f"the baseline file {path} cannot be used: {en}")


def read_baseline(path: Path) -> Baseline:
    path = Path(path)
    try:
        if path.is_dir():
            raise _bad(path, "这是一个目录。", "it is a directory.")
        if path.exists() and not path.is_file():
            raise _bad(path, "不是普通文件（设备或管道）。", "it is not a regular file (a device or pipe).")
        if path.stat().st_size > _MAX_BYTES:
            raise _bad(path, "文件过大。", "the file is too large.")
        with path.open("rb") as fh:
            raw = fh.read(_MAX_BYTES + 1)
        if len(raw) > _MAX_BYTES:
            raise _bad(path, "文件过大。", "the file is too large.")
    except FileNotFoundError:
        raise _bad(
            path, "文件不存在（可用 --write-baseline 生成）。", "the file does not exist (create it with --write-baseline)."
        ) from None
    except OSError as exc:
        raise _bad(path, f"无法读取（{exc.strerror}）。", f"it cannot be read ({exc.strerror}).") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _bad(path, "不是有效的 JSON。", "it is not valid JSON.") from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA:
        raise _bad(
            path,
            f"不是 yusuan 基线文件（schema 应为 {BASELINE_SCHEMA}）。",
            f"not a yusuan baseline (schema must be {BASELINE_SCHEMA}).",
        )
    items = data.get("findings")
    if not isinstance(items, list):
        raise _bad(path, "缺少 findings 列表。", "the findings list is missing.")
    counts: Counter[str] = Counter()
    for i, e in enumerate(items):
        fp = e.get("fingerprint") if isinstance(e, dict) else None
        n = e.get("count", 1) if isinstance(e, dict) else None
        if not isinstance(fp, str) or not fp or not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise _bad(
                path,
                f"第 {i + 1} 项缺少 fingerprint 或 count 不是正整数。",
                f"entry {i + 1} lacks a fingerprint or has a bad count.",
            )
        counts[fp] += n
    return Baseline(tuple(sorted(counts.items())), str(data.get("source") or ""))


def apply_baseline(findings: Sequence[Finding], baseline: Baseline | None) -> tuple[list[Finding], int]:
    """Findings not accepted by ``baseline``, and how many were hidden."""
    if baseline is None:
        return list(findings), 0
    left = Counter(dict(baseline.counts))
    kept: list[Finding] = []
    hidden = 0
    for f in findings:
        fp = fingerprint(f)
        if left[fp] > 0:
            left[fp] -= 1
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden
