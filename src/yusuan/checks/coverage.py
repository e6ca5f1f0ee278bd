"""Narrative coverage: what the tables hold that 情况说明 must explain and does not.

``NARR-CLASS-MISSING``: a function class (类) with an amount in the 财政拨款 / 一般公共预算
expenditure table that 情况说明 never names, by name (any name the class has had, or the name
of one of its 款; 和/与 alike) or by code (“（208类）”). Only where the template explains that
expenditure class by class (the profile's ``[class_explanation]``: Jiangsu
五、财政拨款支出预算表情况说明, the final accounts' 支出决算结构情况, Shanghai's 财政拨款支出主要内容),
only when that part of 情况说明 was read, and only when it names at least one class of the table
(a narrative that names none was not read as one that explains by class, and says nothing that
could be checked).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog import edition_for, function_classes, normalize_class_name, strip_ordinal
from ..findings import Finding
from ..model.core import Disclosure, Row, Table
from ..narrative.claims import narrative_sections
from .base import fmt, profile_of, ref

__all__ = ["class_coverage"]


_LINKING = re.compile(r"[\s和与及、]")


def _compare(text: str) -> str:
    """Compare form of narrative text and names: no spaces, no linking words (社会保障与就业 = 社会保障和就业)."""
    return _LINKING.sub("", text)


def _narrative_text(d: Disclosure) -> str:
    parts: list[str] = []
    for sec in narrative_sections(d):
        parts.append(sec.title)
        parts.extend(p.text for p in sec.paragraphs)
    return _compare("\n".join(parts))


def _names(code: str, printed: str, year: int | None, t: Table) -> set[str]:
    """Every name the narrative may use for class ``code`` (no trailing 支出), in compare form:
    the printed one, the catalog's, former names and variants, and the names of its 款 printed
    in the table (a narrative that explains 住房改革支出（款） explains its class)."""
    out = {normalize_class_name(printed)} if printed else set()
    for edition in (edition_for(year), None):
        cls = function_classes(edition).get(code)
        if cls is not None:
            out.add(normalize_class_name(cls.name))
            out |= {normalize_class_name(n) for n, _ in cls.former}
            out |= {normalize_class_name(v) for v in cls.variants}
    out = {_compare(n) for n in out}
    items = {_compare(strip_ordinal(r.label)[1]) for r in t.rows if len(r.code) == 5 and r.code.startswith(code)}
    return {n for n in out if len(n) >= 2} | {n for n in items if len(n) >= 5}


def _mentioned(text: str, code: str, names: set[str]) -> bool:
    if re.search(rf"(?<![\d.]){code}\s*类|[（(]{code}[）)]", text):
        return True
    return any(n in text for n in names)


def _classes(t: Table) -> dict[str, Row]:
    """Class code → the row that shows the class has an amount: its class row where printed,
    else its first 款/项 row with an amount."""
    coded = [r for r in t.rows if r.code and r.kind in ("class", "item", "subitem") and len(r.code) >= 3]
    printed = {r.code: r for r in coded if len(r.code) == 3}
    out: dict[str, Row] = {}
    for r in coded:
        amount = r.amount("total")
        if amount is None or amount.value == 0:
            continue
        cls = r.code[:3]
        if len(r.code) == 3 or (cls not in printed and cls not in out):
            out.setdefault(cls, r)
    return out


def class_coverage(d: Disclosure) -> Iterator[Finding]:
    """NARR-CLASS-MISSING: a class with an amount that 情况说明 never names."""
    prof = profile_of(d)
    if prof is None or not prof.class_explanation_tables or not prof.class_explanation_where:
        return
    sections = narrative_sections(d)
    where = re.compile(prof.class_explanation_where)
    if not any(
        where.search(re.sub(r"\s+", "", s.title)) or any(where.search(re.sub(r"\s+", "", p.text)) for p in s.paragraphs)
        for s in sections
        if s.paragraphs or s.title
    ):
        return  # the part of 情况说明 that explains the classes was not read: nothing to say
    text = _narrative_text(d)
    if not any(p.text.strip() for s in sections for p in s.paragraphs):
        return
    found: dict[str, tuple[Table, Row]] = {}
    for type_ in prof.class_explanation_tables:
        t = d.table(type_)
        if t is None:
            continue
        for code, row in _classes(t).items():
            if code in function_classes() or code in function_classes(
                edition_for(d.meta.year)
            ):  # a misprinted code is CODE-SHAPE's
                found.setdefault(code, (t, row))
    if not found:
        return
    names = {
        code: _names(code, strip_ordinal(r.label)[1] if len(r.code) == 3 else "", d.meta.year, t)
        for code, (t, r) in found.items()
    }
    said = {code for code in found if _mentioned(text, code, names[code])}
    if not said:  # names no class at all: not a narrative that explains by class as read
        return

    def name_of(code: str) -> str:
        r = found[code][1]
        cls = function_classes(edition_for(d.meta.year)).get(code) or function_classes().get(code)
        return strip_ordinal(r.label)[1] if len(r.code) == 3 else (cls.name if cls else "")

    explained = "、".join(f"{c} {name_of(c)}" for c in sorted(said))
    for code, (t, r) in sorted(found.items()):
        if code in said:
            continue
        name = name_of(code)
        amount = r.amount("total")
        shown = f"{fmt(amount.value)}" if amount is not None else ""
        what = f"{code} {name}".strip()
        yield Finding(
            "NARR-CLASS-MISSING",
            "warning",
            f"表{t.number}「{t.title}」列有 {what}"
            + (f" {shown}{t.unit}" if len(r.code) == 3 and shown else "")
            + f"，情况说明却没有提到这一类（说明了的类：{explained}）。按模板，财政拨款支出应按功能分类逐类说明。",
            f"table {t.number} holds class {what}"
            + (f" ({shown} {t.unit})" if len(r.code) == 3 and shown else "")
            + f", but 情况说明 never mentions it (it explains {', '.join(sorted(said))}).",
            (ref(t, r, "total"),),
            actual=shown or None,
            tags=("narrative", "completeness"),
        )
