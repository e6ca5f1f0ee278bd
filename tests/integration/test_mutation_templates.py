"""The mutation test of ``test_mutation`` on the other templates' corpus PDFs: every printed
figure of every table changed by +1.00 and by −0.01; a finding must name the changed cell's
table and its row or column (1.00 as an error). Checks that the identities of each template,
written as profile data, reach every figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from support import CORPUS
from support import mutation as tm
from yusuan import read


@pytest.mark.slow
@pytest.mark.parametrize(
    "name, floor",
    [
        ("jiangsu-cpc-office-2019-dept-budget-tables.pdf", 1.0),
        ("jiangsu-procuratorate-2018-dept-budget.pdf", 1.0),
        ("shanghai-putuo-finance-2025-dept-budget.pdf", 0.99),  # 机关运行经费 (万元) vs 公用经费 (元): units differ
        # 301 工资福利支出 prints 2,082.85 for items adding to 2,082.86: an item lowered by 0.01
        # makes the roll-up exact, so that change removes a rounding warning instead of adding one
        ("shanghai-putuo-finance-2024-dept-final-account.pdf", 0.979),
    ],
)
def test_every_printed_figure_change_is_reported(name: str, floor: float, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tm, "DELTAS", (Decimal("1.00"), Decimal("-0.01")))
    d = read(CORPUS / name).disclosure
    total, detected, missed = tm.run_mutations(d, include_empty=False)
    print(f"\n{name}: {detected}/{total} detected; missed: {missed[:10]}")
    assert total > 150
    assert detected / total >= floor, missed
