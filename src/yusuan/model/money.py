"""Printed amounts: exact decimals that remember how many decimals were printed.

A printed amount with d decimals stands for the interval value ± 0.5·10^-d (XBRL
Calculations 1.1). An empty cell is not an amount at all: readers keep it as ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..tolerance import half_unit

__all__ = ["Amount", "parse_amount", "looks_like_amount", "WAN"]

#: 1 万元 = 10,000 元; conversion is exact division, never rounded.
WAN = Decimal(10000)

_AMOUNT_RE = re.compile(r"^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class Amount:
    """An exact amount as printed: its value and the number of decimals shown."""

    value: Decimal
    decimals: int

    @property
    def half_unit(self) -> Decimal:
        """Half of the last printed digit: the rounding radius of this figure."""
        return half_unit(self.decimals)

    def text(self) -> str:
        """The value as an exact decimal string with the printed decimals, no separators."""
        return f"{self.value:.{self.decimals}f}"

    def __str__(self) -> str:
        return self.text()

    @classmethod
    def of(cls, text: str) -> Amount:
        """Build from a plain decimal string such as ``"2155.16"`` (test and API helper)."""
        parsed = parse_amount(text)
        if parsed is None:
            raise ValueError(f"not an amount: {text!r}")
        return parsed


def looks_like_amount(text: str) -> bool:
    """True when a cell's text is a number as budget tables print them (1,234.56)."""
    return bool(_AMOUNT_RE.match(text.strip().replace(" ", "")))


MAX_DIGITS = 16  # digits before the point: 10^16 万元 is more than any budget; sums stay within Decimal's 28 digits
MAX_DECIMALS = 6


def parse_amount(text: str) -> Amount | None:
    """Parse a printed amount; ``None`` for an empty cell or text that is not a number."""
    s = text.strip().replace(" ", "").replace("−", "-")
    if not s or not _AMOUNT_RE.match(s):
        return None
    s = s.replace(",", "")
    whole, _, frac = s.lstrip("-").partition(".")
    if len(whole.lstrip("0")) > MAX_DIGITS or len(frac) > MAX_DECIMALS:
        return None  # 5,000 digits is no amount (and would overflow the arithmetic's precision)
    try:
        value = Decimal(s)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        return None
    decimals = len(s.split(".", 1)[1]) if "." in s else 0
    return Amount(value, decimals)
