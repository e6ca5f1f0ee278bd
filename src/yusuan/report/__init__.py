"""Findings and their writers (terminal text in Chinese or English, JSON)."""

from .finding import CellRef, Finding, Severity
from .writers import to_json, to_text

__all__ = ["CellRef", "Finding", "Severity", "to_json", "to_text"]
