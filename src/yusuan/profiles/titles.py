"""What a printed table title means, whatever its wording.

Templates name the same table in many ways: the words in another order
(政府性基金预算财政拨款支出预算表 = 财政拨款政府性基金支出预算表), with a prefix (公开10表：, 表十,
一、, the year, the unit's name, 部门), 预算 or 决算, with a qualifier (（一般公共预算）, （功能科目）),
and a PDF reader sometimes glues the note of the table before to the title
(「注：本表反映部门本年度取得的各项收入情况。支出决算表」). A title's *meaning* is the set of
concept words it contains (:func:`title_words`); everything else in it (numbering, year, unit
name, 部门/单位, 预算/决算, 表) says which document it is in, not which table it is.

Two titles name the same table when their concept words agree, allowing the words a title
implies without printing them: a 政府性基金 or 国有资本经营 table is a 财政拨款 table, the 三公 and
机关运行经费 tables are 一般公共预算 财政拨款 tables, an expenditure table is by 功能分类 and a
基本支出 table by 经济分类.
"""

from __future__ import annotations

import re

from ..labels import no_space

__all__ = ["title_words", "core_words", "implied_words", "strip_glued_note", "bare_title", "means"]

#: printed word → concept; at each position the longest printed word wins
_WORDS: tuple[tuple[str, str], ...] = (
    ("一般公共预算", "一般公共预算"),
    ("政府性基金", "政府性基金"),
    ("国有资本经营", "国有资本经营"),
    ("财政拨款", "财政拨款"),
    ("财政专户", "财政专户"),
    ("收入支出", "收支"),
    ("收支", "收支"),
    ("收入", "收入"),
    ("基本支出", "基本支出"),
    ("项目支出", "项目支出"),
    ("支出", "支出"),
    ("汇总", "汇总"),
    ("总表", "总"),
    ("总体情况", "总"),
    ("经济分类", "经济分类"),
    ("功能分类", "功能分类"),
    ("三公", "三公"),
    ("会议费", "会议费"),
    ("培训费", "培训费"),
    ("机关运行经费", "机关运行经费"),
    ("政府采购", "政府采购"),
    ("绩效目标", "绩效目标"),
)
_BY_FIRST: dict[str, list[tuple[str, str]]] = {}
for _w, _c in sorted(_WORDS, key=lambda x: -len(x[0])):
    _BY_FIRST.setdefault(_w[0], []).append((_w, _c))

#: concept → concepts a title with it implies without printing them
_IMPLIES: dict[str, frozenset[str]] = {
    "政府性基金": frozenset({"财政拨款"}),
    "国有资本经营": frozenset({"财政拨款"}),
    "三公": frozenset({"一般公共预算", "财政拨款"}),
    "机关运行经费": frozenset({"一般公共预算", "财政拨款"}),
    "绩效目标": frozenset({"项目支出"}),
}
#: qualifiers printed by some templates only (an expenditure table is by function, a basic one by
#: economic class): they never tell two tables apart
_OPTIONAL = frozenset({"功能分类", "经济分类"})

_GLUED_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*\d?\s*[：:].*[。；;]\s*(?=\S)")
_CONTINUED = re.compile(
    r"(?<!\s)(?<!续表)(?:[（(]\s*续\s*[）)]|续表|\s)+$"
)  # never from inside a run it could start earlier (linear on spaces)
_TRAILING_PAREN = re.compile(r"[（(][^（）()]{1,16}[）)]$")


def strip_glued_note(title: str) -> tuple[str, str]:
    """``"注：本表反映…情况。支出决算表"`` → ``("注：本表反映…情况。", "支出决算表")``: the note of the
    table before, glued to this title by the reader, and the title. Without one: ``("", title)``."""
    m = _GLUED_NOTE.match(title)
    if m is None or not title[m.end() :].strip():
        return "", title
    return title[: m.end()].strip(), title[m.end() :].strip()


def bare_title(title: str) -> str:
    """The title without white space, a glued note, ``（续）`` and a trailing qualifier."""
    t = no_space(strip_glued_note(title)[1])
    t = _CONTINUED.sub("", t)
    return _TRAILING_PAREN.sub("", t) or t


def title_words(text: str) -> frozenset[str]:
    """The concept words in ``text`` (see the module docstring)."""
    t = no_space(text)
    out: set[str] = set()
    i = 0
    while i < len(t):
        for word, concept in _BY_FIRST.get(t[i], ()):
            if t.startswith(word, i):
                out.add(concept)
                i += len(word)
                break
        else:
            i += 1
    return frozenset(out)


def core_words(text: str) -> frozenset[str]:
    """:func:`title_words` without the optional qualifiers."""
    return title_words(text) - _OPTIONAL


def implied_words(words: frozenset[str]) -> frozenset[str]:
    """``words`` and every concept they imply."""
    out = set(words)
    for w in words:
        out |= _IMPLIES.get(w, frozenset())
    return frozenset(out)


def means(printed: str, canonical: str) -> bool:
    """Whether the printed title names the table whose title is ``canonical``: every concept of
    ``canonical`` is printed, and the printed title adds only concepts that ``canonical`` implies."""
    p = core_words(bare_title(printed))
    c = core_words(canonical)
    return bool(c) and c <= p <= implied_words(c)
