"""The PDF reader's tunable thresholds, in one place.

Every stage of :mod:`yusuan.ingest.pdf` takes its limits and tolerances from a
:class:`PdfSettings`; :data:`SETTINGS` holds the values the reader uses. The object is frozen
and checks itself, so a nonsensical value (a negative tolerance, a share outside 0..1) fails
where it is made, not deep inside a page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

__all__ = ["PdfSettings", "SETTINGS"]


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Limits (bounded time and memory on hostile files) and geometric tolerances of the PDF reader."""

    #: pages a document may have; beyond this it is refused (PdfTooManyPages)
    max_pages: int = 500
    #: ruling segments per page beyond which a page is read as text only
    max_segments: int = 20000
    #: horizontal × vertical ruling lines per page beyond which no grid is built
    max_pairs: int = 1_000_000
    #: leaf cells of one ruled grid beyond which it is not read as a table
    max_cells: int = 100_000
    #: points: ruling lines closer than this are one line
    tol: float = 2.0
    #: a character is printed cut when less of its glyph than this shows inside the box it is
    #: clipped to ...
    shown_max: float = 0.8
    #: ... and printed at all when more than this does (a sliver is not seen)
    shown_min: float = 0.05

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"PdfSettings.{f.name} must be a number, not {value!r}")
            if f.type in (int, "int") and not isinstance(value, int):
                raise ValueError(f"PdfSettings.{f.name} must be a whole number, not {value!r}")
            if not math.isfinite(value) or value <= 0:
                raise ValueError(f"PdfSettings.{f.name} must be positive, not {value!r}")
        if not 0 < self.shown_min < self.shown_max <= 1:
            raise ValueError(
                f"PdfSettings needs 0 < shown_min < shown_max <= 1, not shown_min={self.shown_min!r}, shown_max={self.shown_max!r}"
            )


#: the values the reader uses
SETTINGS = PdfSettings()
