"""Property: a consistent budget made up from scratch (a random unit, function codes from the
bundled catalog, projects financed by the general budget or by government funds, amounts in
万元 or in 元, last year's figures and reasons) renders with a composed 情况说明 and survives
DOCX, XLSX, HTML and PDF: the re-read document has the same cells and facts, and the audit
finds no error in it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from support.generated import budgets
from support.roundtrip import facts, table_cells
from yusuan import check, read_bytes
from yusuan.model import Disclosure
from yusuan.modelfile import load_model
from yusuan.render import render
from yusuan.render.pdf import cjk_font_available


def _load(model: dict[str, Any]) -> Disclosure:
    import json

    return load_model(json.dumps(model, ensure_ascii=False).encode(), "generated.json", "json", compose=True).disclosure


def _errors(d: Disclosure) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in check(d) if f.severity == "error"]


def _round_trip(d: Disclosure, fmt: str) -> None:
    again = read_bytes(render(d, fmt), f"generated.{fmt}").disclosure
    want, got = table_cells(d), table_cells(again)
    bad = [k for k in want if want[k][-1] != got.get(k, (None,))[-1]]
    assert bad == [], (fmt, [(want[k], got.get(k)) for k in bad[:2]])
    assert facts(again) == facts(d), fmt
    assert _errors(again) == [], fmt


_SETTINGS = {"deadline": None, "print_blob": True, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


@pytest.mark.slow
@settings(max_examples=25, **_SETTINGS)  # type: ignore[arg-type]
@given(budgets())
def test_generated_budgets_are_audit_clean_and_survive_docx_xlsx_html(model: dict[str, Any]) -> None:
    d = _load(model)
    assert _errors(d) == []
    for fmt in ("docx", "xlsx", "html"):
        _round_trip(d, fmt)


@pytest.mark.slow
@pytest.mark.skipif(cjk_font_available() is False, reason="no Chinese font installed (scripts/install-system-deps.sh)")
@settings(max_examples=5, **_SETTINGS)  # type: ignore[arg-type]
@given(budgets())
def test_generated_budgets_survive_pdf(model: dict[str, Any]) -> None:
    pytest.importorskip("weasyprint")
    d = _load(model)
    _round_trip(d, "pdf")
