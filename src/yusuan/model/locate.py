"""Attach page numbers to every location of a model, from the layout's line → page map."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, TypeVar

from .core import Location, Paragraph

__all__ = ["with_pages"]

T = TypeVar("T")


def with_pages(obj: T, pages: Sequence[int | None]) -> T:
    """A copy of ``obj`` (any frozen model object) whose :class:`Location`\\ s carry pages."""
    if not any(p is not None for p in pages):
        return obj
    return _walk(obj, pages)  # type: ignore[no-any-return]


def _walk(obj: Any, pages: Sequence[int | None]) -> Any:
    if isinstance(obj, Location):
        if obj.page is None and obj.line is not None and 1 <= obj.line <= len(pages):
            return dataclasses.replace(obj, page=pages[obj.line - 1])
        return obj
    if isinstance(obj, Paragraph) and not obj.pages:
        return dataclasses.replace(obj, pages=tuple(pages[ln - 1] if 1 <= ln <= len(pages) else None for ln in obj.lines))
    if isinstance(obj, tuple):
        return tuple(_walk(x, pages) for x in obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in dataclasses.fields(obj):
            if not f.init:
                continue
            v = getattr(obj, f.name)
            nv = _walk(v, pages)
            if nv is not v:
                changes[f.name] = nv
        return dataclasses.replace(obj, **changes) if changes else obj
    return obj
