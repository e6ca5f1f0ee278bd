"""Stage 2, characters → visual lines: bands of characters that overlap vertically, and the
text lines outside ruled tables with their runs (stretches of text separated by wide gaps).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .chars import _CJK, _Char, _join_chars

__all__ = ["chars_to_bands"]


@dataclass(slots=True)
class _Line:
    """Characters on one visual line (outside ruled tables)."""

    chars: list[_Char]
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    runs: list[str] = field(default_factory=list)
    run_x: list[tuple[float, float]] = field(default_factory=list)

    def finish(self) -> _Line:
        self.chars.sort(key=lambda c: c.x0)
        self.top = min(c.top for c in self.chars)
        self.bottom = max(c.bottom for c in self.chars)
        self.x0 = self.chars[0].x0
        self.x1 = max(c.x1 for c in self.chars)
        # the size of a line is that of its CJK characters where it has some: the latin font of
        # digits may come with a much taller box (and would make 6.2万元 look like a heading)
        cjk = [c.h for c in self.chars if _CJK.match(c.t)]
        sizes = sorted(cjk or [c.h for c in self.chars])
        self.size = max(sizes[len(sizes) // 2], 1.0)
        self.runs, self.run_x = [], []
        start = 0
        for i in range(1, len(self.chars) + 1):
            if i == len(self.chars) or self.chars[i].x0 - self.chars[i - 1].x1 > max(2.0 * self.size, 12.0):
                run = self.chars[start:i]
                self.runs.append(_join_chars(run, cjk_space=True))
                self.run_x.append((run[0].x0, max(c.x1 for c in run)))
                start = i
        return self

    @property
    def text(self) -> str:
        return " ".join(self.runs)


@dataclass(slots=True)
class _Band:
    chars: list[_Char]
    top: float
    bottom: float

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def chars_to_bands(chars: list[_Char]) -> list[_Band]:
    """Characters → visual lines (by vertical overlap), top to bottom."""
    bands: list[_Band] = []
    b: _Band | None = None
    for c in sorted(chars, key=lambda c: c.top + c.bottom):
        if b is not None:
            top, bottom = c.top, c.bottom
            overlap = (bottom if bottom < b.bottom else b.bottom) - (top if top > b.top else b.top)
            h, bh = bottom - top, b.bottom - b.top
            if overlap >= 0.5 * (h if h < bh else bh) or abs(top + bottom - b.top - b.bottom) <= 0.5 * (h if h > 1.0 else 1.0):
                b.chars.append(c)
                if top < b.top:
                    b.top = top
                if bottom > b.bottom:
                    b.bottom = bottom
                continue
        b = _Band([c], c.top, c.bottom)
        bands.append(b)
    return bands
