"""Readers: bytes of a published disclosure → :class:`~yusuan.model.Disclosure`.

Each format reader (dispatched by :mod:`.formats`) turns bytes into the text format with a page per
line; tables and narrative are then recognised once, the same way for every format.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import IncompleteDocument, InputError, NotADisclosure
from ..model.core import Disclosure, Location, Meta, PerformanceTable, Table
from ..model.locate import with_pages
from ..profiles import Profile, get_profile, profiles
from .formats import layout_from_bytes
from .layout import Layout, concat_layouts
from .narrative import read_sections
from .performance import recognize_performance
from .recognize import ReadNote, recognize_table
from .text import split_text

__all__ = ["read", "read_files", "read_bytes", "read_layout", "read_text", "layout_file", "Layout", "Reading", "ReadNote"]

MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Reading:
    """A disclosure and what the reader noticed while reading it."""

    disclosure: Disclosure
    notes: tuple[ReadNote, ...]


def read(path: str | Path, profile: str | None = None, allow_partial: bool = False) -> Reading:
    data, source = load_file(path)
    return read_bytes(data, source=source, profile=profile, allow_partial=allow_partial)


def read_files(paths: Sequence[str | Path], profile: str | None = None, allow_partial: bool = False) -> Reading:
    """One document published as several files (Jiangsu: the narrative, then the tables): the
    layouts are read one after the other as one document; each location keeps its file and page."""
    if len(paths) == 1:
        return read(paths[0], profile=profile, allow_partial=allow_partial)
    total = 0
    layouts = []
    for path in paths:
        data, source = load_file(path)
        total += len(data)
        if total > MAX_BYTES:
            raise InputError(
                f"文件合计过大（上限 {MAX_BYTES} 字节）：{source}",
                f"files too large together (limit {MAX_BYTES} bytes): {source}",
            )
        layouts.append(layout_from_bytes(data, source))
    _same_document(layouts)
    return read_layout(concat_layouts(tuple(layouts)), profile=profile, allow_partial=allow_partial, parts=tuple(layouts))


def _identity(lay: Layout) -> tuple[int | None, str, str]:
    """(year, 预算/决算, body) that a file's own title states, from its first lines; blanks where
    it states none (a tables file may print only table titles)."""
    for line in lay.lines[:300]:
        if line.strip("# *").endswith("表") or "\t" in line:
            continue
        m = _TITLE_BODY_FIRST.search(line)
        if m:
            return int(m.group(2)), m.group(4), m.group(1).strip()
        m = _TITLE.search(line) if len(line) <= 80 else None
        if m:
            return int(m.group(1)), m.group(4), m.group(2).strip()
    for line in lay.lines[:300]:  # a tables-only file: the year and kind of its first table title
        m = re.search(r"((?:19|20)\d{2})\s*年度?[^\t]{0,40}?(预算|决算)[^\t]{0,20}表\s*$", line)
        if m and "\t" not in line:
            return int(m.group(1)), m.group(2), ""
    return None, "", ""


def _same_document(layouts: list[Layout]) -> None:
    """Two files given together must be one document (a narrative and its tables): refuse two
    that state different years, a budget with a final account, or two different bodies,
    rather than merge them into one nonsense audit."""
    ids = [(lay.source, *_identity(lay)) for lay in layouts]
    (sa, ya, ka, ua), (sb, yb, kb, ub) = ids[0], ids[1]
    why_zh = why_en = ""
    if ya and yb and ya != yb:
        why_zh, why_en = f"年度不同（{ya} 年与 {yb} 年）", f"they are of different years ({ya} and {yb})"
    elif ka and kb and ka != kb:
        why_zh, why_en = f"一份是{ka}、一份是{kb}", f"one is a {'budget' if ka == '预算' else 'final account'}, the other not"
    else:
        na, nb = re.sub(r"\s+", "", ua), re.sub(r"\s+", "", ub)
        if len(na) >= 4 and len(nb) >= 4 and na not in nb and nb not in na:
            why_zh, why_en = f"单位不同（{ua}、{ub}）", f"they are of different bodies ({ua}; {ub})"
    if why_zh:
        raise InputError(
            f"{sa} 与 {sb} 不是同一份文件的两部分：{why_zh}。两个文件只用于分开发布的情况说明和表格；请分别审核。",
            f"{sa} and {sb} are not two parts of one document: {why_en}. Give two files only for a narrative and its "
            "tables published apart; check unrelated documents one by one.",
        )


def layout_file(path: str | Path) -> Layout:
    """The :class:`Layout` a format reader makes of a file (what ``yusuan layout`` prints)."""
    data, source = load_file(path)
    return layout_from_bytes(data, source)


def load_file(path: str | Path) -> tuple[bytes, str]:
    """The bytes of a file the user gave, within the size limit; a clear error otherwise.
    Only regular files are read (a device, FIFO or socket would never end or never stop
    growing), and never more than the limit + 1 bytes; ``-`` is standard input, bounded the same."""
    import stat
    import sys

    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"标准输入过大（上限 {MAX_BYTES} 字节）。", f"standard input too large (limit {MAX_BYTES} bytes).")
        return data, "<stdin>"
    p = Path(path)
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(st.st_mode):
            raise InputError(
                f"不是普通文件（设备、管道或套接字不能读取）：{_shown(p)}",
                f"not a regular file (a device, pipe or socket cannot be read): {_shown(p)}",
            )
        if st.st_size > MAX_BYTES:
            raise InputError(
                f"文件过大（{st.st_size} 字节，上限 {MAX_BYTES} 字节）：{_shown(p)}",
                f"file too large ({st.st_size} bytes, limit {MAX_BYTES}): {_shown(p)}",
            )
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(
                f"文件过大（上限 {MAX_BYTES} 字节）：{_shown(p)}", f"file too large (limit {MAX_BYTES}): {_shown(p)}"
            )
    except FileNotFoundError:
        raise InputError(f"找不到文件：{_shown(p)}", f"file not found: {_shown(p)}") from None
    except IsADirectoryError:
        raise InputError(f"这是一个目录，不是文件：{_shown(p)}", f"this is a directory, not a file: {_shown(p)}") from None
    except NotADirectoryError:
        raise InputError(f"路径中有一段不是目录：{_shown(p)}", f"a part of the path is not a directory: {_shown(p)}") from None
    except PermissionError:
        raise InputError(f"没有读取权限：{_shown(p)}", f"permission denied: {_shown(p)}") from None
    except OSError as exc:  # a name too long, a symlink loop, an I/O error
        raise InputError(f"无法读取文件 {_shown(p)}：{exc.strerror}", f"cannot read {_shown(p)}: {exc.strerror}") from None
    return data, str(p)


def _shown(p: Path) -> str:
    """A file name as it can be echoed safely: control characters (terminal escapes) made visible."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(p))


