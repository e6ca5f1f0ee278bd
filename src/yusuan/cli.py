"""The ``yusuan`` command: a thin layer over the API.

Exit codes: 0 no errors; 1 errors found; 2 the input could not be read.
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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

if TYPE_CHECKING:  # one definition for the type checker, whichever typer is installed
    from click.exceptions import UsageError as _USAGE_ERRORS
else:
    try:  # recent typer carries its own copy of Click
        from typer._click.exceptions import UsageError as _USAGE_ERRORS
    except ImportError:  # pragma: no cover - older typer on Click
        from click.exceptions import UsageError as _USAGE_ERRORS

_ABORT = typer.Abort

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="yusuan 预算：预决算公开文件的读取与审核 / read and audit budget disclosures",
)


def _version(value: bool) -> None:
    if value:
        from . import __version__
        from .checks import RULESET_VERSION

        sys.stdout.write(f"yusuan {__version__}（规则集 / ruleset {RULESET_VERSION}）\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本 / show the version")
    ] = False,
) -> None:
    """yusuan 预算：预决算公开文件的读取与审核 / read and audit budget disclosures"""


def _profile_help() -> str:
    from .profiles import profiles

    ids = "、".join(sorted(profiles()))
    return f"强制指定模板：{ids}（默认自动识别）/ force a template: {', '.join(sorted(profiles()))} (detected if omitted)"


_PROFILE_HELP = _profile_help()
_OVERWRITE_HELP = "允许覆盖已有的输出文件 / replace an existing output file"


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


def _note(zh: str, en: str, lang: Lang) -> None:
    """A message on stderr: Chinese first, then English (English only with ``--lang en``)."""
    sys.stderr.write(f"{zh}\n{en}\n" if lang == Lang.zh else f"{en}\n")


def _fail(err: YusuanError, lang: Lang) -> typer.Exit:
    sys.stderr.write(("错误：" if lang == Lang.zh else "error: ") + err.message(lang.value) + "\n")
    return typer.Exit(2)


def _read(
    file: Path | list[Path] | None, lang: Lang, profile: str | None, allow_partial: bool, compose: bool | None = None
) -> Reading:
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
    profile: Annotated[str | None, typer.Option("--profile", help=_PROFILE_HELP)] = None,
    allow_partial: Annotated[
        bool, typer.Option("--allow-partial", hidden=True, help="不再需要：缺表的文件照常审核 / no longer needed")
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="把报告写入文件（不覆盖已有文件）/ write the report to a file (never over an existing one)"
        ),
    ] = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="允许覆盖 -o 或 --write-baseline 的已有文件 / replace an existing -o or --write-baseline file"
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", hidden=True, help="旧写法，同 --overwrite / old spelling of --overwrite")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="隐藏基线文件中已接受的结果 / hide the findings accepted in this baseline file"),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="把当前结果写成基线文件后退出 / write the current findings as a baseline and exit"),
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
        typer.Option(
            "--catalog",
            help="分类科目文件（CSV）或目录，代替内置版本 / catalog CSV file or directory instead of the bundled edition",
        ),
    ] = None,
) -> None:
    """审核一份预决算公开文件 / audit a disclosure."""
    overwrite = overwrite or force
    if write_baseline is not None and output is not None:
        sys.stderr.write(
            "错误：--write-baseline 只写基线文件，不能与 -o 同时使用。\nerror: --write-baseline writes only the baseline; do not combine it with -o.\n"
        )
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
            reading.disclosure,
            previous=prev,
            select=_split(select),
            ignore=_split(ignore),
            notes=notes,
            baseline=accepted,
            catalog=cat,
        )
        if write_baseline is not None:
            text = make_baseline(report.findings, reading.disclosure.meta.source, report.ruleset)
            write_atomic(write_baseline, text.encode("utf-8"), overwrite=overwrite, protect=inputs)
            _note(
                f"已将 {len(report.findings)} 个结果写入基线 {write_baseline}",
                f"wrote {len(report.findings)} findings to the baseline {write_baseline}",
                lang,
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
            _note(f"报告已写入 {output}", f"report written to {output}", lang)
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
        typer.Argument(
            help="文件；两个文件（情况说明、表格）合为一份；省略时用内置示例 / file(s); the embedded example if omitted"
        ),
    ] = None,
    format: Annotated[
        ExtractFormat,
        typer.Option("--format", "-f", help="json | yaml（可手工修改后 render 的模型文件 / the model file that render reads）"),
    ] = ExtractFormat.json,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help=_PROFILE_HELP)] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", hidden=True, help="不再需要 / no longer needed")] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件而不是显示（不覆盖已有文件）/ write to a file (never over an existing one)"),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help=_OVERWRITE_HELP)] = False,
) -> None:
    """把文件读成模型并输出 JSON 或 YAML / print the model as JSON or YAML."""
    reading = _read(file, lang, profile, True)
    if format == ExtractFormat.yaml:
        from .modelfile import model_yaml

        text = model_yaml(reading.disclosure)
    else:
        text = disclosure_json(reading.disclosure)
    if output is None:
        _out(text)
        return
    try:
        write_atomic(
            output,
            (text if text.endswith("\n") else text + "\n").encode("utf-8"),
            overwrite=overwrite,
            protect=tuple(file or [example_path()]),
        )
    except YusuanError as err:
        raise _fail(err, lang) from None
    _note(f"已写入 {output}", f"written to {output}", lang)


_OUTPUT_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".txt": "txt"}


def _read_model(file: Path, allow_partial: bool, compose: bool | None = False) -> Reading:
    from .ingest import load_file
    from .modelfile import load_model

    data, _ = load_file(file)
    fmt = "json" if file.suffix.lower() == ".json" else "yaml"
    return load_model(data, str(file), fmt, allow_partial=allow_partial, compose=compose)


@app.command()
def render(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE [FILE]",
            help="模型文件（.yaml/.json）或任一可读的公开文件；两个文件（情况说明、表格）合为一份 / a model file or any readable disclosure; two files (narrative, tables) are one document",
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件：.docx .pdf .html .xlsx .txt / the output file")],
    allow_errors: Annotated[
        bool, typer.Option("--allow-errors", help="审核有错误时仍然写出 / write even if the audit finds errors")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", hidden=True, help="旧写法，同 --allow-errors / old spelling of --allow-errors")
    ] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help=_OVERWRITE_HELP)] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help=_PROFILE_HELP)] = None,
    allow_partial: Annotated[
        bool, typer.Option("--allow-partial", help="模型文件缺表时仍写出 / write a model file that lacks required tables")
    ] = False,
    compose_narrative: Annotated[
        bool,
        typer.Option(
            "--compose-narrative",
            help="由表格数据、上年数和变动原因生成情况说明（模型文件无 narrative 时自动生成）/ compose 情况说明 from the data",
        ),
    ] = False,
) -> None:
    """生成公开文件（DOCX/PDF/HTML/XLSX）；审核不通过时拒绝写出 / write a disclosure document; refused if the audit finds errors."""
    from .render import render as render_document

    force = allow_errors or force
    if len(files) > 2:
        raise _fail(InputError("最多两个文件（情况说明、表格）。", "at most two files (narrative, tables)."), lang)
    file: Path | list[Path] = files[0] if len(files) == 1 else files
    exists = OutputError(
        f"输出文件已存在：{output}（如需覆盖请加 --overwrite）", f"the output exists: {output} (add --overwrite to replace it)"
    )
    fmt = _OUTPUT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise _fail(
            OutputError(
                f"无法从文件名判断输出格式：{output}（请用 .docx、.pdf、.html、.xlsx 或 .txt）",
                f"cannot tell the output format from {output} (use .docx, .pdf, .html, .xlsx or .txt)",
            ),
            lang,
        )
    if output.exists() and not overwrite:
        raise _fail(exists, lang)
    if not output.parent.is_dir():
        raise _fail(OutputError(f"输出目录不存在：{output.parent}", f"the output folder does not exist: {output.parent}"), lang)
    if compose_narrative and (len(files) > 1 or files[0].suffix.lower() not in MODEL_SUFFIXES):
        raise _fail(
            OutputError(
                f"--compose-narrative 需要模型文件（.yaml/.json，含上年数和变动原因）：{file}",
                f"--compose-narrative needs a model file (.yaml/.json with last year's figures and the reasons): {file}",
            ),
            lang,
        )
    reading = _read(file, lang, profile, allow_partial, True if compose_narrative else None)
    for note in reading.notes:
        if note.table == "compose":  # what the composer left out
            sys.stderr.write(f"注意 / note: {note.text}\n")
    report = audit(reading.disclosure)
    errors = [f for f in report.findings if f.severity == "error"]
    if errors and not force:
        _out(to_text(report, lang.value))
        sys.stderr.write(
            f"未写出：审核发现 {len(errors)} 个错误，请先改正（或加 --allow-errors 仍然写出）。\n"
            f"not written: the audit found {len(errors)} error(s); fix them first (or add --allow-errors).\n"
        )
        raise typer.Exit(1)
    try:
        data = render_document(reading.disclosure, fmt)
        write_atomic(output, data, overwrite=overwrite, protect=tuple(files))
    except FileExistsError:
        raise _fail(exists, lang) from None
    except OSError as err:
        raise _fail(OutputError(f"无法写入 {output}：{err.strerror or err}", f"cannot write {output}: {err}"), lang) from None
    except YusuanError as err:
        raise _fail(err, lang) from None
    if errors:
        sys.stderr.write(
            f"已按 --allow-errors 写出 {output}，其中仍有 {len(errors)} 个审核错误。\n"
            f"written {output} because of --allow-errors; it still has {len(errors)} audit error(s).\n"
        )
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
    lines = [
        f"{e.code}  {e.name}",
        f"  分类 scheme:      {SCHEME_ZH[e.scheme]} ({e.scheme}), {e.level}",
        f"  版本 edition:     {e.edition}",
    ]
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
        _out(
            f"政府收支分类科目 {cat.edition} 年版（{src}），共 {len(cat)} 条 / catalog edition {cat.edition}, {len(cat)} entries"
        )
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
        en = f"{key} is not in catalog edition {cat.edition} (the catalog is partial)."
        _out(f"「{key}」不在 {cat.edition} 年版分类科目目录中（目录收录不全）。\n{en}" if lang == Lang.zh else en)
        raise typer.Exit(1)
    _out("\n".join(lines))


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _write_or_print(rendered: str | bytes, output: Path | None, overwrite: bool, inputs: tuple[Path, ...], lang: Lang) -> None:
    """Write to ``output`` (never over an input, nor over an existing file without --overwrite), else print."""
    try:
        if output is not None:
            data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
            write_atomic(output, data, overwrite=overwrite, protect=inputs)
            sys.stderr.write(f"已写入 {output}\n" if lang == Lang.zh else f"written to {output}\n")
        else:
            _out(rendered if isinstance(rendered, str) else rendered.decode("utf-8"))
    except OSError as err:
        raise _fail(OutputError(f"无法写入 {output}：{err.strerror or err}", f"cannot write {output}: {err}"), lang) from None
    except YusuanError as err:
        raise _fail(err, lang) from None


@app.command()
def diff(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="LAST THIS：上年文件、本年文件；分两个文件发布时用 --last/--this 给出 / last year's and this year's document"
        ),
    ] = None,
    last: Annotated[
        list[Path] | None,
        typer.Option("--last", help="上年（或同年预算）的文件，两个文件时给两次 / last year's document (twice for two files)"),
    ] = None,
    this: Annotated[
        list[Path] | None,
        typer.Option("--this", help="本年（或同年决算）的文件，两个文件时给两次 / this year's document (twice for two files)"),
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text | json | html")] = DiffFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="允许覆盖已有文件 / replace an existing output file")] = False,
    changed_only: Annotated[bool, typer.Option("--changed-only", help="只列有变动的行 / only rows that changed")] = False,
    other_body: Annotated[
        bool,
        typer.Option("--other-body", help="单位名称不同也对比（单位更名）/ compare although the names differ (a renamed body)"),
    ] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help=_PROFILE_HELP)] = None,
) -> None:
    """逐表逐行对比上年与本年（或同年预算与决算）并核对情况说明所述变动 / compare a document with last year's (or a budget with its final accounts)."""
    from .tools.diff import compare, to_html, to_json, to_text

    pos = list(files or [])
    if last and this and pos:
        raise _fail(
            InputError(
                "已用 --last 和 --this 给出两份文件，不能再有其他文件参数。",
                "--last and --this are given; no other file arguments.",
            ),
            lang,
        )
    if this:
        last = last or pos
    elif last:
        this = pos
    elif len(pos) == 2:
        last, this = [pos[0]], [pos[1]]
    if not last or not this:
        raise _fail(
            InputError(
                "请给出两份文件：yusuan diff 上年文件 本年文件；分两个文件发布时用 --last A --last B --this C --this D。",
                "give two documents: yusuan diff LAST THIS; for two-file documents --last A --last B --this C --this D.",
            ),
            lang,
        )
    a = _read(last, lang, profile, True).disclosure
    b = _read(this, lang, profile, True).disclosure
    try:
        d = compare(a, b, other_body=other_body)
    except YusuanError as err:
        raise _fail(err, lang) from None
    rendered = (
        to_json(d)
        if format == DiffFormat.json
        else to_html(d, changed_only)
        if format == DiffFormat.html
        else to_text(d, changed_only)
    )
    _write_or_print(rendered, output, overwrite, (*last, *this), lang)
    raise typer.Exit(1 if d.errors else 0)


