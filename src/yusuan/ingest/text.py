"""Text format: bytes → lines → raw blocks (narrative lines and raw tables as grids).

The text format is what PDF-to-text extraction gives for a disclosure: the narrative as
lines (Markdown-style ``#`` headings allowed), each table as its title line, the lines
``单位名称：…`` and ``单位：万元``, tab-separated rows, blank lines where pages broke
(headers may repeat after them), and notes (``注：…``). This module only cuts the text
into blocks; it does not judge or type anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import EmptyInput, NotText, UnsupportedFormat
from ..profiles import GENERIC, Profile, TableSpec, normalize_title
from ..profiles.titles import strip_glued_note

__all__ = ["GridRow", "RawTable", "RawText", "decode", "split_text"]


@dataclass(frozen=True, slots=True)
class GridRow:
    line: int
    cells: tuple[str, ...]
    after_break: bool  # a blank line (page break) came before this row


@dataclass(frozen=True, slots=True)
class RawTable:
    spec: TableSpec
    title: str
    title_line: int
    unit_name: str
    amount_unit: str
    rows: tuple[GridRow, ...]
    notes: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class RawText:
    lines: tuple[str, ...]
    narrative_end: int  # lines[:narrative_end] hold the narrative (0-based, exclusive)
    tables: tuple[RawTable, ...]
    unknown_titles: tuple[tuple[int, str], ...]
    #: lines[narrative_resume:] are narrative again, after the last table (Shanghai prints its
    #: 其他相关情况说明, final accounts their 情况说明, after the tables)
    narrative_resume: int = -1
    #: narrative printed between two tables (a 街道 prints 其他相关情况说明 after its nine tables
    #: and before its 绩效目标 tables): (first line, end) 0-based, end exclusive
    between: tuple[tuple[int, int], ...] = ()

    @property
    def narrative_lines(self) -> tuple[str, ...]:
        """The lines with every table line blanked: the narrative before, between and after the tables."""
        resume = self.narrative_resume if self.narrative_resume >= 0 else len(self.lines)
        out = list(self.lines[: self.narrative_end] + ("",) * (resume - self.narrative_end) + self.lines[resume:])
        for a, b in self.between:
            out[a:b] = self.lines[a:b]
        return tuple(out)


_SIGNATURES = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "DOCX/XLSX (ZIP)"),
    (b"\xd0\xcf\x11\xe0", "DOC/XLS (OLE)"),
)


def decode(data: bytes, source: str = "") -> str:
    """Bytes → text. UTF-8 (with or without BOM), UTF-16 with its BOM (what Windows Notepad
    saves as “Unicode”), then GB18030; binary data is refused. A file holding only a
    byte-order mark is empty."""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom) and not data[len(bom) :].strip():
            raise EmptyInput(
                f"文件为空（只有字节顺序标记 BOM）：{source}", f"the file is empty (only a byte-order mark): {source}"
            )
    if not data.strip():
        raise EmptyInput(f"文件为空：{source}", f"the file is empty: {source}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotText(
                f"{source} 以 UTF-16 标记开头，但内容不是有效的 UTF-16 文本，无法读取。",
                f"{source} starts with a UTF-16 byte-order mark but is not valid UTF-16 text.",
            ) from None
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            raise UnsupportedFormat(
                f"{source} 是 {name} 文件，不是文本格式；请用 yusuan.read() 按格式读取。",
                f"{source} is a {name} file, not the text format; read it with yusuan.read(), which picks the format's reader.",
            )
    head = data[:4096]
    if b"\x00" in head and _utf16_without_bom(head):
        raise NotText(
            f"{source} 似乎是不带字节顺序标记的 UTF-16 文本；请另存为 UTF-8 编码后再试。",
            f"{source} looks like UTF-16 text without a byte-order mark; save it as UTF-8 and try again.",
        )
    if b"\x00" in head:
        raise NotText(
            f"{source} 不是文本文件（含二进制数据），无法读取。",
            f"{source} is not a text file (it contains binary data).",
        )
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text
    raise NotText(
        f"{source} 不是 UTF-8 或 GB18030 编码的文本，无法读取。",
        f"{source} is not UTF-8 or GB18030 text.",
    )


def _utf16_without_bom(head: bytes) -> bool:
    """NUL bytes that are the zero halves of UTF-16 characters: the sample decodes as UTF-16
    (little or big endian) into text with Chinese or ASCII letters and no control bytes."""
    head = head[: len(head) // 2 * 2]
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = head.decode(enc)
        except UnicodeDecodeError:
            continue
        if text and _looks_like_text(text) and re.search(r"[\u4e00-\u9fff]|[A-Za-z]{3}", text):
            return True
    return False


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = len(_NOT_TEXT.findall(sample))
    return bad / len(sample) < 0.01


#: control characters other than \t \n \f \r, and the private use area
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff]")


_UNIT_NAME = re.compile(r"^\s*(?:单位名称|部门名称|编制单位|编制部门|部门)\s*[：:]\s*(.*?)\s*$")
_AMOUNT_UNIT = re.compile(r"^\s*(?:金额)?单位\s*[：:]\s*(万元|元|千元|亿元)\s*$")
_NOTE = re.compile(r"^\s*注\s*[：:]")
#: a note printed between a title and its grid, or after a page break under the last table:
#: 注：/说明：/备注：…, or a line in brackets (（无政府性基金支出）)
_NOTE_BEFORE_ROWS = re.compile(r"^\s*(?:(?:注|说明|备注)\s*[：:]|[（(][^\t（）()]*[）)]\s*$)")
_PART_HEADING = re.compile(r"^\s*(?:#+\s*)?第[一二三四五六七八九十]+部分")  # not \s*#*\s*: quadratic on a run of spaces
_ORDINAL_TITLE = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d{1,2}\s*[.．、])")


def _title_candidate(line: str) -> bool:
    s = line.strip()
    return bool(s) and "\t" not in s and len(s) <= 80


def split_text(text: str, profile: Profile) -> RawText:
    """Cut the text into the narrative and the raw tables of ``profile``'s templates."""
    lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    # (where the table's lines begin, title line, spec, title, the note of the table before glued to the title)
    starts: list[tuple[int, int, TableSpec | None, str, str]] = []
    for i, line in enumerate(lines):
        if not _title_candidate(line) or not _followed_by_table(lines, i):
            continue
        spec = profile.match_title(line)
        glued, title = strip_glued_note(line.strip())
        if not glued or (spec is None and not re.search(r"表\s*$", title)):
            glued, title = "", line.strip()
        if (
            spec is not None
            and starts
            and starts[-1][2] is spec
            and any("\t" in x for x in lines[starts[-1][1] : i])
            and (re.search(r"[（(]续[）)]|续表", line) or normalize_title(starts[-1][3]).endswith(normalize_title(title)))
        ):
            continue  # "政府采购预算表（续）", or the same title printed again: the same table on its next page
        if spec is not None or re.search(r"表\s*$", title):
            label = _label_before(lines, i)
            first = i if label is None else label
            if label is not None:  # "表二" on the line above "收入预算总表": part of its title
                title = f"{lines[label].strip()} {title}"
            starts.append((first, i, spec, title, glued))
    tables: list[RawTable] = []
    unknown: list[tuple[int, str]] = []
    resume = len(lines)
    between: list[tuple[int, int]] = []
    narrative_end = len(lines)
    for n, (first, i, spec, title, glued) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else _last_table_end(lines, i)
        if n + 1 < len(starts) and (cut := _last_table_end(lines, i, end)) < end and _narrative_block(lines, cut, end):
            between.append((cut, end))
            end = cut
        resume = end
        if glued and tables and tables[-1].rows:  # the note belongs to the table before
            tables[-1] = replace(tables[-1], notes=tables[-1].notes + ((i + 1, glued),))
        if spec is None:  # kept as a generic grid (type "other"), never dropped
            raw = _raw_table(lines, i, end, GENERIC, title)
            if not raw.rows:  # a heading over the tables (第二部分 …部门决算表), not a table
                continue
            unknown.append((i + 1, title))
        else:
            raw = _raw_table(lines, i, end, spec, title)
            if not raw.rows and not (raw.amount_unit or raw.notes) and _ORDINAL_TITLE.match(title):
                continue  # a 目录 line (十二、政府采购支出预算表), not a table (an empty table has its 单位： or a note)
        narrative_end = min(narrative_end, first)
        tables.append(raw)
    return RawText(lines, narrative_end, tuple(tables), tuple(unknown), resume if tables else len(lines), tuple(between))


