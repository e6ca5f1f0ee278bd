"""The ``yusuan`` command: a thin layer over the API.

Exit codes: 0 no errors; 1 errors found; 2 the input could not be read.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import Reading, example_path, read, read_files
from .api import audit
from .catalog import Catalog, CatalogError, bundled_editions, edition_for, load_catalog
from .catalog.loader import LEVEL_ZH, SCHEME_ZH, SCHEMES
from .checks import RULES
from .errors import YusuanError
from .report.writers import to_json, to_text
from .serialize import disclosure_json

app = typer.Typer(add_completion=False, no_args_is_help=True, help="yusuan 预算：预决算公开文件的读取与审核 / read and audit budget disclosures")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


class ExtractFormat(StrEnum):
    json = "json"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _read(file: Path | list[Path] | None, lang: Lang, profile: str | None, allow_partial: bool) -> Reading:
    """Read FILE (or the embedded example; two files are one document: narrative, then
    tables); an unreadable input exits 2 with a message."""
    files = file if isinstance(file, list) else [file] if file is not None else []
    if len(files) > 2:
        sys.stderr.write(
            ("错误：" if lang == Lang.zh else "error: ")
            + ("最多两个文件（情况说明、表格）。" if lang == Lang.zh else "at most two files (narrative, tables).")
            + "\n"
        )
        raise typer.Exit(2)
    try:
        if len(files) == 2:
            return read_files(files, profile=profile, allow_partial=allow_partial)
        return read(files[0] if files else example_path(), profile=profile, allow_partial=allow_partial)
    except YusuanError as err:
        sys.stderr.write(("错误：" if lang == Lang.zh else "error: ") + err.message(lang.value) + "\n")
        raise typer.Exit(2) from None


@app.command()
def check(
    file: Annotated[
        list[Path] | None,
        typer.Argument(
            help="文件；两个文件（情况说明、表格）合为一份；省略时审核内置示例 / file; two files (narrative, tables) are one document; the embedded example if omitted"
        ),
    ] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text | json")] = CheckFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help="强制指定模板 / force a template")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", help="缺表时仍审核 / audit a document with tables missing")] = False,
    previous: Annotated[
        list[Path] | None,
        typer.Option(
            "--previous",
            help="上年同一单位的文件（分两个文件发布时给两次）/ last year's document, for year-over-year checks (twice for two files)",
        ),
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="只报告这些规则代码、前缀或标签 / only these codes, prefixes or tags")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="不报告这些规则代码、前缀或标签 / hide these")] = None,
    catalog: Annotated[
        Path | None,
        typer.Option("--catalog", help="分类科目文件（CSV）或目录，代替内置版本 / catalog CSV file or directory instead of the bundled edition"),
    ] = None,
) -> None:
    """审核一份预决算公开文件 / audit a disclosure."""
    cat = _catalog(catalog, None, lang) if catalog is not None else None
    reading = _read(file, lang, profile, allow_partial)
    prev = _read(previous, lang, profile, True).disclosure if previous else None
    notes = [f"{n.line}: {n.text}" for n in reading.notes]
    report = audit(reading.disclosure, previous=prev, select=_split(select), ignore=_split(ignore), notes=notes, catalog=cat)
    if format == CheckFormat.json:
        _out(to_json(report))
    else:
        _out(to_text(report, lang.value))
    raise typer.Exit(1 if report.errors else 0)


def _split(values: list[str] | None) -> list[str]:
    """``--select A,B --select C`` → [A, B, C]."""
    return [p.strip() for v in values or () for p in v.split(",") if p.strip()]


@app.command()
def extract(
    file: Annotated[
        list[Path] | None,
        typer.Argument(help="文件；两个文件（情况说明、表格）合为一份；省略时用内置示例 / file(s); the embedded example if omitted"),
    ] = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json")] = ExtractFormat.json,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial")] = False,
) -> None:
    """把文件读成模型并输出 JSON / print the model as JSON."""
    reading = _read(file, lang, profile, allow_partial)
    _out(disclosure_json(reading.disclosure))


@app.command()
def layout(
    file: Annotated[Path, typer.Argument(help="文件 / file")],
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """调试：显示读取器生成的文本格式，每行前为页码 / debug: print the reader's text format, page number first."""
    from .ingest import layout_file

    try:
        lay = layout_file(file)
    except YusuanError as err:
        sys.stderr.write(("错误：" if lang == Lang.zh else "error: ") + err.message(lang.value) + "\n")
        raise typer.Exit(2) from None
    _out("\n".join(f"p{'-' if page is None else page}\t{line}" for line, page in zip(lay.lines, lay.pages, strict=True)))
    for note in lay.notes:
        sys.stderr.write(note + "\n")


