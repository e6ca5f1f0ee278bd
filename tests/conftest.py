from __future__ import annotations

from collections.abc import Generator

import pytest

from support import HENAN
from yusuan import read
from yusuan.model import Disclosure


@pytest.fixture(scope="session")
def henan() -> Disclosure:
    return read(HENAN).disclosure


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """A slow test (mutation, fuzz, property: the same code run thousands of times on changed
    inputs) runs untraced: tracing tripled its time and measures no line the other tests do not
    (docs/design.md). Every coverage run of this process is stopped, not only pytest-cov's: in an
    xdist worker the one that coverage's ``patch = ["subprocess"]`` started is underneath it, and
    stopping the top one resumes the next."""
    if item.get_closest_marker("slow") is None:
        return (yield)
    try:
        import coverage
    except ImportError:
        return (yield)
    stopped = []
    while (cov := coverage.Coverage.current()) is not None:
        cov.stop()
        stopped.append(cov)
    try:
        return (yield)
    finally:
        for cov in reversed(stopped):
            cov.start()