def read_bytes(data: bytes, source: str = "<bytes>", profile: str | None = None, allow_partial: bool = False) -> Reading:
    """Bytes of any supported format (the format is sniffed from the bytes)."""
    if len(data) > MAX_BYTES:
        raise InputError(
            f"文件过大（{len(data)} 字节，上限 {MAX_BYTES} 字节）：{source}",
            f"file too large ({len(data)} bytes, limit {MAX_BYTES}): {source}",
        )
    return read_layout(layout_from_bytes(data, source), profile=profile, allow_partial=allow_partial)


def read_layout(
    layout: Layout, profile: str | None = None, allow_partial: bool = False, parts: tuple[Layout, ...] = ()
) -> Reading:
    """A :class:`Layout` (what a format reader gives) → the model, with page numbers.
    ``parts``: the files ``layout`` was concatenated from (:func:`read_files`)."""
    reading = read_text(layout.text, source=layout.source, profile=profile, allow_partial=allow_partial)
    notes = tuple(ReadNote(0, "", n) for n in layout.notes) + reading.notes
    d = with_pages(reading.disclosure, layout.pages)
    if layout.defects:
        d = replace(d, page_defects=layout.defects)
    if len(parts) > 1:
        d = replace(d, meta=replace(d.meta, parts=tuple((p.source, len(p.lines)) for p in parts)))
    return Reading(d, notes)


