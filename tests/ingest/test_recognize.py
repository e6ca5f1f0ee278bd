"""Realigning a row whose cells were read one column off."""

from __future__ import annotations

from yusuan.ingest.recognize import _realign
from yusuan.profiles import get_profile


def test_realign_only_when_unique_and_exact() -> None:
    spec = get_profile("henan-unit-budget").spec("gov_fund_expenditure")
    assert spec is not None
    shifted = ["598.10", "", "", "", "598.10", "", "598.10", ""]
    assert _realign(spec, shifted) == ["598.10", "", "", "", "", "598.10", "", "598.10"]
    consistent = ["598.10", "", "", "", "", "598.10", "", "598.10"]
    assert _realign(spec, consistent) is None
    wrong = ["598.10", "", "", "", "", "598.00", "", "598.00"]
    assert _realign(spec, wrong) is None
