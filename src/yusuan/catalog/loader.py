"""The catalog of 政府收支分类科目 keyed by edition year: data model, file format, loader.

A catalog edition is one or more CSV files (UTF-8, lines starting with ``#`` are comments)
with the header::

    edition,scheme,code,name,former,variants,gov_codes,provenance,note

Only ``code`` and ``name`` are required; the other columns may be missing or blank.

``edition``     the edition year of the entry (2024). Blank: the ``edition`` given to
                :func:`load_catalog`; a file that holds several editions is read one edition
                at a time (the newest unless asked).
``scheme``      ``function`` (支出功能分类, codes 2xx), ``dept_economic`` (部门预算支出经济分类,
                3xx) or ``gov_economic`` (政府预算支出经济分类, 5xx). Blank: from the first digit.
``code``        3 digits (类), 5 (款) or 7 (项, function only); digits only.
``name``        the name in this edition.
``former``      names of earlier editions, ``name@last-year-used`` separated by ``|``
                (``医疗卫生与计划生育支出@2018``).
``variants``    print variants that are not renames (``城乡社区事务``), separated by ``|``.
``gov_codes``   for a 部门 economic code, the 政府 economic codes it may be booked under
                (``50208|50502``: 机关 and 事业单位), separated by ``|``.
``provenance``  where the entry comes from, ``;``-separated (``observed:catalogs-csv@2024``,
                ``seed:henan-2024``, ``readme:catalogs``, ``knowledge``, ``official``).
                Blank: ``file:<file name>``.
``note``        free text.

The bundled editions live in ``editions/<year>/*.csv`` next to this module;
``editions.toml`` (one ``[[edition]]`` with ``year``, ``valid_from``, ``valid_to``) gives the
document years each applies to (the 2017 edition, the 支出经济分类 before its 2018 reform, applies to
2015–2017). A document is checked against the edition that covers its year
(:func:`edition_covering`); a year no edition covers gets the nearest one
(:func:`edition_for`), and the rules then treat a name disagreement as a doubt, not a defect.
A user loads the official edition of a later year from a file with ``load_catalog(path=...)``
(or ``yusuan check --catalog FILE``) without code changes; such a file is taken to apply to
the document it is given for.
"""

from __future__ import annotations

import csv
import io
import os
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from ..errors import YusuanError
from ..labels import catalog_key as name_key

__all__ = [
    "Catalog",
    "CatalogError",
    "Entry",
    "Scheme",
    "SCHEMES",
    "bundled_editions",
    "bundled_validity",
    "edition_covering",
    "edition_for",
    "load_catalog",
    "name_key",
]

Scheme = Literal["function", "dept_economic", "gov_economic"]
SCHEMES: tuple[Scheme, ...] = ("function", "dept_economic", "gov_economic")
_SCHEME_NAMED: dict[str, Scheme] = {s: s for s in SCHEMES}
SCHEME_ZH: Mapping[str, str] = MappingProxyType(
    {"function": "支出功能分类", "dept_economic": "部门预算支出经济分类", "gov_economic": "政府预算支出经济分类"}
)
SCHEME_EN: Mapping[str, str] = MappingProxyType(
    {
        "function": "function classification",
        "dept_economic": "department economic classification",
        "gov_economic": "government economic classification",
    }
)
_SCHEME_BY_DIGIT: Mapping[str, Scheme] = MappingProxyType({"2": "function", "3": "dept_economic", "5": "gov_economic"})
_LENGTHS: Mapping[str, tuple[int, ...]] = MappingProxyType(
    {"function": (3, 5, 7), "dept_economic": (3, 5), "gov_economic": (3, 5)}
)
LEVEL_ZH: Mapping[int, str] = MappingProxyType({3: "类", 5: "款", 7: "项"})
COLUMNS = ("edition", "scheme", "code", "name", "former", "variants", "gov_codes", "provenance", "note")


class CatalogError(YusuanError):
    """A catalog file that cannot be read (bad header, bad code, duplicate entry …)."""


