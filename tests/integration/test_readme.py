"""The README as a newcomer follows it: every shell example of *Quick start* and *Use it on
your document* runs, in a clean temporary directory, with the installed ``yusuan``.

The examples are read from the README itself, so that a change of the README is tested as
it is written. The PDF names they use (我的单位预算.pdf, 情况说明.pdf, 表格.pdf) are given
corpus documents of that kind; an example naming a file this test does not know fails, so
that a new example cannot go untested.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import CORPUS, ROOT

README = (ROOT / "README.md").read_text("utf-8")
BIN = Path(sys.executable).parent  # the venv the tests run in: where `make` installs yusuan

#: the README's sample file names → a corpus document of that kind
SAMPLES = {
    "我的单位预算.pdf": CORPUS / "shanghai-putuo-welfare-home-2024-unit-budget.pdf",
    "情况说明.pdf": CORPUS / "jiangsu-cpc-office-2018-dept-budget-narrative.pdf",
    "表格.pdf": CORPUS / "jiangsu-cpc-office-2018-dept-budget-tables.pdf",
}

needs_venv = pytest.mark.skipif(
    not (BIN / "yusuan").exists() or not (BIN / "activate").exists(),
    reason="the tests do not run in a venv with yusuan installed (make test does)",
)


def section(title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, flags=re.S | re.M)
    assert m, f"README has no section “{title}”"
    return m.group(1)


def shell_blocks(text: str) -> list[list[str]]:
    """The ```sh blocks of ``text``, each as its command lines (comments and blanks dropped)."""
    blocks = []
    for body in re.findall(r"```(?:sh|bash|console)\n(.*?)```", text, flags=re.S):
        lines = [re.sub(r"\s+#.*$", "", ln).strip() for ln in body.splitlines()]
        blocks.append([ln for ln in lines if ln and not ln.startswith("#")])
    return blocks


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV",)}
    e["PATH"] = "/usr/bin:/bin"  # a clean shell: yusuan is found only through the venv
    e["PYTHONPATH"] = str(ROOT / "src")  # this tree, whichever venv installed it
    return e


def test_the_first_screen_says_how_to_check_a_pdf() -> None:
    first = "\n".join(README.splitlines()[:45])
    assert "## Use it on your document" in first and "yusuan check" in first and ".pdf" in first


def test_quick_start_examples_are_the_make_targets() -> None:
    cmds = [c for b in shell_blocks(section("Quick start")) for c in b]
    assert cmds == ["make demo", "make test"], cmds  # a new example needs a test here


@needs_venv
def test_make_demo_succeeds_and_shows_the_findings_and_the_exit_code(tmp_path: Path) -> None:
    stamp = tmp_path / "installed"  # the venv exists: make must not build another one
    stamp.touch()
    p = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "demo", f"BIN={BIN}", f"STAMP={stamp}"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**env(), "PATH": f"{BIN}:/usr/bin:/bin"},
    )
    assert p.returncode == 0, p.stdout[-2000:] + p.stderr[-2000:]
    assert "[错误]" in p.stdout and "exit code 1" in p.stdout
    assert "Error" not in p.stderr and "ignored" not in p.stderr


def test_make_test_is_a_target() -> None:
    """``make test`` runs this suite: it is not run from inside it, only checked to exist."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    p = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "test", f"BIN={BIN}", "STAMP=/dev/null"], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0 and "pytest" in p.stdout, p.stderr


@needs_venv
def test_use_it_on_your_document_runs_as_written(tmp_path: Path) -> None:
    blocks = shell_blocks(section("Use it on your document"))
    assert blocks, "no shell example in “Use it on your document”"
    (tmp_path / ".venv").symlink_to(BIN.parent)
    for block in blocks:
        named = {m for c in block for m in re.findall(r"(\S+\.pdf)", c)}
        outputs = {m for c in block for m in re.findall(r"-o\s+(\S+)", c)}
        unknown = named - set(SAMPLES) - outputs
        assert not unknown, f"the README names files this test cannot supply: {unknown}"
        for name in named - outputs:
            shutil.copy(SAMPLES[name], tmp_path / name)
        # run the block as one shell session; after each command, its exit code, kept as $?
        script = "\n".join(f'{c}\n__rc=$?; echo "@@rc=$__rc"; (exit $__rc)' for c in block)
        p = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=600, env=env())
        out = p.stdout + p.stderr
        assert "command not found" not in out and "Traceback" not in out and "内部错误" not in out, out[-3000:]
        codes = [int(x) for x in re.findall(r"@@rc=(\d+)", p.stdout)]
        assert len(codes) == len(block), out[-3000:]
        assert all(c in (0, 1) for c in codes), list(zip(block, codes, strict=True))
        echoed = re.findall(r"^([0-9])$", p.stdout, flags=re.M)  # `echo $?` prints the audit's code
        if any(c.startswith("echo $?") for c in block):
            assert echoed and echoed[-1] == str(codes[-2]), p.stdout[-500:]
        for out_name in outputs:
            written = tmp_path / out_name
            assert written.exists() and written.stat().st_size > 1000, out_name
            if out_name.endswith(".html"):
                assert written.read_text("utf-8").lstrip().lower().startswith("<!doctype html")
    # the single-file check names pages, errors first
    p = subprocess.run(
        [str(BIN / "yusuan"), "check", "我的单位预算.pdf"], cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env()
    )
    assert re.search(r"第\s*\d+\s*页", p.stdout), p.stdout[:2000]
    first = next(ln for ln in p.stdout.splitlines() if "[" in ln and "]" in ln)
    assert "[错误]" in first, first