def detect_profile(text: str) -> Profile | None:
    """The template whose marker words all appear in ``text`` (the most markers wins); else
    the template that names more than half of the document's tables (a partial document
    without the marker words, e.g. two tables written from a model file)."""
    best: tuple[int, Profile] | None = None
    for p in profiles().values():
        hits = sum(1 for m in p.markers if m in text)
        if hits and hits == len(p.markers) and (best is None or hits > best[0]):
            best = (hits, p)
    if best is not None:
        return best[1]
    titles = _table_titles(text)
    for p in profiles().values():
        named = sum(1 for t in titles if p.match_title(t) is not None)
        if titles and named * 2 > len(titles):
            return p
    return None


_TABLE_TITLE = re.compile(r"^[#*\s]*(.{2,60}?表)[*\s]*$")


def _table_titles(text: str) -> list[str]:
    """Lines that look like a table's title: ending in 表, with grid rows right after."""
    lines = text.split("\n")
    titles = []
    for i, line in enumerate(lines):
        m = _TABLE_TITLE.match(line)
        if m and "\t" not in line and any("\t" in x for x in lines[i + 1 : i + 8]):
            titles.append(m.group(1).strip())
    return titles


def _unknown_template(text: str, source: str) -> NotADisclosure:
    """A clear message for a document that has tables but fits no known template."""
    titles = _table_titles(text)
    known = "、".join(f"{p.name}（--profile {p.id}）" for p in profiles().values())
    if not titles:
        return NotADisclosure(
            f"{source} 不像是预决算公开文件：没有找到任何已知模板的表格标题（已知模板：{known}）。",
            f"{source} does not look like a budget disclosure: no table title of a known template was found.",
        )
    shown = "、".join(titles[:6]) + ("等" if len(titles) > 6 else "")
    return NotADisclosure(
        f"{source} 有 {len(titles)} 张表（{shown}），但不属于任何已知模板，暂不能审核。"
        f"已知模板：{known}。如果确属其中之一，请用 --profile 指定。",
        f"{source} has {len(titles)} table(s) but fits no known template, so it cannot be audited yet. "
        f"Known templates: {', '.join(profiles())}; if it is one of them, name it with --profile.",
    )


