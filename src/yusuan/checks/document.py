"""The document as a whole: its 目录 (table of contents) against the tables it prints.

    TOC-TITLE   warning   a table listed by the 目录 under another title than it is printed with,
                          or listed in another order

Titles are compared without numbering (一、, 1., 公开05表：), the year, spaces, quotes, dot
leaders and page numbers, and a trailing （功能科目）-style qualifier; anything else that differs
is a different title, since readers look tables up by the 目录.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.core import Disclosure
from ..profiles import normalize_title
from ..report.finding import CellRef, Finding, TextRef

__all__ = ["toc_titles"]

_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}\s*[.．、]|（[一二三四五六七八九十]+）)\s*")
_PREFIX = re.compile(r"^(?:公开\d+表|表\d+)[：:]?")
_QUALIFIER = re.compile(r"[（(][^（）()]{1,12}[）)]$")


def _key(title: str) -> str:
    t = normalize_title(_NUMBER.sub("", title.strip()))
    t = _PREFIX.sub("", t)
    t = normalize_title(t)
    return _QUALIFIER.sub("", t)


def _pair(listed: list[str], keys: list[str]) -> dict[int, int]:
    """Listed item → printed table: the same title; else, among the titles left, one containing
    the other or made of the same characters (政府性基金财政拨款 / 财政拨款政府性基金); else the table at
    the same place."""
    pairs = {i: keys.index(k) for i, k in enumerate(listed) if k in keys}
    free = [j for j in range(len(keys)) if j not in pairs.values()]
    for i, k in enumerate(listed):
        if i in pairs:
            continue
        near = [j for j in free if k in keys[j] or keys[j] in k or sorted(k) == sorted(keys[j])]
        if len(near) == 1:
            pairs[i] = near[0]
            free.remove(near[0])
    for i, _ in enumerate(listed):
        if i not in pairs and i < len(keys) and i in free:
            pairs[i] = i
            free.remove(i)
    return pairs


def toc_titles(d: Disclosure) -> Iterator[Finding]:
    if not d.contents:
        return
    printed = [(t.title, t) for t in d.tables] + ([(d.performance.title, d.performance)] if d.performance else [])
    keys = [_key(title) for title, _ in printed]
    listed = [(_key(title), title, loc) for title, loc in d.contents]
    pairs = _pair([k for k, _, _ in listed], keys)
    for i, (key, title, loc) in enumerate(listed):
        j = pairs.get(i)
        if j is not None and keys[j] == key:
            continue
        where = TextRef(section="目录", sentence=title, text=title, line=loc.line, page=loc.page)
        cells: tuple[CellRef, ...] = ()
        if j is not None:
            t = printed[j][1]
            cells = (CellRef(t.type, t.number, t.title, "", "", t.location.line, t.location.page),)
            zh = f"目录第 {i + 1} 项为「{title}」，而第 {t.number} 张表印为「{t.title}」，标题不一致。"
            en = f"the table of contents lists item {i + 1} as {title}, but table {t.number} is printed as {t.title}."
        else:
            zh = f"目录第 {i + 1} 项为「{title}」，文件中没有这个标题的表。"
            en = f"the table of contents lists {title} (item {i + 1}), but no table is printed with that title."
        yield Finding("TOC-TITLE", "warning", zh, en, cells, expected=printed[j][0] if j is not None else None, actual=title, text=(where,))
    # the same tables listed in another order than they are printed
    order = [pairs[i] for i in range(len(listed)) if i in pairs]
    if order != sorted(order):
        first = next(n for n, j in enumerate(order) if j != sorted(order)[n])
        i = [i for i in range(len(listed)) if i in pairs][first]
        _, title, loc = listed[i]
        yield Finding(
            "TOC-TITLE",
            "warning",
            f"目录所列表格的顺序与正文不同：目录第 {i + 1} 项「{title}」起，目录的顺序与表格的印刷顺序不一致。",
            f"the table of contents lists the tables in another order than they are printed, from item {i + 1} ({title}) on.",
            text=(TextRef(section="目录", sentence=title, text=title, line=loc.line, page=loc.page),),
        )
