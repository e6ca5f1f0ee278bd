"""The ``yusuan`` command: a thin layer over the API.

Exit codes: 0 no errors; 1 errors found; 2 the input could not be read.
"""

from __future__ import annotations

import contextlib
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import Reading, example_path, read, read_files
from .api import audit
from .catalog import Catalog, CatalogError, bundled_editions, edition_for, load_catalog
from .catalog.loader import LEVEL_ZH, SCHEME_ZH, SCHEMES
from .checks import CODES, CodeInfo
from .errors import InputError, OutputError, YusuanError
from .modelfile import MODEL_SUFFIXES
from .report.baseline import make_baseline, read_baseline
from .report.csvout import to_csv
from .report.html import to_html
from .report.output import write_atomic
from .report.writers import to_json, to_text
from .serialize import disclosure_json

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="yusuan 预算：预决算公开文件的读取与审核 / read and audit budget disclosures")


def _version(value: bool) -> None:
    if value:
        from . import __version__
        from .checks import RULESET_VERSION

        sys.stdout.write(f"yusuan {__version__}（规则集 / ruleset {RULESET_VERSION}）\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version")] = False,
) -> None:
    """yusuan 预算：预决算公开文件的读取与审核 / read and audit budget disclosures"""


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"
    csv = "csv"


class ExtractFormat(StrEnum):
    json = "json"
    yaml = "yaml"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _fail(err: YusuanError, lang: Lang) -> typer.Exit:
    sys.stderr.write(("错误：" if lang == Lang.zh else "error: ") + err.message(lang.value) + "\n")
    return typer.Exit(2)


def _read(file: Path | list[Path] | None, lang: Lang, profile: str | None, allow_partial: bool, compose: bool | None = None) -> Reading:
    """Read FILE (or the embedded example; two files are one document: narrative, then
    tables); an unreadable input exits 2 with a message."""
    files = file if isinstance(file, list) else [file] if file is not None else []
    if len(files) > 2:
        raise _fail(InputError("最多两个文件（情况说明、表格）。", "at most two files (narrative, tables)."), lang)
    try:
        if len(files) == 2:
            return read_files(files, profile=profile, allow_partial=allow_partial)
        if files and files[0].suffix.lower() in MODEL_SUFFIXES:
            return _read_model(files[0], allow_partial, compose)
        return read(files[0] if files else example_path(), profile=profile, allow_partial=allow_partial)
    except YusuanError as err:
        raise _fail(err, lang) from None


@app.command()
def check(
    file: Annotated[
        list[Path] | None,
        typer.Argument(
            help="文件；两个文件（情况说明、表格）合为一份；省略时审核内置示例 / file; two files (narrative, tables) are one document; the embedded example if omitted"
        ),
    ] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text | json | html | csv")] = CheckFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help="强制指定模板 / force a template")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", hidden=True, help="不再需要：缺表的文件照常审核 / no longer needed")] = False,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="把报告写入文件（不覆盖已有文件）/ write the report to a file (never over an existing one)")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", "--force", help="允许覆盖 -o 或 --write-baseline 的已有文件 / replace an existing output file")
    ] = False,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="隐藏基线文件中已接受的结果 / hide the findings accepted in this baseline file")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="把当前结果写成基线文件后退出 / write the current findings as a baseline and exit")
    ] = None,
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
    if write_baseline is not None and output is not None:
        sys.stderr.write("错误：--write-baseline 只写基线文件，不能与 -o 同时使用。\nerror: --write-baseline writes only the baseline; do not combine it with -o.\n")
        raise typer.Exit(2)
    unknown = _unknown_patterns(_split(select) + _split(ignore))
    if unknown:
        for p, close in unknown:
            hint = "、".join(close)
            sys.stderr.write(
                f"错误：--select/--ignore 中的 {p} 不是已知的规则代码、前缀或标签"
                + (f"；是否指 {hint}？" if close else "；用 yusuan rules 查看全部代码。")
                + f"\nerror: {p} in --select/--ignore is no known code, prefix or tag"
                + (f"; did you mean {', '.join(close)}?" if close else "; `yusuan rules` lists them all.")
                + "\n"
            )
        raise typer.Exit(2)
    cat = _catalog(catalog, None, lang) if catalog is not None else None
    reading = _read(file, lang, profile, True)  # a table missing is a finding (COMPLETE-TABLE), never a refusal
    prev = _read(previous, lang, profile, True).disclosure if previous else None
    if prev is not None:
        _warn_previous(reading.disclosure.meta, prev.meta)
    notes = [f"{n.line}: {n.text}" for n in reading.notes]
    inputs = tuple([*(file or [example_path()]), *(previous or []), *(p for p in (baseline, catalog) if p is not None)])
    try:
        accepted = read_baseline(baseline) if baseline is not None and write_baseline is None else None
        report = audit(
            reading.disclosure, previous=prev, select=_split(select), ignore=_split(ignore), notes=notes, baseline=accepted, catalog=cat
        )
        if write_baseline is not None:
            text = make_baseline(report.findings, reading.disclosure.meta.source, report.ruleset)
            write_atomic(write_baseline, text.encode("utf-8"), overwrite=overwrite, protect=inputs)
            sys.stderr.write(
                f"已将 {len(report.findings)} 个结果写入基线 {write_baseline}\n"
                if lang == Lang.zh
                else f"wrote {len(report.findings)} findings to the baseline {write_baseline}\n"
            )
            raise typer.Exit(0)
        if format == CheckFormat.json:
            rendered = to_json(report)
        elif format == CheckFormat.html:
            rendered = to_html(report, lang.value)
        elif format == CheckFormat.csv:
            rendered = to_csv(report)
        else:
            rendered = to_text(report, lang.value)
        if not rendered.endswith("\n"):
            rendered += "\n"
        if output is not None:
            write_atomic(output, rendered.encode("utf-8"), overwrite=overwrite, protect=inputs)
            sys.stderr.write(f"报告已写入 {output}\n" if lang == Lang.zh else f"report written to {output}\n")
        else:
            _out(rendered)
    except YusuanError as err:
        raise _fail(err, lang) from None
    raise typer.Exit(1 if report.errors else 0)


