"""Templates (profiles) as data: which tables a template has, their titles and columns.

Each ``*.toml`` file in this package describes one template. The registry is read once
and is immutable.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from ..identities import Exemption, exemption
from ..labels import table_title as normalize_title
from ..model.core import Column
from .titles import bare_title, core_words, means, title_words

__all__ = ["GENERIC", "Profile", "TableSpec", "profiles", "get_profile", "normalize_title", "profile_from_toml"]


@dataclass(frozen=True, slots=True)
class TableSpec:
    type: str
    titles: tuple[str, ...]
    layout: str
    stub: str
    columns: tuple[Column, ...]
    income_columns: tuple[Column, ...] = ()
    expenditure_columns: tuple[Column, ...] = ()
    categories: tuple[str, ...] = ()
    #: third side of a three-sided summary (Jiangsu: expenditure by use 基本/项目/预留机动经费)
    use_columns: tuple[Column, ...] = ()
    #: row formulas of this template's table, replacing the canonical ones of ``identities``
    #: (``None``: the canonical ones, as far as the table has their columns)
    formulas: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    #: printed row label (ordinal stripped, prefix match) → canonical row key
    row_keys: tuple[tuple[str, str], ...] = ()
    #: a missing required table makes the document incomplete; optional ones may be absent
    required: bool = True
    #: ``labels`` stubs: how many leading stub columns form a hierarchy (采购品目大类 → 专项名称 →
    #: 经济科目); a row's level is its last filled one, a row with none is a leaf
    group_columns: int = 0
    #: labels the template prints in this table besides those of ``row_keys`` (sub-rows without a
    #: canonical key): a printed label near one of these is no misprint of another
    known_labels: tuple[str, ...] = ()
    #: columns that some editions of the template print and others do not (the Shanghai unit
    #: summary splits 本年支出 into 人员经费/公用经费/项目支出, the department summary does not): a
    #: table where no row fills one is read without it
    optional_columns: tuple[str, ...] = ()

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return self.columns + self.income_columns + self.expenditure_columns + self.use_columns

    def row_key(self, label: str) -> str | None:
        """The canonical key of a printed row label, if the profile names one (longest prefix wins)."""
        best: tuple[int, str] | None = None
        for printed, key in self.row_keys:
            if label.startswith(printed) and (best is None or len(printed) > best[0]):
                best = (len(printed), key)
        return best[1] if best else None


#: The spec of a table the template does not know: kept as a generic grid of type ``other``.
GENERIC = TableSpec(type="other", titles=(), layout="grid", stub="none", columns=(), required=False)


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    name: str
    kind: str
    scope: str
    amount_unit: str
    project_code_length: int
    markers: tuple[str, ...]
    tables: tuple[TableSpec, ...]
    income_labels: Mapping[str, str]
    income_sub_labels: Mapping[str, str]
    expenditure_labels: Mapping[str, str]
    #: expenditure-side rows that are items, not totals (Jiangsu: 基本支出 → use.basic)
    expenditure_item_labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    #: identities (``yusuan.identities.IDENTITIES`` or this template's ``equalities``) that do not
    #: hold in this template, by name, with the reason and the years
    not_checked: tuple[Exemption, ...] = ()
    #: cross-table identities of this template: (cell, cell, what, name) with a cell as
    #: (table type, row key, side, column key)
    equalities: tuple[tuple[tuple[str, str, str, str], tuple[str, str, str, str], str, str], ...] = ()
    #: "included" (情况说明 and tables in one file) or "separate" (Jiangsu: two files)
    narrative: str = "included"
    #: topics of 情况说明 the template requires (None: the canonical list of ``checks.completeness``)
    required_sections: tuple[str, ...] | None = None
    #: a required topic that the template asks for only from a year on (Jiangsu added 预算绩效
    #: and 国有资产占用 to 情况说明 in 2019): topic → first year
    sections_since: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    #: the template's 情况说明 explains the expenditure of these tables class by class (财政拨款支出
    #: by 功能分类 类), in the part whose title or text matches ``class_explanation_where``
    class_explanation_tables: tuple[str, ...] = ()
    class_explanation_where: str = ""

    def requires_section(self, topic: str, year: int | None) -> bool:
        since = self.sections_since.get(topic)
        return since is None or year is None or year >= since

    def spec(self, type_: str) -> TableSpec | None:
        for t in self.tables:
            if t.type == type_:
                return t
        return None

    def match_title(self, title: str) -> TableSpec | None:
        """The table spec whose title (or alias) this printed title is: the same title after a
        prefix that names no table (year, unit name, 一、, 公开10表：), else the same meaning in other
        words (word order, 预算/决算, a qualifier in brackets; see :mod:`.titles`). A printed title
        whose meaning fits two tables equally is none of them."""
        found = self._match(normalize_title(title))
        if found is None:  # 财政拨款支出预算表（功能科目）: try without the trailing parenthesis
            bare = _TRAILING_PAREN.sub("", normalize_title(title))
            found = self._match(bare) if bare else None
        return found if found is not None else self._match_meaning(title)

    def _match(self, norm: str) -> TableSpec | None:
        best: tuple[int, TableSpec] | None = None
        for spec in self.tables:
            for t in spec.titles:
                nt = normalize_title(t)
                # a prefix that adds a concept (政府性基金预算|财政拨款支出预算表) is another table's title
                if norm == nt or (norm.endswith(nt) and len(norm) - len(nt) <= 40 and not title_words(norm[: -len(nt)])):
                    if best is None or len(nt) > best[0]:
                        best = (len(nt), spec)
        return best[1] if best else None

    def _match_meaning(self, title: str) -> TableSpec | None:
        bare = bare_title(title)
        if not bare.endswith("表"):
            return None
        best: list[tuple[int, TableSpec]] = []
        for spec in self.tables:
            score = max((len(core_words(t)) for t in spec.titles if means(bare, t)), default=0)
            if score:
                best.append((score, spec))
        if not best:
            return None
        top = max(s for s, _ in best)
        winners = {spec.type: spec for s, spec in best if s == top}
        return next(iter(winners.values())) if len(winners) == 1 else None


_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,12}[）)]$")


def _columns(items: Any, side: str = "") -> tuple[Column, ...]:
    return tuple(Column(key=c["key"], path=tuple(c["path"]), side=side) for c in items)  # type: ignore[arg-type]


def _formulas(items: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``[["total", ["basic_total", "project_total"]], …]`` → formulas."""
    return tuple((str(total), tuple(str(p) for p in parts)) for total, parts in items)


