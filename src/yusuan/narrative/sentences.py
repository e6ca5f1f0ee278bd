"""Cutting 情况说明 into what the claims reader walks: its sections, sentences and tokens.

A paragraph is cut into sentences (。！？) and tokens: amounts with their unit, percentages,
counts and direction words (增加, 减少, 持平 …). The words just before a figure (its label)
are what the linking stage (:mod:`.link`) matches; the token's printed decimals are what the
judging stage (:mod:`.judge`) allows for rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..findings import TextRef
from ..labels import compact
from ..model.core import Disclosure, Paragraph, Section
from ..model.money import WAN
from ..tolerance import half_unit

ZERO = Decimal(0)

_UP = ("增加", "增长", "上升", "提高", "增多", "增幅")
_DOWN = ("减少", "下降", "降低", "降幅")
# "持平，零增长" is one statement: 零增长 / 无增长 say "unchanged", not "grew"
_FLAT = (
    "持平",
    "无增减变动",
    "无增减",
    "无变化",
    "没有变化",
    "零增长",
    "无增长",
    "未增长",
    "未增加",
    "没有增加",
    "没有增长",
    "未发生变化",
    "保持不变",
)
_DIRECTION = "|".join(_UP + _DOWN + _FLAT) + "|(?<=[年数])一致"
_COUNT_UNITS = "个|辆|台（套）|台\\(套\\)|台|套|项|人|名|家|户|次|所"
# a figure never starts inside a run of figures (the match from the run's start is the same one;
# trying every position of a megabyte of digits was quadratic)
_TOKEN = re.compile(
    rf"(?P<dir>{_DIRECTION})"
    rf"|(?<!\d)(?<!\d,)(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|亿元|元|%|％|个百分点|{_COUNT_UNITS})(?!以上|以下|及以上)"
)
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
_ORDINAL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。]")
# What may stand between a change amount and its rate: "增加10万元，同比增长5%", "减少3万元，降幅为2%"
_CONNECTIVES = re.compile(
    r"[\s，,、；;（）()]|与上年(?:预算数?)?相比|比上年(?:预算数?)?|较上年(?:预算数?)?|同比|相比|幅度为?|幅|为|达到?|了|约|即"
    r"|与\d{4}年(?:预算数?)?相比|比\d{4}年(?:预算数?)?|较\d{4}年(?:预算数?)?"
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: Literal["amount", "percent", "count", "direction"]
    text: str
    start: int
    end: int
    value: Decimal = ZERO
    decimals: int = 0
    unit: str = ""
    sign: int = 0  # direction: +1 up, -1 down, 0 flat


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        if m.group("dir"):
            w = m.group("dir")
            sign = 1 if w in _UP else -1 if w in _DOWN else 0  # 持平, 无变化, 与上年预算数一致
            out.append(Token("direction", w, m.start(), m.end(), sign=sign))
            continue
        num, unit = m.group("num"), m.group("unit")
        # a figure glued to a year or a document number is not a claim ("2023-175号")
        before = text[max(0, m.start() - 1) : m.start()]
        if before and (before.isdigit() or before in "-—"):
            continue
        if unit == "项" and before in "（(" and text[m.end() : m.end() + 1] in "）)":
            continue  # "行政运行（01项）": the code of a classification item, not a count
        raw = num.replace(",", "")
        decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
        value = Decimal(raw)
        if unit in ("%", "％", "个百分点"):
            out.append(Token("percent", m.group(0), m.start(), m.end(), value, decimals, "%"))
        elif unit in ("万元", "亿元", "元"):
            out.append(Token("amount", m.group(0), m.start(), m.end(), value, decimals, unit))
        else:
            out.append(Token("count", m.group(0), m.start(), m.end(), value, decimals, unit))
    return out


def _to_wan(tok: Token) -> tuple[Decimal, Decimal]:
    """Token amount → (value in 万元, rounding radius in 万元).

    A figure printed without decimals is read as exact to 0.01 (narratives drop the zeros:
    "35万元" for 35.00万元); one printed with one decimal ("948.4万元") was rounded."""
    h = half_unit(tok.decimals if tok.decimals else 2)
    if tok.unit == "元":
        return tok.value / WAN, h / WAN
    if tok.unit == "亿元":
        return tok.value * WAN, h * WAN
    return tok.value, h


def _p_dec(tok: Token) -> int:
    """Decimals of a printed amount, counted in 万元."""
    return tok.decimals + (4 if tok.unit == "元" else -4 if tok.unit == "亿元" else 0)


#: Placeholders of a blank template: XX, x,xxx, 增加（减少）, （持平）.
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|[Xx],[Xx]{3}|增加（减少）|（持平）")


def narrative_sections(d: Disclosure) -> tuple[Section, ...]:
    """Sections of 情况说明 (between its heading and 名词解释 / the tables)."""
    out: list[Section] = []
    inside = False
    sub_level = 0  # level of a "…情况说明" heading under a part whose own title was cut short
    for s in d.sections:
        if s.level == 1:
            sub_level = 0
            inside = (
                "情况说明" in s.title
                or "编制说明" in s.title
                or "预算说明" in s.title
                and "单位预算说明" not in s.title
                or bool(re.search(r"(?:预算|决算)情况$", s.title))  # "第三部分 …部门决算情况|说明" cut over two lines
            )
            if not s.paragraphs:
                continue
        elif not inside:
            # "第三部分 江苏省人大常委会办公厅" with "2017年度部门预算情况说明" lost to the next line:
            # its headings "一、收支预算总表情况说明" … still say what they are
            if re.search(r"情况说明$", s.title.strip()):
                sub_level = s.level
            elif sub_level and s.level <= sub_level:
                sub_level = 0
        if inside or sub_level or (s.level >= 2 and any("情况说明" in p for p in s.path[:-1])):
            out.append(s)
    return tuple(out)


def _label(text: str, start: int, end: int) -> str:
    """The words that name a figure: those of its own clause in ``text[start:end]`` (the
    words before it), or of the clause before when its own says nothing."""
    seg = text[start:end]
    parts = _CLAUSE_BREAK.split(seg)
    label = parts[-1] if parts else seg
    # "公务接待支出0.39万（含外宾接待支出0.00万元）": the words inside the open bracket name the figure
    opened = max(label.rfind("（"), label.rfind("("))
    if opened >= 0 and not re.search(r"[）)]", label[opened:]) and compact(label[opened + 1 :]):
        label = label[opened + 1 :]
    if len(compact(label)) <= 1 and len(parts) > 1:
        label = parts[-2] + label
    return label


def _heading_paragraph(sec: Section) -> Paragraph | None:
    """The section's title as a paragraph (its line and page), when it states an amount."""
    if not any(t.kind == "amount" for t in tokenize(sec.title)):
        return None
    line = sec.location.line or 0
    return Paragraph(sec.title, (line,), ((0, line),), (sec.location.page,))


def _long_label(tref: TextRef, tok: Token) -> str:
    """The words before a figure back to the last sentence or list break (function-item names
    contain commas rarely but brackets and quotes often)."""
    text = tref.sentence
    i = text.find(tok.text)
    head = text[: i if i >= 0 else len(text)]
    cut = max(head.rfind(ch) for ch in "；;。")
    return head[cut + 1 :]


def _sentence_of(para: Paragraph, tok: Token) -> tuple[int, str]:
    """The sentence of ``para`` that holds ``tok``: its start and its text."""
    for m in _SENTENCE.finditer(para.text):
        if m.start() <= tok.start < max(m.end(), m.start() + 1):
            return m.start(), m.group(0)
    return 0, para.text
