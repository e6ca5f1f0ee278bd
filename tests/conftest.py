from __future__ import annotations

from pathlib import Path

import pytest

from yusuan import read
from yusuan.model import Disclosure

HERE = Path(__file__).parent
HENAN = HERE / "fixtures" / "corpus" / "henan-jiyuan-govoffice-2024-unit-budget.txt"


@pytest.fixture(scope="session")
def henan() -> Disclosure:
    return read(HENAN).disclosure
