"""yusuan (预算): read, audit and write Chinese government budget disclosures.

The public API (docs/api.md)::

    import yusuan
    reading = yusuan.read("单位预算.pdf")           # -> Reading(disclosure, notes)
    findings = yusuan.check(reading.disclosure)     # -> list[Finding]
    report = yusuan.audit("单位预算.pdf", previous="上年.pdf", baseline="accepted.json")
    yusuan.to_html(report); yusuan.to_csv(report); yusuan.to_json(report); yusuan.to_text(report)
    yusuan.findings_records(report)                 # list of dicts (findings_frame: pandas)
    yusuan.facts_records(report.disclosure)         # list of dicts (facts_frame: pandas)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .catalog import Catalog, load_catalog
from .checks import RULES, RULESET_VERSION, run_checks
from .errors import InputError, YusuanError
from .facts import FACT_NAMES, compute_facts
from .findings import Finding
from .ingest import Reading, read, read_bytes, read_files, read_text
from .model import Disclosure
from .report.audit import Report

__all__ = [
    "Catalog",
    "Report",
    "audit",
    "facts_frame",
    "facts_records",
    "findings_frame",
    "findings_records",
    "to_csv",
    "to_html",
    "to_json",
    "to_text",
    "Disclosure",
    "FACT_NAMES",
    "Finding",
    "InputError",
    "RULES",
    "RULESET_VERSION",
    "Reading",
    "YusuanError",
    "__version__",
    "check",
    "compute_facts",
    "example_path",
    "load_catalog",
    "read",
    "read_bytes",
    "read_files",
    "read_text",
]

__version__ = "0.2.0"

EXAMPLE = "henan-jiyuan-govoffice-2024-unit-budget.txt"


def check(disclosure: Disclosure, previous: Disclosure | None = None, catalog: Catalog | None = None) -> list[Finding]:
    """Run every rule on a disclosure; ``previous`` (last year's) adds the year-over-year checks,
    ``catalog`` overrides the bundled classification edition for the document's year."""
    return run_checks(disclosure, previous=previous, catalog=catalog)


def example_path() -> Path:
    """The embedded example: the Henan 2024 unit budget of 济源产城融合示范区管委会办公室."""
    return Path(str(resources.files(__package__).joinpath("data", EXAMPLE)))


# after the definitions above: these modules import from the package root
from .api import audit  # noqa: E402
from .records import facts_frame, facts_records, findings_frame, findings_records  # noqa: E402
from .report.csvout import to_csv  # noqa: E402
from .report.html import to_html  # noqa: E402
from .report.writers import to_json, to_text  # noqa: E402
