"""Text rules: what editing leaves in the words of a disclosure.

A disclosure is written by filling in a template and editing last year's copy; what goes
wrong shows in the words, not in the figures:

- ``TEXT-TEMPLATE``: the template's instructions, the alternatives it offers (增加（减少）)
  and editing marks (（增加内容）) left in. The boilerplate is data:
  ``profiles/boilerplate/*.toml``.
- ``TEXT-PLACEHOLDER``: a placeholder other than XX (qq, a lone 11, a section whose whole
  text is 1, 主要用于……).
- ``TEXT-INCOMPLETE``: a sentence cut off (主要原因是。), a blank where the amount belongs
  (支出 万元).
- ``TEXT-PUNCT``: doubled punctuation (。。), unbalanced quotation marks.
- ``TEXT-REPEATED-WORD``: a word printed twice in a row.
- ``TEXT-UNIT-NAME``: the document's unit named in a variant (another level's prefix in a
  title, 与 for 和).
- ``TEXT-LEVEL``: the words of another level or scope (部门预算安排 in a 单位预算, 市级预算主管部门
  in a 区级 document).
- ``TEXT-PERCENT``: a rate printed without its % (增长13.95。).
- ``TEXT-DUPLICATE``: a paragraph or list item printed twice.
- ``TEXT-COPIED``: a numbered item's 主要用于/主要原因 copied from another item (it names the
  other item's subject).

Every rule reads the headings and paragraphs of the whole narrative; none judges a figure.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..findings import CellRef, Finding, Severity, TextRef
from ..model.core import Disclosure, Paragraph, Section
from ..narrative.claims import narrative_sections
from .base import ref

__all__ = [
    "template_text",
    "placeholders",
    "incomplete",
    "punctuation",
    "repeated_words",
    "unit_names",
    "levels",
    "bare_rates",
    "duplicates",
    "copied_items",
    "boilerplate",
    "Boilerplate",
    "own_name",
]

_HAN = "\u4e00-\u9fff"

# ---------------------------------------------------------------- the text walk


@dataclass(frozen=True, slots=True)
class _Text:
    section: Section
    text: str
    para: Paragraph | None  # None: the section's heading
    index: int  # paragraph index in the narrative (as the claims count them), -1 outside it

    def line(self, offset: int) -> int | None:
        if self.para is None:
            return self.section.location.line
        return self.para.line_at(offset) if self.para.lines else None

    def ref(self, start: int, end: int, sentence: str | None = None) -> TextRef:
        return TextRef(
            self.section.title,
            (sentence if sentence is not None else _sentence(self.text, start, end)).strip(),
            self.text[start:end],
            self.line(start),
            None,
            self.index,
            start,
            end,
        )


def _walk(d: Disclosure) -> Iterator[_Text]:
    """Every heading and paragraph of the document, in reading order."""
    narrative = {id(s) for s in narrative_sections(d)}
    index = 0
    for sec in d.sections:
        if sec.title:
            yield _Text(sec, sec.title, None, -1)
        for para in sec.paragraphs:
            if id(sec) in narrative:
                yield _Text(sec, para.text, para, index)
                index += 1
            else:
                yield _Text(sec, para.text, para, -1)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``start:end`` (from the last 。 before to the next)."""
    s = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    e = text.find("。", end)
    return text[s : e + 1 if e >= 0 else len(text)]


