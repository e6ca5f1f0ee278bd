"""Findings: kept here for compatibility; the types live in :mod:`yusuan.findings`."""

from ..findings import CellRef, Finding, Severity, TextRef

__all__ = ["Severity", "CellRef", "TextRef", "Finding"]
