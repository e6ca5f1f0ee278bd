"""The one API that the CLI and the web page call."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .catalog import Catalog
from .checks import RULESET_VERSION, AuditContext, run_checks
from .findings import Finding
from .model.core import Disclosure
from .report.audit import Report, select_findings
from .report.baseline import Baseline, apply_baseline

__all__ = ["audit"]


def audit(
    d: Disclosure,
    previous: Disclosure | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    notes: Iterable[str] = (),
    catalog: Catalog | None = None,
    baseline: Baseline | None = None,
) -> Report:
    """Check ``d`` (against last year's ``previous`` when given) and build the report;
    findings accepted in ``baseline`` are hidden and counted in ``Report.suppressed``.
    One :class:`AuditContext` serves every rule and the report (the claims are read once)."""
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
