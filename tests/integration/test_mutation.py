"""Change one numeric cell of the reference document: the audit must name it.

Every printed figure of every table (and, as a second population, every empty value
cell) is changed by several amounts of at least 0.01. A finding must name the changed
cell's table and its row or column; a change within rounding must come back as
"possible rounding", one beyond it as an error.
"""

from __future__ import annotations

import pytest

from support.mutation import run_mutations
from yusuan.model import Disclosure


@pytest.mark.slow
def test_every_printed_figure_change_is_reported(henan: Disclosure) -> None:
    total, detected, missed = run_mutations(henan, include_empty=False)
    rate = detected / total
    print(f"\nprinted-figure mutations: {detected}/{total} detected ({rate:.2%}); missed: {missed[:20]}")
    assert total > 800
    assert rate >= 0.99


@pytest.mark.slow
def test_every_empty_cell_filled_is_reported(henan: Disclosure) -> None:
    total, detected, missed = run_mutations(henan, include_empty=True)
    rate = detected / total
    print(f"\nempty-cell mutations: {detected}/{total} detected ({rate:.2%}); missed: {missed[:20]}")
    assert rate >= 0.99
