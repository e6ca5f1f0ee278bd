"""Format rules of the hand-made PDF transcriptions in tests/golden/pdf/*.json (see the format note in
each file's "method"): required keys, one cell count per table, canonical fact names, exact decimal facts,
and that a fact read from a table is printed in one of the transcribed tables."""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from support import GOLDEN_PDF
from support.golden import TABLE_TYPES
from yusuan.facts import FACT_NAMES

# The Jiangsu transcriptions; the Shanghai and national-template ones have their own format test.
FILES = sorted(GOLDEN_PDF.glob("jiangsu-*.json"))

TABLE_KEYS = {
    "title": str,
    "number": str,
    "type": str,
    "page": int,
    "pages": list,
    "unit": str,
    "unit_name": str,
    "header": list,
    "rows": list,
    "notes": list,
}
AMOUNT = re.compile(r"^-?\d[\d,]*\.\d+$")
GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})*\.\d+$")
SOURCE = re.compile(r"^page \d+ (table|narrative)$")


def _load(path: Path) -> dict[str, Any]:
    doc = json.loads(path.read_text("utf-8"))
    assert isinstance(doc, dict)
    return doc


def _dec(s: str) -> Decimal:
    try:
        v = Decimal(s)
    except InvalidOperation:
        raise AssertionError(f"not a decimal: {s!r}") from None
    assert v.is_finite(), s
    return v


def test_there_are_golden_pdf_files() -> None:
    assert len(FILES) >= 1


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_top_level(path: Path) -> None:
    doc = _load(path)
    for key, typ in (("source", str), ("method", str), ("pages", int), ("facts", dict), ("tables", list)):
        assert isinstance(doc.get(key), typ), f"{path.name}: {key} missing or not {typ.__name__}"
    assert doc["source"] == path.stem + ".pdf"
    assert doc["pages"] >= 1 and doc["method"].strip()
    unknown = set(doc) - {
        "source",
        "method",
        "pages",
        "facts",
        "fact_sources",
        "tables",
        "defects",
        "claims",
        "remarks",
        "placeholders",
        "transcriber_notes",
        "text_layer_notes",
        "comparison_notes",
    }
    assert not unknown, unknown


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_facts(path: Path) -> None:
    doc = _load(path)
    facts: dict[str, Any] = doc["facts"]
    assert set(facts) <= set(FACT_NAMES), set(facts) - set(FACT_NAMES)
    for name, value in facts.items():
        assert isinstance(value, str) and "," not in value and value == value.strip(), (name, value)
        assert _dec(value) >= 0, (name, value)
    sources: dict[str, Any] = doc.get("fact_sources", {})
    assert set(sources) <= set(facts), set(sources) - set(facts)
    for name, src in sources.items():
        assert isinstance(src, str) and SOURCE.match(src), (name, src)
        assert int(src.split()[1]) <= doc["pages"], (name, src)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_tables(path: Path) -> None:
    doc = _load(path)
    for t in doc["tables"]:
        where = f"{path.name} p{t.get('page')} {t.get('title')}"
        for key, typ in TABLE_KEYS.items():
            assert isinstance(t.get(key), typ), f"{where}: {key} missing or not {typ.__name__}"
        assert t["type"] in TABLE_TYPES, where
        assert t["unit"] in ("元", "万元"), where
        assert t["title"].strip() and not t["title"].startswith("表"), where
        assert t["pages"] and t["pages"] == sorted(set(t["pages"])) and t["page"] == t["pages"][0], where
        assert all(isinstance(p, int) and 1 <= p <= doc["pages"] for p in t["pages"]), where
        assert t["header"] and t["rows"], where
        width = len(t["header"][0])
        for row in t["header"] + t["rows"]:
            assert isinstance(row, list) and len(row) == width, f"{where}: {len(row)} cells, header has {width}: {row}"
            for cell in row:
                assert isinstance(cell, str) and "\n" not in cell, f"{where}: {cell!r}"
                if AMOUNT.match(cell):
                    assert GROUPED.match(cell) or "," not in cell, f"{where}: misplaced thousands separator {cell!r}"
        assert all(isinstance(n, str) and n.strip() for n in t["notes"]), where


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_table_facts_are_printed_in_a_table(path: Path) -> None:
    """A fact taken from a table (no fact_sources entry) must be a printed cell value of one of the tables."""
    doc = _load(path)
    printed: set[Decimal] = set()
    for t in doc["tables"]:
        scale = Decimal(10000) if t["unit"] == "元" else Decimal(1)
        printed |= {Decimal(c.replace(",", "")) / scale for row in t["rows"] for c in row if AMOUNT.match(c)}
    sources = doc.get("fact_sources", {})
    missing = {n: v for n, v in doc["facts"].items() if n not in sources and Decimal(v) not in printed}
    assert not missing, f"{path.name}: facts not printed in any table and without fact_sources: {missing}"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_defects_and_claims(path: Path) -> None:
    doc = _load(path)
    for item in doc.get("defects", []):
        assert set(item) == {"page", "what"} and isinstance(item["page"], int) and item["what"].strip(), item
        assert 1 <= item["page"] <= doc["pages"], item
    claims = doc.get("claims", [])
    for item in claims:
        assert set(item) == {"page", "sentence"} and isinstance(item["page"], int), item
        assert 1 <= item["page"] <= doc["pages"], item
        assert re.search(r"\d", item["sentence"]), item
    pages = [c["page"] for c in claims]
    assert pages == sorted(pages), f"{path.name}: claims not in reading order"


def _amount(cell: str) -> Decimal:
    return Decimal(cell.replace(",", "")) if AMOUNT.match(cell) else Decimal(0)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_code_tables_add_up(path: Path) -> None:
    """Self-check of the reading: in every table with a code column and one amount column, a 类 equals the sum of its 款,
    a 款 the sum of its 项, and the 合计 row the sum of the 类 (these documents print no error there; a typo would show)."""
    doc = _load(path)
    for t in doc["tables"]:
        coded = [r for r in t["rows"] if r[0].isdigit() and len(r[0]) in (3, 5, 7)]
        if not coded or len(t["header"][0]) != 3:
            continue
        value = {r[0]: _amount(r[2]) for r in coded}
        for code, v in value.items():
            kids = [k for k in value if len(k) == len(code) + 2 and k.startswith(code)]
            if kids:
                assert sum(value[k] for k in kids) == v, f"{path.name} p{t['page']} {t['title']}: {code}"
        total = [r for r in t["rows"] if (r[0] + r[1]).replace(" ", "") == "合计"]
        if total and AMOUNT.match(total[0][2]):
            assert sum(v for k, v in value.items() if len(k) == 3) == _amount(total[0][2]), f"{path.name} {t['title']}: 合计"
