"""Format rules of the hand-made golden transcriptions of corpus PDFs (tests/golden/pdf/*.json).

The transcriptions are made by reading the rendered page images; this test only checks that each file
follows the agreed format, so that tests comparing a reader's output against them can rely on it."""

from __future__ import annotations

import copy
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from support import GOLDEN_PDF as GOLDEN_DIR
from support.golden import TABLE_TYPES
from yusuan.facts import FACT_NAMES as CANONICAL_FACTS

# The Shanghai and national-template transcriptions; the Jiangsu ones have their own format test.
FILES = sorted(p for p in GOLDEN_DIR.glob("*.json") if not p.name.startswith("jiangsu-"))

FACT_NAMES = frozenset(CANONICAL_FACTS)
DOC_KEYS = ("source", "method", "pages", "facts", "tables")
TABLE_KEYS = ("title", "number", "type", "page", "pages", "unit", "unit_name", "header", "rows", "notes")


def _page_ok(p: Any, n_pages: int) -> bool:
    return isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= n_pages


def problems(doc: dict[str, Any], stem: str) -> list[str]:
    """Every violation of the golden format in one parsed file (empty list: the file is well-formed)."""
    out: list[str] = []
    for k in DOC_KEYS:
        if k not in doc:
            out.append(f"missing key {k}")
    if out:
        return out
    if doc["source"] != stem + ".pdf":
        out.append(f"source {doc['source']!r} is not {stem}.pdf")
    n = doc["pages"]
    if not (isinstance(n, int) and n > 0):
        return out + [f"bad page count {n!r}"]
    facts = doc["facts"]
    for name, value in facts.items():
        if name not in FACT_NAMES:
            out.append(f"unknown fact {name}")
        if not isinstance(value, str) or "," in value or value.strip() != value:
            out.append(f"fact {name}: {value!r} is not a plain decimal string")
            continue
        try:
            if not Decimal(value).is_finite():
                out.append(f"fact {name}: {value!r} is not finite")
        except InvalidOperation:
            out.append(f"fact {name}: {value!r} does not parse as Decimal")
    for name in doc.get("fact_sources", {}):
        if name not in facts:
            out.append(f"fact_sources names {name}, which is not in facts")
    if not doc["tables"]:
        out.append("no tables")
    for i, t in enumerate(doc["tables"]):
        where = f"table {i} ({t.get('title', '?')})"
        missing = [k for k in TABLE_KEYS if k not in t]
        if missing:
            out.append(f"{where}: missing keys {missing}")
            continue
        if t["type"] not in TABLE_TYPES:
            out.append(f"{where}: unknown type {t['type']!r}")
        if t["unit"] not in ("元", "万元"):
            out.append(f"{where}: unit {t['unit']!r}")
        if not t["pages"] or t["pages"][0] != t["page"] or t["pages"] != sorted(set(t["pages"])):
            out.append(f"{where}: page {t['page']} / pages {t['pages']} inconsistent")
        if not all(_page_ok(p, n) for p in t["pages"]):
            out.append(f"{where}: pages {t['pages']} outside 1..{n}")
        if not t["header"] or not t["rows"]:
            out.append(f"{where}: empty header or rows")
            continue
        width = len(t["header"][0])
        for part in ("header", "rows"):
            for j, row in enumerate(t[part]):
                if len(row) != width:
                    out.append(f"{where}: {part}[{j}] has {len(row)} cells, not {width}")
                if not all(isinstance(c, str) and "\n" not in c for c in row):
                    out.append(f"{where}: {part}[{j}] has a non-string cell or a line break")
        if not all(isinstance(s, str) and s for s in t["notes"]):
            out.append(f"{where}: notes must be non-empty strings")
    for key in ("claims", "defects", "placeholders"):
        for j, item in enumerate(doc.get(key, [])):
            text = item.get({"claims": "sentence", "defects": "what", "placeholders": "text"}[key])
            if not _page_ok(item.get("page"), n) or not isinstance(text, str) or not text:
                out.append(f"{key}[{j}] malformed: {item!r}")
            elif key == "claims" and not any(ch.isdigit() for ch in text):
                out.append(f"claims[{j}] states no figure: {text!r}")
    return out


def _load(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return doc


def test_there_are_golden_pdf_files() -> None:
    assert len(FILES) >= 1


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_golden_pdf_file_is_well_formed(path: Path) -> None:
    assert problems(_load(path), path.stem) == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_golden_pdf_file_is_two_space_indented_utf8(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def _mutants(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    m = copy.deepcopy(doc)
    m["tables"][0]["rows"][0].append("x")
    out.append(("row width", m))
    m = copy.deepcopy(doc)
    m["facts"]["revenue_totl"] = "1.00"
    out.append(("fact name", m))
    m = copy.deepcopy(doc)
    m["facts"]["revenue_total"] = "1,234.00"
    out.append(("thousands separator in fact", m))
    m = copy.deepcopy(doc)
    m["facts"]["revenue_total"] = "一百"
    out.append(("fact not a decimal", m))
    m = copy.deepcopy(doc)
    del m["tables"][0]["header"]
    out.append(("missing table key", m))
    m = copy.deepcopy(doc)
    del m["facts"]
    out.append(("missing doc key", m))
    m = copy.deepcopy(doc)
    m["tables"][0]["type"] = "summery"
    out.append(("table type", m))
    m = copy.deepcopy(doc)
    m["tables"][0]["pages"] = [m["pages"] + 1]
    out.append(("page out of range", m))
    return out


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_format_check_rejects_broken_copies(path: Path) -> None:
    doc = _load(path)
    for what, bad in _mutants(doc):
        assert problems(bad, path.stem), f"a copy with a broken {what} passed the format check"
