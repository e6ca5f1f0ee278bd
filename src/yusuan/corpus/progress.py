"""The batch's progress on stderr (rich): documents done/total, pages per second, time left."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any

__all__ = ["BatchProgress"]

_PHASES = {"read": "读取 reading", "audit": "审核 auditing"}


class BatchProgress:
    """``update(phase, done, total, pages)`` as the batch goes; nothing shown when disabled or
    when stderr is not a terminal that rich can draw on (then nothing but the final line)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}
        self._start = time.monotonic()

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.start()
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, phase: str, done: int, total: int, pages: int) -> None:
        if self._progress is None:
            return
        if phase not in self._tasks:
            self._start = time.monotonic()
            self._tasks[phase] = self._progress.add_task(_PHASES.get(phase, phase), total=total, rate="")
        elapsed = max(time.monotonic() - self._start, 1e-6)
        rate = f"{pages / elapsed:.1f} 页/s pages/s" if pages else ""
        self._progress.update(self._tasks[phase], completed=done, total=total, rate=rate)