def _clause(text: str, start: int, end: int, n: int = 40) -> str:
    """The clause around ``start:end`` (between the nearest ，。；), at most ``n`` characters."""
    s = max(text.rfind(c, 0, start) for c in "，。；\n") + 1
    ends = [e for e in (text.find(c, end) for c in "，。；\n") if e >= 0]
    e = min(ends) + 1 if ends else len(text)
    if e - s > n:  # a long clause: a window around the words
        s = max(s, start - (n - (end - start)) // 2)
        e = min(e, s + n)
        return ("…" if s > 0 else "") + text[s:e] + "…"
    return text[s:e]


def _where(t: _Text) -> str:
    return f"「{t.section.title}」" if t.section.title else "正文"


def _quote(s: str, n: int = 40) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


# ---------------------------------------------------------------- boilerplate (data)


@dataclass(frozen=True, slots=True)
class Instruction:
    pattern: re.Pattern[str]
    what: str
    severity: Severity
    template: str


@dataclass(frozen=True, slots=True)
class Boilerplate:
    instructions: tuple[Instruction, ...]
    alternatives: tuple[tuple[str, str], ...]
    markers: tuple[str, ...]


_OPEN = "[（(]"
_CLOSE = "[）)]"


def _literal(text: str) -> str:
    """A regular expression for printed text: spaces anywhere, ASCII or full-width brackets."""
    out = []
    for ch in re.sub(r"\s+", "", text):
        out.append(_OPEN if ch in "（(" else _CLOSE if ch in "）)" else re.escape(ch))
    return r"\s*".join(out)


@cache
def boilerplate() -> Boilerplate:
    """The template text of every ``profiles/boilerplate/*.toml`` file, merged."""
    instructions: list[Instruction] = []
    alternatives: list[tuple[str, str]] = []
    markers: list[str] = []
    folder = resources.files("yusuan.profiles") / "boilerplate"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        name = str(data.get("name", entry.name))
        for item in data.get("instruction", ()):
            rx = item["pattern"] if "pattern" in item else _literal(item["text"])
            sev = item.get("severity", "error")
            if sev not in ("error", "warning"):
                raise ValueError(f"{entry.name}: severity {sev!r}")
            instructions.append(Instruction(re.compile(rx), str(item.get("what", "填写说明")), sev, name))
        alternatives.extend((str(a), str(b)) for a, b in data.get("alternatives", ()))
        markers.extend(str(m) for m in data.get("markers", ()))
    return Boilerplate(tuple(instructions), tuple(alternatives), tuple(markers))


@cache
def _any_instruction(instructions: tuple[Instruction, ...]) -> re.Pattern[str] | None:
    """Matches where any instruction matches: a text it does not match holds none of them."""
    return re.compile("|".join(f"(?:{i.pattern.pattern})" for i in instructions)) if instructions else None


@cache
def _marks_rx(markers: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(_literal(m) for m in markers)) if markers else None


@cache
def _alternatives_rx(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str] | None:
    if not pairs:
        return None
    forms = set()
    for a, b in pairs:
        forms |= {(a, b), (b, a)}
    alts = "|".join(
        f"{re.escape(a)}{_OPEN}\\s*{re.escape(b)}\\s*{_CLOSE}|{re.escape(a)}[/／]{re.escape(b)}" for a, b in sorted(forms)
    )
    return re.compile(alts)


# an amount followed by （持平）: the template's “增加（减少）XXX万元（持平）” filled in, the alternative kept
_KEPT_FLAT = re.compile(r"\d\s*万?元\s*[（(]\s*持平\s*[）)]")


def template_text(d: Disclosure) -> Iterator[Finding]:
    """TEXT-TEMPLATE: instructions, unchosen alternatives and editing marks left in."""
    bp = boilerplate()
    alt = _alternatives_rx(bp.alternatives)
    marks = _marks_rx(bp.markers)
    any_instruction = _any_instruction(bp.instructions)
    for t in _walk(d):
        hits: list[tuple[int, int, Severity, str, str]] = []  # start, end, severity, zh, en
        for ins in bp.instructions if any_instruction is not None and any_instruction.search(t.text) else ():
            for m in ins.pattern.finditer(t.text):
                said = _quote(m.group(0)) if len(m.group(0)) >= 10 else _clause(t.text, m.start(), m.end())
                hits.append(
                    (
                        m.start(),
                        m.end(),
                        ins.severity,
                        f"{_where(t)}保留了{ins.template}的{ins.what}「{said}」，发布前应删除或改写。",
                        f"{t.section.title}: the template's instruction “{m.group(0)}” was left in.",
                    )
                )
        if alt is not None:
            for m in alt.finditer(t.text):
                hits.append(
                    (
                        m.start(),
                        m.end(),
                        "error",
                        f"{_where(t)}「{_clause(t.text, m.start(), m.end())}」中的「{m.group(0)}」是模板给出的两种写法，"
                        "只应保留与实际相符的一种。",
                        f"{t.section.title}: “{m.group(0)}” keeps both of the template's alternatives; keep the one that applies.",
                    )
                )
        for m in _KEPT_FLAT.finditer(t.text):
            s = m.group(0).index("（") if "（" in m.group(0) else m.group(0).index("(")
            hits.append(
                (
                    m.start() + s,
                    m.end(),
                    "error",
                    f"{_where(t)}「{_clause(t.text, m.start(), m.end())}」金额后保留了模板的备选写法「（持平）」，应删除。",
                    f"{t.section.title}: the template's alternative “（持平）” was left after the amount.",
                )
            )
        if marks is not None:
            for m in marks.finditer(t.text):
                hits.append(
                    (
                        m.start(),
                        m.end(),
                        "error",
                        f"{_where(t)}保留了编辑标记「{m.group(0)}」，发布前应删除。",
                        f"{t.section.title}: the editing mark “{m.group(0)}” was left in.",
                    )
                )
        taken: list[tuple[int, int]] = []
        for start, end, sev, zh, en in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            yield Finding("TEXT-TEMPLATE", sev, zh, en, text=(t.ref(start, end),), tags=("text", "template"))


# ---------------------------------------------------------------- placeholders other than XX

# what follows 主要用于/主要原因是/包括 is only a few letters, a number or an ellipsis
_INLINE_JUNK = re.compile(
    r"(?:主要用于|主要原因(?:是|为)?|原因是|主要包括|具体包括|指)[：:]?\s*(?P<junk>[a-z]{1,4}|\d{1,3}|…{1,6}|\.{3,6})\s*(?=[。；;，,]|$)"
)
# a lowercase letter typed twice or more and standing alone (qq, aaa); xx is FMT-PLACEHOLDER's
_LETTERS = re.compile(r"(?<![A-Za-z0-9.@/_\-])(?P<junk>([a-hj-lnoq-uwyz])\2{1,3})(?![A-Za-z0-9.@/_\-])")
# 。。。 or ... standing alone where an entry belongs (a list row of a template)
_DOTS = re.compile(r"(?:^|(?<=\s))(?P<junk>[。.]{3,6})(?=\s|$)")
# the whole text of a section that says nothing
_LONE = re.compile(r"[0-9]{1,3}|[a-z]{1,4}|[.。…、，,]{1,6}")
_COUNTING = re.compile(r"数|个|量|率|次|号|页|编码|代码|序")


def placeholders(d: Disclosure) -> Iterator[Finding]:
    """TEXT-PLACEHOLDER: a placeholder other than XX typed where the words belong."""
    for t in _walk(d):
        if t.para is None:
            continue
        for rx in (_INLINE_JUNK, _LETTERS, _DOTS):
            for m in rx.finditer(t.text):
                junk = m.group("junk")
                yield Finding(
                    "TEXT-PLACEHOLDER",
                    "warning",
                    f"{_where(t)}「{_quote(_sentence(t.text, m.start(), m.end()))}」中的「{junk}」像是占位内容，未填写实际文字。",
                    f"{t.section.title}: “{junk}” looks like a placeholder where the words belong.",
                    text=(t.ref(m.start("junk"), m.end("junk")),),
                    tags=("text", "placeholder"),
                )
    titles = Counter(s.title for s in d.sections)
    contents_pages = {s.location.page for s in d.sections if re.sub(r"\s", "", s.title) == "目录"}
    for sec in d.sections:
        if len(sec.paragraphs) != 1 or not sec.title or _COUNTING.search(sec.title):
            continue
        if titles[sec.title] > 1 or (sec.location.page is not None and sec.location.page in contents_pages):
            continue  # an entry of the 目录 and its page number
        para = sec.paragraphs[0]
        body = para.text.strip()
        if body.isdigit() and sec.location.page is not None and abs(int(body) - sec.location.page) <= 1:
            continue  # the page's number
        if _LONE.fullmatch(body):
            where = _Text(sec, para.text, para, -1)
            start = para.text.index(body)
            yield Finding(
                "TEXT-PLACEHOLDER",
                "warning",
                f"「{sec.title}」的全部内容只有「{body}」，像是占位内容，未填写实际说明。",
                f"{sec.title}: its whole text is “{body}”, a placeholder rather than an explanation.",
                text=(where.ref(start, start + len(body), body),),
                tags=("text", "placeholder"),
            )


# ---------------------------------------------------------------- incomplete sentences

_CUT = re.compile(r"(?:主要原因(?:是|为|在于)?|原因是|主要用于|主要包括|具体包括)\s*[：:]?\s*(?=[。；;])")
# a word that an amount follows, then the unit with nothing between
_BLANK = re.compile(
    r"(?:(?:支出|收入|预算数|决算数|执行数|预算|安排|拨款|经费|资金|合计|总计|决算|增加|减少|共计)为?|为)(?P<gap>[ \u3000]*)(?P<unit>万元|亿元)"
    r"(?=[，。；、,;]|其中|$)"
)


def incomplete(d: Disclosure) -> Iterator[Finding]:
    """TEXT-INCOMPLETE: a sentence cut off after 主要原因是, an amount left blank."""
    for t in _walk(d):
        if t.para is None:
            continue
        for m in _CUT.finditer(t.text):
            end = m.end() + 1
            yield Finding(
                "TEXT-INCOMPLETE",
                "warning",
                f"{_where(t)}「{_quote(_sentence(t.text, m.start(), m.end()), 60)}」在「{m.group(0).strip()}」之后就结束了，缺少原因或内容。",
                f"{t.section.title}: the sentence ends right after “{m.group(0).strip()}”; the reason or content is missing.",
                text=(t.ref(m.start(), end),),
                tags=("text", "incomplete"),
            )
        for m in _BLANK.finditer(t.text):
            if "单位" in t.text[max(0, m.start() - 4) : m.start() + 2]:
                continue  # 金额单位为万元
            yield Finding(
                "TEXT-INCOMPLETE",
                "warning",
                f"{_where(t)}「{_quote(_sentence(t.text, m.start(), m.end()), 60)}」中「{m.group(0).strip()}」没有金额，数字空缺。",
                f"{t.section.title}: “{m.group(0).strip()}” has no figure before its unit; the amount is blank.",
                text=(t.ref(m.start(), m.end()),),
                tags=("text", "incomplete"),
            )


# ---------------------------------------------------------------- punctuation

# two marks where one belongs; three or more 。 are leader dots or an ellipsis, not a slip
_DOUBLE = re.compile(r"(?<!。)([。，；、：！？])\1(?!\1)|[，；、][。]|。[，；、：]")
_QUOTES = re.compile(r"[“”]")
_OTHER_QUOTES = re.compile('["＂〝〞″「」]')


def _unbalanced(text: str) -> int | None:
    """Offset of the first quotation mark that has no partner (Chinese quotes do not nest)."""
    open_at: int | None = None
    for m in _QUOTES.finditer(text):
        if m.group(0) == "“":
            if open_at is not None:
                return open_at
            open_at = m.start()
        else:
            if open_at is None:
                return m.start()
            open_at = None
    return open_at


def _mark(texts: list[_Text], unpaired: list[int | None], i: int) -> str:
    """The unpaired quotation mark of text ``i`` ('' when it has none)."""
    if 0 <= i < len(texts):
        at = unpaired[i]
        if at is not None:
            return texts[i].text[at]
    return ""


def punctuation(d: Disclosure) -> Iterator[Finding]:
    """TEXT-PUNCT: doubled punctuation; quotation marks without a partner."""
    texts = list(_walk(d))
    quoted = [t for t in texts if "“" in t.text or "”" in t.text]
    # a font that prints both marks the same way makes every paragraph look unbalanced:
    # judge quotes only where most quoted paragraphs balance
    balanced = sum(1 for t in quoted if _unbalanced(t.text) is None)
    judge_quotes = bool(quoted) and balanced * 5 >= len(quoted) * 4
    unpaired = [_unbalanced(t.text) if judge_quotes and not _OTHER_QUOTES.search(t.text) else None for t in texts]
    for i, t in enumerate(texts):
        at = unpaired[i]
        if at is not None:
            # a heading or line wrapped inside the quotes: “ left open here, ” closing in the next
            if _mark(texts, unpaired, i + 1) == "”" if t.text[at] == "“" else _mark(texts, unpaired, i - 1) == "“":
                at = None
        for m in _DOUBLE.finditer(t.text):
            yield Finding(
                "TEXT-PUNCT",
                "warning",
                f"{_where(t)}「{_quote(t.text[max(0, m.start() - 12) : m.end() + 8], 40)}」中标点重复「{m.group(0)}」。",
                f"{t.section.title}: doubled punctuation “{m.group(0)}”.",
                text=(t.ref(m.start(), m.end()),),
                tags=("text", "punctuation"),
            )
        if at is not None:
            sentence = _sentence(t.text, at, at + 1)
            yield Finding(
                "TEXT-PUNCT",
                "warning",
                f"{_where(t)}「{_quote(sentence, 60)}」中的引号不成对（「{t.text[at]}」没有对应的{'后' if t.text[at] == '“' else '前'}引号）。",
                f"{t.section.title}: the quotation mark “{t.text[at]}” has no partner.",
                text=(t.ref(at, at + 1, sentence),),
                tags=("text", "punctuation"),
            )


# ---------------------------------------------------------------- repeated words

# a word of three or more characters printed twice in a row; 的的 (but 的的确确)
_REPEAT = re.compile(rf"([{_HAN}]{{3,8}})\1|的的(?!确)")


def _paragraph_matches(d: Disclosure, pattern: re.Pattern[str]) -> Iterator[tuple[_Text, re.Match[str]]]:
    """Every match of ``pattern`` in the paragraphs (not the headings), in reading order."""
    for t in _walk(d):
        if t.para is None:
            continue
        for m in pattern.finditer(t.text):
            yield t, m


def _slip(
    code: str,
    t: _Text,
    m: re.Match[str],
    after: int,
    zh: str,
    en: str,
    suggestion: str | None = None,
    also: Sequence[tuple[_Text, re.Match[str]]] = (),
) -> Finding:
    """A warning on the words ``m`` matched in ``t``: “「section」「…context…」中「words」” + ``zh``
    (``after`` characters of context after the match, 10 before); ``also``: more places of the
    same slip, named in the finding too."""
    context = _quote(t.text[max(0, m.start() - 10) : m.end() + after], 50)
    return Finding(
        code,
        "warning",
        f"{_where(t)}「{context}」中「{m.group(0)}」{zh}",
        f"{t.section.title}: “{m.group(0)}”{en}",
        text=(t.ref(m.start(), m.end()), *(x.ref(y.start(), y.end()) for x, y in also)),
        tags=("text",),
        suggestion=suggestion,
    )


def repeated_words(d: Disclosure) -> Iterator[Finding]:
    """TEXT-REPEATED-WORD: the same word twice in a row (a garbled edit)."""
    for t, m in _paragraph_matches(d, _REPEAT):
        yield _slip("TEXT-REPEATED-WORD", t, m, 10, "重复。", " repeats a word.")


_BI_CHIPING = re.compile(r"比(?:(?:19|20)\d{2}\s*年|上年|去年)[\u4e00-\u9fff]{0,6}?持平")


# 与上年相比 with 比 lost: 与上年相 followed by what the comparison says (未发生变化, 增加 …); 相同, 相当,
# 相近, 相符 are whole words and never match
_XIANG_BI_LOST = re.compile(
    r"与(?:(?:19|20)\d{2}\s*年度?|上年度?|去年)[\u4e00-\u9fff]{0,6}?相(?=未|没有|无变化|增加|减少|增长|下降|持平|基本持平|有所)"
)


def wording(d: Disclosure) -> Iterator[Finding]:
    """TEXT-WORDING: “比2025年预算持平” — 比 takes a difference (比…增加/减少); 持平 takes 与 (与…持平);
    “与上年相未发生变化” — 相比 lost its 比."""
    for t, m in _paragraph_matches(d, _XIANG_BI_LOST):
        yield _slip(
            "TEXT-WORDING",
            t,
            m,
            8,
            f"后缺字：应为“{m.group(0)}比”。",
            " lacks 比 (与…相比).",
            suggestion=f"改为「{m.group(0)}比」",
        )
    by_section: dict[str, list[tuple[_Text, re.Match[str]]]] = {}
    for t, m in _paragraph_matches(d, _BI_CHIPING):
        by_section.setdefault(t.section.title, []).append((t, m))
    for hits in by_section.values():  # one slip repeated through a section is one finding a clerk fixes at once
        t, m = hits[0]
        more = f"（本节共 {len(hits)} 处）" if len(hits) > 1 else ""
        yield _slip(
            "TEXT-WORDING",
            t,
            m,
            6,
            f"搭配不当{more}：“持平”应与“与…”连用（与…持平），“比…”后应为增加或减少。",
            ": 持平 goes with 与 (与…持平); 比 needs an increase or decrease"
            f"{f' ({len(hits)} places in this section)' if len(hits) > 1 else ''}.",
            suggestion=f"改为「与{m.group(0)[1:]}」",
            also=hits[1:],
        )


# ---------------------------------------------------------------- the unit's name and level

_PROVINCES = (
    "北京",
    "天津",
    "上海",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
)
_CHAIN = re.compile(
    rf"(?:中共|中国共产党)?((?:{'|'.join(_PROVINCES)})(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?"
    rf"(?:[{_HAN}]{{1,6}}?(?:自治州|地区|盟|市|区|县|旗))*)"
)
_ORG_END = re.compile(r"(?:局|厅|院|委员会|委|办公室|办事处|处|所|中心|会|部|署|站|队|馆|社|团|校|园|室|组|办|（本级）)$")
_LABELS = re.compile(r"(?:预算单位|预算主管部门|主管部门|编制单位|编制部门|单位名称)\s*[：:]\s*(?P<name>[^\s：:，。]{4,40})")
_PART = re.compile(r"^\s*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）)\s*")
_SELF_TITLE = re.compile(
    rf"(?P<org>[{_HAN}（）()]{{4,40}}?)\s*(?P<year>(?:19|20)\d{{2}})\s*年度?\s*(?:区级|市级|县级|省级)?(?:部门|单位)(?:预算|决算)"
    r"(?:表|情况说明|说明|公开|编制说明)?"
)
# a title line that the reader joined to the paragraph after it: …2024年度部门决算表 + more
_SELF_TITLE_LINE = re.compile(
    rf"(?P<org>[{_HAN}（）()]{{4,40}}?)\s*(?P<year>(?:19|20)\d{{2}})\s*年度?\s*(?:区级|市级|县级|省级)?(?:部门|单位)(?:预算|决算)(?:表|情况说明)"
)
_SELF_HEADING = re.compile(rf"(?P<org>[{_HAN}（）()]{{4,40}}?)(?:主要职能|机构设置|概况)")


def _split(name: str) -> tuple[str, str]:
    """(administrative prefix, the rest) of an organisation's name: 上海市普陀区 + 司法局."""
    m = _CHAIN.match(name)
    if not m or not m.group(1):
        return "", name
    return m.group(1), name[m.end() :]


def _plausible(name: str) -> bool:
    return (
        4 <= len(name) <= 40
        and bool(_ORG_END.search(name))
        and not re.search(r"预算|决算|[表度年]$|XX|ＸＸ|×|某", name)
        and bool(re.fullmatch(rf"[{_HAN}（）()]+", name))
    )


def own_name(d: Disclosure) -> str:
    """The document's unit as the document names itself: the reader's name if it reads like
    one, else the name its cover and headings give most often ('' when there is none)."""
    if _plausible(d.meta.unit_name):
        return d.meta.unit_name
    votes: Counter[str] = Counter()
    for t in _walk(d):
        for m in _LABELS.finditer(t.text):
            if _plausible(m.group("name")):
                votes[m.group("name")] += 2
        text = _PART.sub("", t.text)
        for rx in (_SELF_TITLE, _SELF_HEADING):
            m2 = rx.fullmatch(text)
            if m2 and _plausible(m2.group("org")):
                votes[m2.group("org")] += 1
    if not votes:
        return ""
    return votes.most_common(1)[0][0]


def _variants_with_and(name: str) -> tuple[str, ...]:
    out = []
    if "和" in name:
        out.append(name.replace("和", "与"))
    if "与" in name:
        out.append(name.replace("与", "和"))
    return tuple(v for v in out if v != name)


def unit_names(d: Disclosure) -> Iterator[Finding]:
    """TEXT-UNIT-NAME: the document's unit named in a variant of its own name: with another
    level's prefix in a title of the document (上海市规划和自然资源局2024年度部门决算表 in a
    普陀区 document), or with 与 for 和. Other bodies (superiors, units, other bureaus) are
    never judged: only a name with the unit's own core."""
    own = own_name(d)
    if not own:
        return
    prefix, core = _split(own)
    texts = list(_walk(d))
    # 与/和: the same name otherwise, so never another body
    for variant in _variants_with_and(own):
        places: dict[str, tuple[list[TextRef], list[CellRef]]] = {own: ([], []), variant: ([], [])}
        for name, (refs, cells) in places.items():
            for t in texts:
                refs.extend(t.ref(m.start(), m.end()) for m in re.finditer(re.escape(name), t.text))
            cells.extend(ref(table, None) for table in d.tables if name in table.title or any(name in n for n in table.notes))
        n_own, n_var = (len(places[k][0]) + len(places[k][1]) for k in (own, variant))
        if not n_var:
            continue
        usual, other = (own, variant) if n_own >= n_var else (variant, own)
        refs, cells = places[other]
        where = "、".join(dict.fromkeys(f"「{r.section}」" for r in refs if r.section)) or "表格"
        yield Finding(
            "TEXT-UNIT-NAME",
            "warning",
            f"本单位名称有两种写法：「{usual}」（{max(n_own, n_var)}处）和「{other}」（{min(n_own, n_var)}处，见{where}）；"
            "同一单位应使用同一名称。",
            f"the unit is named two ways: “{usual}” ({max(n_own, n_var)}×) and “{other}” ({min(n_own, n_var)}×).",
            cells=tuple(cells),
            text=tuple(refs),
            suggestion=f"应为 {usual}",
            tags=("text", "names"),
        )
    if not prefix or len(core) < 2:
        return
    # another level's prefix on the unit's own core, in a title of this document
    found: dict[str, tuple[list[TextRef], list[CellRef]]] = {}

    def other_level(org: str) -> bool:
        if org == own or org.endswith(own):
            return False
        p, c = _split(org)
        return c == core and bool(p) and p != prefix

    for t in texts:
        text = _PART.sub("", t.text)
        offset = len(t.text) - len(text)
        m = _SELF_TITLE.fullmatch(text) or _SELF_HEADING.fullmatch(text) or _SELF_TITLE_LINE.match(text)
        if m and other_level(m.group("org")):
            found.setdefault(m.group("org"), ([], []))[0].append(t.ref(offset + m.start("org"), offset + m.end("org"), t.text))
    for table in d.tables:
        m = _SELF_TITLE.fullmatch(_PART.sub("", table.title))
        if m and other_level(m.group("org")):
            found.setdefault(m.group("org"), ([], []))[1].append(ref(table, None))
    for org, (refs, cells) in found.items():
        p, _ = _split(org)
        yield Finding(
            "TEXT-UNIT-NAME",
            "warning",
            f"标题「{_quote((refs[0].sentence if refs else cells[0].table_title), 50)}」中的单位名称为「{org}」，"
            f"与本单位「{own}」的层级不同（{p} / {prefix}），是另一级机关的名称。",
            f"a title names “{org}”, the body of another level ({p}); this document's unit is “{own}”.",
            cells=tuple(cells),
            text=tuple(refs),
            suggestion=f"应为 {own}",
            tags=("text", "names"),
        )


_LEVEL_OF_DOC = re.compile(r"(省级|市级|区级|县级)(?:部门|单位)(?:预算|决算)")
# the words with which a template defines its own level (名词解释: 区级预算主管部门…, 与区级财政有经费领拨关系的部门)
_LEVEL_WORDS = re.compile(r"(省级|市级|区级|县级)(?=预算主管部门|财政有经费领拨关系)")
_DEPT_IN_UNIT = re.compile(r"(?<!主管)(?<!上级)部门预算(?:安排|编制说明)")


def _title_text(d: Disclosure) -> str:
    head = [d.meta.title]
    for sec in d.sections[:2]:
        head.append(sec.title)
        head.extend(p.text for p in sec.paragraphs[:2])
    return " ".join(head)


def levels(d: Disclosure) -> Iterator[Finding]:
    """TEXT-LEVEL: words of another level (市级预算主管部门 in a 区级 document) or another
    scope (部门预算安排 in a 单位预算) describing the document itself."""
    title = _title_text(d)
    lm = _LEVEL_OF_DOC.search(title)
    own_level = lm.group(1) if lm else ""
    unit_doc = d.meta.scope == "unit" and "单位预算" in title and "部门预算" not in title
    for t in _walk(d):
        if own_level:
            others = [m for m in _LEVEL_WORDS.finditer(t.text) if m.group(1) != own_level]
            if others:
                m = others[0]
                yield Finding(
                    "TEXT-LEVEL",
                    "warning",
                    f"{_where(t)}「{_clause(t.text, m.start(), m.end(), 60)}」写的是「{m.group(1)}」，"
                    f"而本文件是{own_level}预算文件；可能沿用了其他层级的模板文字。",
                    f"{t.section.title}: says {m.group(1)} in a {own_level} document; text of another level's template?",
                    text=tuple(t.ref(o.start(), o.end()) for o in others),
                    suggestion=f"应为 {own_level}",
                    tags=("text", "level"),
                )
        if unit_doc:
            found = list(_DEPT_IN_UNIT.finditer(t.text))
            if found:
                m = found[0]
                yield Finding(
                    "TEXT-LEVEL",
                    "warning",
                    f"{_where(t)}「{_clause(t.text, m.start(), m.end(), 60)}」{'等' + str(len(found)) + '处' if len(found) > 1 else ''}"
                    "写的是「部门预算」，而本文件是单位预算；应为「单位预算」。",
                    f"{t.section.title}: says 部门预算 (department budget) in a 单位预算 (unit budget), {len(found)}×.",
                    text=tuple(t.ref(o.start(), o.start() + 4) for o in found),
                    suggestion="应为 单位预算",
                    tags=("text", "level"),
                )


# ---------------------------------------------------------------- rates without %

_RATE_WORDS = "增长|下降|降低|上升|提高|增幅|降幅|减幅|增加|减少|占比|占"
_RATE = re.compile(rf"(?P<verb>{_RATE_WORDS})(?:了)?\s*(?P<num>\d+(?:\.\d+)?)(?P<tail>\s*)(?=[，。；、,;）)]|$)")
_RATE_OK = re.compile(rf"(?:{_RATE_WORDS})(?:了)?\s*\d+(?:\.\d+)?\s*[%％]")
_PURE_RATE = {"增长", "下降", "降低", "上升", "提高", "增幅", "降幅", "减幅", "占比", "占"}


def bare_rates(d: Disclosure) -> Iterator[Finding]:
    """TEXT-PERCENT: a change or share printed without its % (and without any unit) in a
    document that prints the same kind of rate with %."""
    texts = [t for t in _walk(d) if t.para is not None]
    if not any(_RATE_OK.search(t.text) for t in texts):
        return
    for t in texts:
        for m in _RATE.finditer(t.text):
            verb, num = m.group("verb"), m.group("num")
            if verb in ("增加", "减少") and "." not in num:
                continue  # 增加2 could be a count without its unit: not a rate for sure
            # a rate for sure: after 增长/下降/占, or after 增加/减少 that follows the amount of the same change
            rate = "." in num and (
                verb in _PURE_RATE
                or bool(re.search(r"(?:减少|增加)\s*[\d.,]+\s*万?元[，,]\s*$", t.text[max(0, m.start() - 40) : m.start()]))
            )
            what = "百分号（%）" if rate else "单位（%或万元等）"
            yield Finding(
                "TEXT-PERCENT",
                "warning",
                f"{_where(t)}「{_quote(_sentence(t.text, m.start(), m.end()), 60)}」中「{verb}{num}」缺少{what}。",
                f"{t.section.title}: “{verb}{num}” has no {'%' if rate else 'unit (% or 万元)'}.",
                text=(t.ref(m.start(), m.end("num")),),
                suggestion=f"应为 {verb}{num}%" if rate else None,
                tags=("text", "units"),
            )


# ---------------------------------------------------------------- paragraphs printed twice

_NORM = re.compile(r"\s+")


_MAX_RUN = 64  # paragraphs: a block printed twice by a page break or a text frame is short


def _repeated_run(keys: list[str], i: int, at: dict[str, list[int]] | None = None) -> int:
    """The length k of a block that starts at ``i`` and is printed again right after itself
    (keys[i:i+k] == keys[i+k:i+2k]), 0 when there is none. Only the k where the block's first
    paragraph comes again (``at``: the positions of each key) are tried, up to _MAX_RUN: linear
    in the number of paragraphs, where trying every k of every i was cubic."""
    if at is None:
        at = _positions(keys)
    from bisect import bisect_right

    where = at[keys[i]]
    for j in where[bisect_right(where, i) :]:
        k = j - i
        if k > _MAX_RUN or i + 2 * k > len(keys):
            break
        if keys[i : i + k] == keys[i + k : i + 2 * k] and sum(len(x) for x in keys[i : i + k]) >= 15:
            return k
    return 0


def _positions(keys: list[str]) -> dict[str, list[int]]:
    at: dict[str, list[int]] = {}
    for n, key in enumerate(keys):
        at.setdefault(key, []).append(n)
    return at


_SENTENCES = re.compile(
    r"[^。！？]+(?:[。！？]|$)"
)  # linear: a tail without its full stop matches once (and is dropped) instead of being rescanned from every position


def duplicates(d: Disclosure) -> Iterator[Finding]:
    """TEXT-DUPLICATE: a paragraph, a run of list items or a sentence printed again right
    after itself (page breaks and overlapping text frames do this). The same paragraph under
    two headings is how some templates are written (人员经费 explained for 财政拨款 and again
    for 一般公共预算): never judged."""
    narrative = {id(s) for s in narrative_sections(d)}
    index = 0
    for sec in d.sections:
        start_index = index
        if id(sec) in narrative:
            index += len(sec.paragraphs)
        keys = [_NORM.sub("", p.text) for p in sec.paragraphs]
        at = _positions(keys)
        i = 0
        while i < len(keys):
            k = _repeated_run(keys, i, at)
            if k:
                first, again = sec.paragraphs[i], sec.paragraphs[i + k]
                t = _Text(sec, again.text, again, start_index + i + k if id(sec) in narrative else -1)
                what = f"「{_quote(first.text, 30)}」" + (f"起的{k}段" if k > 1 else "")
                yield Finding(
                    "TEXT-DUPLICATE",
                    "warning",
                    f"「{sec.title}」中{what}紧接着又印了一次（第{first.lines[0] if first.lines else '?'}行、"
                    f"第{again.lines[0] if again.lines else '?'}行）。",
                    f"{sec.title}: {k} paragraph(s) from “{_quote(first.text, 20)}” printed twice in a row.",
                    text=(t.ref(0, len(again.text), again.text),),
                    tags=("text", "layout"),
                )
                i += 2 * k
                continue
            para = sec.paragraphs[i]
            sentences = [
                (m.start(), m.end(), _NORM.sub("", m.group(0)))
                for m in _SENTENCES.finditer(para.text)
                if m.group(0)[-1] in "。！？"
            ]
            for (s1, e1, a), (s2, e2, b) in zip(sentences, sentences[1:], strict=False):
                if a == b and len(a) >= 15:
                    t = _Text(sec, para.text, para, start_index + i if id(sec) in narrative else -1)
                    yield Finding(
                        "TEXT-DUPLICATE",
                        "warning",
                        f"「{sec.title}」中的句子「{_quote(para.text[s1:e1], 40)}」紧接着又印了一次。",
                        f"{sec.title}: the sentence “{_quote(para.text[s1:e1], 20)}” is printed twice in a row.",
                        text=(t.ref(s2, e2, para.text[s2:e2]),),
                        tags=("text", "layout"),
                    )
            i += 1


# ---------------------------------------------------------------- descriptions copied from another item

_ITEM = re.compile(r"^\s*(?:\d{1,3}[、.．](?!\d)|[（(]\d{1,3}[）)][、.．]?)")
_SUBJECT = re.compile(r"([^（）()“”\s、，。；：:0-9]{2,30}?)[（(]\s*\d*\s*项\s*[）)]")
_PARTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("主要用于", re.compile(r"主要用于[：:]?(?P<v>[^。；]{2,80})[。；]")),
    ("主要原因", re.compile(r"主要原因(?:是|为)?[：:]?(?P<v>[^。；]{2,80})[。；]")),
)


