"""Synthetic disclosures: random but consistent unit budgets written by the project's own
writer, a share of them with injected defects whose list is written beside each file.

A model is made up from scratch (a random unit, function codes from the bundled catalog,
projects financed by the general budget or by government funds, amounts in 万元 or 元, last
year's figures and reasons), its 情况说明 composed from the data
(:mod:`yusuan.narrative.compose`), and it is rendered to text (and optionally PDF, DOCX, XLSX).
A defect changes the model after composition — one table cell, one figure or direction word of
the narrative, or a whole table left out — so that a checker that reads the file must find it.
:func:`detected` says whether a list of findings names a defect: benchmarks and tests measure
recall at scale with it.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..model.core import Disclosure
from ..report.finding import Finding
from .budgetgen import RandomChoices, consistent_budget, function_codes

__all__ = ["DEFECT_KINDS", "Defect", "Synthetic", "random_model", "synthesize", "detected", "defects_json"]

#: what a defect can be: a changed table cell, a changed narrative amount, an inverted direction
#: word (增加 ↔ 减少), a required table left out, a changed share (占 …%), a function code printed
#: with another item's name
DEFECT_KINDS = ("cell", "narrative_amount", "narrative_direction", "missing_table", "narrative_share", "code_name")


def random_model(rng: random.Random, unit: str | None = None, year: int | None = None) -> dict[str, Any]:
    """A consistent unit budget made up from scratch (Henan 12-table template), as a model file dict
    (:func:`yusuan.tools.budgetgen.consistent_budget`, drawing from ``rng``)."""
    return consistent_budget(RandomChoices(rng), unit, year)


@dataclass(frozen=True, slots=True)
class Defect:
    """One injected defect: what was changed, where, from what to what."""

    kind: str  # one of DEFECT_KINDS
    description: str  # in Chinese, as a reviewer would write it
    table: str = ""  # canonical table type (cell, missing_table)
    table_title: str = ""
    row: str = ""  # the row's code and label, as printed
    row_code: str = ""
    column: str = ""  # canonical column key
    section: str = ""  # narrative: the section heading
    was: str = ""  # the printed text before
    now: str = ""  # the printed text after

    def as_dict(self) -> dict[str, str]:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k)}


@dataclass(frozen=True, slots=True)
class Synthetic:
    """A synthetic disclosure: the model as read back, the defects injected into it."""

    name: str
    disclosure: Disclosure
    defects: tuple[Defect, ...]
    seed: int


# tables whose every cell takes part in an identity of the template (sums, cross-table equalities)
_CELL_TABLES = (
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "gpb_expenditure",
    "gpb_basic_expenditure",
    "economic_summary",
    "three_public",
    "project_expenditure",
)
# tables that a disclosure must print and whose absence nothing else hides
_DROPPABLE = ("three_public", "gpb_basic_expenditure", "project_expenditure", "economic_summary", "income")
_AMOUNT = re.compile(r"(?<![\d.])(\d+\.\d{2})万元")
_FLIP = {"增加": "减少", "减少": "增加"}


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _cell_defect(rng: random.Random, model: dict[str, Any], amount_unit: str) -> Defect | None:
    tables = model["tables"]
    choices = [
        (t, i, k)
        for t in _CELL_TABLES
        if t in tables
        for i, r in enumerate(tables[t]["rows"])
        for k, v in (r.get("values") or {}).items()
        if re.fullmatch(r"-?\d+(?:\.\d+)?", str(v))
    ]
    if not choices:
        return None
    t, i, k = rng.choice(choices)
    row = tables[t]["rows"][i]
    old = _dec(str(row["values"][k]))
    places = 2
    step = Decimal(rng.randint(100, 99_999)).scaleb(-2) * (100 if amount_unit == "元" else 1)  # far beyond rounding
    new = old + step if rng.random() < 0.5 or old - step < 0 else old - step
    text = f"{new:.{places}f}"
    row["values"][k] = text
    label = " ".join(x for x in (str(row.get("code", "")), str(row.get("label", ""))) if x)
    title = tables[t].get("title", t)
    return Defect(
        "cell",
        f"{title}「{label}」{k} 列由 {old} 改为 {text}",
        table=t,
        table_title=title,
        row=label,
        row_code=str(row.get("code", "")),
        column=k,
        was=str(old),
        now=text,
    )


def _narrative_defect(rng: random.Random, model: dict[str, Any], flip: bool) -> Defect | None:
    places: list[tuple[int, int, re.Match[str]]] = []
    narrative = model.get("narrative") or []
    for si, sec in enumerate(narrative):
        if not re.match(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）", sec.get("heading", "")):
            continue
        for pi, text in enumerate(sec.get("paragraphs") or []):
            pattern = r"(增加|减少)(\d+\.\d{2}万元)" if flip else _AMOUNT.pattern
            for m in re.finditer(pattern, text):
                if flip or _dec(m.group(1)) > 0:
                    places.append((si, pi, m))
    if not places:
        return None
    si, pi, m = rng.choice(places)
    sec = narrative[si]
    text = sec["paragraphs"][pi]
    if flip:
        word = m.group(1)
        new_text = _FLIP[word]
        span = m.span(1)
        was, now = m.group(0), new_text + m.group(2)
        kind, what = "narrative_direction", f"「{sec['heading']}」中“{was}”改为“{now}”（方向与数字相反）"
    else:
        old = _dec(m.group(1))
        new = old + Decimal(rng.randint(100, 99_999)).scaleb(-2)
        new_text = f"{new:.2f}"
        span = m.span(1)
        was, now = m.group(0), new_text + "万元"
        kind, what = "narrative_amount", f"「{sec['heading']}」中 {was} 改为 {now}"
    sec["paragraphs"][pi] = text[: span[0]] + new_text + text[span[1] :]
    return Defect(kind, what, section=sec["heading"], was=was, now=now)


def _share_defect(rng: random.Random, model: dict[str, Any]) -> Defect | None:
    places = [
        (si, pi, m)
        for si, sec in enumerate(model.get("narrative") or [])
        for pi, text in enumerate(sec.get("paragraphs") or [])
        for m in re.finditer(r"占(\d+\.\d{2})%", text)
    ]
    if not places:
        return None
    si, pi, m = rng.choice(places)
    sec = model["narrative"][si]
    old = _dec(m.group(1))
    new = old + Decimal(rng.randint(100, 900)).scaleb(-2) if old < 90 else old - Decimal(rng.randint(100, 900)).scaleb(-2)
    text = sec["paragraphs"][pi]
    sec["paragraphs"][pi] = text[: m.start(1)] + f"{new:.2f}" + text[m.end(1) :]
    was, now = m.group(0), f"占{new:.2f}%"
    return Defect("narrative_share", f"「{sec['heading']}」中“{was}”改为“{now}”", section=sec["heading"], was=was, now=now)


def _code_name_defect(rng: random.Random, model: dict[str, Any]) -> Defect | None:
    rows = [r for r in model["tables"].get("expenditure", {}).get("rows", []) if len(str(r.get("code", ""))) == 7]
    if not rows:
        return None
    row = rng.choice(rows)
    code = str(row["code"])
    others = [n for c, n in function_codes(code[:3]) if c != code and n != row["label"]]
    if not others:
        return None
    name = rng.choice(others)
    title = model["tables"]["expenditure"].get("title", "expenditure")
    was = f"{code} {row['label']}"
    row["label"] = name
    return Defect(
        "code_name",
        f"{title}中 {code} 的名称「{was.split(' ', 1)[1]}」改为「{name}」",
        table="expenditure",
        table_title=title,
        row=f"{code} {name}",
        row_code=code,
        was=was,
        now=f"{code} {name}",
    )


def _missing_table(rng: random.Random, model: dict[str, Any]) -> Defect | None:
    from ..profiles import get_profile

    present = [t for t in _DROPPABLE if t in model["tables"]]
    if not present:
        return None
    t = rng.choice(present)
    spec = next(s for s in get_profile(model["profile"]).tables if s.type == t)
    del model["tables"][t]
    return Defect("missing_table", f"删去了表「{spec.titles[0]}」", table=t, table_title=spec.titles[0])


def _inject(rng: random.Random, model: dict[str, Any], kind: str) -> Defect | None:
    if kind == "cell":
        return _cell_defect(rng, model, str(model.get("amount_unit", "万元")))
    if kind in ("narrative_amount", "narrative_direction"):
        return _narrative_defect(rng, model, kind == "narrative_direction")
    if kind == "missing_table":
        return _missing_table(rng, model)
    if kind == "narrative_share":
        return _share_defect(rng, model)
    if kind == "code_name":
        return _code_name_defect(rng, model)
    raise ValueError(f"unknown defect kind {kind!r}")


def _load(model: dict[str, Any], name: str, compose: bool) -> Disclosure:
    from ..modelfile import load_model

    return load_model(
        json.dumps(model, ensure_ascii=False).encode(), f"{name}.json", "json", allow_partial=True, compose=compose
    ).disclosure


def synthesize(count: int, seed: int = 0, defect_share: float = 0.5, kinds: Sequence[str] = DEFECT_KINDS) -> Iterable[Synthetic]:
    """``count`` synthetic disclosures; about ``defect_share`` of them carry one injected defect
    each (the kinds in turn). The same seed gives the same documents."""
    from ..modelfile import model_dict

    if not 0 <= defect_share <= 1:
        raise ValueError("defect_share must be between 0 and 1")
    defective = round(count * defect_share)
    picked = set(random.Random(seed).sample(range(count), defective))
    n_defect = 0
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        name = f"synth-{i + 1:04d}"
        clean = _load(random_model(rng), name, compose=True)
        if i not in picked:
            yield Synthetic(name, clean, (), seed)
            continue
        model = model_dict(clean)
        defect = None
        for k in range(len(kinds)):  # the kind in turn; the next one when the model offers no place for it
            defect = _inject(rng, model, kinds[(n_defect + k) % len(kinds)])
            if defect is not None:
                break
        n_defect += 1
        yield Synthetic(name, _load(model, name, compose=False), (defect,) if defect else (), seed)


def defects_json(s: Synthetic, files: Sequence[str]) -> str:
    """The list written beside each synthetic file (schema ``yusuan.synth/1``)."""
    m = s.disclosure.meta
    return (
        json.dumps(
            {
                "schema": "yusuan.synth/1",
                "name": s.name,
                "seed": s.seed,
                "unit": m.unit_name,
                "year": m.year,
                "files": list(files),
                "defects": [d.as_dict() for d in s.defects],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _numbers(text: str) -> set[str]:
    return {x.replace(",", "") for x in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}


def detected(defect: Defect, findings: Iterable[Finding]) -> bool:
    """Whether an error or warning names the defect: the changed cell's table with its row or
    column, the changed sentence's figure or word, the missing table's title."""
    for f in findings:
        if f.severity == "info":
            continue
        if defect.kind in ("cell", "code_name"):
            if any(
                c.table == defect.table
                and (
                    c.column_key == defect.column
                    or (defect.row_code and c.row_key == defect.row_code)
                    or (defect.row and defect.row.split()[-1] in c.row)
                )
                for c in f.cells
            ):
                return True
        elif defect.kind == "missing_table":
            if f.rule.startswith("COMPLETE") and defect.table_title in f.message:
                return True
        elif any(defect.now in t.sentence or t.text in defect.now for t in f.text if t.text):
            return True
    return False
