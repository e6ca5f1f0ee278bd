"""The PDF reader's settings object (issue 15): one frozen, self-checking place for its thresholds,
with the values the reader has always used, honoured by every stage it is passed to."""

from __future__ import annotations

import dataclasses
import io
import math

import pypdfium2 as pdfium
import pytest

from support import CORPUS
from yusuan.errors import PdfTooManyPages
from yusuan.ingest.pdf import MAX_PAGES, SETTINGS, PdfSettings, read_pdf

TABLES = CORPUS / "jiangsu-cpc-office-2019-dept-budget-tables.pdf"


def test_the_defaults_are_the_values_the_reader_always_used() -> None:
    assert SETTINGS == PdfSettings()
    assert (SETTINGS.max_pages, SETTINGS.max_segments, SETTINGS.max_pairs, SETTINGS.max_cells) == (500, 20000, 1_000_000, 100_000)
    assert (SETTINGS.tol, SETTINGS.shown_max, SETTINGS.shown_min) == (2.0, 0.8, 0.05)
    assert MAX_PAGES == SETTINGS.max_pages == 500


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        SETTINGS.tol = 3.0  # type: ignore[misc]


@pytest.mark.parametrize(
    "change",
    [
        {"max_pages": 0},
        {"max_pages": -5},
        {"max_pages": 2.5},
        {"max_segments": True},
        {"max_cells": "100"},
        {"max_pairs": None},
        {"tol": 0.0},
        {"tol": -1.0},
        {"tol": math.nan},
        {"tol": math.inf},
        {"shown_min": 0.9},  # above shown_max
        {"shown_max": 1.5},
        {"shown_min": 0.8, "shown_max": 0.8},
    ],
)
def test_nonsense_is_refused_where_it_is_made(change: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        PdfSettings(**change)  # type: ignore[arg-type]


def test_sensible_changes_are_accepted() -> None:
    s = dataclasses.replace(SETTINGS, tol=1.5, max_pages=10, shown_max=1.0)
    assert (s.tol, s.max_pages, s.shown_max) == (1.5, 10, 1.0)
    assert PdfSettings(tol=3).tol == 3  # a whole number where a float is expected is fine


def test_read_pdf_honours_the_page_limit_it_is_given() -> None:
    doc = pdfium.PdfDocument.new()
    for _ in range(3):
        doc.new_page(100, 100)
    out = io.BytesIO()
    doc.save(out)
    with pytest.raises(PdfTooManyPages) as err:
        read_pdf(out.getvalue(), "three.pdf", PdfSettings(max_pages=2))
    assert "2" in err.value.zh


def test_the_stages_take_their_limits_from_the_settings() -> None:
    data = TABLES.read_bytes()
    grids = sum("\t" in s for s in read_pdf(data, "t.pdf").lines)
    assert grids > 50  # the tables are ruled
    # a grid may have at most 1 leaf cell: no ruled table is read, the rows come from the text lines
    assert read_pdf(data, "t.pdf", PdfSettings(max_cells=1)).lines != read_pdf(data, "t.pdf").lines
    # the defaults passed explicitly read exactly what the reader reads by default
    assert read_pdf(data, "t.pdf", PdfSettings()) == read_pdf(data, "t.pdf")