@dataclass(frozen=True, slots=True)
class _Item:
    no: str
    subject: str
    para: Paragraph
    section: Section
    index: int


def _items(d: Disclosure) -> Iterator[list[_Item]]:
    narrative = {id(s) for s in narrative_sections(d)}
    index = 0
    for sec in d.sections:
        items: list[_Item] = []
        for para in sec.paragraphs:
            this = index if id(sec) in narrative else -1
            if id(sec) in narrative:
                index += 1
            m = _ITEM.match(para.text)
            s = _SUBJECT.search(para.text[:120])
            if m and s:
                items.append(_Item(m.group(0).strip(), s.group(1), para, sec, this))
        if len(items) >= 2:
            yield items


def copied_items(d: Disclosure) -> Iterator[Finding]:
    """TEXT-COPIED: a numbered item's 主要用于 or 主要原因 that is word for word another
    item's and names that item's subject, not its own (城管执法 “主要用于城乡社区管理事务
    一般行政管理事务”, the wording of the item before it)."""
    for items in _items(d):
        for what, rx in _PARTS:
            parts: list[tuple[_Item, re.Match[str]]] = []
            for it in items:
                m = rx.search(it.para.text)
                if m:
                    parts.append((it, m))
            for it, m in parts:
                value = _NORM.sub("", m.group("v"))
                if it.subject in value:
                    continue
                for other, m2 in parts:
                    if other is it or it.subject in other.subject or other.subject in it.subject:
                        continue
                    if _NORM.sub("", m2.group("v")) == value and other.subject in value:
                        t = _Text(it.section, it.para.text, it.para, it.index)
                        yield Finding(
                            "TEXT-COPIED",
                            "warning",
                            f"「{it.section.title}」第{it.no.strip('、.．')}项「{it.subject}」的{what}「{_quote(m.group('v'), 40)}」"
                            f"与第{other.no.strip('、.．')}项「{other.subject}」的完全相同，说的是「{other.subject}」而不是本项；"
                            "可能是复制后未修改。",
                            f"{it.section.title}: item {it.no} ({it.subject}) repeats item {other.no}'s {what} word for word, "
                            f"naming {other.subject}, not its own subject: copied and not edited?",
                            text=(t.ref(m.start("v"), m.end("v")),),
                            tags=("text", "copied"),
                        )
                        break
