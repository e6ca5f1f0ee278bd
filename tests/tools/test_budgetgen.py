"""One consistent-budget generator for ``yusuan synth`` (random.Random) and the property tests
(Hypothesis draws): the same seed gives the same budget as before it was shared, and a
Hypothesis search through it shrinks to the simplest budget."""

from __future__ import annotations

import hashlib
import json
import random
from typing import Any

from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st

from yusuan.tools.budgetgen import DrawChoices, RandomChoices, consistent_budget
from yusuan.tools.synth import random_model


def _digest(model: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(model, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def test_synth_seed_gives_the_budget_it_gave_before() -> None:
    # computed with the generator's copy in synth.py before it moved to budgetgen (and the bundled
    # 2024 catalog, whose function codes it samples)
    m = random_model(random.Random(0))
    assert (m["unit"], m["year"], m["amount_unit"], m["unit_code"]) == ("南平阳市档案馆", 2023, "万元", "514001")
    assert _digest(m) == "7e4927fe662b4713e68489f9877d5e55710b1450908e70a4e344cca6f0c3c1f5"
    assert consistent_budget(RandomChoices(random.Random(0))) == m
    # unit and year given: drawn all the same, so everything else is unchanged
    other = random_model(random.Random(0), unit="某单位", year=2030)
    assert other["unit"] == "某单位" and other["year"] == 2030
    assert other["tables"]["three_public"]["rows"] == m["tables"]["three_public"]["rows"]


@st.composite
def _budgets(draw: st.DrawFn) -> dict[str, Any]:
    return consistent_budget(DrawChoices(draw))


def test_hypothesis_shrinks_through_the_adapter() -> None:
    """The smallest budget in 元 with a government-fund project: every other decision shrinks to its simplest."""
    found = find(
        _budgets(),
        lambda m: m["amount_unit"] == "元" and m["tables"]["gov_fund_expenditure"]["rows"][1:] != [],
        settings=settings(max_examples=300, database=None, suppress_health_check=list(HealthCheck)),
    )
    assert found["unit"] == "东东市政务服务中心"  # the shortest name of the alphabet's first character, the first kind
    assert found["unit_code"] == "100001" and found["year"] == 2021
    assert len(found["tables"]["gov_fund_expenditure"]["rows"]) == 3  # 合计, the unit, one project: no more
