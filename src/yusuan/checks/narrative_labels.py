"""Classification labels in the narrative against the tables (issue #10 family 1).

情况说明 names the subjects it explains with their level: 「社会保障和就业支出（类）行政事业单位
养老支出（款）机关事业单位退休人员活动费支出（项）」, 「医疗卫生与计划生育支出（210类）」,
「2．一般行政事务管理（项）」. Each such label must be the name the tables print for that subject.
A label is judged only where the tables give certainty:

* its code is stated (「（210类）」) and the tables name that code otherwise;
* its words are those of a table name in another order (一般行政事务管理 / 一般行政管理事务);
* it names no subject of its parent in the tables, and the amount stated right after it is the
  amount of exactly one subject of that parent (then that subject is the one meant).

A label the tables do not print and no amount pins down is left alone (a narrative may name a
subject in its own words). Every finding is a warning: the figures are not in question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..catalog import match_class, normalize_class_name
from ..findings import Finding, TextRef
from ..labels import narrative_subject
from ..model.core import Disclosure, Row, Table
from ..model.money import WAN
from ..narrative.claims import narrative_sections
from .base import ref

__all__ = ["narrative_labels"]

_LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
_LABEL = re.compile(r"([\u4e00-\u9fff“”、]{2,40}?)（\s*(\d{3,7})?\s*(类|款|项)\s*）")
_LEVEL_CLOSE = re.compile(r"(?:类|款|项)\s*）")  # in every label: a text without it names no subject
_AMOUNT = re.compile(
    r"(?<!\d)(?<!\d,)(\d[\d,]*(?:\.\d+)?)\s*万元"
)  # never from inside a run of figures (that was quadratic); the match from its start is the same
_FUNCTION_TABLES = ("expenditure", "gpb_expenditure", "fiscal_expenditure", "gov_fund_expenditure", "state_capital_expenditure")


@dataclass(frozen=True, slots=True)
class _Subject:
    code: str
    name: str
    table: Table
    row: Row
    amounts: tuple[Decimal, ...]  # in 万元


def _subjects(d: Disclosure) -> dict[str, _Subject]:
    """Every function subject the tables print, by code (the first table that prints it)."""
    out: dict[str, _Subject] = {}
    for t in d.tables:
        if t.type not in _FUNCTION_TABLES:
            continue
        scale = WAN if t.unit == "元" else Decimal(1)
        for r in t.rows:
            if r.code and len(r.code) in (3, 5, 7) and r.code[0] == "2" and r.label and r.code not in out:
                amounts = tuple(c.amount.value / scale for c in r.cells if c.amount is not None)
                out[r.code] = _Subject(r.code, narrative_subject(r.label), t, r, amounts)
    return out


def _same_words(a: str, b: str) -> bool:
    return a != b and len(a) == len(b) >= 4 and sorted(a) == sorted(b)


def _stated_amount(text: str, start: int) -> Decimal | None:
    """The first amount in 万元 stated for the label: after it, before the next label or the
    next numbered item (「12、」, 「（三）」)."""
    rest = text[start : start + 160]
    stops = [
        m.start() for m in re.finditer(r"（(?:\d{3,7})?(?:类|款|项)）|\d{1,2}[、．.](?!\d)|（[一二三四五六七八九十]+）", rest)
    ]
    m = _AMOUNT.search(rest[: min(stops, default=len(rest))])
    return Decimal(m.group(1).replace(",", "")) if m else None


def narrative_labels(d: Disclosure) -> Iterator[Finding]:
    subjects = _subjects(d)
    if not subjects:
        return
    seen: set[tuple[str, str]] = set()
    for sec in narrative_sections(d):
        chain: dict[int, str] = {}  # level digits → code of the subject named before (the parent chain)
        texts = [(sec.title, None)] + [(p.text, p) for p in sec.paragraphs]
        for i, (text, para) in enumerate(texts):
            pending: dict[int, re.Match[str]] = {}  # labels of this chain that named no subject, by level
            last_end = -1
            for m in _LABEL.finditer(text) if _LEVEL_CLOSE.search(text) else ():
                raw, code, level = m.group(1).lstrip("、"), m.group(2) or "", m.group(3)
                digits = _LEVEL_DIGITS[level]
                if m.start() != last_end:  # not 「…（类）…（款）」 printed as one chain: a new chain
                    pending.clear()
                last_end = m.end()
                parent = chain.get(digits - 2 if digits > 3 else 0, "")
                named = _resolve(subjects, raw, digits, parent)
                finding = _judge(d, subjects, raw, code, digits, parent, text, m.end(), named)
                resolved = finding[1] if finding else named
                if not resolved and not finding:  # perhaps an unresolved parent for a deeper label
                    resolved = _resolve(subjects, raw, digits, "")
                for deeper in [k for k in chain if k >= digits]:
                    del chain[deeper]
                found: list[tuple[Finding, re.Match[str]]] = [(finding[0], m)] if finding else []
                if resolved:
                    chain[digits] = resolved
                    for lvl, pm in pending.items():  # 「住房保障支出（款）住房公积金（项）」: 2210201 is under 22102 住房改革支出
                        up = subjects.get(resolved[:lvl])
                        said = narrative_subject(pm.group(1))
                        if up is not None and not said.endswith(up.name) and not (len(said) >= 4 and up.name.endswith(said)):
                            zh_lvl = {3: "类", 5: "款"}[lvl]
                            mc = match_class(said) if lvl == 3 else None
                            why = (
                                "是该科目以前的名称，"
                                if mc is not None and mc.cls.code == up.code and mc.how == "former"
                                else "不是表中的科目："
                            )
                            found.append(
                                (
                                    _finding(
                                        d,
                                        up,
                                        pm.group(1).lstrip("、"),
                                        f"情况说明中的「{pm.group(1).lstrip('、“')}（{zh_lvl}）」{why}其下的 {resolved}「{subjects[resolved].row.label}」"
                                        f"属于 {up.code}「{up.row.label}」。",
                                        f"the narrative's “{pm.group(1)}” is no subject of the tables: {resolved} belongs to "
                                        f"{up.code} “{up.row.label}”.",
                                    ),
                                    pm,
                                )
                            )
                    pending.clear()
                elif digits < 7:
                    pending[digits] = m
                for f, fm in found:
                    key = (f.actual or "", sec.title)
                    if key in seen:
                        continue
                    seen.add(key)
                    line = para.line_at(fm.start(1)) if para is not None else sec.location.line
                    tref = TextRef(
                        sec.title,
                        _sentence(text, fm.start(1)),
                        fm.group(0),
                        line,
                        None,
                        i - 1 if para else 0,
                        fm.start(),
                        fm.end(),
                    )
                    yield Finding(
                        f.rule,
                        f.severity,
                        f.message,
                        f.message_en,
                        f.cells,
                        f.expected,
                        f.actual,
                        tags=f.tags,
                        text=(tref,),
                        suggestion=f.suggestion,
                    )


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind("。", 0, at), text.rfind("；", 0, at)) + 1
    end = text.find("。", at)
    return text[start : end + 1 if end >= 0 else len(text)].strip()


def _candidates(subjects: dict[str, _Subject], digits: int, parent: str) -> list[_Subject]:
    return [s for c, s in subjects.items() if len(c) == digits and (not parent or c.startswith(parent))]


def _resolve(subjects: dict[str, _Subject], raw: str, digits: int, parent: str) -> str:
    """The code of the subject a label names exactly (its longest matching tail)."""
    name = narrative_subject(raw)
    for s in _candidates(subjects, digits, parent):
        if s.name and (name.endswith(s.name) or name.endswith(s.name.removesuffix("支出"))):
            return s.code
        if len(name) >= 4 and s.name.endswith(name):  # 「党委办公厅（室）及相关机构事务」 cut at its own parenthesis
            return s.code
    return ""


def _judge(
    d: Disclosure, subjects: dict[str, _Subject], raw: str, code: str, digits: int, parent: str, text: str, end: int, named: str
) -> tuple[Finding, str] | None:
    """A finding about one label and the code it turned out to mean, or None (``named``: the
    code the label names exactly under ``parent``, as :func:`_resolve` found it)."""
    name = narrative_subject(raw)
    if len(name) < 2 or named:
        return None
    level_zh = {3: "类", 5: "款", 7: "项"}[digits]
    if code and len(code) == digits and code in subjects:  # 「医疗卫生与计划生育支出（210类）」
        s = subjects[code]
        mc = match_class(name) if digits == 3 else None
        if name.endswith(s.name) or (
            mc is not None and mc.cls.code == code and normalize_class_name(name) == normalize_class_name(s.name)
        ):
            return None
        former = ""
        if mc is not None and mc.cls.code == code and mc.how == "former":
            former = "（这是该科目以前的名称）"
        return _finding(
            d,
            s,
            raw,
            f"情况说明把 {code}（{level_zh}）写作「{raw}」{former}，表{s.table.number}中为「{s.row.label}」。",
            f"the narrative names {code} “{raw}”; table {s.table.number} prints “{s.row.label}”.",
        ), code
    cands = _candidates(subjects, digits, parent)
    for s in cands:  # the same words in another order
        tail = name[-len(s.name) :] if len(name) >= len(s.name) else ""
        if _same_words(tail, s.name):
            return _finding(
                d,
                s,
                raw,
                f"情况说明中的「{tail}（{level_zh}）」词序颠倒，表{s.table.number}中为 {s.code}「{s.row.label}」。",
                f"the narrative's “{tail}” has its words inverted: table {s.table.number} prints {s.code} “{s.row.label}”.",
            ), s.code
    if not parent:
        return None
    amount = _stated_amount(text, end)
    if amount is None or amount == 0:
        return None
    hits = [s for s in cands if any(abs(a - amount) < Decimal("0.005") for a in s.amounts)]
    if len(hits) == 1 and not any(s.name and s.name in name for s in cands):
        s = hits[0]
        return _finding(
            d,
            s,
            raw,
            f"情况说明中的「{raw}（{level_zh}）」不是表中 {parent} 下的科目；其金额 {amount}万元 是 {s.code}「{s.row.label}」的金额，"
            f"科目名称应为「{s.row.label}」。",
            f"the narrative's “{raw}” is no subject under {parent} in the tables; its amount {amount} is that of "
            f"{s.code} “{s.row.label}”, which is the name to print.",
        ), s.code
    return None


def _finding(d: Disclosure, s: _Subject, raw: str, zh: str, en: str) -> Finding:
    return Finding(
        "NARR-LABEL",
        "warning",
        zh,
        en,
        (ref(s.table, s.row, ""),),
        expected=s.row.label,
        actual=raw,
        tags=("narrative", "names"),
        suggestion=f"改为「{s.row.label}」",
    )