def _warn_previous(meta: object, prev: object) -> None:
    """--previous should be last year's document of the same body: say so when it is not (the
    year-over-year checks then compare unrelated figures)."""
    import re

    year, pyear = getattr(meta, "year", None), getattr(prev, "year", None)
    unit = re.sub(r"\s+", "", getattr(meta, "unit_name", "") or "")
    punit = re.sub(r"\s+", "", getattr(prev, "unit_name", "") or "")
    if year and pyear and pyear >= year:
        sys.stderr.write(
            f"警告：--previous 给出的文件是 {pyear} 年的，不早于本文件的 {year} 年；同比核对的结果没有意义。\n"
            f"warning: the --previous document is of {pyear}, not earlier than this one ({year}); the year-over-year checks mean nothing.\n"
        )
    if len(unit) >= 4 and len(punit) >= 4 and unit not in punit and punit not in unit:
        sys.stderr.write(
            f"警告：--previous 给出的文件属于「{punit}」，本文件属于「{unit}」；同比核对可能在比较不同单位。\n"
            f"warning: the --previous document is of {punit}, this one of {unit}; the year-over-year checks may compare different bodies.\n"
        )


def _split(values: list[str] | None) -> list[str]:
    """``--select A,B --select C`` → [A, B, C]."""
    return [p.strip() for v in values or () for p in v.split(",") if p.strip()]


def _unknown_patterns(patterns: list[str]) -> list[tuple[str, list[str]]]:
    """The --select/--ignore patterns that name no code, prefix or tag (a misspelt code would
    select nothing and exit 0), each with the closest known names."""
    import difflib

    tags = {t for c in CODES.values() for t in c.tags} | {"reading-doubt"}
    prefixes = {c.code.split("-")[0] for c in CODES.values()}
    known = sorted(set(CODES) | tags | prefixes)
    out = []
    for p in patterns:
        stem = p.rstrip("*").rstrip("-")
        if p in CODES or p in tags or any(code.startswith(stem + "-") for code in CODES):
            continue
        out.append((p, difflib.get_close_matches(p.upper() if p.upper() in CODES or "-" in p else p, known, n=3, cutoff=0.5)))
    return out


@app.command()
def extract(
    file: Annotated[
        list[Path] | None,
        typer.Argument(help="文件；两个文件（情况说明、表格）合为一份；省略时用内置示例 / file(s); the embedded example if omitted"),
    ] = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json | yaml（可手工修改后 render 的模型文件 / the model file that render reads）")] = ExtractFormat.json,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", hidden=True, help="不再需要 / no longer needed")] = False,
) -> None:
    """把文件读成模型并输出 JSON 或 YAML / print the model as JSON or YAML."""
    reading = _read(file, lang, profile, True)
    if format == ExtractFormat.yaml:
        from .modelfile import model_yaml

        _out(model_yaml(reading.disclosure))
        return
    _out(disclosure_json(reading.disclosure))


_OUTPUT_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".txt": "txt"}