@app.command()
def checklist(
    docs: Annotated[
        list[str],
        typer.Argument(
            help="文件；分两个文件发布的文件用逗号连接：说明.pdf,表格.pdf / documents; a two-file document as narrative.pdf,tables.pdf"
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="检查表 .xlsx / the checklist workbook")],
    region: Annotated[
        str | None, typer.Option("--region", help="标题中的区县名（默认从单位名称中取）/ the district in the title")
    ] = None,
    url: Annotated[
        list[str] | None,
        typer.Option("--url", help="公开网址，每份文件一个，按顺序 / where each document was published, in order"),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="允许覆盖已有文件 / replace an existing output file")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help=_PROFILE_HELP)] = None,
) -> None:
    """按区财政局的公开情况检查表填写审核结果（每份文件一页）/ fill the finance bureau's review checklist, one sheet per document."""
    from .tools.checklist import build_checklist, checklist_xlsx

    if output.suffix.lower() != ".xlsx":
        raise _fail(OutputError(f"检查表写成 .xlsx 文件：{output}", f"the checklist is written as .xlsx: {output}"), lang)
    urls = list(url or [])
    sheets = []
    inputs: list[Path] = []
    for i, doc in enumerate(docs):
        paths = _doc_paths(doc)
        inputs += paths
        reading = _read(paths, lang, profile, True)
        report = audit(reading.disclosure)
        sheets.append(build_checklist(reading.disclosure, report.findings, region=region, url=urls[i] if i < len(urls) else ""))
    _write_or_print(checklist_xlsx(sheets), output, overwrite, tuple(inputs), lang)