def scheme_of(code: str) -> Scheme | None:
    """The scheme a code belongs to by its first digit, ``None`` for other codes."""
    return _SCHEME_BY_DIGIT.get(code[:1]) if code.isdigit() else None


def valid_lengths(scheme: Scheme) -> tuple[int, ...]:
    return _LENGTHS[scheme]


@dataclass(frozen=True, slots=True)
class Entry:
    """One code of one edition, with where it comes from."""

    scheme: Scheme
    code: str
    name: str
    edition: int
    provenance: tuple[str, ...]
    former: tuple[tuple[str, int], ...] = ()  # (name, last edition year that used it)
    variants: tuple[str, ...] = ()
    gov_codes: tuple[str, ...] = ()
    note: str = ""

    @property
    def level(self) -> str:
        """类, 款 or 项."""
        return LEVEL_ZH.get(len(self.code), "")

    @property
    def parent(self) -> str:
        """The code of the level above (``""`` for a 类)."""
        return self.code[:-2] if len(self.code) > 3 else ""

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants, *(n for n, _ in self.former))

    def former_until(self, name: str) -> int | None:
        """The last edition that used ``name`` if it is a former name of this code."""
        key = name_key(name)
        return next((until for n, until in self.former if name_key(n) == key), None)

    def accepts(self, name: str) -> bool:
        """``name`` is this edition's name or a print variant of it."""
        key = name_key(name)
        return key in {name_key(n) for n in (self.name, *self.variants)}


@dataclass(frozen=True, slots=True)
class Catalog:
    """One edition of the catalog: immutable, looked up by code and by name."""

    edition: int
    source: str  # "bundled" or the path of the file the user gave
    entries: Mapping[str, Entry] = field(repr=False)
    _by_name: Mapping[str, tuple[Entry, ...]] = field(repr=False, compare=False)
    valid: tuple[int, int] | None = None  # the document years a bundled edition applies to

    def covers(self, year: int | None) -> bool:
        """The edition is known to apply to documents of ``year`` (never for an unknown year)."""
        return year is not None and self.valid is not None and self.valid[0] <= year <= self.valid[1]

    @property
    def valid_zh(self) -> str:
        """``2015–2017 年`` (``""`` when the range is not known)."""
        if self.valid is None:
            return ""
        a, b = self.valid
        return f"{a} 年" if a == b else f"{a}–{b} 年"

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __contains__(self, code: object) -> bool:
        return code in self.entries

    def get(self, code: str) -> Entry | None:
        return self.entries.get(code)

    def by_name(self, name: str, scheme: Scheme | None = None) -> tuple[Entry, ...]:
        """Entries whose current name, variant or former name is ``name``."""
        hits = self._by_name.get(name_key(name), ())
        return tuple(e for e in hits if scheme is None or e.scheme == scheme)

    def children(self, code: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries.values() if e.parent == code)

    def crosswalk(self, dept_code: str) -> tuple[str, ...]:
        """The 政府 economic codes (款, or 类 when only the class is known) a 部门 code maps to."""
        e = self.entries.get(dept_code)
        if e is not None and e.gov_codes:
            return e.gov_codes
        if len(dept_code) == 5:
            c = self.entries.get(dept_code[:3])
            if c is not None:
                return c.gov_codes
        return ()

    def count(self, scheme: Scheme, length: int) -> int:
        return sum(1 for e in self.entries.values() if e.scheme == scheme and len(e.code) == length)

    @property
    def label(self) -> str:
        return f"{self.edition}" if self.source == "bundled" else f"{self.edition} ({self.source})"


# ---------------------------------------------------------------- reading


def _split(value: str, sep: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split(sep) if p.strip())


def _err(where: str, zh: str, en: str) -> CatalogError:
    return CatalogError(f"分类科目文件 {where}：{zh}", f"catalog file {where}: {en}")