def _read_model(file: Path, allow_partial: bool, compose: bool | None = False) -> Reading:
    from .ingest import load_file
    from .modelfile import load_model

    data, _ = load_file(file)
    fmt = "json" if file.suffix.lower() == ".json" else "yaml"
    return load_model(data, str(file), fmt, allow_partial=allow_partial, compose=compose)


@app.command()
def render(
    file: Annotated[Path, typer.Argument(help="模型文件（.yaml/.json）或任一可读的公开文件 / a model file or any readable disclosure")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件：.docx .pdf .html .xlsx .txt / the output file")],
    force: Annotated[bool, typer.Option("--force", help="审核有错误时仍然写出 / write even if the audit finds errors")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="允许覆盖已有文件 / replace an existing output file")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile")] = None,
    allow_partial: Annotated[
        bool, typer.Option("--allow-partial", help="模型文件缺表时仍写出 / write a model file that lacks required tables")
    ] = False,
    compose_narrative: Annotated[bool, typer.Option(
        "--compose-narrative", help="由表格数据、上年数和变动原因生成情况说明（模型文件无 narrative 时自动生成）/ compose 情况说明 from the data")] = False,
) -> None:
    """生成公开文件（DOCX/PDF/HTML/XLSX）；审核不通过时拒绝写出 / write a disclosure document; refused if the audit finds errors."""
    from .render import render as render_document

    exists = OutputError(f"输出文件已存在：{output}（如需覆盖请加 --overwrite）", f"the output exists: {output} (add --overwrite to replace it)")
    fmt = _OUTPUT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise _fail(OutputError(f"无法从文件名判断输出格式：{output}（请用 .docx、.pdf、.html、.xlsx 或 .txt）",
                                f"cannot tell the output format from {output} (use .docx, .pdf, .html, .xlsx or .txt)"), lang)
    if output.exists() and not overwrite:
        raise _fail(exists, lang)
    if not output.parent.is_dir():
        raise _fail(OutputError(f"输出目录不存在：{output.parent}", f"the output folder does not exist: {output.parent}"), lang)
    if compose_narrative and file.suffix.lower() not in MODEL_SUFFIXES:
        raise _fail(OutputError(f"--compose-narrative 需要模型文件（.yaml/.json，含上年数和变动原因）：{file}",
                                f"--compose-narrative needs a model file (.yaml/.json with last year's figures and the reasons): {file}"), lang)
    reading = _read(file, lang, profile, allow_partial, True if compose_narrative else None)
    for note in reading.notes:
        if note.table == "compose":  # what the composer left out
            sys.stderr.write(f"注意：{note.text}\n")
    report = audit(reading.disclosure)
    errors = [f for f in report.findings if f.severity == "error"]
    if errors and not force:
        _out(to_text(report, lang.value))
        sys.stderr.write(
            f"未写出：审核发现 {len(errors)} 个错误，请先改正（或加 --force 强制写出）。\n"
            f"not written: the audit found {len(errors)} error(s); fix them first (or add --force).\n"
        )
        raise typer.Exit(1)
    try:
        data = render_document(reading.disclosure, fmt)
        write_atomic(output, data, overwrite=overwrite, protect=(file,))
    except FileExistsError:
        raise _fail(exists, lang) from None
    except OSError as err:
        raise _fail(OutputError(f"无法写入 {output}：{err.strerror or err}", f"cannot write {output}: {err}"), lang) from None
    except YusuanError as err:
        raise _fail(err, lang) from None
    if errors:
        sys.stderr.write(f"已按 --force 写出 {output}，其中仍有 {len(errors)} 个审核错误。\n"
                         f"written {output} because of --force; it still has {len(errors)} audit error(s).\n")
    else:
        sys.stderr.write(f"已写出 {output}（{len(data)} 字节）/ written {output} ({len(data)} bytes)\n")


class RulesFormat(StrEnum):
    text = "text"
    json = "json"


_SEV_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _code_dict(c: CodeInfo) -> dict[str, object]:
    return {
        "code": c.code,
        "severity": c.severity,
        "title": c.title,
        "title_en": c.title_en,
        "tags": list(c.tags),
        "rules": [r for r in c.rules if r],
        "example": c.example,
        "checks": c.checks,
        "checks_en": c.checks_en,
        "fix": c.fix,
        "fix_en": c.fix_en,
    }


def _code_detail(c: CodeInfo, lang: Lang) -> str:
    en = lang == Lang.en
    rows = [
        f"{c.code}  {c.title_en if en else c.title} / {c.title if en else c.title_en}",
        f"  {'severity' if en else '级别'}: {c.severity if en else _SEV_ZH[c.severity]}",
        f"  {'tags' if en else '标签'}: {', '.join(c.tags) or '-'}",
        f"  {'emitted by rule' if en else '所属规则'}: {', '.join(r for r in c.rules if r) or ('the runner' if en else '审核程序本身')}",
    ]
    what = (c.checks_en or c.checks) if en else (c.checks or c.title)
    rows.append(f"  {'checks' if en else '检查内容'}: {what}")
    rows.append(f"  {'example' if en else '示例'}: {c.example}")
    fix = (c.fix_en or c.fix) if en else c.fix
    if fix:
        rows.append(f"  {'how to fix' if en else '如何改正'}: {fix}")
    return "\n".join(rows)


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
        raise _fail(err, lang) from None
    _out("\n".join(f"p{'-' if page is None else page}\t{line}" for line, page in zip(lay.lines, lay.pages, strict=True)))
    for note in lay.notes:
        sys.stderr.write(note + "\n")


@app.command()
def rules(
    code: Annotated[str | None, typer.Argument(help="规则代码或前缀（如 NARR-SHARE、NARR）/ a code or prefix")] = None,
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="text | json")] = RulesFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """列出全部审核代码，或显示一个代码的说明 / list every finding code, or explain one."""
    infos = list(CODES.values())
    if code:
        want = code.strip().upper()
        exact = CODES.get(want)
        infos = [exact] if exact is not None else [c for c in infos if c.code.startswith(want.rstrip("*").rstrip("-") + "-")]
        if not infos:
            sys.stderr.write(
                f"错误：没有代码 {code}。用 yusuan rules 查看全部代码。\nerror: no code {code}; `yusuan rules` lists them all.\n"
                if lang == Lang.zh
                else f"error: no code {code}; `yusuan rules` lists them all.\n"
            )
            raise typer.Exit(2)
    detail = bool(code) and len(infos) == 1
    if format == RulesFormat.json:
        payload: object = _code_dict(infos[0]) if detail else [_code_dict(c) for c in infos]
        _out(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if detail:
        _out(_code_detail(infos[0], lang))
        return
    for c in infos:
        title = f"{c.title_en} / {c.title}" if lang == Lang.en else f"{c.title} / {c.title_en}"
        sev = c.severity if lang == Lang.en else _SEV_ZH[c.severity]
        ex = "e.g." if lang == Lang.en else "例："
        _out(f"{c.code:<24} {sev:<8} {title}  [{','.join(c.tags)}]  {ex}{c.example}")


def _catalog(path: Path | None, edition: int | None, lang: Lang) -> Catalog:
    """Load a catalog; a file that cannot be read exits 2 with a message."""
    try:
        return load_catalog(edition, path)
    except CatalogError as err:
        raise _fail(err, lang) from None


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
    """The console entry point. A failure of the environment (a full disk, a path too long,
    standard output closed) exits 2 with a message in Chinese and English, like unreadable
    input; an unexpected internal error exits 3 with a short message and where to report it
    (never 1, which means “errors found in the document”)."""
    code: int | str | None = 0
    try:
        app()
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:
        sys.stderr.write("已中断 / interrupted\n")
        code = 130
    except OSError as exc:
        code = _environment_failure(exc)
    except Exception as exc:  # noqa: BLE001 - the last guard: a fault of ours, not of the input
        sys.stderr.write(
            f"内部错误（{type(exc).__name__}）：这是 yusuan 的缺陷，不是您的文件的问题；请把命令和文件报告给开发者。\n"
            f"internal error ({type(exc).__name__}): a defect of yusuan, not of your file; please report the command and the file.\n"
        )
        code = 3
    try:
        sys.stdout.flush()
    except OSError as exc:  # stdout on a full disk (or /dev/full): said once, never a traceback at exit
        code = _environment_failure(exc)
        import os

        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(code)


def _environment_failure(exc: OSError) -> int:
    """Exit 2 for an OSError no command caught: the disk, the terminal or a path, not the input."""
    what = exc.strerror or str(exc)
    name = f"：{_safe_name(exc.filename)}" if exc.filename else ""
    name_en = f": {_safe_name(exc.filename)}" if exc.filename else ""
    with contextlib.suppress(OSError):
        sys.stderr.write(f"错误：文件或设备出错（{what}）{name}\nerror: a file or device failed ({what}){name_en}\n")
    return 2


def _safe_name(name: object) -> str:
    text = str(name)
    text = text if len(text) <= 200 else text[:100] + "…" + text[-60:]
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


if __name__ == "__main__":
    main()
