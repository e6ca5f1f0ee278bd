"""The document in the text format (the format every reader produces): the base layout,
also the way a model written by hand (YAML/JSON) is read into a disclosure."""

from __future__ import annotations

from .document import Document, Heading, Para, TableBlock

__all__ = ["to_lines", "to_text"]


def to_lines(doc: Document) -> list[str]:
    out: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            out.append("#" * b.level + " " + b.text)
        elif isinstance(b, Para):
            out.append(b.text.replace("\t", " ").replace("\n", " "))
        else:
            out.extend(table_lines(b))
    return out


def table_lines(t: TableBlock) -> list[str]:
    lines = ["", t.title]
    if t.unit_name:
        lines.append(f"单位名称：{t.unit_name}")
    lines.append(f"单位：{t.unit}")
    lines.extend("\t".join(r) for r in t.header_grid())
    lines.extend("\t".join(c.replace("\t", " ") for c in r) for r in t.body)
    if t.notes:
        lines.append("")
        lines.extend(t.notes)
    lines.append("")
    return lines


def to_text(doc: Document) -> str:
    return "\n".join(to_lines(doc)) + "\n"
