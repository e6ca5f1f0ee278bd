"""Fuzz suite (issue 11): hostile families and random mutations of a file of every format,
each run through the CLI in a child process under RLIMIT_AS, asserting for every input:

- exit 0, 1 or 2 only (3 is an internal fault, a signal a crash), and no traceback;
- peak resident memory under 1 GB, CPU time under 30 s + 20 s per MB of input;
- the input file unchanged, and the ``-o`` report either absent or whole (valid JSON), with no
  temporary file left beside it.

Bounded and seeded: the default suite runs every family and one mutation of every format
once, then random cases until YUSUAN_FUZZ_SECONDS (default 40) have passed with
YUSUAN_FUZZ_SEED (default 11); ``YUSUAN_FUZZ_SECONDS=1800 pytest tests/integration/test_fuzz.py`` runs it
for half an hour. A failing case is written to YUSUAN_FUZZ_KEEP (a folder) when set, so that
it can be replayed.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from support import CORPUS, SMALL_MODEL
from support import hostile as H

SECONDS = float(os.environ.get("YUSUAN_FUZZ_SECONDS", "40"))
SEED = int(os.environ.get("YUSUAN_FUZZ_SEED", "11"))
MEMORY_MB = 1024


def _seeds() -> dict[str, bytes]:
    """One small file of each format: the corpus PDF, XLSX and text, and DOCX/HTML rendered
    from the test model."""
    import yaml

    from yusuan.modelfile import load_model
    from yusuan.render import render

    out = {
        "pdf": (CORPUS / "jiangsu-cpc-office-2018-dept-budget-tables.pdf").read_bytes(),
        "xlsx": (CORPUS / "shanghai-unit-budget-template.xlsx").read_bytes(),
        "txt": H.text_document(),
    }
    model = yaml.safe_load(SMALL_MODEL.read_text("utf-8"))
    d = load_model(yaml.safe_dump(model, allow_unicode=True).encode("utf-8"), "m.yaml", "yaml", compose=True).disclosure
    out["docx"] = render(d, "docx")
    out["html"] = render(d, "html")
    return out


def _families(rng: random.Random) -> list[tuple[str, Callable[[], bytes]]]:
    """The hostile families of issue 11, at sizes that keep one run to seconds."""
    return [
        ("xlsx", lambda: H.xlsx_merge_bomb(sheets=rng.randint(1, 30), ranges=rng.randint(1, 60))),
        ("xlsx", lambda: H.xlsx_many_cells(rng.choice((1000, 200_000, 1_050_000)))),
        (
            "xlsx",
            lambda: H.xlsx_cell(
                rng.choice(
                    ('<c r="B1"><v>1E+99999</v></c>', '<c r="B1"><v>' + "9" * 5000 + "</v></c>", "<c><v>1</v>", "<c r='ZZZZ9'/>")
                )
            ),
        ),
        (
            "xlsx",
            lambda: H.xlsx_numfmt(
                rng.choice(("0." + "0" * 5000, "#,##0.00;;;@", '"x"0.0%', "[Red]0.00E+00")), rng.choice(("1.5", "1e308", "-0"))
            ),
        ),
        (
            "docx",
            lambda: H.docx_span_bomb(
                rows=rng.randint(1, 400),
                cells=rng.randint(1, 40),
                span=rng.choice(("1000", "²", "9" * 5000, "-3", "")),
                before=rng.choice(("", "1000", "٣")),
            ),
        ),
        (
            "html",
            lambda: H.html_span(
                colspan=rng.choice(("9" * 5000, "1000", "0", "x")), rowspan=rng.choice(("65534", "0", "9" * 5000, "²"))
            ),
        ),
        ("pdf", lambda: H.pdf_bomb(rng.choice((10_000_000, 300_000_000)), layers=rng.randint(1, 2))),
        ("pdf", lambda: H.pdf_text([rng.choice(("2024 budget", "1,234.56  7.8", " " * 200)) for _ in range(rng.randint(1, 40))])),
        (
            "txt",
            lambda: H.text_document(
                narrative=rng.choice((" " * 300_000 + "x", "1" * 300_000, "### 二、" + "\u3000" * 200_000 + "x"))
            ),
        ),
        ("txt", lambda: H.text_document(rows=rng.choice((100, 3000, 25_000)))),
        ("html", lambda: b"<html><body>" + b"<a " * rng.randint(1000, 300_000) + b"</body></html>"),
    ]


def _check_one(tmp: Path, name: str, data: bytes, keep: Path | None) -> None:
    src = tmp / name
    src.write_bytes(data)
    before = hashlib.sha256(data).hexdigest()
    out = tmp / "report.json"
    if out.exists():
        out.unlink()
    r = H.run_cli(["check", str(src), "--format", "json", "-o", str(out)], limit_mb=3 * MEMORY_MB, timeout=600)
    problems = []
    if r.code not in (0, 1, 2):
        problems.append(f"exit {r.code}")
    if "Traceback" in r.stderr or "内部错误" in r.stderr:
        problems.append("traceback")
    if r.rss_mb > MEMORY_MB:
        problems.append(f"peak RSS {r.rss_mb:.0f} MB")
    if r.cpu > 30 + 20 * len(data) / 1e6:
        problems.append(f"CPU {r.cpu:.1f} s for {len(data) / 1e6:.1f} MB")
    if hashlib.sha256(src.read_bytes()).hexdigest() != before:
        problems.append("input changed")
    if out.exists():
        try:
            json.loads(out.read_text("utf-8"))
        except ValueError:
            problems.append("half-written report")
        if r.code == 2:
            problems.append("report written for unreadable input")
    leftovers = [p.name for p in tmp.iterdir() if p.name.endswith(".tmp")]
    if leftovers:
        problems.append(f"temporary files left: {leftovers}")
    if problems and keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"{hashlib.sha256(data).hexdigest()[:12]}-{name}").write_bytes(data)
    assert not problems, (name, len(data), problems, r.stderr[-600:])
    src.unlink()


def _mutation(data: bytes, rng: random.Random) -> Callable[[], bytes]:
    return lambda: H.mutate(data, rng)


@pytest.mark.slow
def test_fuzz_families_and_mutations(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    keep = Path(os.environ["YUSUAN_FUZZ_KEEP"]) if os.environ.get("YUSUAN_FUZZ_KEEP") else None
    seeds = _seeds()
    families = _families(rng)
    deadline = time.monotonic() + SECONDS
    n = 0
    # every family and every format once, then random picks until the time is up
    plan: list[tuple[str, Callable[[], bytes]]] = list(families)
    plan += [(fmt, _mutation(data, rng)) for fmt, data in seeds.items()]
    while True:
        if plan:
            fmt, make = plan.pop(0)
        elif time.monotonic() < deadline:
            if rng.random() < 0.6:
                fmt, data = rng.choice(list(seeds.items()))
                make = _mutation(data, rng)
            else:
                fmt, make = rng.choice(families)
        else:
            break
        _check_one(tmp_path, f"case{n}.{fmt}", make(), keep)
        n += 1
    assert n >= len(families) + len(seeds)