_TABLE_LABEL = re.compile(
    r"^\s*(?:附表|表|公开)\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:表\s*)?(?:[：:]\s*)?$"
)  # never two \s* in a row (cubic on a run of spaces)


def _label_before(lines: tuple[str, ...], i: int) -> int | None:
    """The line of a bare table number (表二, 附表3, 公开05表) printed just above the title at ``i``."""
    for j in range(i - 1, max(i - 4, -1), -1):
        if not lines[j].strip():
            continue
        return j if _TABLE_LABEL.match(lines[j]) else None
    return None


def _continues(lines: tuple[str, ...], i: int) -> bool:
    """After a page break, a short line (the title or 单位： repeated) followed by grid rows
    within a few lines continues the table."""
    if len(lines[i].strip()) > 40:
        return False
    ahead = [x for x in lines[i + 1 : i + 8] if x.strip()][:3]
    return any("\t" in x for x in ahead)


_NARRATIVE_HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+部分)\s*)?\S{0,30}(?:情况说明|编制说明|情况)\s*$"
)


def _narrative_block(lines: tuple[str, ...], a: int, b: int) -> bool:
    """Lines a..b (between two tables) are narrative: no grid row, and a heading of 情况说明
    with sentences under it."""
    block = [x for x in lines[a:b] if x.strip()]
    if not block or any("\t" in x for x in block):
        return False
    heading = any(_NARRATIVE_HEADING.match(x) for x in block[:3])
    sentences = sum(1 for x in block if "。" in x and len(x.strip()) > 20)
    return heading and sentences >= 1


