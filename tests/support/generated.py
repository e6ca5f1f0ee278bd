"""A consistent budget made up from scratch, as a model file (a hypothesis strategy): a random unit,
function codes from the bundled catalog, projects financed by the general budget or by government
funds, amounts in 万元 or in 元, last year's figures and reasons. It is the generator ``yusuan synth``
uses (yusuan.tools.budgetgen), every decision one Hypothesis draw, so a failing example shrinks.
Used by the render property tests and the rounding tests."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from yusuan.tools.budgetgen import DrawChoices, consistent_budget


@st.composite
def budgets(draw: st.DrawFn) -> dict[str, Any]:
    """The generator ``yusuan synth`` uses, every decision one Hypothesis draw (so it shrinks)."""
    return consistent_budget(DrawChoices(draw))
