"""yusuan (预算): read, audit and write Chinese government budget disclosures.

The public API::

    from yusuan import read, check
    reading = read("disclosure.txt")          # -> Reading(disclosure, notes)
    findings = check(reading.disclosure)      # -> list[Finding]
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

__all__ = [
    "Catalog",
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