def read_text(
    text: str, source: str = "<text>", profile: str | None = None, allow_partial: bool = True, require_complete: bool = False
) -> Reading:
    """The text format → the model. A disclosure with tables missing is read all the same (the
    audit reports each missing table as COMPLETE-TABLE); ``require_complete`` refuses it instead
    (a model file about to be rendered). ``allow_partial`` is kept for callers of earlier
    versions and means nothing now. Input that is no disclosure at all (no table of the template
    and no 情况说明, or a review checklist) raises :class:`NotADisclosure`; more table rows or
    cells than :mod:`.budget` allows raises :class:`~yusuan.errors.TooLarge`, for every format."""
    _check_size(text, source)
    try:
        prof = get_profile(profile) if profile else detect_profile(text)
    except KeyError:
        known = "、".join(sorted(profiles()))
        raise InputError(
            f"没有名为 {profile} 的模板；已知模板：{known}。",
            f"no template named {profile}; known: {', '.join(sorted(profiles()))}.",
        ) from None
    if prof is None:
        _refuse_checklist(text.split("\n", 200)[:200], source)
        raise _unknown_template(text, source)
    raw = split_text(text, prof)
    if not raw.tables and not _has_narrative(raw.narrative_lines, len(raw.lines), source):
        raise NotADisclosure(
            f"{source} 不像是预决算公开文件：没有找到表格。如果表格在另一个文件中（如江苏的“情况说明”与“表格”分开发布），"
            "请把两个文件一起给出：yusuan check 情况说明.pdf 表格.pdf。",
            f"{source} does not look like a budget disclosure: no tables were found. If the tables are in another "
            "file (Jiangsu publishes the narrative and the tables apart), give both: yusuan check narrative.pdf tables.pdf.",
        )
    notes: list[ReadNote] = []
    tables: list[Table] = []
    perf: PerformanceTable | None = None
    for i, rt in enumerate(raw.tables):
        if rt.spec.layout == "performance":
            perf, n = recognize_performance(rt, i, source)
        else:
            t, n = recognize_table(rt, i, prof, source)
            tables.append(t)
            if t.type == "other":
                n = [
                    ReadNote(
                        rt.title_line,
                        "other",
                        f"表{i + 1}「{t.title}」不是模板「{prof.name}」中的表，按原样保留为通用表格（{len(t.rows)} 行），"
                        f"未做勾稽检查 / table {i + 1} ({t.title}) is not a table of template {prof.id}: "
                        f"kept as a generic grid ({len(t.rows)} rows), not checked",
                    ),
                    *n,
                ]
        notes.extend(n)
    found = {t.type for t in tables} | ({"performance_targets"} if perf is not None else set())
    missing = [s for s in prof.tables if s.type not in found and s.required]
    if tables and all(t.type == "other" for t in tables) and perf is None:
        _refuse_checklist(raw.lines, source)
        if not _has_narrative(raw.narrative_lines, len(raw.lines), source):
            raise _unknown_template(text, source)
    if profile and missing:
        other = detect_profile(text)
        theirs = {spec.type for rt in raw.tables if other is not None and (spec := other.match_title(rt.title)) is not None}
        if (
            other is not None
            and other.id != prof.id
            and len(theirs) > len(prof.tables) - len(missing)
            and 2 * len(theirs) >= len(other.tables)
        ):
            raise InputError(
                f"用模板 {prof.id} 只找到 {len(prof.tables) - len(missing)} 张表（共 {len(prof.tables)} 张）；"
                f"这份文件更像模板「{other.name}」（--profile {other.id}），或去掉 --profile 自动识别。",
                f"template {prof.id} finds only {len(prof.tables) - len(missing)} of its {len(prof.tables)} tables here; "
                f"the file looks like {other.id}: use --profile {other.id} or leave --profile out.",
            )
    if missing:
        names = "、".join(s.titles[0] for s in missing)
        if require_complete:
            raise IncompleteDocument(
                f"{source} 不完整：缺少 {len(missing)} 张表（{names}）。",
                f"{source} is incomplete: {len(missing)} table(s) missing ({', '.join(s.type for s in missing)}).",
            )
        notes.append(
            ReadNote(
                0,
                "missing",
                f"没有找到模板「{prof.name}」要求的 {len(missing)} 张表（{names}），其余部分照常审核"
                f"{'；表格可能在另一个文件中，请把情况说明和表格两个文件一起给出' if not tables else '；文件可能被截断，或表题与模板不同'}"
                f" / {len(missing)} table(s) of template {prof.id} not found ({', '.join(s.type for s in missing)}); "
                "the rest is audited",
            )
        )
    sections = read_sections(raw.narrative_lines, len(raw.lines), source)
    meta = _meta(raw.lines, raw.narrative_end, tables, prof, source)
    if meta.year is None or not meta.unit_name:  # a tables-only file: the year and body from the tables
        year = next((int(m.group(1)) for t in raw.tables if (m := _YEAR_IN_TITLE.match(t.title.strip("#* ")))), None)
        unit = next((t.unit_name.strip() for t in raw.tables if t.unit_name.strip()), "")
        meta = replace(meta, year=meta.year or year, unit_name=meta.unit_name or unit)
    if len(meta.unit_name) <= 3:  # "上海市普陀区2025年区级部门预算": the body is on the 编制部门 line
        unit = next((t.unit_name.strip() for t in raw.tables if t.unit_name.strip()), "")
        before_year = re.split(r"(?:19|20)\d{2}\s*年", meta.title, maxsplit=1)[0].strip()
        meta = replace(meta, unit_name=unit or (before_year if len(before_year) >= 4 else meta.unit_name))
    disclosure = Disclosure(
        meta,
        sections,
        tuple(tables),
        perf,
        tuple(t for _, t in raw.unknown_titles),
        _contents(raw.lines, raw.narrative_end, source),
    )
    return Reading(disclosure, tuple(notes))


