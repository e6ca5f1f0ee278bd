"""Narrative lines → sections of paragraphs, rebuilt across page breaks, with source lines."""

from __future__ import annotations

import re

from ..model.core import Location, Paragraph, Section
from .layout import CONTINUED

__all__ = ["read_sections"]

_HEADING_MD = re.compile(r"^\s*(#{1,6})\s*(.*\S|\s)\s*$")  # not (.+?)\s*$: that retried every split of a long run of spaces
_HEADING_NUM = re.compile(
    r"^\s*(?:\*\*\s*)?(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)"
)
_HEADING_PART = re.compile(r"(?:预算编制说明|决算编制说明|其他相关情况说明|项目经费情况说明)$")
_SENTENCE_END = ("。", "；", "！", "？", "：", ":", "”", "）")


def _clean(text: str) -> str:
    return text.replace("**", "").replace(CONTINUED, "").strip()


def _level(title: str) -> int:
    """Level by what the heading says (第一部分 1, 一、 2, （一） 3), since the Markdown
    marks of extracted text are not consistent; other headings (title, 目录) are 0."""
    if re.match(r"^(?:第[一二三四五六七八九十]+部分|附件|目\s*录)", title):
        return 1
    if re.match(r"^[一二三四五六七八九十]+、", title):
        return 2
    if re.match(r"^（[一二三四五六七八九十]+）", title):
        return 3
    return 0


_TITLE_LINE = re.compile(r"^\d{4}\s*年度?\S.{0,60}?(?:单位|部门)(?:预算|决算)(?:公开)?(?:说明)?$")


_PART_TITLE_CUT = re.compile(r"^第[一二三四五六七八九十]+部分(?!.*(?:说明|概况|解释|表|情况)$)")
_PART_TITLE_REST = re.compile(r"^[^，。；：:,]{0,28}(?:情况说明|编制说明|说明|预算|决算|概况|预算表|决算表)$")


def _heading(line: str, first: bool = False) -> tuple[int, str] | None:
    m = _HEADING_MD.match(line)
    if m:
        title = _clean(m.group(2))
        return _level(title), title
    s = _clean(line)
    size = len(re.sub(r"\s+", "", s))  # a space printed inside a heading (第一部分 概况) does not make it longer
    if _HEADING_NUM.match(line) and size <= 40 and not s.endswith(("。", "；")):
        return _level(s), s
    if re.fullmatch(r"目\s*录", s) or (re.match(r"附件\d*[：:]", s) and size <= 60 and not s.endswith(("。", "；"))):
        return 1, s  # the 目录, and the heading over the tables (附件：XX单位2024年度单位预算表)
    if first and _TITLE_LINE.match(s):
        return 0, s  # the document's title on its own first line (text extracted from a PDF has no # marks)
    if _HEADING_PART.search(s) and len(s) <= 30 and not re.search(r"[，。；：:,]", s):
        return 1, s  # "2025年部门预算编制说明", "其他相关情况说明": a part of the document without a number
    return None


def read_sections(lines: tuple[str, ...], end: int, source: str) -> tuple[Section, ...]:
    """Sections of ``lines[:end]``. A paragraph that stops mid-sentence (page break)
    continues in the next one; the paragraph keeps every source line it came from."""
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    title, level, loc = "", 0, Location(line=1, source=source)
    paras: list[Paragraph] = []
    parts: list[tuple[int, str]] = []

    def flush_para() -> None:
        if not parts:
            return
        text, spans = "", []
        for ln, t in parts:
            spans.append((len(text), ln))
            text += t
        paras.append(Paragraph(text, tuple(ln for ln, _ in parts), tuple(spans)))
        parts.clear()

    def flush_section() -> None:
        flush_para()
        if title or paras:
            sections.append(Section(title, level, tuple(t for _, t in path), tuple(paras), loc))
        paras.clear()

    first = True
    skip = -1
    for i in range(end):
        line = lines[i]
        if not line.strip() or i == skip:
            continue
        if line.startswith(CONTINUED) and parts:  # the rest of the paragraph, after a page break
            parts.append((i + 1, line[len(CONTINUED) :].replace("**", "").rstrip()))
            continue
        h = _heading(line, first)
        first = False
        if h is not None:
            flush_section()
            level, title = h
            nxt = next((j for j in range(i + 1, min(end, i + 3)) if lines[j].strip()), -1)
            if level == 1 and nxt >= 0 and _PART_TITLE_CUT.match(title) and _heading(lines[nxt]) is None:
                rest = _clean(lines[nxt])
                if _PART_TITLE_REST.match(rest):  # "第三部分 江苏省人大常委会办公厅" / "2017年度部门预算情况说明"
                    title, skip = f"{title}{rest}", nxt
            while path and (path[-1][0] >= level or level == 0):
                path.pop()
            path.append((level, title))
            loc = Location(line=i + 1, source=source)
            continue
        text = _clean(line)
        if parts and not parts[-1][1].endswith(_SENTENCE_END):
            parts.append((i + 1, text))
            continue
        flush_para()
        parts.append((i + 1, text))
    flush_section()
    return tuple(sections)
