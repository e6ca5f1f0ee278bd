"""Text patterns shared by the PDF stages (cells, unruled tables, assembly)."""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^[-−–]?[\d,，]+(?:\.\d+)?%?$|^[-−–]$")
_FIGURE = re.compile(r"^[-−–]?(?:\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+\.\d+)$")  # a printed amount: separators or decimals
_PAGE_NO = re.compile(
    r"^\s*(?:[-－—–]\s*\d+\s*[-－—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}|\d+\s*/\s*\d+|(?:[-－—–]\s*)?[ivxlcIVXLC]+(?:\s*[-－—–])?)\s*$"
)  # no two \s* in a row
_UNIT_SEG = re.compile(r"^\s*(?:金额)?单位\s*[：:]")
_LABEL_SEG = re.compile(r"^\s*(?:单位名称|部门名称|编制单位|编制部门|预算单位|部门|单位)\s*[：:]")
_MARKER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百]+[部分章节条]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[、．]|\.(?!\d))|[①-⑳]|注\s*[：:]|附件|附表|目\s*录)"
)
_END = ("。", "；", "！", "？", "：", ":", ";")
