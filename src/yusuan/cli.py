"""The ``yusuan`` command: a thin layer over the API.

Exit codes: 0 no errors; 1 errors found; 2 the input could not be read.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from . import Reading, example_path, read
from .api import audit
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


def _read(file: Path | None, lang: Lang, profile: str | None, allow_partial: bool) -> Reading:
    """Read FILE (or the embedded example); an unreadable input exits 2 with a message."""
    try:
        return read(file or example_path(), profile=profile, allow_partial=allow_partial)
    except YusuanError as err:
        sys.stderr.write(("错误：" if lang == Lang.zh else "error: ") + err.message(lang.value) + "\n")
        raise typer.Exit(2) from None


@app.command()
def check(
    file: Annotated[Path | None, typer.Argument(help="文件；省略时审核内置示例 / file; the embedded example if omitted")] = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text | json")] = CheckFormat.text,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile", help="强制指定模板 / force a template")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", help="缺表时仍审核 / audit a document with tables missing")] = False,
    previous: Annotated[
        Path | None, typer.Option("--previous", help="上年同一单位的文件，用于核对增减 / last year's document, for year-over-year checks")
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option("--select", help="只报告这些规则代码、前缀或标签 / only these codes, prefixes or tags")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option("--ignore", help="不报告这些规则代码、前缀或标签 / hide these")] = None,
) -> None:
    """审核一份预决算公开文件 / audit a disclosure."""
    reading = _read(file, lang, profile, allow_partial)
    prev = _read(previous, lang, profile, True).disclosure if previous is not None else None
    notes = [f"{n.line}: {n.text}" for n in reading.notes]
    report = audit(reading.disclosure, previous=prev, select=_split(select), ignore=_split(ignore), notes=notes)
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
    file: Annotated[Path | None, typer.Argument(help="文件；省略时用内置示例 / file; the embedded example if omitted")] = None,
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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
