"""Callables the tests hand to worker processes (the batch runner, the web server's pool).

A worker finds a function by its module's name. Test modules are imported by path
(``--import-mode=importlib``) under names a child process cannot import, so what a worker runs
lives here, in ``support`` (on ``sys.path`` through pytest's ``pythonpath``)."""

from __future__ import annotations

import os
import time


def pid(_: object) -> int:
    """The worker's process id: which worker ran the task."""
    return os.getpid()


def fail_on_two(x: int) -> int:
    """x × 10, but the worker dies on 2 and raises on 4."""
    if x == 2:
        os._exit(3)
    if x == 4:
        raise ValueError("four")
    return x * 10


def refuse() -> None:
    """A task the web server's pool answers with 415 (the web extra's error type)."""
    from yusuan.web.service import WebError

    raise WebError(415, "不要", "no")


def nap(seconds: float) -> float:
    """Sleeps, for a runner that must keep calling its ``idle`` while it waits."""
    time.sleep(seconds)
    return seconds
