"""Classification catalogs (政府收支分类科目), keyed by edition year, loaded from data files.

:mod:`.loader` holds the catalog proper (all levels of 支出功能分类 and both economic
classifications, per edition, with provenance; see its docstring for the file format).
This module also keeps the small class-level view the reader needs to key the class rows
of two-sided tables (:func:`match_class`), built from the newest bundled edition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from ..labels import class_name as normalize_class_name
from ..labels import strip_ordinal
from .loader import (
    Catalog,
    CatalogError,
    Entry,
    bundled_editions,
    bundled_validity,
    edition_covering,
    edition_for,
    load_catalog,
    name_key,
)

__all__ = [
    "Catalog",
    "CatalogError",
    "ClassMatch",
    "Entry",
    "FunctionClass",
    "bundled_editions",
    "bundled_validity",
    "edition_covering",
    "edition_for",
    "function_classes",
    "load_catalog",
    "match_class",
    "name_key",
    "normalize_class_name",
    "strip_ordinal",
]


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


@cache
def function_classes(edition: int | None = None) -> Mapping[str, FunctionClass]:
    """The 类 of the function classification in a bundled edition (the newest by default), by code."""
    out: dict[str, FunctionClass] = {}
    for e in load_catalog(edition):
        if e.scheme == "function" and len(e.code) == 3:
            out[e.code] = FunctionClass(code=e.code, name=e.name, former=e.former, variants=e.variants)
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
