from __future__ import annotations

import pytest

from support import HENAN
from yusuan import read
from yusuan.model import Disclosure


@pytest.fixture(scope="session")
def henan() -> Disclosure:
    return read(HENAN).disclosure