def _doc_paths(doc: str) -> list[Path]:
    """A document argument: one file, or a two-file document as narrative.pdf,tables.pdf."""
    return [Path(p) for p in doc.split(",") if p]


@app.command()
def consolidate(
    units: Annotated[
        list[str],
        typer.Argument(help="单位文件；分两个文件发布的用逗号连接 / unit documents; a two-file one as narrative.pdf,tables.pdf"),
    ],
    department: Annotated[str, typer.Option("--department", help="部门名称 / the department's name")],
    against: Annotated[
        str | None,
        typer.Option("--against", help="已公开的部门文件，用来核对汇总数 / the published department document to compare with"),
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text | json")] = DiffFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件 / write to a file")] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="允许覆盖已有文件 / replace an existing output file")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help=_PROFILE_HELP)] = None,
) -> None:
    """把各单位文件按编码加总为部门的表，并与部门文件核对 / add unit documents into the department's tables and compare with the department document."""
    from .tools.consolidate import consolidate as add_up
    from .tools.consolidate import to_json as consolidated_json
    from .tools.consolidate import to_text as consolidated_text

    if format == DiffFormat.html:
        raise _fail(OutputError("consolidate 只输出 text 或 json。", "consolidate writes text or json."), lang)
    inputs = [p for doc in [*units, *([against] if against else [])] for p in _doc_paths(doc)]
    docs = [_read(_doc_paths(u), lang, profile, True).disclosure for u in units]
    dept = _read(_doc_paths(against), lang, profile, True).disclosure if against else None
    try:
        result = add_up(docs, department, dept)
    except YusuanError as err:
        raise _fail(err, lang) from None
    rendered = consolidated_json(result) if format == DiffFormat.json else consolidated_text(result)
    _write_or_print(rendered, output, overwrite, tuple(inputs), lang)
    raise typer.Exit(1 if result.errors else 0)