def _last_table_end(lines: tuple[str, ...], start: int, stop: int | None = None) -> int:
    """Where the last table ends: at the first page break after its rows that is followed by
    a line that is neither a grid row nor a note (the narrative printed after the tables)."""
    seen_rows = False
    blank = False
    for i in range(start + 1, len(lines) if stop is None else stop):
        line = lines[i]
        if not line.strip():
            blank = seen_rows
            continue
        if "\t" in line:
            seen_rows = True
        elif seen_rows and _PART_HEADING.match(line):
            return i
        elif blank and not _NOTE_BEFORE_ROWS.match(line) and not _continues(lines, i):
            return i
        blank = False
    return len(lines) if stop is None else stop


def _followed_by_table(lines: tuple[str, ...], i: int) -> bool:
    """A title is followed, within a few non-blank lines, by 单位名称/单位： or a grid row."""
    seen = 0
    for line in lines[i + 1 : i + 12]:
        if not line.strip():
            continue
        if _UNIT_NAME.match(line) or _AMOUNT_UNIT.match(line) or "\t" in line:
            return True
        seen += 1
        if seen >= 2:
            return False
    return False


def _raw_table(lines: tuple[str, ...], start: int, end: int, spec: TableSpec, title: str) -> RawTable:
    unit_name = ""
    amount_unit = ""
    rows: list[GridRow] = []
    notes: list[tuple[int, str]] = []
    blank_before = False
    in_notes = False
    skipped = False
    for i in range(start + 1, end):
        line = lines[i]
        if not line.strip():
            blank_before = bool(rows)
            continue
        m = _UNIT_NAME.match(line)
        if m and not rows:
            unit_name = m.group(1)
            continue
        m = _AMOUNT_UNIT.match(line)
        if m and not rows:
            amount_unit = m.group(1)
            continue
        if "\t" in line and not in_notes:
            cells = tuple(c.strip() for c in line.split("\t"))
            rows.append(GridRow(i + 1, cells, blank_before or skipped))
            blank_before = skipped = False
            continue
        if (
            rows
            and not in_notes
            and not _NOTE_BEFORE_ROWS.match(line)
            and (blank_before or skipped)
            and _continues(lines[:end], i)
        ):
            skipped = True  # the title or 单位： repeated over the table's next page
            continue
        if not rows and _NOTE_BEFORE_ROWS.match(line):
            notes.append((i + 1, line.strip()))  # "（无政府性基金支出）" under the title: a note, the grid follows
            continue
        if _NOTE.match(line) or rows:
            in_notes = True
            notes.append((i + 1, line.strip()))
    return RawTable(spec, title, start + 1, unit_name, amount_unit, tuple(rows), tuple(notes))