def _rows(text: str, where: str) -> Iterator[tuple[int, dict[str, str]]]:
    lines = [(i, ln) for i, ln in enumerate(text.splitlines(), 1) if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise _err(where, "文件为空，没有科目。", "the file holds no entries.")
    reader = csv.reader(io.StringIO("\n".join(ln for _, ln in lines)))
    header = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
    missing = [c for c in ("code", "name") if c not in header]
    if missing:
        raise _err(
            where,
            f"第 {lines[0][0]} 行表头缺少列 {', '.join(missing)}（应为 {','.join(COLUMNS)}）。",
            f"line {lines[0][0]}: the header lacks {', '.join(missing)} (expected {','.join(COLUMNS)}).",
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise _err(where, f"表头有未知列 {', '.join(unknown)}。", f"unknown column(s) {', '.join(unknown)} in the header.")
    try:
        records = list(reader)
    except csv.Error as exc:
        raise _err(where, f"CSV 格式错误：{exc}。", f"malformed CSV: {exc}.") from None
    for (lineno, _), values in zip(lines[1:], records, strict=False):
        if len(values) > len(header):
            raise _err(where, f"第 {lineno} 行的列数多于表头。", f"line {lineno} has more fields than the header.")
        yield lineno, {h: v.strip() for h, v in zip(header, values, strict=False)}


def _entry(row: dict[str, str], lineno: int, where: str, default_edition: int | None, file_label: str) -> Entry:
    code = row.get("code", "")
    name = row.get("name", "")
    if not code.isdigit():
        raise _err(where, f"第 {lineno} 行编码「{code}」不是数字。", f"line {lineno}: code {code!r} is not digits.")
    if not name:
        raise _err(where, f"第 {lineno} 行编码 {code} 没有名称。", f"line {lineno}: code {code} has no name.")
    scheme_text = row.get("scheme", "") or (scheme_of(code) or "")
    scheme = _SCHEME_NAMED.get(scheme_text)  # a lookup, not a narrowing the type checkers disagree on
    if scheme is None:
        raise _err(
            where,
            f"第 {lineno} 行编码 {code} 的分类「{scheme_text}」无法识别（应为 {'、'.join(SCHEMES)}）。",
            f"line {lineno}: scheme {scheme_text!r} of {code} is not one of {', '.join(SCHEMES)}.",
        )
    if len(code) not in _LENGTHS[scheme]:
        raise _err(
            where,
            f"第 {lineno} 行编码 {code} 位数不对（{SCHEME_ZH[scheme]}编码应为 {'、'.join(map(str, _LENGTHS[scheme]))} 位）。",
            f"line {lineno}: code {code} has {len(code)} digits ({scheme} codes have {_LENGTHS[scheme]}).",
        )
    ed_text = row.get("edition", "")
    if ed_text:
        if not (ed_text.isdigit() and len(ed_text) == 4):
            raise _err(
                where, f"第 {lineno} 行版本年份「{ed_text}」不是四位年份。", f"line {lineno}: edition {ed_text!r} is not a year."
            )
        edition = int(ed_text)
    elif default_edition is not None:
        edition = default_edition
    else:
        raise _err(
            where,
            f"第 {lineno} 行没有版本年份：请填写 edition 列，或在加载时指定版本。",
            f"line {lineno}: no edition; fill the edition column or pass the edition when loading.",
        )
    former: list[tuple[str, int]] = []
    for item in _split(row.get("former", ""), "|"):
        fname, _, until = item.rpartition("@")
        if not fname or not (until.isdigit() and len(until) == 4):
            raise _err(
                where,
                f"第 {lineno} 行曾用名「{item}」格式应为「名称@最后使用年份」。",
                f"line {lineno}: former name {item!r} must be written name@last-year.",
            )
        former.append((fname, int(until)))
    gov = _split(row.get("gov_codes", ""), "|")
    bad = [g for g in gov if not (g.isdigit() and scheme_of(g) == "gov_economic" and len(g) in (3, 5))]
    if bad or (gov and scheme != "dept_economic"):
        raise _err(
            where,
            f"第 {lineno} 行对照的政府经济分类编码「{'|'.join(gov)}」无效（只有部门经济分类编码可对照 5 开头的 3 或 5 位编码）。",
            f"line {lineno}: gov_codes {'|'.join(gov)!r} invalid (only dept economic codes map to 3- or 5-digit 5xx codes).",
        )
    return Entry(
        scheme=scheme,
        code=code,
        name=name,
        edition=edition,
        provenance=_split(row.get("provenance", ""), ";") or (file_label,),
        former=tuple(former),
        variants=_split(row.get("variants", ""), "|"),
        gov_codes=gov,
        note=row.get("note", ""),
    )


def _read_entries(files: list[tuple[str, str]], default_edition: int | None) -> list[Entry]:
    out: list[Entry] = []
    for where, text in files:
        label = f"file:{Path(where).name}"
        for lineno, row in _rows(text, where):
            out.append(_entry(row, lineno, where, default_edition, label))
    return out


def _build(entries: list[Entry], edition: int | None, source: str, valid: tuple[int, int] | None = None) -> Catalog:
    years = sorted({e.edition for e in entries})
    if not years:
        raise CatalogError(
            f"分类科目 {source} 中没有任何条目（只有表头？）。", f"catalog {source} holds no entry (a header only?)."
        )
    chosen = edition if edition is not None else years[-1]
    if chosen not in years:
        raise CatalogError(
            f"分类科目 {source} 中没有 {chosen} 年版（有：{'、'.join(map(str, years))}）。",
            f"catalog {source} has no {chosen} edition (it has {', '.join(map(str, years))}).",
        )
    by_code: dict[str, Entry] = {}
    for e in entries:
        if e.edition != chosen:
            continue
        if e.code in by_code:
            raise CatalogError(
                f"分类科目 {source} 的 {chosen} 年版中编码 {e.code} 出现了两次。",
                f"catalog {source}, edition {chosen}: code {e.code} is listed twice.",
            )
        by_code[e.code] = e
    by_name: dict[str, list[Entry]] = {}
    for e in by_code.values():
        for n in e.names():
            lst = by_name.setdefault(name_key(n), [])
            if e not in lst:
                lst.append(e)
    return Catalog(
        chosen,
        source,
        MappingProxyType(dict(sorted(by_code.items()))),
        MappingProxyType({k: tuple(v) for k, v in by_name.items()}),
        valid,
    )


def _editions_dir() -> Traversable:
    return resources.files(__package__).joinpath("editions")


@cache
def bundled_editions() -> tuple[int, ...]:
    """The edition years shipped with yusuan, oldest first."""
    return tuple(sorted(int(p.name) for p in _editions_dir().iterdir() if p.name.isdigit()))


@cache
def bundled_validity() -> Mapping[int, tuple[int, int]]:
    """Edition -> (first, last) document year it applies to, from ``editions.toml``.

    An edition the file does not list applies from its own year to the year before the next
    edition (the newest: to its own year)."""
    eds = bundled_editions()
    listed: dict[int, tuple[int, int]] = {}
    f = resources.files(__package__).joinpath("editions.toml")
    if f.is_file():
        for item in tomllib.loads(f.read_text("utf-8")).get("edition", []):
            try:
                listed[int(item["year"])] = (int(item["valid_from"]), int(item["valid_to"]))
            except (KeyError, TypeError, ValueError):
                raise CatalogError(
                    f"内置分类科目版本表 editions.toml 有误：{item}。",
                    f"the bundled editions table editions.toml is malformed: {item}.",
                ) from None
    out: dict[int, tuple[int, int]] = {}
    for i, ed in enumerate(eds):
        out[ed] = listed.get(ed, (ed, eds[i + 1] - 1 if i + 1 < len(eds) else ed))
    return MappingProxyType(out)


def edition_covering(year: int | None) -> int | None:
    """The bundled edition that applies to documents of ``year``; ``None`` when none does."""
    if year is None:
        return None
    return next((ed for ed, (a, b) in bundled_validity().items() if a <= year <= b), None)


def edition_for(year: int | None, editions: tuple[int, ...] | None = None) -> int:
    """The edition to check a document of ``year`` against: the bundled edition covering the
    year, else the nearest (the oldest before them all, the newest after them or when the year
    is unknown). With ``editions``: the newest of them not later than ``year``."""
    if editions is None:
        covering = edition_covering(year)
        if covering is not None:
            return covering
        valid = bundled_validity()
        eds = bundled_editions()
        if year is None:
            return eds[-1]
        fit = [e for e in eds if valid[e][0] <= year]
        return fit[-1] if fit else eds[0]
    if year is None:
        return editions[-1]
    fit = [e for e in editions if e <= year]
    return fit[-1] if fit else editions[0]


@cache
def _bundled(edition: int) -> Catalog:
    folder = _editions_dir().joinpath(str(edition))
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".csv")), key=lambda p: p.name)
    entries = _read_entries([(f"editions/{edition}/{p.name}", p.read_text("utf-8")) for p in files], edition)
    return _build(entries, edition, "bundled", bundled_validity().get(edition))


