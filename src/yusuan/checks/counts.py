"""Counts enumerated in 情况说明 must add up: 「共有车辆5辆，其中：一般公务用车4辆、一般执法执勤用车0辆、
其他用车0辆」 (4 + 0 + 0 ≠ 5), 「共14个项目，其中：新增项目3个、延续项目10个」.

``NARR-COUNT-SUM`` reads a total (共/合计/总计 + a number + a counting unit) and the parts listed
after the 其中 that follows it in the same sentence (nothing but words between the two), each
part a name, a number and the same unit, separated by 、，；. The list ends at the first piece that
is not such a part (another unit, an amount, a figure in brackets). At least two parts are needed.

* When the list ends with a 其他… part (the rest), it claims to be complete: parts that do not add
  up to the total are an error (a warning when only two parts were read).
* Otherwise the list may name a few of the parts only: it is reported (a warning) only when the
  parts add up to more than the total.

Sums that :mod:`yusuan.narrative.claims` already checks (车辆 = 一般公务用车 + 一般执法执勤用车 + 其他用车
when it links all three) are left to it (NARR-SUM), so that one defect is reported once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import Finding, Severity, TextRef
from ..model.core import Disclosure, Paragraph, Section
from ..narrative.claims import ClaimSet, extract_claims, narrative_sections

__all__ = ["count_sums"]

_UNITS = r"台（套）|台\(套\)|人次|个|辆|台|套|项|人|名|家|户|次|所|处|件|座|栋|间|条|期|场"
_TOTAL = re.compile(
    rf"(?:(?<!公)共(?!同|享|建|治|性)|合计|总计|总数为?)(?:有|计|拥有|配备|为|是)?(?P<noun>[^\d，,。；;：:、（）()]{{0,12}}?)\s*(?P<n>\d+)\s*(?P<unit>{_UNITS})"
)
_OF_WHICH = re.compile(r"其中[：:，,]?\s*")
_PART = re.compile(rf"^(?P<label>[^\d%％]{{1,24}}?)\s*(?P<n>\d+)\s*(?P<unit>{_UNITS})(?P<tail>[^\d%％]{{0,8}})$")
_SEPARATOR = re.compile(r"[、，,；;]")
_SENTENCE = re.compile(r"[^。！？]*[。！？]?")
_REST = re.compile(r"^(?:和|及|以及)?(?:其他|其它)")


@dataclass(frozen=True, slots=True)
class _Part:
    label: str
    n: int
    text: str


def _same_unit(a: str, b: str) -> bool:
    return a.replace("(", "（").replace(")", "）") == b.replace("(", "（").replace(")", "）")


def _parts(text: str, unit: str) -> list[_Part]:
    out: list[_Part] = []
    for piece in _SEPARATOR.split(text.rstrip("。！？")):
        piece = piece.strip()
        m = _PART.match(piece)
        if m is None or not _same_unit(m.group("unit"), unit) or re.search(r"共|合计|总计|其中", m.group("label")):
            break
        out.append(_Part(m.group("label").strip(), int(m.group("n")), piece))
    return out


def _summed_by_claims(d: Disclosure, own_claims: ClaimSet | None = None) -> set[tuple[int, int]]:
    """(paragraph, offset) of the wholes whose sums the narrative claims already check."""
    try:
        claims = (extract_claims(d) if own_claims is None else own_claims).claims
    except Exception:  # noqa: BLE001 - without the claims, every sum is ours to check
        return set()
    return {(c.ref.paragraph, c.ref.start) for c in claims if c.kind == "sum"}


def count_sums(d: Disclosure, own_claims: ClaimSet | None = None) -> Iterator[Finding]:
    """NARR-COUNT-SUM: the parts listed after 其中 do not add up to the count before it."""
    sections = narrative_sections(d)
    if not sections:
        return
    checked = _summed_by_claims(d, own_claims)
    index = -1
    for sec in sections:
        for para in sec.paragraphs:
            index += 1
            yield from _paragraph(sec, para, index, checked)


def _paragraph(sec: Section, para: Paragraph, index: int, checked: set[tuple[int, int]]) -> Iterator[Finding]:
    text = para.text
    for sm in _SENTENCE.finditer(text):
        sentence = sm.group(0)
        if not sentence.strip():
            continue
        for tm in _TOTAL.finditer(sentence):
            after = sentence[tm.end() :]
            om = _OF_WHICH.search(after)
            if om is None or re.search(r"\d|[；;]", after[: om.start()]) or om.start() > 30:
                continue
            parts = _parts(after[om.end() :], tm.group("unit"))
            if len(parts) < 2:
                continue
            start = sm.start() + tm.start("n")
            if (index, start) in checked or any(abs(s - start) <= 2 for p, s in checked if p == index):
                continue
            total = int(tm.group("n"))
            got = sum(p.n for p in parts)
            if got == total:
                continue
            complete = bool(_REST.match(parts[-1].label))
            if not complete and got < total:
                continue  # 其中 may name a few of the parts only
            severity: Severity = "error" if complete and len(parts) >= 3 else "warning"
            unit = tm.group("unit")
            figure = f"{tm.group('n')}{unit}"
            listed = "、".join(p.text for p in parts)
            expr = " + ".join(str(p.n) for p in parts)
            line = para.line_at(start)
            ref = TextRef(
                sec.title,
                sentence.strip(),
                figure,
                line,
                para.page_of(line),
                index,
                start,
                start + len(tm.group("n")) + len(unit),
            )
            if complete:
                zh_doubt, en_doubt = "所列各项（含“其他”）应合计为总数", "the parts, 其他 included, should make up the whole"
            else:
                zh_doubt, en_doubt = "部分之和不能超过总数", "parts cannot exceed their whole"
            yield Finding(
                "NARR-COUNT-SUM",
                severity,
                f"情况说明「{sec.title}」：「{tm.group(0).strip()}」，其中{listed}，"
                f"{expr} = {got}{unit}，与总数 {total}{unit} 不符（相差 {got - total:+d}{unit}；{zh_doubt}）。",
                f"{sec.title}: the total {figure} but its parts {expr} = {got} ({en_doubt}).",
                text=(ref,),
                expected=str(got),
                actual=str(total),
                difference=str(total - got),
                tags=("narrative",),
            )
