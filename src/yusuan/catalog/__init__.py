"""Classification catalogs (政府收支分类科目), keyed by edition year, loaded from data files.

Only the first level of the function classification (类) ships with the foundation; it is
what the reader needs to key the class rows of two-sided tables. Each entry records its
current name, former names (renames between editions) and print variants.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

__all__ = ["FunctionClass", "ClassMatch", "function_classes", "match_class", "normalize_class_name"]


@dataclass(frozen=True, slots=True)
class FunctionClass:
    code: str
    name: str
    former: tuple[tuple[str, int], ...] = ()
    variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClassMatch:
    """How a printed class label was matched: ``how`` is exact, variant, former, or anagram."""

    cls: FunctionClass
    how: str


_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)])\s*")


def strip_ordinal(label: str) -> tuple[str, str]:
    """Split ``"（二十四）灾害防治"`` into (``"（二十四）"``, ``"灾害防治"``)."""
    m = _ORDINAL.match(label)
    if not m:
        return "", label.strip()
    return m.group(0).strip(), label[m.end():].strip()


def normalize_class_name(label: str) -> str:
    """Compare form of a class name: no ordinal, no spaces, no trailing 支出."""
    name = re.sub(r"\s+", "", strip_ordinal(label)[1])
    return name[:-2] if name.endswith("支出") and len(name) > 2 else name


@cache
def function_classes() -> Mapping[str, FunctionClass]:
    text = resources.files(__package__).joinpath("function_classes.toml").read_text("utf-8")
    data = tomllib.loads(text)
    out: dict[str, FunctionClass] = {}
    for c in data["classes"]:
        out[c["code"]] = FunctionClass(
            code=c["code"],
            name=c["name"],
            former=tuple((f["name"], int(f["until"])) for f in c.get("former", ())),
            variants=tuple(c.get("variants", ())),
        )
    return MappingProxyType(out)


@cache
def _index() -> Mapping[str, ClassMatch]:
    idx: dict[str, ClassMatch] = {}
    for cls in function_classes().values():
        idx.setdefault(normalize_class_name(cls.name), ClassMatch(cls, "exact"))
        for v in cls.variants:
            idx.setdefault(normalize_class_name(v), ClassMatch(cls, "variant"))
        for name, _until in cls.former:
            idx.setdefault(normalize_class_name(name), ClassMatch(cls, "former"))
    return MappingProxyType(idx)


def match_class(label: str) -> ClassMatch | None:
    """Find the class a printed label names; ``None`` when nothing fits.

    A label whose characters are a permutation of a known name (文化体育旅游与传媒 for
    文化旅游体育与传媒) matches with ``how="anagram"`` so that a rule can report it.
    """
    key = normalize_class_name(label)
    if not key:
        return None
    hit = _index().get(key)
    if hit is not None:
        return hit
    for name, m in _index().items():
        if len(name) == len(key) and sorted(name) == sorted(key):
            return ClassMatch(m.cls, "anagram")
    return None
