"""Writing reports to files: atomic writes, every format with -o, and never over the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import HENAN, run
from yusuan.report.output import OutputError, write_atomic


def test_write_atomic(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, b"one")
    assert target.read_bytes() == b"one"
    with pytest.raises(OutputError, match="已存在"):
        write_atomic(target, b"two")
    assert target.read_bytes() == b"one"
    write_atomic(target, b"two", overwrite=True)
    assert target.read_bytes() == b"two"
    with pytest.raises(OutputError, match="目录"):
        write_atomic(tmp_path, b"x", overwrite=True)
    with pytest.raises(OutputError, match="不存在"):
        write_atomic(tmp_path / "no" / "out.txt", b"x")
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"input")
    with pytest.raises(OutputError, match="被审核的文件"):
        write_atomic(doc, b"x", overwrite=True, protect=(doc,))
    assert doc.read_bytes() == b"input"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.txt", "out.txt"]  # no temporary files left


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "html"])
def test_output_option_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    p = run("check", str(HENAN), "--format", fmt, "-o", str(out))
    assert p.returncode == 1 and p.stdout == "" and str(out) in p.stderr
    assert out.read_text("utf-8-sig") == run("check", str(HENAN), "--format", fmt).stdout.lstrip("\ufeff")


def test_output_never_writes_the_input(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(HENAN.read_bytes())
    p = run("check", str(doc), "-o", str(doc), "--overwrite")
    assert p.returncode == 2 and "被审核的文件" in p.stderr
    assert doc.read_bytes() == HENAN.read_bytes()
