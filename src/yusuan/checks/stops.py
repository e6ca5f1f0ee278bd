"""A sentence that ends without its full stop.

    TEXT-CITATION warning one cited document under two titles that differ by a word inserted in
                          one place (《…人民调解经费保障的意见》 / 《…人民调解工作经费保障的意见》)
    TEXT-STOP   warning   prose that stops without closing punctuation where its paragraph ends:
                          before the next heading (or the end of the text), or where the printed
                          page starts a new paragraph after a clause that is complete

Two places, each narrow enough that a heading, a list item or a table title never counts:

- the last words of a paragraph, followed by the next heading (on the same page, in a paged
  document): the paragraph is prose (at
  least 30 characters with a 「，」 in it, no tab, no leader dots) and its last character is a
  Chinese character (not a figure, a %, a closing bracket or quote);
- inside a paragraph of a paged document (PDF), where the reader saw a new paragraph begin on
  the same page while the words before did not end a sentence (the paragraphs are joined again
  because a sentence never ends without its stop): reported only when the words before end a
  complete clause of the template's kind — a change or a reason (「…的主要原因是工作量增加」) —
  and the next paragraph starts with a Chinese character (a figure or a % goes on a sentence
  a line break cut).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Finding, TextRef
from ..model.core import Disclosure, Paragraph, Section
from ..narrative.claims import narrative_sections

__all__ = ["missing_stops", "cited_titles"]

_CLOSED = re.compile(r"[\u4e00-\u9fff]$")
#: a clause complete in itself: a change or a reason, as the templates word them
_COMPLETE = re.compile(
    r"(?:原因是|原因为|主要是|由于|用于)[^，。；：]{2,40}(?:增加|减少|增长|下降|持平|变化|调整|所致|需要|提高|降低)$"
)
_PROSE_MIN = 30
_STARTS = re.compile(r"^[\u4e00-\u9fff]")


def _quote(s: str, n: int = 30) -> str:
    return s if len(s) <= n else "…" + s[-n:]


def _ref(sec: Section, para: Paragraph, index: int, start: int, end: int) -> TextRef:
    sentence_start = max(para.text.rfind(c, 0, end) for c in "。；！？") + 1
    return TextRef(sec.title, para.text[sentence_start:end], para.text[start:end], para.line_at(start), None, index, start, end)


def missing_stops(d: Disclosure) -> Iterator[Finding]:
    """TEXT-STOP: a paragraph's last sentence, or a complete clause before a new printed
    paragraph, without its full stop."""
    narrative = {id(s) for s in narrative_sections(d)}
    index = 0
    for n, sec in enumerate(d.sections):
        in_narrative = id(sec) in narrative
        nxt = d.sections[n + 1] if n + 1 < len(d.sections) else None
        for j, para in enumerate(sec.paragraphs):
            k = index if in_narrative else -1
            if in_narrative:
                index += 1
            yield from _inside(sec, para, k)
            text = para.text.rstrip()
            last = text[para.spans[-1][0] :] if para.spans else text
            # the next heading must follow on the same page: text that goes on after a table, a chart or
            # a page the reader did not join is not a paragraph that ended
            followed = (
                nxt is not None
                and j == len(sec.paragraphs) - 1
                and (not para.pages or nxt.location.page is None or para.pages[-1] == nxt.location.page)
            )
            if (
                followed
                and len(last) >= _PROSE_MIN
                and "，" in last
                and "\t" not in last
                and "…" not in last
                and "……" not in text
                and _CLOSED.search(text)
            ):
                s = max(text.rfind(c) for c in "，。；：") + 1
                yield Finding(
                    "TEXT-STOP",
                    "warning",
                    f"「{sec.title or '正文'}」中的段落以“{_quote(text[s:])}”结束，句末没有句号。",
                    f"{sec.title or 'text'}: the paragraph ends with “{_quote(text[s:])}” and no full stop.",
                    text=(_ref(sec, para, k, s, len(text)),),
                    tags=("text", "punctuation"),
                )


def _inside(sec: Section, para: Paragraph, index: int) -> Iterator[Finding]:
    if not para.pages or len(para.spans) < 2:
        return
    for (a, _), (b, _), pa, pb in zip(para.spans, para.spans[1:], para.pages, para.pages[1:], strict=False):
        if pa is None or pa != pb:
            continue  # a page break: the paragraph goes on on the next page
        before, after = para.text[a:b], para.text[b:]
        if "\t" in before or not _COMPLETE.search(before) or not _STARTS.match(after):
            continue
        s = max(before.rfind(c) for c in "，。；：") + 1
        nxt = re.split(r"[，。；：]", after, maxsplit=1)[0]
        yield Finding(
            "TEXT-STOP",
            "warning",
            f"「{sec.title or '正文'}」中“{_quote(before[s:])}”之后没有句号，下一段“{_quote(nxt, 20)}”接着开始。",
            f"{sec.title or 'text'}: no full stop after “{_quote(before[s:])}” before the next paragraph “{_quote(nxt, 20)}”.",
            text=(_ref(sec, para, index, a + s, b),),
            tags=("text", "punctuation"),
        )


# ---------------------------------------------------------------- one cited document, two titles

_CITED = re.compile(r"《([^《》]{8,60})》")
#: words whose insertion makes another document (实施意见 of an 意见, a 暂行办法, a later 进一步…)
_OTHER_DOCUMENT = re.compile(r"实施|若干|补充|暂行|试行|进一步|修订|修改|有关|规定|办法|细则|通知|决定|\d")


def _inserted(short: str, long: str) -> str | None:
    """The run of characters ``long`` has in one place more than ``short``, if that is all."""
    if not 1 <= len(long) - len(short) <= 4:
        return None
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    extra = len(long) - len(short)
    if i < 4 or len(short) - i < 2:  # a prefix (部门, the issuer) or an ending (the kind of document) of its own
        return None
    return long[i : i + extra] if long[i + extra :] == short[i:] else None


def cited_titles(d: Disclosure) -> Iterator[Finding]:
    """TEXT-CITATION: one document cited under two titles that differ by a word inserted in one place
    (《…加强人民调解经费保障的意见》 / 《…加强人民调解工作经费保障的意见》). Titles whose difference makes
    another document (实施意见, 暂行办法, 进一步…, a year) are never judged."""
    seen: dict[str, tuple[Section, Paragraph, int, re.Match[str]]] = {}
    narrative = {id(s) for s in narrative_sections(d)}
    index = 0
    reported: set[frozenset[str]] = set()
    for sec in d.sections:
        in_narrative = id(sec) in narrative
        for para in sec.paragraphs:
            k = index if in_narrative else -1
            index += in_narrative
            for m in _CITED.finditer(para.text):
                title = re.sub(r"\s+", "", m.group(1))
                if title.endswith("表"):  # a table of the document, not a cited document
                    continue
                for other, (osec, _, _, _) in seen.items():
                    short, long = sorted((title, other), key=len)
                    extra = _inserted(short, long)
                    pair = frozenset((title, other))
                    if extra is None or pair in reported or _OTHER_DOCUMENT.search(extra) or len(short) < 12:
                        continue
                    reported.add(pair)
                    yield Finding(
                        "TEXT-CITATION",
                        "warning",
                        f"同一文件的名称前后不一致：「{_quote(other, 40)}」（「{osec.title}」）与「{_quote(title, 40)}」"
                        f"（「{sec.title}」）只差“{extra}”，请按文件原名统一。",
                        f"one document cited under two titles: “{other}” and “{title}” differ only by “{extra}”; use its own title.",
                        text=(
                            TextRef(
                                sec.title,
                                para.text[max(0, m.start() - 20) : m.end() + 20],
                                m.group(0),
                                para.line_at(m.start()) if para.lines else None,
                                None,
                                k,
                                m.start(),
                                m.end(),
                            ),
                        ),
                        tags=("text",),
                    )
                seen.setdefault(title, (sec, para, k, m))