def _cell_ref(items: Any) -> tuple[str, str, str, str]:
    """``["summary", "grand_total", "income", "amount"]`` → a cell reference."""
    t, row, side, col = (str(x) for x in items)
    return t, row, side, col


def _load(data: dict[str, Any]) -> Profile:
    sets = data.get("column_sets", {})
    tables = []
    for t in data["tables"]:
        cols = t.get("columns", [])
        if isinstance(cols, str):
            cols = sets[cols]
        tables.append(
            TableSpec(
                type=t["type"],
                titles=tuple(t["titles"]),
                layout=t["layout"],
                stub=t.get("stub", "none"),
                columns=_columns(cols),
                income_columns=_columns(t.get("income_columns", []), "income"),
                expenditure_columns=_columns(t.get("expenditure_columns", []), "expenditure"),
                categories=tuple(t.get("categories", ())),
                use_columns=_columns(t.get("use_columns", []), "expenditure"),
                formulas=_formulas(t["formulas"]) if "formulas" in t else None,
                row_keys=tuple((str(k), str(v)) for k, v in t.get("row_keys", {}).items()),
                required=bool(t.get("required", True)),
                group_columns=int(t.get("group_columns", 0)),
                known_labels=tuple(str(x) for x in t.get("known_labels", ())),
                optional_columns=tuple(str(x) for x in t.get("optional_columns", ())),
            )
        )
    labels = data.get("row_labels", {})
    return Profile(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        scope=data["scope"],
        amount_unit=data["amount_unit"],
        project_code_length=int(data.get("project_code_length", 0)),
        markers=tuple(data.get("markers", ())),
        tables=tuple(tables),
        income_labels=MappingProxyType(dict(labels.get("income", {}))),
        income_sub_labels=MappingProxyType(dict(labels.get("income_sub", {}))),
        expenditure_labels=MappingProxyType(dict(labels.get("expenditure", {}))),
        expenditure_item_labels=MappingProxyType(dict(labels.get("expenditure_items", {}))),
        not_checked=tuple(exemption(k, v) for k, v in data.get("not_checked", {}).items()),
        equalities=tuple(
            (_cell_ref(e["a"]), _cell_ref(e["b"]), str(e.get("what", "")), str(e.get("name", ""))) for e in data.get("equal", [])
        ),
        narrative=str(data.get("narrative", "included")),
        required_sections=tuple(data["required_sections"]) if "required_sections" in data else None,
        sections_since=MappingProxyType({str(k): int(v) for k, v in data.get("sections_since", {}).items()}),
        class_explanation_tables=tuple(str(x) for x in data.get("class_explanation", {}).get("tables", ())),
        class_explanation_where=str(data.get("class_explanation", {}).get("where", "")),
    )


def profile_from_toml(text: str) -> Profile:
    """A profile from the text of a ``*.toml`` template file (what a new template is)."""
    return _load(tomllib.loads(text))


@cache
def profiles() -> Mapping[str, Profile]:
    out: dict[str, Profile] = {}
    for entry in resources.files(__package__).iterdir():
        if entry.name.endswith(".toml"):
            p = _load(tomllib.loads(entry.read_text("utf-8")))
            out[p.id] = p
    return MappingProxyType(out)


def get_profile(profile_id: str) -> Profile:
    try:
        return profiles()[profile_id]
    except KeyError:
        raise KeyError(f"unknown profile {profile_id!r}; known: {', '.join(sorted(profiles()))}") from None