class SynthFormat(StrEnum):
    txt = "txt"
    pdf = "pdf"
    docx = "docx"
    xlsx = "xlsx"
    html = "html"


@app.command()
def synth(
    count: Annotated[int, typer.Option("--count", "-n", min=1, help="文件数 / how many documents")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="输出目录（不存在时创建）/ the output folder (created if missing)")
    ],
    seed: Annotated[
        int, typer.Option("--seed", help="随机种子：同一种子生成同样的文件 / the same seed gives the same documents")
    ] = 0,
    defects: Annotated[
        float, typer.Option("--defects", min=0.0, max=1.0, help="注入缺陷的文件比例 / share of documents with an injected defect")
    ] = 0.5,
    format: Annotated[
        list[SynthFormat] | None, typer.Option("--format", "-f", help="txt | pdf | docx | xlsx | html（可多次）/ repeatable")
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="允许覆盖已有文件 / replace existing files")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """生成自洽的合成公开文件，部分注入缺陷（清单写在 .defects.json）/ write consistent synthetic disclosures, a share with injected defects."""
    from .render import render as render_document
    from .tools.synth import defects_json, synthesize

    formats = [f.value for f in format] if format else ["txt"]
    try:
        output.mkdir(parents=True, exist_ok=True)
        written = with_defects = 0
        for s in synthesize(count, seed=seed, defect_share=defects):
            files = [f"{s.name}.{fmt}" for fmt in formats]
            for fmt, name in zip(formats, files, strict=True):
                write_atomic(output / name, render_document(s.disclosure, fmt), overwrite=overwrite)
            write_atomic(output / f"{s.name}.defects.json", defects_json(s, files).encode("utf-8"), overwrite=overwrite)
            written += 1
            with_defects += bool(s.defects)
    except OSError as err:
        raise _fail(OutputError(f"无法写入 {output}：{err.strerror or err}", f"cannot write to {output}: {err}"), lang) from None
    except YusuanError as err:
        raise _fail(err, lang) from None
    sys.stderr.write(
        f"已在 {output} 写出 {written} 份文件，其中 {with_defects} 份注入了缺陷 / "
        f"wrote {written} documents to {output}, {with_defects} with an injected defect\n"
    )


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option("--host", help="监听地址；非本机地址须设 --token / address to bind; another than loopback needs --token"),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口 / port")] = 8000,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="保存上传文件和处理记录的目录；省略时什么都不保存 / keep uploads and review decisions here"),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", envvar="YUSUAN_TOKEN", help="访问令牌：每个请求都须带上 / access token required on every request"
        ),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="同时审核的文件数 / audits at once")] = 2,
) -> None:
    """启动网页（上传、审核报告、标记处理、导出）/ start the web page (upload, report, review, export)."""
    try:
        import uvicorn

        from .web import Settings, create_app, is_loopback
    except ImportError:
        sys.stderr.write(
            "错误：网页需要 fastapi、uvicorn、python-multipart：pip install 'yusuan[web]'\n"
            "error: the web page needs fastapi, uvicorn and python-multipart: pip install 'yusuan[web]'\n"
        )
        raise typer.Exit(2) from None
    if not is_loopback(host) and not token:
        sys.stderr.write(
            f"错误：监听 {host} 会让其他机器访问，须同时设置 --token。\n"
            f"error: binding {host} lets other machines in; set --token as well.\n"
        )
        raise typer.Exit(2)
    if token is not None and not re.fullmatch(r"[A-Za-z0-9._~+/=-]{16,200}", token):
        sys.stderr.write(
            "错误：--token 须为 16 个以上的字母、数字或 ._~+/=- 字符。\n"
            "error: --token must be at least 16 letters, digits or ._~+/=- characters.\n"
        )
        raise typer.Exit(2)
    application = create_app(Settings(data_dir=data, token=token, workers=max(1, workers)))
    shown = "localhost" if is_loopback(host) else host
    link = f"http://{shown}:{port}/" + (f"?token={token}" if token else "")
    sys.stderr.write(f"yusuan 网页 / web page: {link}\n")
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)


