"""A small HTML reader for the report tests: every element with its attributes, its text,
the section it sits in and its tag path (html.parser, no browser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source"}


@dataclass
class El:
    tag: str
    attrs: dict[str, str]
    section: str  # id of the enclosing <section>
    parent_tags: tuple[str, ...]
    parts: list[str] = field(default_factory=list)
    children: list[El] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Scan(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[El] = []
        self.stack: list[El] = []
        self.tags: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        section = next((e.attrs.get("id", "") for e in reversed(self.stack) if e.tag == "section"), "")
        el = El(tag, {k: v or "" for k, v in attrs}, section, tuple(e.tag for e in self.stack))
        self.tags.append(tag)
        self.elements.append(el)
        if self.stack:
            self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        for e in self.stack:
            e.parts.append(data)

    def by_id(self) -> dict[str, El]:
        out: dict[str, El] = {}
        for e in self.elements:
            if "id" in e.attrs:
                assert e.attrs["id"] not in out, f"duplicate id {e.attrs['id']}"
                out[e.attrs["id"]] = e
        return out

    def own_text(self, el: El) -> str:
        """The element's text without its finding links ([3])."""
        text = el.text
        for c in el.children:
            if c.tag == "a" and "fref" in c.classes:
                text = text.replace(c.text, "", 1)
        return text
