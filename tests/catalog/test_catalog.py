"""The class catalog: variants, former names and misorderings of a class label."""

from __future__ import annotations

from yusuan.catalog import match_class


def test_class_catalog_matches_variants_former_and_misorderings() -> None:
    assert match_class("（十二）城乡社区事务支出").cls.code == "212"  # type: ignore[union-attr]
    m = match_class("（九）医疗卫生与计划生育支出")
    assert m is not None and m.cls.code == "210" and m.how == "former"
    m = match_class("（七）文化体育旅游与传媒支出")
    assert m is not None and m.cls.code == "207" and m.how == "anagram"
    assert match_class("不存在的类") is None