class BatchFormat(StrEnum):
    text = "text"
    json = "json"


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    xlsx = "xlsx"
    fdp = "fdp"


def _need_corpus(lang: Lang) -> None:
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise _fail(
            InputError(
                "需要安装 corpus 附加组件：pip install 'yusuan[corpus]'", "needs the corpus extra: pip install 'yusuan[corpus]'"
            ),
            lang,
        ) from None


@app.command()
def batch(
    paths: Annotated[list[Path], typer.Argument(help="文件或目录（递归读取 pdf/docx/xlsx/html/txt）/ files or folders")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="DuckDB 数据库文件（已有则续跑）/ the DuckDB file (resumed if it exists)")
    ],
    workers: Annotated[int, typer.Option("--workers", "-j", help="并行进程数，0 为 CPU 核数 / processes, 0: one per core")] = 0,
    dask: Annotated[
        str | None, typer.Option("--dask", help="Dask 调度器地址，如 tcp://host:8786 / a dask.distributed scheduler")
    ] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="每份文件的时间上限（秒）/ seconds per document")] = 300.0,
    memory: Annotated[int, typer.Option("--memory", help="每个子进程的内存上限（MB）/ memory per child process (MB)")] = 2048,
    retry: Annotated[
        bool, typer.Option("--retry", help="重新处理失败或超时的文件 / run failed and timed-out documents again")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不显示进度 / no progress")] = False,
    format: Annotated[
        BatchFormat, typer.Option("--format", "-f", help="text | json（结果摘要 / the summary）")
    ] = BatchFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """批量读取、分组并审核一批文件，写入 DuckDB / read, group and audit a corpus into DuckDB."""
    _need_corpus(lang)
    import duckdb

    from .corpus import BatchOptions, run_batch
    from .corpus.progress import BatchProgress
    from .corpus.schema import SchemaError

    options = BatchOptions(workers=workers, dask=dask, timeout=timeout, memory_mb=memory, retry=retry)
    try:
        with BatchProgress(enabled=not quiet) as progress:
            summary = run_batch(paths, output, options, progress=progress.update)
    except SchemaError as err:
        raise _fail(
            OutputError(f"数据库 {output} 的结构版本不同：{err}；请换一个文件", f"{output}: {err}; use another file"), lang
        ) from None
    except duckdb.Error as err:  # in use by another process, not a database, read-only…
        raise _fail(OutputError(f"无法打开数据库 {output}：{err}", f"cannot open the database {output}: {err}"), lang) from None
    d = summary.as_dict()
    if format == BatchFormat.json:
        _out(json.dumps(d, ensure_ascii=False, indent=2))
    elif not quiet:
        st = d["status"]
        sys.stderr.write(
            f"{d['inputs']} 个文件 → {d['documents']} 份文件（新审核 {d['audited']}，跳过 {d['skipped']}）："
            f"正常 {st.get('ok', 0)}，拒绝 {st.get('refused', 0)}，失败 {st.get('failed', 0)}，超时 {st.get('timeout', 0)}；"
            f"错误 {d['errors']}，警告 {d['warnings']}；{d['pages']} 页，{d['seconds']:.1f} 秒 → {output}\n"
            if lang == Lang.zh
            else f"{d['inputs']} files → {d['documents']} documents ({d['audited']} audited, {d['skipped']} skipped): "
            f"ok {st.get('ok', 0)}, refused {st.get('refused', 0)}, failed {st.get('failed', 0)}, timeout {st.get('timeout', 0)}; "
            f"{d['errors']} errors, {d['warnings']} warnings; {d['pages']} pages in {d['seconds']:.1f} s → {output}\n"
        )


def _open_db(db: Path, lang: Lang) -> None:
    _need_corpus(lang)
    if not db.is_file():
        raise _fail(InputError(f"找不到数据库：{db}", f"no such database: {db}"), lang)


@app.command()
def query(
    db: Annotated[Path, typer.Argument(help="yusuan batch 写出的 DuckDB 文件 / a database written by yusuan batch")],
    sql: Annotated[str, typer.Argument(help="SQL（只读）/ SQL, read-only")],
    format: Annotated[QueryFormat, typer.Option("--format", "-f", help="table | csv | json")] = QueryFormat.table,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """在语料库数据库上执行只读 SQL / run read-only SQL on a corpus database."""
    _open_db(db, lang)
    import duckdb

    from .corpus.query import query as run_query
    from .corpus.query import render_rows

    try:
        cols, rows = run_query(db, sql)
    except duckdb.Error as err:
        raise _fail(InputError(f"SQL 错误：{err}", f"SQL error: {err}"), lang) from None
    _out(render_rows(cols, rows, format.value))


@app.command()
def export(
    db: Annotated[Path, typer.Argument(help="yusuan batch 写出的 DuckDB 文件 / a database written by yusuan batch")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出目录 / the output folder")],
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="parquet | csv | xlsx | fdp（Fiscal Data Package）")
    ] = ExportFormat.parquet,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """导出语料库数据库 / export a corpus database (Parquet, CSV, XLSX, Fiscal Data Package)."""
    _open_db(db, lang)
    from .corpus.query import export as run_export

    for p in run_export(db, output, format.value):
        sys.stderr.write(f"{p}\n")


@app.command()
def summary(
    db: Annotated[Path, typer.Argument(help="yusuan batch 写出的 DuckDB 文件 / a database written by yusuan batch")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="summary.html 或 summary.xlsx")] = None,
    expected: Annotated[
        Path | None, typer.Option("--expected", help="应公开单位名单 CSV（unit_name[,unit_code]）/ the units that must publish")
    ] = None,
    checklists: Annotated[
        Path | None,
        typer.Option(
            "--checklists", help="每份文件的公开情况检查表 XLSX 写入此目录 / write each document's review checklist here"
        ),
    ] = None,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="允许覆盖已有文件 / replace an existing output file")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
) -> None:
    """语料库概况（HTML 或 XLSX），及每份文件的检查表 / what a bureau head reads: coverage, errors, year over year; and each document's checklist."""
    _open_db(db, lang)
    from .corpus.summary import summary_html, summary_xlsx

    if output is None and checklists is None:
        raise _fail(
            OutputError("请给出 -o summary.html|xlsx 或 --checklists 目录。", "give -o summary.html|xlsx or --checklists DIR."),
            lang,
        )
    if checklists is not None:
        _write_checklists(db, checklists, overwrite, lang)
    if output is None:
        return
    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".xlsx"):
        raise _fail(OutputError(f"请用 .html 或 .xlsx：{output}", f"use .html or .xlsx: {output}"), lang)
    try:
        data = summary_xlsx(db, expected) if suffix == ".xlsx" else summary_html(db, expected).encode("utf-8")
        write_atomic(output, data, overwrite=overwrite, protect=(db,))
    except FileExistsError:
        raise _fail(
            OutputError(
                f"输出文件已存在：{output}（如需覆盖请加 --overwrite）", f"the output exists: {output} (add --overwrite)"
            ),
            lang,
        ) from None
    except YusuanError as err:
        raise _fail(err, lang) from None
    sys.stderr.write(f"{output}\n")


