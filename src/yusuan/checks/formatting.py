"""Formatting rules: what a copy-and-edit of last year's document or a template leaves
behind — placeholders (XX, 待填写, 〇〇), years that do not belong to the document, dates
that do not exist. (Amounts off by a factor of 10,000, 元 vs 万元, are reported where
two figures are compared: ``FMT-UNIT-SCALE`` by the cross-table rules, ``NARR-UNIT-SCALE``
by the narrative claims.)"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from collections.abc import Iterator

from ..findings import Finding, TextRef
from ..model.core import Disclosure, Paragraph, Section, TargetRow
from ..narrative.claims import narrative_sections
from .base import ref

__all__ = ["placeholders", "years", "dates"]

_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:X{2,}|Ｘ{2,}|x{2,}|×{2,})(?![A-Za-z])|待填写|待补充|待定金额|此处填写|请填写|〇〇|○○|某某|＊＊|\?{2,}|？{2,}|20[0-9][Xx×]年"
)
_YEAR = re.compile(r"(?<![\d\-—])((?:19|20)\d{2})\s*年(?!\d)")
_COMPARE = re.compile(r"(?:与|比|较|同)\s*((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TITLE_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")
# a period (2025年1月1日-2025年12月31日) and the words that make it the period of the work
_PERIOD = re.compile(
    r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:-|—|–|－|~|～|至|到)+\s*"
    r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?"
)
_PERIOD_OF_WORK = re.compile(r"实施周期|实施期限|实施时间|实施期|项目周期|执行期限|执行期|起止时间|建设周期")
# a reference date (截至2025年8月31日, the date of the asset figures)
_AS_OF = re.compile(r"(?:截至|截止)(?:到)?\s*((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?")
_ASSETS = re.compile(r"车辆|资产|共有|设备")
# the document speaking of itself: 2026年单位预算编制说明, 2026年部门预算安排购置车辆, a heading or a
# title line …局2024年度部门决算(表), 一、2026年“三公”经费预算情况说明
_OWN_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度?\s*(?:部门|单位)(?:预算|决算)(?:编制说明|情况说明|安排购置)")
_OWN_TITLE_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年度?\s*(?:区级|市级|县级|省级)?(?:部门|单位)(?:预算|决算)(?:表|情况说明|编制说明|说明|公开)?\s*$"
)
_OWN_HEADING_YEAR = re.compile(
    r"^\s*(?:(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）)\s*)?((?:19|20)\d{2})\s*年度?\s*“三公”经费"
)  # one \s* before the year: two in a row retried every split of a run of spaces
_COMPARED = re.compile(r"(?:比|与|较|同|对比|相比|上年|上一年度)\s*$")


def _texts(d: Disclosure) -> Iterator[tuple[str, str, int | None]]:
    """(section title, text, line) of every heading and paragraph of the whole narrative."""
    for sec in d.sections:
        if sec.title:
            yield sec.title, sec.title, sec.location.line
        for para in sec.paragraphs:
            yield sec.title, para.text, para.lines[0] if para.lines else None


def _tref(section: str, text: str, line: int | None, m: re.Match[str]) -> TextRef:
    start = text.rfind("。", 0, m.start()) + 1
    end = text.find("。", m.end())
    sentence = text[start : end + 1 if end >= 0 else len(text)]
    return TextRef(section, sentence.strip(), m.group(0), line, None, 0, m.start(), m.end())


def placeholders(d: Disclosure) -> Iterator[Finding]:
    for section, text, line in _texts(d):
        for m in _PLACEHOLDER.finditer(text):
            yield Finding(
                "FMT-PLACEHOLDER",
                "error",
                f"「{section}」有未替换的占位符「{m.group(0)}」，请填写实际内容。",
                f"{section}: placeholder “{m.group(0)}” left in the text.",
                text=(_tref(section, text, line, m),),
                tags=("formatting",),
            )
    tables = list(d.tables) + ([d.performance] if d.performance else [])
    for t in tables:
        for m in _PLACEHOLDER.finditer(t.title):
            yield Finding(
                "FMT-PLACEHOLDER",
                "error",
                f"表{t.number}标题「{t.title}」有未替换的占位符「{m.group(0)}」。",
                f"table {t.number} title has a placeholder “{m.group(0)}”.",
                cells=(ref(t, None),),
                tags=("formatting",),
            )
        for r in t.rows:
            label = r.name if isinstance(r, TargetRow) else r.label
            for m in _PLACEHOLDER.finditer(label):
                cell = ref(t, r)
                yield Finding(
                    "FMT-PLACEHOLDER",
                    "error",
                    f"表{t.number}「{t.title}」行「{label}」有未替换的占位符「{m.group(0)}」。",
                    f"table {t.number}, row “{label}”: placeholder “{m.group(0)}”.",
                    cells=(cell,),
                    tags=("formatting",),
                )
    if d.meta.unit_name and _PLACEHOLDER.search(d.meta.unit_name):
        yield Finding(
            "FMT-PLACEHOLDER",
            "error",
            f"单位名称「{d.meta.unit_name}」是占位符，未填写实际单位。",
            f"the unit name “{d.meta.unit_name}” is a placeholder.",
            tags=("formatting",),
        )


def years(d: Disclosure) -> Iterator[Finding]:
    """Comparisons must be with last year; table titles carry the document's year; no year
    after the one the document is published in."""
    y = d.meta.year
    if y is None:
        yield Finding(
            "FMT-YEAR",
            "info",
            "未能识别文件年度，年份检查未进行。",
            "the document's year is unknown; years not checked.",
            tags=("formatting", "not-checked"),
        )
        return
    last = y - 1
    narrative = set(id(s) for s in narrative_sections(d))
    for sec in d.sections:
        for para in sec.paragraphs:
            line = para.lines[0] if para.lines else None
            for m in _COMPARE.finditer(para.text):
                cy = int(m.group(1))
                if cy != last and id(sec) in narrative:
                    tr = _tref(sec.title, para.text, para.line_at(m.start()), m)
                    yield Finding(
                        "FMT-YEAR",
                        "error",
                        f"「{sec.title}」与 {cy} 年比较，而 {y} 年{'预算' if d.meta.kind == 'budget' else '决算'}应与上年（{last} 年）比较；"
                        "可能是沿用了往年文件的文字。",
                        f"{sec.title}: compares with {cy}; a {y} document compares with {last}.",
                        text=(tr,),
                        suggestion=f"应为 {last}年",
                        tags=("formatting",),
                    )
            for m in _YEAR.finditer(para.text):
                fy = int(m.group(1))
                if fy > y + 1:
                    tr = _tref(sec.title, para.text, para.line_at(m.start()) if line else None, m)
                    yield Finding(
                        "FMT-YEAR",
                        "warning",
                        f"「{sec.title}」提到 {fy} 年，晚于文件年度 {y} 年，请核对。",
                        f"{sec.title}: mentions {fy}, after the document's year {y}.",
                        text=(tr,),
                        tags=("formatting",),
                    )
    yield from _stale_years(d, y)
    tables = list(d.tables) + ([d.performance] if d.performance else [])
    for t in tables:
        tm = _TITLE_YEAR.match(t.title)
        if tm and int(tm.group(1)) != y:
            yield Finding(
                "FMT-YEAR",
                "error",
                f"表{t.number}标题「{t.title}」的年度 {tm.group(1)} 与文件年度 {y} 不符；可能是沿用了往年的表格。",
                f"table {t.number} title “{t.title}” says {tm.group(1)}, the document is for {y}.",
                cells=(ref(t, None),),
                suggestion=f"应为 {y}年",
                tags=("formatting",),
            )


def _line_at(sec: Section, para: Paragraph | None, offset: int) -> int | None:
    if para is None:
        return sec.location.line
    return para.line_at(offset) if para.lines else None


def _stale_years(d: Disclosure, y: int) -> Iterator[Finding]:
    """Years that should be the document's own and are not: the period of a project's work
    that ended before the document's year, a reference date two years back, a heading or
    sentence in which the document names itself with another year. (Last year's figures —
    2025年预算执行数, 与2025年相比 in a 2026 budget — are never judged here.)"""
    kind = "预算" if d.meta.kind == "budget" else "决算"
    for sec in d.sections:
        items = [(sec.title, None)] + [(p.text, p) for p in sec.paragraphs]
        for text, para in items:
            line_at = functools.partial(_line_at, sec, para)
            for m in _PERIOD.finditer(text):
                start, end = int(m.group(1)), int(m.group(2))
                # a year's period wholly before a budget's year (a multi-year period may end earlier:
                # a building paid after completion; a final account may report last year's work)
                if (
                    d.meta.kind == "budget"
                    and start == end < y
                    and (_PERIOD_OF_WORK.search(sec.title) or _PERIOD_OF_WORK.search(_tref(sec.title, text, None, m).sentence))
                ):
                    yield Finding(
                        "FMT-YEAR",
                        "error",
                        f"「{sec.title}」的实施期间「{m.group(0)}」在 {y} 年之前就已结束，而这是 {y} 年{kind}文件；"
                        f"可能沿用了上年的文字，应为 {y} 年。",
                        f"{sec.title}: the period “{m.group(0)}” ended before {y}, the document's year: last year's text?",
                        text=(_tref(sec.title, text, line_at(m.start()), m),),
                        suggestion=f"应为 {y}年",
                        tags=("formatting",),
                    )
            for m in _AS_OF.finditer(text):
                ay = int(m.group(1))
                if ay < (y - 1 if d.meta.kind == "budget" else y) and _ASSETS.search(_tref(sec.title, text, None, m).sentence):
                    yield Finding(
                        "FMT-YEAR",
                        "warning",
                        f"「{sec.title}」的截止日期「{m.group(0)}」早于 {y} 年{kind}通常使用的日期"
                        f"（{'上年' if d.meta.kind == 'budget' else '本年'}）；可能沿用了往年的数据或文字，请核对。",
                        f"{sec.title}: the reference date “{m.group(0)}” is older than a {y} {d.meta.kind} uses.",
                        text=(_tref(sec.title, text, line_at(m.start()), m),),
                        tags=("formatting",),
                    )
            own = list(_OWN_YEAR.finditer(text))
            if para is None or len(text) <= 60:  # a heading, or a title line
                own += [m for m in (_OWN_TITLE_YEAR.search(text),) if m and not any(o.start() == m.start() for o in own)]
            if para is None and "执行" not in text:
                own += list(_OWN_HEADING_YEAR.finditer(text))
            for m in own:
                oy = int(m.group(1))
                if oy == y or _COMPARED.search(text[max(0, m.start() - 4) : m.start()]):
                    continue
                said = text[m.start(1) : m.end()]
                tr = _tref(sec.title, text, line_at(m.start(1)), m)
                yield Finding(
                    "FMT-YEAR",
                    "error",
                    f"「{sec.title}」中「{said}」是本文件说自己，年度却是 {oy} 年，而本文件是 {y} 年{kind}；"
                    "可能沿用了往年的文字。",
                    f"{sec.title}: “{said}” names the document with {oy}; the document is for {y}.",
                    text=(dataclasses.replace(tr, text=said, start=m.start(1)),),
                    suggestion=f"应为 {y}年",
                    tags=("formatting",),
                )


def dates(d: Disclosure) -> Iterator[Finding]:
    for section, text, line in _texts(d):
        for m in _DATE.finditer(text):
            yy, mm, dd = (int(g) for g in m.groups())
            try:
                datetime.date(yy, mm, dd)
            except ValueError:
                yield Finding(
                    "FMT-DATE",
                    "error",
                    f"「{section}」中的日期「{m.group(0)}」不存在。",
                    f"{section}: the date “{m.group(0)}” does not exist.",
                    text=(_tref(section, text, line, m),),
                    tags=("formatting",),
                )
