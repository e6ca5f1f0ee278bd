"""Formatting rules: what a copy-and-edit of last year's document or a template leaves
behind — placeholders (XX, 待填写, 〇〇), years that do not belong to the document, dates
that do not exist. (Amounts off by a factor of 10,000, 元 vs 万元, are reported where
two figures are compared: ``FMT-UNIT-SCALE`` by the cross-table rules, ``NARR-UNIT-SCALE``
by the narrative claims.)"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from ..model.core import Disclosure
from ..narrative.claims import narrative_sections
from ..report.finding import Finding, TextRef
from .base import ref

__all__ = ["placeholders", "years", "dates"]

_PLACEHOLDER = re.compile(
    r"(?<![A-Za-z])(?:X{2,}|Ｘ{2,}|x{2,}|×{2,})(?![A-Za-z])|待填写|待补充|待定金额|此处填写|请填写|〇〇|○○|某某|＊＊|\?{2,}|？{2,}|20[0-9][Xx×]年"
)
_YEAR = re.compile(r"(?<![\d\-—])((?:19|20)\d{2})\s*年(?!\d)")
_COMPARE = re.compile(r"(?:与|比|较|同)\s*((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TITLE_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*年")


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
                "FMT-PLACEHOLDER", "error",
                f"「{section}」有未替换的占位符「{m.group(0)}」，请填写实际内容。",
                f"{section}: placeholder “{m.group(0)}” left in the text.",
                text=(_tref(section, text, line, m),), tags=("formatting",),
            )
    tables = list(d.tables) + ([d.performance] if d.performance else [])
    for t in tables:
        for m in _PLACEHOLDER.finditer(t.title):
            yield Finding("FMT-PLACEHOLDER", "error", f"表{t.number}标题「{t.title}」有未替换的占位符「{m.group(0)}」。",
                          f"table {t.number} title has a placeholder “{m.group(0)}”.", cells=(ref(t, None),), tags=("formatting",))
        for r in t.rows:
            label = r.label if hasattr(r, "label") else r.name  # type: ignore[union-attr]
            for m in _PLACEHOLDER.finditer(label):
                cell = ref(t, r)  # type: ignore[arg-type]
                yield Finding("FMT-PLACEHOLDER", "error", f"表{t.number}「{t.title}」行「{label}」有未替换的占位符「{m.group(0)}」。",
                              f"table {t.number}, row “{label}”: placeholder “{m.group(0)}”.", cells=(cell,), tags=("formatting",))
    if d.meta.unit_name and _PLACEHOLDER.search(d.meta.unit_name):
        yield Finding("FMT-PLACEHOLDER", "error", f"单位名称「{d.meta.unit_name}」是占位符，未填写实际单位。",
                      f"the unit name “{d.meta.unit_name}” is a placeholder.", tags=("formatting",))


def years(d: Disclosure) -> Iterator[Finding]:
    """Comparisons must be with last year; table titles carry the document's year; no year
    after the one the document is published in."""
    y = d.meta.year
    if y is None:
        yield Finding("FMT-YEAR", "info", "未能识别文件年度，年份检查未进行。", "the document's year is unknown; years not checked.",
                      tags=("formatting", "not-checked"))
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
                        "FMT-YEAR", "error",
                        f"「{sec.title}」与 {cy} 年比较，而 {y} 年{'预算' if d.meta.kind == 'budget' else '决算'}应与上年（{last} 年）比较；"
                        "可能是沿用了往年文件的文字。",
                        f"{sec.title}: compares with {cy}; a {y} document compares with {last}.",
                        text=(tr,), suggestion=f"应为 {last}年", tags=("formatting",),
                    )
            for m in _YEAR.finditer(para.text):
                fy = int(m.group(1))
                if fy > y + 1:
                    tr = _tref(sec.title, para.text, para.line_at(m.start()) if line else None, m)
                    yield Finding("FMT-YEAR", "warning", f"「{sec.title}」提到 {fy} 年，晚于文件年度 {y} 年，请核对。",
                                  f"{sec.title}: mentions {fy}, after the document's year {y}.",
                                  text=(tr,), tags=("formatting",))
    tables = list(d.tables) + ([d.performance] if d.performance else [])
    for t in tables:
        tm = _TITLE_YEAR.match(t.title)
        if tm and int(tm.group(1)) != y:
            yield Finding(
                "FMT-YEAR", "error",
                f"表{t.number}标题「{t.title}」的年度 {tm.group(1)} 与文件年度 {y} 不符；可能是沿用了往年的表格。",
                f"table {t.number} title “{t.title}” says {tm.group(1)}, the document is for {y}.",
                cells=(ref(t, None),), suggestion=f"应为 {y}年", tags=("formatting",),
            )


def dates(d: Disclosure) -> Iterator[Finding]:
    for section, text, line in _texts(d):
        for m in _DATE.finditer(text):
            yy, mm, dd = (int(g) for g in m.groups())
            try:
                datetime.date(yy, mm, dd)
            except ValueError:
                yield Finding("FMT-DATE", "error", f"「{section}」中的日期「{m.group(0)}」不存在。",
                              f"{section}: the date “{m.group(0)}” does not exist.",
                              text=(_tref(section, text, line, m),), tags=("formatting",))
