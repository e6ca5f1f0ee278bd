"""The audit as one value: a disclosure, its findings and its claims, ready for writers.

:func:`audit` is what the CLI and the web page call: read → check → :class:`Report`.
Selection (``select``/``ignore`` by rule code, code prefix or tag) and a baseline of
accepted findings are applied here, once, so that every writer shows the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model.core import Disclosure
from .finding import Finding

__all__ = ["Report", "select_findings"]


@dataclass(frozen=True, slots=True)
class Report:
    disclosure: Disclosure
    findings: tuple[Finding, ...]
    ruleset: str
    claims: object | None = None  # a yusuan.narrative.ClaimSet
    notes: tuple[str, ...] = ()
    catalog: Any = None  # the yusuan.catalog.Catalog the codes were checked against (None: bundled)
    previous_source: str = ""
    suppressed: int = 0  # findings hidden by the baseline
    deselected: int = 0  # findings hidden by select/ignore

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")


def _matches(f: Finding, patterns: Iterable[str]) -> bool:
    for p in patterns:
        p = p.strip()
        if not p:
            continue
        if f.rule == p or f.rule.startswith(p.rstrip("*").rstrip("-") + "-") or p in f.tags:
            return True
    return False


def select_findings(findings: Iterable[Finding], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Finding]:
    """Keep findings matching ``select`` (all if empty) and not matching ``ignore``.

    A pattern is a rule code (``NARR-SHARE``), a code prefix (``NARR`` or ``NARR-*``), or a tag
    (``narrative``, ``arithmetic``)."""
    sel, ign = list(select), list(ignore)
    return [f for f in findings if (not sel or _matches(f, sel)) and not _matches(f, ign)]
