"""Table titles matched to a profile."""

from __future__ import annotations

from yusuan.profiles import get_profile


def test_title_matching() -> None:
    p = get_profile("henan-unit-budget")
    assert p.match_title("## 2024年单位收支预算表").type == "summary"  # type: ignore[union-attr]
    assert p.match_title("2024年一般公共预算“三公”经费预算表").type == "three_public"  # type: ignore[union-attr]
    assert p.match_title("2024年度单位预算项目绩效目标表").type == "performance_targets"  # type: ignore[union-attr]
    assert p.match_title("名词解释") is None