@app.command()
def rules() -> None:
    """列出全部审核规则 / list the rules."""
    for r in RULES:
        _out(f"{r.code:<26} {r.severity:<8} {r.title} / {r.title_en}  例：{r.example}")


def _catalog(path: Path | None, edition: int | None, lang: Lang) -> Catalog:
    """Load a catalog; a file that cannot be read exits 2 with a message."""
    try:
        return load_catalog(edition, path)
    except CatalogError as err:
        sys.stderr.write(("错误：" if lang == Lang.zh else "error: ") + err.message(lang.value) + "\n")
        raise typer.Exit(2) from None


def _entry_lines(cat: Catalog, code: str) -> list[str]:
    e = cat.get(code)
    if e is None:
        return []
    chain = []
    for n in (3, 5):
        p = cat.get(code[:n]) if len(code) > n else None
        if p is not None:
            chain.append(f"{p.code} {p.name}")
    lines = [f"{e.code}  {e.name}", f"  分类 scheme:      {SCHEME_ZH[e.scheme]} ({e.scheme}), {e.level}", f"  版本 edition:     {e.edition}"]
    if chain:
        lines.append(f"  上级 parents:     {' > '.join(chain)}")
    lines.append(f"  来源 provenance:  {'; '.join(e.provenance)}")
    if e.former:
        lines.append(f"  曾用名 former:    {'; '.join(f'{n}（至 {u} 年版 / until {u}）' for n, u in e.former)}")
    if e.variants:
        lines.append(f"  印刷变体 variants: {'; '.join(e.variants)}")
    if e.gov_codes:
        govs = [f"{g} {cat.get(g).name}" if cat.get(g) else g for g in e.gov_codes]  # type: ignore[union-attr]
        lines.append(f"  对应政府经济分类 crosswalk: {'; '.join(govs)}")
    kids = cat.children(code)
    if kids:
        lines.append(f"  下级 children:    {len(kids)}（{'、'.join(k.code for k in kids[:8])}{' …' if len(kids) > 8 else ''}）")
    if e.note:
        lines.append(f"  备注 note:        {e.note}")
    return lines


@app.command("catalog")
def catalog_cmd(
    code: Annotated[str | None, typer.Argument(help="编码或名称；省略时列出概况 / code or name; a summary if omitted")] = None,
    edition: Annotated[int | None, typer.Option("--edition", help="版本年份 / edition year")] = None,
    year: Annotated[int | None, typer.Option("--year", help="按文件年度选版本 / pick the edition for a document year")] = None,
    catalog: Annotated[Path | None, typer.Option("--catalog", help="分类科目文件或目录 / catalog file or directory")] = None,
    list_all: Annotated[bool, typer.Option("--list", help="列出全部条目 / list every entry")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """查看政府收支分类科目目录及来源 / show catalog entries with their provenance."""
    if edition is None and year is not None and catalog is None:
        edition = edition_for(year)
    cat = _catalog(catalog, edition, lang)
    if code is None:
        src = "内置 bundled" if cat.source == "bundled" else cat.source
        _out(f"政府收支分类科目 {cat.edition} 年版（{src}），共 {len(cat)} 条 / catalog edition {cat.edition}, {len(cat)} entries")
        if cat.source == "bundled":
            _out(f"内置版本 bundled editions: {', '.join(map(str, bundled_editions()))}")
        for s in SCHEMES:
            counts = "  ".join(f"{LEVEL_ZH[n]} {cat.count(s, n)}" for n in (3, 5, 7) if s == "function" or n < 7)
            _out(f"  {SCHEME_ZH[s]} ({s}): {counts}")
        if list_all:
            for e in cat:
                _out(f"{e.code}\t{e.name}\t{'; '.join(e.provenance)}")
        raise typer.Exit(0)
    key = code.strip()
    if key.isdigit():
        lines = _entry_lines(cat, key)
    else:
        lines = [ln for e in cat.by_name(key) for ln in _entry_lines(cat, e.code)]
    if not lines:
        _out(
            f"「{key}」不在 {cat.edition} 年版分类科目目录中（目录收录不全）。"
            if lang == Lang.zh
            else f"{key} is not in catalog edition {cat.edition} (the catalog is partial)."
        )
        raise typer.Exit(1)
    _out("\n".join(lines))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