def _check_size(text: str, source: str) -> None:
    """The document-wide limits on the text format (whatever reader made it): table rows and cells."""
    from .budget import MAX_CELLS, MAX_CHARS, MAX_ROWS, too_large

    if len(text) > MAX_CHARS:
        raise too_large(source, "文字字符数", "characters of text", MAX_CHARS)
    rows = sum(1 for line in text.split("\n") if "\t" in line)
    if rows > MAX_ROWS:
        raise too_large(source, "表格行数", "table rows", MAX_ROWS)
    if text.count("\t") + rows > MAX_CELLS:
        raise too_large(source, "表格单元格数", "table cells", MAX_CELLS)


_CHECKLIST_TITLE = re.compile(r"(公开情况|公开|审核|审查|自查|检查)[^\t]{0,12}(检查表|审核表|自查表|评分表|核查表)")
_CHECKLIST_HEADER = re.compile(r"符合要求|是否符合|检查内容|检查项目|审核意见|扣分")


def _checklist(lines: tuple[str, ...]) -> str:
    """The name a review checklist gives itself (…公开情况检查表), when its grid asks yes/no per
    item; else ""."""
    title = next((m.group(0) for line in lines[:40] if (m := _CHECKLIST_TITLE.search(line))), "")
    header = any(_CHECKLIST_HEADER.search(line) for line in lines[:80] if "\t" in line)
    return ("公开情况检查表" if "公开" in title else title or "检查表") if title and header else ""


def _refuse_checklist(lines: Sequence[str], source: str) -> None:
    checklist = _checklist(tuple(lines))
    if checklist:
        raise NotADisclosure(
            f"{source} 是一份{checklist}（逐项填写“符合要求 是/否”），不是预决算公开文件本身：请审核它所检查的公开文件。",
            f"{source} is a review checklist ({checklist}: item by item 符合要求 yes/no), not a disclosure: "
            "check the disclosure it reviews instead.",
        )


def _has_narrative(lines: Sequence[str], end: int, source: str) -> bool:
    """情况说明 is there: a section whose heading names a topic of the narrative (收支总体、三公…)."""
    from ..narrative.metrics import topic_of

    try:
        sections = read_sections(tuple(lines), end, source)
    except Exception:  # noqa: BLE001 - no narrative to speak of
        return False
    return sum(1 for s in sections if topic_of((s.title,))) >= 2


_CONTENTS = re.compile(r"^\s*目\s*录\s*$")
# dot leaders and a page number at the end of a 目录 line; possessive runs that start only where a
# run starts (the same matches as \s*[.．…·•\s]{3,}\s*\d*\s*$, which was polynomial on a long run of spaces)
_LEADERS = re.compile(r"(?<![.．…·•\s])[.．…·•\s]{3,}+\d*\s*$|(?<!\s)\s++\d{1,3}\s*$")


def _contents(lines: tuple[str, ...], end: int, source: str) -> tuple[tuple[str, Location], ...]:
    """The table titles listed by every 目录 before the tables (a document published as two files
    may have one in each), dot leaders and page numbers removed."""
    out: list[tuple[str, Location]] = []
    for start in (i for i in range(min(end, len(lines))) if _CONTENTS.match(lines[i])):
        out.extend(_one_contents(lines, start, end, source))
    return tuple(out)


_ENTRY_START = re.compile(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]|第[一二三四五六七八九十]+部分|序号|附件|表)")