def _write_checklists(db: Path, out_dir: Path, overwrite: bool, lang: Lang) -> None:
    """``summary --checklists DIR``: each audited document's 公开情况检查表, rebuilt from the layouts the batch keeps."""
    from .corpus.checklists import write_checklists

    if out_dir.exists() and not out_dir.is_dir():
        raise _fail(OutputError(f"不是目录：{out_dir}", f"not a folder: {out_dir}"), lang)
    if out_dir.is_dir() and any(out_dir.glob("*-检查表.xlsx")) and not overwrite:
        raise _fail(
            OutputError(
                f"目录中已有检查表：{out_dir}（如需覆盖请加 --overwrite）",
                f"the folder already holds checklists: {out_dir} (add --overwrite)",
            ),
            lang,
        )
    written, missed = write_checklists(db, out_dir)
    for dc in missed:
        sys.stderr.write(f"未能重建 / not rebuilt: {dc.unit_name} {dc.year or ''} {dc.id[:12]}: {dc.error}\n")
    sys.stderr.write(f"{out_dir}: {len(written)} 份检查表 / checklists\n")


def main() -> None:
    """The console entry point. A failure of the environment (a full disk, a path too long,
    standard output closed) exits 2 with a message in Chinese and English, like unreadable
    input; an unexpected internal error exits 3 with a short message and where to report it
    (never 1, which means “errors found in the document”)."""
    code: int | str | None = 0
    try:
        code = typer.main.get_command(app).main(standalone_mode=False)
        if code == 130:  # Typer >= 0.15 turns Ctrl-C into exit code 130, silently; older ones raise Abort
            sys.stderr.write("已中断 / interrupted\n")
    except _USAGE_ERRORS as err:
        if type(err).__name__ != "NoArgsIsHelpError":  # the help has been shown
            _usage_error(err)
        code = 2
    except _ABORT:
        sys.stderr.write("已中断 / interrupted\n")
        code = 130
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
    raise SystemExit(code if isinstance(code, int) else (0 if code is None else 1))


#: Click's usage errors, in Chinese (the English message follows unchanged).
_USAGE_ZH = (
    ("No such option", "没有这个选项"),
    ("No such command", "没有这个命令"),
    ("Missing argument", "缺少参数"),
    ("Missing option", "缺少选项"),
    ("requires an argument", "选项缺少取值"),
    ("Got unexpected extra argument", "参数过多"),
    ("Invalid value", "取值无效"),
    ("does not exist", "文件不存在"),
)


def _usage_error(err: _USAGE_ERRORS) -> None:
    """A usage error: a Chinese line, then Click's English message and where to find help."""
    msg = err.format_message()
    zh = next((z for e, z in _USAGE_ZH if e in msg), "命令用法有误")
    cmd = err.ctx.command_path if err.ctx is not None else "yusuan"
    sys.stderr.write(f"用法错误：{zh}（{msg}）。运行 {cmd} --help 查看用法。\nusage error: {msg}\nTry '{cmd} --help' for help.\n")


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
