"""Rounding-aware comparison of table cells: moved to :mod:`yusuan.tolerance` (issue 15), where
the narrative reader may use it too; this name stays for old imports."""

from __future__ import annotations

from ..tolerance import Comparison, compare, value

__all__ = ["Comparison", "compare", "value"]