def _one_contents(lines: tuple[str, ...], start: int, end: int, source: str) -> list[tuple[str, Location]]:
    """The table titles of the 目录 at ``start``: the lines after it up to the body (a paragraph,
    a heading the 目录 listed already, or the first table). An entry wrapped onto the next line
    (十一、一般公共预算“三公”经费、会议费、培训费支 / 出预算表) is one entry."""
    seen: set[str] = set()
    out: list[tuple[str, Location]] = []
    pending: tuple[str, int] | None = None  # an entry that does not end in 表 yet, and its line
    for i in range(start + 1, min(end, start + 80)):
        text = _LEADERS.sub("", lines[i]).strip()
        if not text:
            continue
        key = re.sub(r"\s+", "", text)
        if _CONTENTS.match(lines[i]):
            break  # the next 目录
        if pending is not None and not _ENTRY_START.match(key) and len(key) <= 20 and "\t" not in lines[i]:
            text, key, line = pending[0] + text, re.sub(r"\s+", "", pending[0]) + key, pending[1]
        else:
            line = i
        pending = None
        if len(key) > 60 or "\t" in lines[i] or key in seen:
            break  # the body begins
        seen.add(key)
        core = re.sub(r"^(?:[一二三四五六七八九十]+、|\d{1,2}[.．、]|序号)", "", key)
        if re.fullmatch(r"(?:\d{4}年度?)?(?:部门|单位)?(?:预算|决算)(?:公开)?(?:报)?表", core) or re.fullmatch(
            r"附件\d*[：:]?.{0,40}?\d{4}年度?(?:部门|单位)(?:预算|决算)(?:公开)?(?:报)?表", core
        ):
            continue  # a heading over the tables (五、部门预算表, 附件：XX单位2024年度单位预算表), not one of them
        if key.endswith("表") and not re.match(r"^第[一二三四五六七八九十]+部分", key):
            out.append((text, Location(line=line + 1, source=source)))
        elif _ENTRY_START.match(key) and not key.startswith("第"):
            pending = (text, i)
    return out


_YEAR_IN_TITLE = re.compile(r"^(?:[^\d]{0,8})?((?:19|20)\d{2})\s*年")
_TITLE = re.compile(
    r"(\d{4})\s*年度?\s*(.{1,60}?)(单位|部门)(预算|决算)"
)  # a body's name is short: .+? scanned to the end of the line from every year
_BARE_YEAR_TITLE = re.compile(r"^\d{4}\s*年度?\s*(?:单位|部门)(?:预算|决算)\s*$")
_BODY_LINE = re.compile(r"^[^\d\s：:，。]{4,40}$")
_TITLE_BODY_FIRST = re.compile(r"^[#*\s]*([^\d\s][^\d]{1,40}?)\s*(\d{4})\s*年度?\s*(单位|部门)(预算|决算)\s*$")
_DATE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")


def _meta(lines: tuple[str, ...], end: int, tables: list[Table], prof: Profile, source: str) -> Meta:
    title, year, unit_name, kind, scope = "", None, "", prof.kind, prof.scope
    for i, line in enumerate(lines[:end]):
        if line.strip("# *").endswith("表"):  # a table's title in the 目录, not the document's
            continue
        m = _TITLE_BODY_FIRST.search(line)
        if m:  # 上海市普陀区社会福利院2024年单位预算
            year, unit_name = int(m.group(2)), m.group(1).strip()
        elif m := _TITLE.search(line):
            year, unit_name = int(m.group(1)), m.group(2).strip()
        if m:
            title = line.strip("# *")
            before = next((x.strip("# *") for x in reversed(lines[max(0, i - 3) : i]) if x.strip()), "")
            if _BARE_YEAR_TITLE.match(title) and _BODY_LINE.match(before):  # the body on the line above
                unit_name, title = before, before + title
            scope = "unit" if m.group(3) == "单位" else "department"
            kind = "budget" if m.group(4) == "预算" else "final_account"
            break
    date = ""
    for line in lines[:end]:
        d = _DATE.match(line)
        if d:
            date = f"{int(d.group(1)):04d}-{int(d.group(2)):02d}-{int(d.group(3)):02d}"
    unit_code = ""
    for t in tables:
        for r in t.rows:
            if r.kind == "unit" and r.code:
                unit_code = r.code
                break
        if unit_code:
            break
    amount_unit = tables[0].unit if tables else prof.amount_unit
    return Meta(
        unit_name=unit_name,
        year=year,
        kind=kind,  # type: ignore[arg-type]
        scope=scope,  # type: ignore[arg-type]
        profile=prof.id,
        amount_unit=amount_unit,
        unit_code=unit_code,
        title=title,
        date=date,
        source=source,
    )
