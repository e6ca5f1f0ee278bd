"""Completeness: the tables and the explanations a disclosure must carry.

* ``COMPLETE-TABLE``: a table the template requires is missing (the reader reads such a
  document all the same; a warning when unplaced tables may hold it under another title).
* ``COMPLETE-EMPTY-NOTE``: a table without any figure must say that it is empty
  (“本表无数据”); ``COMPLETE-EMPTY-CONTRADICTION``: a note says the table is empty while
  it has figures.
* ``COMPLETE-SECTION``: an explanation the template requires is missing from 情况说明
  (收支总体, 三公, 机关运行经费, 政府采购, 绩效, 国有资产 …).
* ``COMPLETE-REASON``: a change of a “三公” item or of a fund type on last year is stated
  without its reason (主要原因).
* ``COMPLETE-PROCUREMENT``: 政府采购 is stated without its split into 货物/工程/服务.
* ``NOT-CHECKED``: a rule could not run because the table it needs is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..findings import Finding, TextRef
from ..model.core import Disclosure, Table
from ..narrative.claims import ClaimSet, extract_claims, narrative_sections
from ..narrative.metrics import resolve, topic_of
from ..profiles import get_profile
from .base import ref

__all__ = [
    "missing_tables",
    "empty_without_note",
    "empty_note_with_figures",
    "required_sections",
    "reasons",
    "procurement_split",
    "not_checked",
]

#: a note that says the table itself is empty: 本表无数据, 此表为空, 故本表为空表, 本表数据为空
_SAYS_EMPTY = re.compile(r"(?:本|此|该)表(?:数据)?(?:为空|无(?:数据|内容)|没有数据)|为空表|本表无内容|本表数据为空")
#: a note that says there is no such spending (so nothing to print): 本单位无此项支出, 本部门无该项目,
#: 我单位无2017年政府性基金支出安排, （无政府性基金支出）, 本年度没有国有资本经营预算财政拨款收入和支出
_SAYS_NONE = re.compile(
    r"(?:无|没有|未安排|不涉及|未发生)(?!法|变化|误|需)[^。；;，,！!]{0,40}?(?:支出|收入|收支|预算|安排|项目|数据|资金|经费|内容)"
)
#: a note about blank cells, not about the table: 空白栏为无此项支出
_ABOUT_CELLS = re.compile(r"空白|空格|栏目?为|单元格")
#: how far from its table a note may stand to count (the notes right under it; a long paragraph
#: after the last table is the narrative, not a note)
#: "no such spending" in the words that can only mean this table (无此项/无相关/无该项): a note
#: naming a fund may be about another table's fund, so it does not contradict a table with figures
_SAYS_NONE_THIS = re.compile(r"无(?:此项|相关|该项|此类)(?:支出|收入|收支|数据|项目)")
_NEAR_NOTES = 4
_NOTE_LENGTH = 120


def _near_texts(t: Table) -> list[str]:
    """What is printed near a table that may say it is empty: the notes under (or just above) it,
    and text printed inside its grid (本表无数据 in a merged cell)."""
    notes = [n for n in t.notes[:_NEAR_NOTES] if len(n) <= _NOTE_LENGTH]
    inside = [c.raw for r in t.rows for c in r.cells if c.amount is None and c.raw.strip()]
    return notes + [r.label for r in t.rows if r.label] + inside


def _says_empty(text: str) -> bool:
    """The note says that the table is empty, or that there is no such spending."""
    t = re.sub(r"\s+", "", text)
    return bool(_SAYS_EMPTY.search(t)) or (bool(_SAYS_NONE.search(t)) and not _ABOUT_CELLS.search(t))


def _has_figures(t: Table) -> bool:
    """A figure other than zero (a table printed with 0.00 throughout has nothing in it)."""
    return any(c.amount is not None and c.amount.value != 0 for r in t.rows for c in r.cells)


# Topics of 情况说明 a budget must explain (titles by topic: see narrative.metrics.TOPICS).
_REQUIRED_BUDGET = (
    ("total", "收支总体情况"),
    ("income", "收入总体情况"),
    ("expenditure", "支出总体情况"),
    ("fiscal", "财政拨款收支总体情况"),
    ("gpb_exp", "一般公共预算支出情况"),
    ("gpb_basic", "一般公共预算基本支出情况"),
    ("three_public", "“三公”经费情况"),
    ("gov_fund", "政府性基金预算支出情况"),
    ("operating", "机关运行经费"),
    ("procurement", "政府采购情况"),
    ("performance", "预算绩效情况"),
    ("assets", "国有资产占用情况"),
)


def missing_tables(d: Disclosure) -> Iterator[Finding]:
    """Each table the template requires that the document does not print. An error, unless
    the document has tables the reader could not place (one of them may be the table under an
    unknown title): then a warning that says so."""
    try:
        prof = get_profile(d.meta.profile)
    except Exception:  # noqa: BLE001 - an unknown profile id means nothing to compare with
        return
    found = {t.type for t in d.tables} | ({"performance_targets"} if d.performance is not None else set())
    unplaced = [t for t in d.tables if t.type == "other"]
    for spec in prof.tables:
        if spec.type in found or not spec.required:
            continue
        if not d.tables and d.performance is None:
            yield Finding(
                "COMPLETE-TABLE",
                "error",
                f"缺少模板要求的表：「{spec.titles[0]}」（本文件没有任何表格；如表格另成一个文件，请把两个文件一起审核）。",
                f"a table the template requires is missing: {spec.titles[0]} (this file has no table at all; "
                "if the tables are published as another file, check both files together).",
                tags=("completeness",),
            )
        elif unplaced:
            names = "、".join(f"表{t.number}「{t.title}」" for t in unplaced[:3])
            yield Finding(
                "COMPLETE-TABLE",
                "warning",
                f"没有找到模板要求的表「{spec.titles[0]}」；文件中有未能识别的表（{names}），若其中之一即为此表，请把表题改为模板的标题。",
                f"the table {spec.titles[0]} was not found; the file has tables the reader could not place "
                f"({len(unplaced)}), one of which may be it under another title.",
                tags=("completeness",),
            )
        else:
            yield Finding(
                "COMPLETE-TABLE",
                "error",
                f"缺少模板要求的表：「{spec.titles[0]}」。",
                f"a table the template requires is missing: {spec.titles[0]}.",
                tags=("completeness",),
            )


def empty_without_note(d: Disclosure) -> Iterator[Finding]:
    """COMPLETE-EMPTY-NOTE: a table printed without figures (headers only, or a blank 合计 row)
    and nothing near it saying that it is empty or that there is no such spending."""
    for t in d.tables:
        if t.is_empty and not any(_says_empty(x) for x in _near_texts(t)):
            yield Finding(
                "COMPLETE-EMPTY-NOTE",
                "warning",
                f"表{t.number}「{t.title}」没有任何数据，但表下（或表中）没有说明本表为空（如“本单位无此项支出，故本表无数据”）。",
                f"table {t.number} has no figures and no note near it saying that it is empty.",
                cells=(ref(t, None),),
                tags=("completeness",),
            )


def empty_note_with_figures(d: Disclosure) -> Iterator[Finding]:
    """COMPLETE-EMPTY-CONTRADICTION: a note under a table says it is empty (本表无数据, 本单位无此项支出)
    while the table has a figure other than zero."""
    for t in d.tables:
        notes = [n for n in t.notes[:_NEAR_NOTES] if len(n) <= _NOTE_LENGTH]
        says_empty = [
            n
            for n in notes
            if _SAYS_EMPTY.search(re.sub(r"\s+", "", n))
            or (_SAYS_NONE_THIS.search(re.sub(r"\s+", "", n)) and not _ABOUT_CELLS.search(n))
        ]
        if says_empty and _has_figures(t):
            yield Finding(
                "COMPLETE-EMPTY-CONTRADICTION",
                "error",
                f"表{t.number}「{t.title}」注明「{says_empty[0]}」，但表中有数据；说明与表格矛盾。",
                f"table {t.number} says it is empty (“{says_empty[0]}”) but has figures.",
                cells=(ref(t, None),),
                tags=("completeness",),
            )


def _topics(d: Disclosure) -> dict[str, str]:
    out: dict[str, str] = {}
    for sec in narrative_sections(d):
        t = topic_of((sec.title,))
        if t and t not in out and sec.paragraphs:  # a heading without text explains nothing
            out[t] = sec.title
        for para in sec.paragraphs:  # topics stated inside another section's paragraphs
            for topic, kw in (
                ("operating", r"运[转行]经费"),
                ("procurement", "政府采购"),
                ("assets", r"车辆|国有资产"),
                ("performance", "绩效"),
                ("three_public", "三公"),
            ):
                if topic not in out and re.search(kw, para.text):
                    out[topic] = sec.title
    return out


def required_sections(d: Disclosure) -> Iterator[Finding]:
    if d.meta.kind != "budget":
        return
    try:
        prof = get_profile(d.meta.profile)
    except KeyError:
        prof = None
    if not narrative_sections(d):
        if prof is not None and prof.narrative == "separate" and not d.meta.parts:
            # Jiangsu publishes 情况说明 and the tables as two files: not missing, just not given
            yield Finding(
                "COMPLETE-SECTION",
                "info",
                "本模板的情况说明另行发布，未随表格给出；请同时给出两个文件：yusuan check 情况说明.pdf 表格.pdf。",
                "this template publishes 情况说明 in a file of its own; give both files: yusuan check narrative.pdf tables.pdf.",
                tags=("completeness",),
            )
            return
        yield Finding(
            "COMPLETE-SECTION", "error", "没有找到情况说明部分。", "no 情况说明 (narrative) was found.", tags=("completeness",)
        )
        return
    have = _topics(d)
    required: tuple[tuple[str, str], ...] = _REQUIRED_BUDGET
    if prof is not None and prof.required_sections is not None:  # the template's own list (profile data)
        required = tuple((t, zh) for t, zh in _REQUIRED_BUDGET if t in prof.required_sections)
    for topic, zh in required:
        if topic not in have and (prof is None or prof.requires_section(topic, d.meta.year)):
            yield Finding(
                "COMPLETE-SECTION",
                "warning",
                f"情况说明中没有找到「{zh}」的说明。",
                f"情况说明 has no explanation of {topic}.",
                tags=("completeness",),
            )


def reasons(d: Disclosure, own_claims: ClaimSet | None = None) -> Iterator[Finding]:
    """A change on last year of a 三公 item or a fund type needs its reason."""
    cs = extract_claims(d) if own_claims is None else own_claims
    by_para: dict[int, list[TextRef]] = {}
    for c in cs.claims:
        if (
            c.kind == "change"
            and c.value
            and c.metric
            in (
                "overseas",
                "reception",
                "vehicle_total",
                "vehicle_purchase",
                "vehicle_operation",
                "fiscal_gpb",
                "fiscal_fund",
                "fiscal_capital",
                "revenue_total",
                "three_public",
                "operating_expenses",
            )
        ):
            by_para.setdefault(c.ref.paragraph, []).append(c.ref)
    paragraphs = [p.text for sec in narrative_sections(d) for p in sec.paragraphs]  # the order claims count them in
    first_of_section = set()
    n = 0
    for sec in narrative_sections(d):
        first_of_section.add(n)
        n += len(sec.paragraphs)
    # "财政拨款收入支出增加的主要原因是…": a reason given in its own paragraph of the same section
    explained = {
        sec.title
        for sec in narrative_sections(d)
        # "增加（减少）的主要原因是…": a template's alternative left in still gives the reason
        if any(
            re.search(r"(?:增加|减少|增长|下降|变动|增减|变化)(?:[（(][^（）()]{0,6}[）)])?的?(?:主要)?原因", p.text)
            for p in sec.paragraphs
        )
    }
    for idx, refs in by_para.items():
        for r in refs:
            after = r.sentence[r.sentence.find(r.text) :] if r.text in r.sentence else r.sentence
            if 0 <= idx < len(paragraphs) and re.search(r"(?:其中|包括)[：:]\s*$", paragraphs[idx]):
                continue  # "…增加3205.79万元，增长13.11%。其中：": the parts listed next give their reasons
            if 0 <= idx < len(paragraphs) and r.sentence.strip() in paragraphs[idx]:
                # "…增加138.33万元，增长6.60%。主要原因是…": the reason in the sentence after the change
                text = paragraphs[idx]
                after = text[text.find(r.sentence.strip()) + r.sentence.strip().find(r.text) :]
                # "…增长6.60%。" then, as the next paragraph of the same part, "主要原因是…"
                if (
                    idx + 1 < len(paragraphs)
                    and idx + 1 not in first_of_section
                    and re.match(
                        r"\s*(?:其?主要原因|增[加长]的?原因|减少的?原因|原因|这?主要是|主要由于|由于|因为)", paragraphs[idx + 1]
                    )
                ):
                    after += "原因"
            if re.search(r"原因|由于|因为|主要是|用于", after) or r.section in explained:
                continue
            # the 三公 total may be explained by its items' reasons
            if "三公" in r.sentence and "原因" not in r.sentence:
                continue
            yield Finding(
                "COMPLETE-REASON",
                "warning",
                f"情况说明「{r.section}」：「{r.text}」的增减没有说明原因。",
                f"{r.section}: the change “{r.text}” is stated without its reason.",
                text=(r,),
                tags=("completeness", "narrative"),
            )


_PROCUREMENT_PARTS = (
    ("procurement_goods", "货物", "goods"),
    ("procurement_works", "工程", "works"),
    ("procurement_services", "服务", "services"),
)


def procurement_split(d: Disclosure, own_claims: ClaimSet | None = None) -> Iterator[Finding]:
    """政府采购 stated without its 货物/工程/服务 split. A category the document shows to be zero
    need not be mentioned: the tables hold 0 (or no row) for it, or the parts stated already add
    up to the stated total. A category is reported when the tables show it non-zero, or when the
    parts stated fall short of the total (the rest must be in a category not mentioned)."""
    cs = extract_claims(d) if own_claims is None else own_claims
    stated = {c.metric: c for c in cs.claims if c.kind == "amount" and c.value is not None}
    total = stated.get("procurement_total")
    if total is None or total.value is None:
        return
    given = sum((stated[k].value or Decimal(0) for k, _, _ in _PROCUREMENT_PARTS if k in stated), Decimal(0))
    rest = total.value - given
    short = rest > Decimal("0.005") * (1 + len(_PROCUREMENT_PARTS))  # beyond the rounding of the printed parts
    nonzero: list[tuple[str, str, Decimal]] = []
    untold: list[tuple[str, str]] = []
    for key, zh, en in _PROCUREMENT_PARTS:
        if key in stated:
            continue
        r = resolve(d, key)
        if r is not None and r.value != 0:
            nonzero.append((zh, en, r.value))
        elif r is None and short:
            untold.append((zh, en))
        # zero in the tables, or absent from a procurement table while the parts stated make the total
    if nonzero:
        zh = "、".join(f"{z}（表中为 {v:,.2f}万元）" for z, _, v in nonzero)
        yield Finding(
            "COMPLETE-PROCUREMENT",
            "warning",
            f"政府采购只说明了总额和部分分类，缺少{zh}的金额。",
            f"procurement is stated without its {', '.join(e for _, e, _ in nonzero)} part(s), which the tables show.",
            text=(total.ref,),
            tags=("completeness",),
        )
    elif untold and d.table("procurement") is None:
        zh = "、".join(z for z, _ in untold)
        said = "只说明了总额" if not given else f"已说明的分类合计比总额少 {rest:,.2f}万元"
        yield Finding(
            "COMPLETE-PROCUREMENT",
            "warning",
            f"政府采购{said}，缺少按{zh}分类的金额。",
            f"procurement is stated without its {', '.join(e for _, e in untold)} part(s); the parts stated fall short "
            f"of the total by {rest}.",
            text=(total.ref,),
            tags=("completeness",),
        )


# The cross-table identities and the tables each needs (see checks/cross_table.py).
_NEEDS = (
    ("收支总表与收入表、支出表的勾稽", "summary/income/expenditure", ("summary", "income", "expenditure")),
    (
        "财政拨款收支总表与一般公共预算、政府性基金、国有资本经营支出表的勾稽",
        "fiscal summary",
        ("fiscal_summary", "gpb_expenditure"),
    ),
    ("一般公共预算基本支出表与一般公共预算支出表的勾稽", "basic expenditure", ("gpb_basic_expenditure", "gpb_expenditure")),
    ("“三公”经费表与支出经济分类汇总表的勾稽", "three public vs economic", ("three_public", "economic_summary")),
    ("项目支出表与支出表的勾稽", "projects vs expenditure", ("project_expenditure", "expenditure")),
)


#: How a clerk names each table a check needs (never the internal type in a message).
_TABLE_NAMES = {
    "summary": ("收支总表", "the summary"),
    "income": ("收入表", "the income table"),
    "expenditure": ("支出表", "the expenditure table"),
    "fiscal_summary": ("财政拨款收支总表", "the appropriations summary"),
    "gpb_expenditure": ("一般公共预算支出表", "the general public budget expenditure table"),
    "gpb_basic_expenditure": ("一般公共预算基本支出表", "the basic expenditure table"),
    "three_public": ("“三公”经费表", "the 三公 table"),
    "economic_summary": ("支出经济分类汇总表", "the economic classification summary"),
    "project_expenditure": ("项目支出表", "the project expenditure table"),
}


def not_checked(d: Disclosure) -> Iterator[Finding]:
    have = {t.type for t in d.tables}
    for zh, en, needs in _NEEDS:
        missing = [n for n in needs if n not in have]
        if missing:
            names = [_TABLE_NAMES.get(n, (n, n)) for n in missing]
            yield Finding(
                "NOT-CHECKED",
                "info",
                f"未检查{zh}：文件中没有（或未能识别）{'、'.join(z for z, _ in names)}。",
                f"not checked: {en} ({', '.join(e for _, e in names)}: missing or not recognised).",
                tags=("not-checked",),
            )
