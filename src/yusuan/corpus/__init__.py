"""A corpus as the unit of work: ``yusuan batch`` reads, groups and audits many files into one
DuckDB database (schema in :mod:`.schema`, documented in docs/batch.md); ``query``, ``export``
and ``summary`` read it back. Needs the ``corpus`` extra (duckdb, pyarrow, dask[distributed])."""

from __future__ import annotations

from .batch import BatchOptions, BatchSummary, discover, run_batch
from .schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "BatchOptions", "BatchSummary", "discover", "run_batch"]
