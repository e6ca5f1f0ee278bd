"""Names of function classes across tables: the same class named differently, a class
listed twice, a name from an earlier edition of the catalog.

A class name is matched against every name the class has had; the name a message gives as
the catalog's is the one of the edition for the document's year (文化体育与传媒支出 for a 2017
document, 文化旅游体育与传媒支出 for a 2024 one)."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import FunctionClass, edition_for, function_classes, match_class, normalize_class_name, strip_ordinal
from ..findings import Finding
from ..model.core import Disclosure, Row, Table
from .base import ref

__all__ = ["class_names"]


def _class_of_year(code: str, year: int | None) -> FunctionClass | None:
    """The class ``code`` as the edition for ``year`` names it (the newest edition if it lacks it)."""
    return function_classes(edition_for(year)).get(code) or function_classes().get(code)


def class_names(d: Disclosure) -> Iterator[Finding]:
    seen: dict[str, list[tuple[Table, Row]]] = {}
    for t in d.tables:
        per_table: dict[str, Row] = {}
        for r in t.rows:
            if r.side != "expenditure" or r.kind != "class":
                continue
            name = strip_ordinal(r.label)[1]
            m = match_class(name)
            former = m is not None and m.how == "former"
            until = (
                next((u for n, u in m.cls.former if normalize_class_name(n) == normalize_class_name(name)), None) if m else None
            )
            if m is not None and former and not (d.meta.year and until and d.meta.year <= until):  # right in its own year
                doubt = "" if d.meta.year else "（未能识别文件年度：若文件属于该名称使用的年度，则名称无误）"
                doubt_en = (
                    "" if d.meta.year else " (the document's year is unknown: the name is right for a document of its years)"
                )
                yield Finding(
                    "NAME-CLASS-FORMER",
                    "warning" if d.meta.year else "info",
                    f"表{t.number}「{t.title}」列出的「{r.label}」是{until}年以前的科目名称，现行科目为 {m.cls.code} {m.cls.name}{doubt}。",
                    f"table {t.number}: {r.label} is a name used until {until}; now {m.cls.code} {m.cls.name}{doubt_en}.",
                    (ref(t, r, ""),),
                    expected=m.cls.name,
                    actual=name,
                )
            if r.code in per_table:
                other = per_table[r.code]
                yield Finding(
                    "NAME-CLASS-DUPLICATE",
                    "warning",
                    f"表{t.number}「{t.title}」把 {r.code} 类列了两次：「{other.label}」和「{r.label}」。",
                    f"table {t.number} lists class {r.code} twice: {other.label} and {r.label}.",
                    (ref(t, r, ""), ref(t, other, "")),
                )
                continue
            per_table[r.code] = r
            seen.setdefault(r.code, []).append((t, r))
    for code, uses in seen.items():
        base_t, base_r = uses[0]
        for t, r in uses[1:]:
            a = normalize_class_name(base_r.label)
            b = normalize_class_name(r.label)
            hows = {m.how for m in (match_class(a), match_class(b)) if m is not None}
            if a != b and "former" not in hows:  # a former name is reported by itself
                cls = _class_of_year(code, d.meta.year)
                yield Finding(
                    "NAME-CLASS-MISMATCH",
                    "warning",
                    f"{code} 类在表{base_t.number}「{base_t.title}」中名为「{strip_ordinal(base_r.label)[1]}」，"
                    f"在表{t.number}「{t.title}」中名为「{strip_ordinal(r.label)[1]}」，名称不一致"
                    + (f"；分类科目中为「{cls.name}」。" if cls else "。"),
                    f"class {code} is named {base_r.label} in table {base_t.number} but {r.label} in table {t.number}"
                    + (f"; the catalog names it {cls.name}." if cls else "."),
                    (ref(t, r, ""), ref(base_t, base_r, "")),
                    expected=strip_ordinal(base_r.label)[1],
                    actual=strip_ordinal(r.label)[1],
                    suggestion=f"{code} {cls.name}" if cls else None,
                )
