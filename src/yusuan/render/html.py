"""HTML writer: one standalone page (inline CSS, no external resources), from a Jinja2
template. The same page, with its print CSS (landscape pages for tables, header rows
repeated on every page), is what the PDF writer lays out."""

from __future__ import annotations

from functools import cache
from typing import Any

from .document import Document, Heading, Para, TableBlock

__all__ = ["to_html"]


@cache
def _template() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("yusuan.render", "templates"),
        autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
        trim_blocks=False,
        lstrip_blocks=False,
    )
    return env.get_template("disclosure.html.j2")


def _header_rows(t: TableBlock) -> list[list[Any]]:
    rows: list[list[Any]] = [[] for _ in range(t.header_rows)]
    for c in sorted(t.header, key=lambda c: (c.row, c.col)):
        rows[c.row].append(c)
    return rows


def to_html(doc: Document) -> str:
    from .. import __version__

    blocks: list[dict[str, Any]] = []
    n = 0
    for b in doc.blocks:
        if isinstance(b, Heading):
            blocks.append({"kind": "heading", "level": b.level, "text": b.text})
        elif isinstance(b, Para):
            blocks.append({"kind": "para", "text": b.text})
        elif isinstance(b, TableBlock):
            n += 1
            body = [list(zip(r, nums, strict=True)) for r, nums in zip(b.body, b.numeric, strict=True)]
            blocks.append({"kind": "table", "number": n, "t": b, "header": _header_rows(b), "body": body})
    return str(_template().render(doc=doc, blocks=blocks, version=__version__))
