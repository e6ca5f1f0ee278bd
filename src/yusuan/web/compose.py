"""Write: a model file (YAML/JSON) → the composed document, through the same calls as
``yusuan render`` (:func:`yusuan.modelfile.load_model`, :func:`yusuan.api.audit`,
:func:`yusuan.render.render`); refused, with the findings, when the audit finds errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..api import audit
from ..errors import YusuanError
from ..report.finding import Finding
from .service import Upload, WebError

__all__ = ["Composed", "compose_document"]


@dataclass
class Composed:
    data: bytes = b""
    errors: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def compose_document(up: Upload, fmt: str) -> Composed:
    from ..modelfile import load_model
    from ..render import render

    head = up.data[:4096].lstrip()
    if b"\x00" in up.data[:65536]:
        raise WebError(415, f"模型文件应为 YAML 或 JSON 文本：{up.name}", f"a model file is YAML or JSON text: {up.name}")
    kind = "json" if head.startswith((b"{", b"[")) or up.name.lower().endswith(".json") else "yaml"
    try:
        reading = load_model(up.data, up.name, kind, compose=None)
        report = audit(reading.disclosure)
        errors = [f for f in report.findings if f.severity == "error"]
        notes = [n.text for n in reading.notes if n.table == "compose"]
        if errors:
            return Composed(errors=errors, notes=notes)
        return Composed(data=render(reading.disclosure, fmt), notes=notes)
    except YusuanError as err:
        raise WebError(422, err.zh, err.en) from None
