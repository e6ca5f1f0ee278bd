"""The one API that the CLI, the web page and a notebook call.

``audit`` takes a disclosure, a :class:`~yusuan.ingest.Reading`, a path, or two paths
(a document published as narrative + tables); ``previous`` the same; ``baseline`` a
:class:`~yusuan.report.baseline.Baseline` or the path of a baseline file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from os import PathLike
from pathlib import Path

from .catalog import Catalog
from .checks import RULESET_VERSION, AuditContext, run_checks
from .findings import Finding
from .ingest import Reading, read, read_files
from .model.core import Disclosure
from .report.audit import Report, select_findings
from .report.baseline import Baseline, apply_baseline, read_baseline

__all__ = ["audit", "Source"]

#: What ``audit`` reads: a model, a reading, a file, or the two files of one document.
Source = Disclosure | Reading | str | PathLike[str] | Sequence[str | PathLike[str]]


def as_disclosure(src: Source) -> Disclosure:
    """A disclosure from any :data:`Source` (files are read with the detected template)."""
    if isinstance(src, Disclosure):
        return src
    if isinstance(src, Reading):
        return src.disclosure
    if isinstance(src, (str, PathLike)):
        return read(Path(src)).disclosure
    paths = [Path(p) for p in src]
    return (read(paths[0]) if len(paths) == 1 else read_files(paths)).disclosure


def audit(
    d: Source,
    previous: Source | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    notes: Iterable[str] = (),
    catalog: Catalog | None = None,
    baseline: Baseline | str | PathLike[str] | None = None,
) -> Report:
    """Check ``d`` (against last year's ``previous`` when given) and build the report;
    ``select``/``ignore`` take codes, prefixes or tags as ``yusuan check`` does; findings
    accepted in ``baseline`` are hidden and counted in ``Report.suppressed``.
    One :class:`AuditContext` serves every rule and the report (the claims are read once).

    A file that cannot be read raises :class:`~yusuan.errors.InputError`."""
    d = as_disclosure(d)
    previous = as_disclosure(previous) if previous is not None else None
    if baseline is not None and not isinstance(baseline, Baseline):
        baseline = read_baseline(Path(baseline))
    ctx = AuditContext(d, previous, catalog)
    findings = [_text_pages(f, ctx) for f in run_checks(d, previous=previous, catalog=catalog, context=ctx)]
    selected = select_findings(findings, select, ignore)
    kept, suppressed = apply_baseline(selected, baseline)
    return Report(
        disclosure=d,
        findings=tuple(kept),
        ruleset=RULESET_VERSION,
        claims=ctx.claims,
        notes=tuple(notes),
        previous_source=previous.meta.source if previous is not None else "",
        suppressed=suppressed,
        deselected=len(findings) - len(selected),
        catalog=catalog,
    )


def _text_pages(f: Finding, ctx: AuditContext) -> Finding:
    """A narrative finding of a paged document names the page of its sentence."""
    if not f.text or all(t.page is not None for t in f.text):
        return f
    refs = tuple(t if t.page is not None else replace(t, page=ctx.page_of_line(t.line)) for t in f.text)
    return replace(f, text=refs)
