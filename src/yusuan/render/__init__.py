"""Writers: the model (:class:`~yusuan.model.Disclosure`) → a whole published document.

    from yusuan.render import render
    data = render(disclosure, "docx")      # html | pdf | docx | xlsx | txt → bytes

All formats lay out one neutral document (:func:`.document.build`): 概况, 情况说明 and
名词解释 as the model holds them, then every table as the template prints it, so that the
project's own readers re-read each output to the same tables, cells and facts.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType

from ..errors import OutputError
from ..model.core import Disclosure
from .document import Document, build

__all__ = ["FORMATS", "render", "build", "Document"]


def _html(doc: Document) -> bytes:
    from .html import to_html

    return to_html(doc).encode("utf-8")


def _txt(doc: Document) -> bytes:
    from .text import to_text

    return to_text(doc).encode("utf-8")


def _xlsx(doc: Document) -> bytes:
    from .props import stamp
    from .xlsx import to_xlsx

    return stamp(to_xlsx(doc), doc.title, doc.date)


def _docx(doc: Document) -> bytes:
    from .docx import to_docx
    from .props import stamp

    return stamp(to_docx(doc), doc.title, doc.date)


def _pdf(doc: Document) -> bytes:
    from .pdf import to_pdf

    return to_pdf(doc)


WRITERS: MappingProxyType[str, Callable[[Document], bytes]] = MappingProxyType(
    {"html": _html, "pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "txt": _txt}
)
FORMATS = tuple(WRITERS)


def render(disclosure: Disclosure, fmt: str) -> bytes:
    """The disclosure as a document of format ``fmt`` (html, pdf, docx, xlsx, txt)."""
    writer = WRITERS.get(fmt)
    if writer is None:
        raise OutputError(
            f"不支持的输出格式：{fmt}（可用：{'、'.join(FORMATS)}）",
            f"unsupported output format: {fmt} (available: {', '.join(FORMATS)})",
        )
    return writer(build(disclosure))