_MAX_CATALOG = 50 * 1024 * 1024


def _read_regular(path: Path) -> bytes:
    """A catalog file's bytes: a regular file only (a FIFO named x.csv would block), at most
    the limit (a device would never end)."""
    import stat

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO must not wait for a writer
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CatalogError(f"分类科目文件 {path} 不是普通文件。", f"catalog file {path} is not a regular file.")
        data = fh.read(_MAX_CATALOG + 1)
    if len(data) > _MAX_CATALOG:
        raise CatalogError(
            f"分类科目文件 {path} 过大（上限 {_MAX_CATALOG} 字节）。",
            f"catalog file {path} is too large (limit {_MAX_CATALOG} bytes).",
        )
    return data


def load_catalog(edition: int | None = None, path: str | Path | None = None) -> Catalog:
    """Load one edition of the catalog.

    Without ``path``: a bundled edition, ``edition`` by default the newest (use
    :func:`edition_for` to pick the edition for a document year). With ``path`` (a CSV file
    or a directory of CSV files in the format above): that file's edition ``edition``, or
    its newest when ``edition`` is ``None``.
    """
    if path is None:
        eds = bundled_editions()
        chosen = edition if edition is not None else eds[-1]
        if chosen not in eds:
            raise CatalogError(
                f"没有内置的 {chosen} 年版分类科目（内置：{'、'.join(map(str, eds))}）。可用 --catalog 指定文件。",
                f"no bundled {chosen} edition (bundled: {', '.join(map(str, eds))}); load a file with --catalog.",
            )
        return _bundled(chosen)
    p = Path(path)
    try:
        if p.is_dir():
            targets = sorted(p.glob("*.csv"))
            if not targets:
                raise CatalogError(f"目录 {p} 中没有 .csv 分类科目文件。", f"directory {p} holds no .csv catalog file.")
        elif p.is_file():
            targets = [p]
        else:
            raise CatalogError(f"找不到分类科目文件 {p}。", f"catalog file {p} does not exist.")
    except OSError as exc:  # a name too long, a symlink loop
        raise CatalogError(
            f"无法读取分类科目文件 {p}：{exc.strerror}。", f"cannot read catalog file {p}: {exc.strerror}."
        ) from None
    files: list[tuple[str, str]] = []
    for t in targets:
        try:
            data = _read_regular(t)
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise CatalogError(
                    f"分类科目文件 {t} 不是 UTF-8 或 GB18030 编码的文本。", f"catalog file {t} is not UTF-8 or GB18030 text."
                ) from None
        except OSError as exc:
            raise CatalogError(
                f"无法读取分类科目文件 {t}：{exc.strerror}。", f"cannot read catalog file {t}: {exc.strerror}."
            ) from None
        files.append((str(t), text))
    return _build(_read_entries(files, edition), edition, str(p))
