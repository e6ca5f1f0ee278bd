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
from . import check as run_check
from .checks import RULES, RULESET_VERSION
from .errors import YusuanError
from .modelfile import MODEL_SUFFIXES
from .report.writers import to_json, to_text
from .serialize import disclosure_json

app = typer.Typer(add_completion=False, no_args_is_help=True, help="yusuan 预算：预决算公开文件的读取与审核 / read and audit budget disclosures")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"


class ExtractFormat(StrEnum):
    json = "json"
    yaml = "yaml"


class Lang(StrEnum):
    zh = "zh"
    en = "en"


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _read(file: Path | None, lang: Lang, profile: str | None, allow_partial: bool) -> Reading:
    """Read FILE (or the embedded example); an unreadable input exits 2 with a message."""
    try:
        if file is not None and file.suffix.lower() in MODEL_SUFFIXES:
            return _read_model(file, allow_partial)
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
) -> None:
    """审核一份预决算公开文件 / audit a disclosure."""
    reading = _read(file, lang, profile, allow_partial)
    findings = run_check(reading.disclosure)
    notes = [f"{n.line}: {n.text}" for n in reading.notes]
    if format == CheckFormat.json:
        _out(to_json(reading.disclosure, findings, RULESET_VERSION, notes))
    else:
        _out(to_text(reading.disclosure, findings, lang.value))
    raise typer.Exit(1 if any(f.severity == "error" for f in findings) else 0)


@app.command()
def extract(
    file: Annotated[Path | None, typer.Argument(help="文件；省略时用内置示例 / file; the embedded example if omitted")] = None,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="json | yaml（可手工修改后 render 的模型文件 / the model file that render reads）")] = ExtractFormat.json,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial")] = False,
) -> None:
    """把文件读成模型并输出 JSON 或 YAML / print the model as JSON or YAML."""
    reading = _read(file, lang, profile, allow_partial)
    if format == ExtractFormat.yaml:
        from .modelfile import model_yaml

        _out(model_yaml(reading.disclosure))
        return
    _out(disclosure_json(reading.disclosure))


_OUTPUT_SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".txt": "txt"}


def _read_model(file: Path, allow_partial: bool) -> Reading:
    from .errors import InputError
    from .ingest import MAX_BYTES
    from .modelfile import load_model

    try:
        if file.stat().st_size > MAX_BYTES:
            raise InputError(f"文件过大（上限 {MAX_BYTES} 字节）：{file}", f"file too large (limit {MAX_BYTES} bytes): {file}")
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到文件：{file}", f"file not found: {file}") from None
    except IsADirectoryError:
        raise InputError(f"这是一个目录，不是文件：{file}", f"this is a directory, not a file: {file}") from None
    except PermissionError:
        raise InputError(f"没有读取权限：{file}", f"permission denied: {file}") from None
    fmt = "json" if file.suffix.lower() == ".json" else "yaml"
    return load_model(data, str(file), fmt, allow_partial=allow_partial)


def _fail(lang: Lang, zh: str, en: str, code: int = 2) -> typer.Exit:
    sys.stderr.write(("错误：" + zh + "\n" + en if lang == Lang.zh else "error: " + en) + "\n")
    return typer.Exit(code)


def _write_new(path: Path, data: bytes, overwrite: bool) -> None:
    """Write via a temporary file in the same folder; never replace an existing file unless asked."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".yusuan-", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if the output appeared meanwhile
            os.unlink(tmp)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@app.command()
def render(
    file: Annotated[Path, typer.Argument(help="模型文件（.yaml/.json）或任一可读的公开文件 / a model file or any readable disclosure")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件：.docx .pdf .html .xlsx .txt / the output file")],
    force: Annotated[bool, typer.Option("--force", help="审核有错误时仍然写出 / write even if the audit finds errors")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="允许覆盖已有文件 / replace an existing output file")] = False,
    lang: Annotated[Lang, typer.Option("--lang", help="zh | en")] = Lang.zh,
    profile: Annotated[str | None, typer.Option("--profile")] = None,
    allow_partial: Annotated[bool, typer.Option("--allow-partial")] = False,
) -> None:
    """生成公开文件（DOCX/PDF/HTML/XLSX）；审核不通过时拒绝写出 / write a disclosure document; refused if the audit finds errors."""
    from .errors import YusuanError as _Err
    from .render import render as render_document

    fmt = _OUTPUT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise _fail(lang, f"无法从文件名判断输出格式：{output}（请用 .docx、.pdf、.html、.xlsx 或 .txt）",
                    f"cannot tell the output format from {output} (use .docx, .pdf, .html, .xlsx or .txt)")
    if output.exists() and not overwrite:
        raise _fail(lang, f"输出文件已存在：{output}（如需覆盖请加 --overwrite）", f"the output exists: {output} (add --overwrite to replace it)")
    if not output.parent.is_dir():
        raise _fail(lang, f"输出目录不存在：{output.parent}", f"the output folder does not exist: {output.parent}")
    reading = _read(file, lang, profile, allow_partial)
    findings = run_check(reading.disclosure)
    errors = [f for f in findings if f.severity == "error"]
    if errors and not force:
        _out(to_text(reading.disclosure, findings, lang.value))
        sys.stderr.write(
            f"未写出：审核发现 {len(errors)} 个错误，请先改正（或加 --force 强制写出）。\n"
            f"not written: the audit found {len(errors)} error(s); fix them first (or add --force).\n"
        )
        raise typer.Exit(1)
    try:
        data = render_document(reading.disclosure, fmt)
        _write_new(output, data, overwrite)
    except FileExistsError:
        raise _fail(lang, f"输出文件已存在：{output}（如需覆盖请加 --overwrite）", f"the output exists: {output} (add --overwrite to replace it)") from None
    except OSError as err:
        raise _fail(lang, f"无法写入 {output}：{err.strerror or err}", f"cannot write {output}: {err}") from None
    except _Err as err:
        raise _fail(lang, err.zh, err.en) from None
    if errors:
        sys.stderr.write(f"已按 --force 写出 {output}，其中仍有 {len(errors)} 个审核错误。\n"
                         f"written {output} because of --force; it still has {len(errors)} audit error(s).\n")
    else:
        sys.stderr.write(f"已写出 {output}（{len(data)} 字节）/ written {output} ({len(data)} bytes)\n")


@app.command()
def rules() -> None:
    """列出全部审核规则 / list the rules."""
    for r in RULES:
        _out(f"{r.code:<26} {r.severity:<8} {r.title} / {r.title_en}  例：{r.example}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
