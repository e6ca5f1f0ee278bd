"""Names of function classes across tables: the same class named differently, a class
listed twice, a name from an earlier edition of the catalog."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import function_classes, match_class, normalize_class_name, strip_ordinal
from ..model.core import Disclosure, Row, Table
from ..report.finding import Finding
from .base import ref

__all__ = ["class_names"]


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
            until = next((u for n, u in m.cls.former if normalize_class_name(n) == normalize_class_name(name)), None) if m else None
            if m is not None and former and not (d.meta.year and until and d.meta.year <= until):  # right in its own year
                yield Finding(
                    "NAME-CLASS-FORMER",
                    "warning",
                    f"表{t.number}「{t.title}」列出的「{r.label}」是{until}年以前的科目名称，现行科目为 {m.cls.code} {m.cls.name}。",
                    f"table {t.number}: {r.label} is a name used until {until}; now {m.cls.code} {m.cls.name}.",
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
                cls = function_classes().get(code)
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
