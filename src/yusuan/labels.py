"""Compare forms of printed labels: row labels, classification names, table titles, body names.

A label printed by one document rarely matches another's byte for byte: spaces inside
words (“行 政 运 行”), full-width and half-width brackets, an ordinal in front (“（二）”), a
trailing 支出, 其它 for 其他. Each function below is one *named* way of comparing labels;
they are deliberately not the same (a table title keeps its brackets, a classification
name drops 支出), so a caller picks the one whose rule it means. One implementation per
rule: the readers, the rules, the narrative reader and the tools all use these.

It imports nothing of yusuan, so every layer may use it.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "bare_item",
    "body_name",
    "catalog_key",
    "class_name",
    "compact",
    "narrative_subject",
    "no_space",
    "same_spelling",
    "strip_ordinal",
    "table_title",
]

_WS = re.compile(r"\s+")


def no_space(text: str) -> str:
    """All white space removed (Unicode white space, as :meth:`str.split` sees it):
    ``"行 政 运 行"`` → ``"行政运行"``. Nothing else changes."""
    return _WS.sub("", text)


_PUNCT = re.compile(r"[\s“”\"'‘’（）()《》〈〉、，,。·\-—_：:；;*]")


@lru_cache(maxsize=8192)  # pure; the narrative reader compares the same labels and names again and again
def compact(text: str) -> str:
    """No white space and no punctuation (quotes, brackets of both widths, 《》〈〉, 、，,。·,
    dashes, _ ：:；; and *): the words of a narrative label, ``"“三公”经费（合计）："`` → ``"三公经费合计"``."""
    return _PUNCT.sub("", text)


def bare_item(name: str) -> str:
    """A classification item's name as compared in the narrative: :func:`compact`, without a
    trailing 支出 (``"住房改革支出"`` → ``"住房改革"``; ``"支出"`` alone stays)."""
    n = compact(name)
    return n[:-2] if n.endswith("支出") and len(n) > 2 else n


def same_spelling(name: str) -> str:
    """Print variants that name the same item made one: 其它 → 其他."""
    return name.replace("其它", "其他")


_ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)])\s*")


def strip_ordinal(label: str) -> tuple[str, str]:
    """Split ``"（二十四）灾害防治"`` into (``"（二十四）"``, ``"灾害防治"``); both stripped. Only
    Chinese ordinals (一、 or （一） / (一)) count: ``"1.行政运行"`` keeps its ``1.``."""
    m = _ORDINAL.match(label)
    if not m:
        return "", label.strip()
    return m.group(0).strip(), label[m.end() :].strip()


def class_name(label: str) -> str:
    """Compare form of a function class name: no ordinal (:func:`strip_ordinal`), no white
    space, no trailing 支出 (``"（三）国 防支出"`` → ``"国防"``)."""
    name = no_space(strip_ordinal(label)[1])
    return name[:-2] if name.endswith("支出") and len(name) > 2 else name


_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "，": ",", "、": ","})


@lru_cache(maxsize=1 << 16)
def catalog_key(name: str) -> str:
    """Compare form of a catalog name: no white space, half-width brackets and commas (（）【】，、
    → ()[],,), no trailing 支出. 维修（护）费 and 维修(护)费 are the same name; so are
    其他信访事务支出 and 其他信访事务. An ordinal is kept."""
    key = no_space(name).translate(_BRACKETS)
    return key[:-2] if key.endswith("支出") and len(key) > 2 else key


_SUBJECT_PUNCT = re.compile(r"[\s“”\"'（）()、，。：:]")
_SUBJECT_LEAD = re.compile(r"^(?:其中|主要用于|用于|包括|是|为|的)")


def narrative_subject(name: str) -> str:
    """What a narrative sentence names, as compared with a table row: no white space, quotes,
    brackets, 、，。：:; 其它 spelled 其他; one leading 其中 / 主要用于 / 用于 / 包括 / 是 / 为 / 的
    dropped (``"其中：其它支出"`` → ``"其他支出"``). Half-width , and ; are kept."""
    return _SUBJECT_LEAD.sub("", same_spelling(_SUBJECT_PUNCT.sub("", name)))


def body_name(name: str) -> str:
    """A body's name as compared across years: no white space, no trailing （本级）, no leading
    中共 / 中国共产党 (party organs print it one year and leave it out the next), brackets
    full-width (``"中共某市委办公室(本级)"`` → ``"某市委办公室"``)."""
    s = no_space(name)
    s = re.sub(r"[（(]本级[)）]$", "", s)
    s = re.sub(r"^(?:中国共产党|中共)", "", s)
    return s.replace("(", "（").replace(")", "）")


_TITLE_NOISE = re.compile(r"^[#*\s]+|(?<![*\s])[*\s]+$")  # the trailing run from its start only (linear)
_YEAR_PREFIX = re.compile(r"^\d{4}\s*年度?")


@lru_cache(maxsize=4096)  # pure; the reader asks for every spec title once per printed title
def table_title(title: str) -> str:
    """A table title as compared with a profile's: no Markdown marks (# and * at either end),
    no leading year (2024年, 2024年度), quotes unified to “, no white space
    (``"## 2024年单位收支预算表"`` → ``"单位收支预算表"``). Brackets are kept."""
    t = _TITLE_NOISE.sub("", title)
    t = _YEAR_PREFIX.sub("", t)
    t = t.replace('"', "“").replace("”", "“")
    return no_space(t)
