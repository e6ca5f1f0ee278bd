"""The one API that the CLI and the web page call."""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Catalog
from .checks import RULESET_VERSION, run_checks
from .model.core import Disclosure
from .narrative.claims import extract_claims
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
    findings accepted in ``baseline`` are hidden and counted in ``Report.suppressed``."""
    findings = run_checks(d, previous=previous, catalog=catalog)
    selected = select_findings(findings, select, ignore)
    kept, suppressed = apply_baseline(selected, baseline)
    return Report(
        disclosure=d,
        findings=tuple(kept),
        ruleset=RULESET_VERSION,
        claims=extract_claims(d, previous),
        notes=tuple(notes),
        previous_source=previous.meta.source if previous is not None else "",
        suppressed=suppressed,
        deselected=len(findings) - len(selected),
        catalog=catalog,
    )
