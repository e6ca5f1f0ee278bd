"""Claims of 情况说明: every figure, percentage, count and direction word, each linked to
the table cells or the computation it states, and judged.

The reading is deliberately simple and explainable. A paragraph is cut into sentences
(。！？) and tokens (amounts with their unit, percentages, counts, direction words). The
words just before a figure name what it states; they are matched against the phrases of
the section's topic (see :mod:`.metrics`). A percentage after ``占`` is a share of the
whole stated before ``其中``; a direction word followed by an amount is a change on last
year, and the percentage after the next direction word is that change's rate: together
with this year's figure they imply last year's, and must agree with each other (and with
last year's document when one is given). Figures that no table holds are checked against
the other statements of their sentence where a sum ties them (货物 + 工程 + 服务 = 政府采购).

Every token becomes a :class:`Claim` with a status: ``verified``, ``wrong``,
``rounding`` (agrees only within rounding), ``unverifiable`` (nothing in the document can
check it) or ``unlinked`` (we could not tell what it states). Nothing is skipped silently.

Stages: :mod:`.sentences` cuts the text, :mod:`.link` links a figure to its cell or
metric, :mod:`.judge` compares; this module walks the paragraphs and records the claims.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..catalog import strip_ordinal
from ..findings import CellRef, Severity, TextRef, ref
from ..labels import bare_item, compact
from ..model.core import Disclosure, Paragraph, Section
from ..model.money import WAN
from ..tolerance import HUNDRED, half_unit, meet, ratio_interval, round_half_up, same_printing
from .judge import (
    Status,
    _amount_verdict,
    _en,
    _fmt,
    _pct_verdict,
    _shown,
)
from .link import _Linker
from .metrics import METRICS, SUM_GROUPS, Resolved, resolve, topic_of
from .sentences import (
    _CONNECTIVES,
    _ORDINAL,
    _PLACEHOLDER,
    _SENTENCE,
    ZERO,
    Token,
    _heading_paragraph,
    _label,
    _long_label,
    _p_dec,
    _sentence_of,
    _to_wan,
    narrative_sections,
    tokenize,
)

__all__ = ["Claim", "ClaimSet", "extract_claims", "narrative_sections", "Token", "tokenize"]

_RANK = {"verified": 0, "rounding": 1, "wrong": 2}  # the better of two readings of one claim
Kind = Literal["amount", "share", "change", "change_rate", "count", "zero_change", "direction", "sum", "name"]


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement of the narrative and what checking it found."""

    kind: Kind
    ref: TextRef
    metric: str  # metric key, "project:<name>", or "" when unlinked
    subject: str  # what it states, in Chinese
    value: Decimal | None  # in 万元 for amounts; percent points for rates; count for counts
    status: Status = "unverifiable"
    code: str = ""  # finding code when not verified
    expected: Decimal | None = None
    basis: str = ""  # how it was checked, in Chinese
    basis_en: str = ""
    cells: tuple[CellRef, ...] = ()
    others: tuple[TextRef, ...] = ()  # other statements involved
    possible_rounding: bool = False
    note: str = ""  # for "rounding": what kind of rounding explains it (replaces the stock sentence)
    note_en: str = ""
    severity: Severity | None = None  # overrides the status's severity (a doubt stated as a warning)
    headline: str = ""  # what is wrong, when the code's title says it less well
    headline_en: str = ""


@dataclass(frozen=True, slots=True)
class ClaimSet:
    claims: tuple[Claim, ...]

    def count(self, *statuses: str) -> int:
        return sum(1 for c in self.claims if c.status in statuses)

    @property
    def found(self) -> int:
        return len(self.claims)

    @property
    def verified(self) -> int:
        return self.count("verified", "rounding")


_DOCUMENT_TOTALS = {"revenue_total", "expenditure_total", "revenue_current", "expenditure_current"}


# ---------------------------------------------------------------- the reader


@dataclass
class _Ctx:
    """What the walk through one paragraph remembers."""

    topic: str
    subject: str = ""  # metric of the last amount
    subject_token: Token | None = None
    subject_value: tuple[Decimal, Decimal] | None = None
    whole: tuple[str, Token, Decimal, Decimal] | None = None  # metric, token, value, radius
    last_amount: tuple[str, Token, Decimal, Decimal] | None = None
    change: tuple[str, Token, int, Decimal, Decimal] | None = None  # metric, token, sign, Δ, radius
    change_claim: int = -1
    parts: list[tuple[str, Token, Decimal, Decimal]] = field(default_factory=list)
    parts_whole: tuple[str, Token, Decimal, Decimal] | None = None
    uses: list[tuple[str, Token, Decimal, Decimal]] = field(default_factory=list)
    in_reason: bool = False
    consumed: set[int] = field(default_factory=set)
    amounts: list[tuple[str, tuple[str, Token, Decimal, Decimal]]] = field(default_factory=list)  # (label, entry)
    clause_labels: list[str] = field(default_factory=list)  # the words of each amount's own clause, as amounts
    items: dict[str, tuple[Decimal, int]] = field(default_factory=dict)  # function rows named in the paragraph
    said: list[tuple[str, Token, int, int]] = field(default_factory=list)  # (metric, word, sign, sentence start)
    # the subject's table cell (value in 万元, decimals, cell), when the subject is linked to one
    subject_table: tuple[Decimal, int, CellRef] | None = None
    subject_ref: TextRef | None = None
    # "2025年当年预算执行数为A万元": last year's figure of the subject, as the narrative states it
    prior: tuple[Token, Decimal, Decimal, TextRef, bool] | None = None  # …, whether the words name nothing else
    prior_claim: int = -1  # index of the claim of last year's figure (verified once a check uses it)
    # "2026年预算安排B万元": this year's figure of the subject stated a second time
    restated: tuple[Token, Decimal, Decimal, TextRef] | None = None
    # "持平" and the direction words of the reason that follows it (a reason for a decrease is odd)
    flat: tuple[str, Token, TextRef, list[tuple[Token, TextRef]]] | None = None
    shares: list[tuple[int, str, Decimal]] = field(default_factory=list)  # (claim index, whole, printed %)
    whole_doubt: bool = False  # the whole of the share being read was found by a loose match
    flat_sentence: int = 0  # index of the sentence of "持平": its reason is in it or in the next one
    sentence_no: int = 0


class _Reader(_Linker):
    def __init__(self, d: Disclosure, previous: Disclosure | None) -> None:
        super().__init__(d, previous)
        self.claims: list[Claim] = []
        self.para_index = 0
        # narrative amounts printed coarser than the table cell they agree with ("0.16亿元" for
        # 1,616.50万元), by id of their token: the token (kept alive), the table's value and radius
        self._finer: dict[int, tuple[Token, Decimal, Decimal]] = {}

    def _note_finer(self, tok: Token, p_dec: int, table_value: Decimal, t_dec: int) -> None:
        """``tok`` agrees with a table cell printed to more decimals: a share or sum that uses it
        may have been worked out from the table's figure (see :meth:`_exact`)."""
        if t_dec > p_dec:
            self._finer[id(tok)] = (tok, table_value, half_unit(t_dec))

    def _finer_of(self, tok: Token) -> tuple[Decimal, Decimal] | None:
        """The table's value and radius behind a coarser printing ``tok`` (None if it is not one)."""
        f = self._finer.get(id(tok))
        return None if f is None or f[0] is not tok else (f[1], f[2])

    def _exact(self, e: tuple[str, Token, Decimal, Decimal]) -> tuple[str, Token, Decimal, Decimal]:
        """``e`` with the table's figure in place of a coarser printing of it (else ``e``)."""
        f = self._finer_of(e[1])
        return e if f is None else (e[0], e[1], f[0], f[1])

    def _as_used(self, e: tuple[str, Token, Decimal, Decimal]) -> str:
        """How an operand is shown in a basis: as printed, and the table's figure when that was used."""
        f = self._finer_of(e[1])
        return e[1].text + (f"（表中 {_fmt(e[2])}万元）" if f is not None and e[2] == f[0] else "")

    # -- references
    def _tref(self, sec: Section, para: Paragraph, sentence: tuple[int, str], tok: Token) -> TextRef:
        return TextRef(
            section=sec.title,
            sentence=sentence[1].strip(),
            text=tok.text,
            line=para.line_at(tok.start),
            paragraph=self.para_index,
            start=tok.start,
            end=tok.end,
        )

    # -- the walk
    def run(self) -> list[Claim]:
        for sec in narrative_sections(self.d):
            topic = topic_of(sec.path or (sec.title,))
            whole: tuple[str, Token, Decimal, Decimal] | None = None
            heading = _heading_paragraph(sec)
            if heading is not None:
                # "（一）收入预算总计24458.43万元。包括：": a heading that states a figure is a claim,
                # and the whole of the parts listed under it
                index, self.para_index = self.para_index, -1
                ctx = self._paragraph(sec, heading, topic)
                self.para_index = index
                if re.search(r"(?:其中|包括)[：:]?\s*$", heading.text) and ctx.last_amount is not None:
                    whole = ctx.last_amount
            for para in sec.paragraphs:
                ctx = self._paragraph(sec, para, topic, whole)
                # "本年收入预算合计 21,955.35万元，其中：" with its parts as the next lines
                if re.search(r"(?:其中|包括)[：:]\s*$", para.text) and ctx.last_amount is not None:
                    whole = ctx.last_amount
                elif whole is not None and not re.search(r"[；;，,]\s*$", para.text) and not re.search(r"占\s*\d", para.text):
                    whole = None
                self.para_index += 1
        return self.claims

    def _paragraph(
        self, sec: Section, para: Paragraph, topic: str, whole: tuple[str, Token, Decimal, Decimal] | None = None
    ) -> _Ctx:
        ctx = _Ctx(topic)
        if whole is not None:
            ctx.whole = ctx.parts_whole = whole
        text = para.text
        for m in _SENTENCE.finditer(text):
            if not m.group(0).strip():
                continue
            if _PLACEHOLDER.search(m.group(0)):
                continue  # a blank template's wording ("增加（减少）XXX万元（持平）"): nothing is stated yet
            sentence = (m.start(), m.group(0))
            ctx.sentence_no += 1
            if ctx.flat is not None and ctx.sentence_no > ctx.flat_sentence + 1:
                self._flush_flat(ctx)
            toks = [t for t in tokenize(m.group(0))]
            toks = [
                Token(t.kind, t.text, t.start + m.start(), t.end + m.start(), t.value, t.decimals, t.unit, t.sign) for t in toks
            ]
            prev_end = m.start()
            ctx.consumed = set()
            for i, tok in enumerate(toks):
                if tok.start in ctx.consumed:
                    prev_end = tok.end
                    continue
                prefix = text[prev_end : tok.start]
                if re.search(r"其中|以下方面|包括[：:]", prefix) and ctx.last_amount is not None:
                    ctx.whole = ctx.last_amount
                    ctx.parts_whole = ctx.last_amount
                    ctx.parts = []
                if re.search(r"主要原因|原因是|主要是|主要用于", prefix):
                    ctx.in_reason = "原因" in prefix or "主要是" in prefix
                if re.search(r"与\d{4}年|比\d{4}年|较\d{4}年|比上年|与上年|较上年", prefix):
                    ctx.in_reason = False
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                self._token(sec, para, sentence, ctx, tok, prefix, nxt)
                prev_end = tok.end
        self._close_sums(sec, para, ctx)
        self._flush_flat(ctx)
        self._forced_to_hundred(ctx)
        return ctx

    def _forced_to_hundred(self, ctx: _Ctx) -> None:
        """Shares of one whole printed to add up to exactly 100%: a share one unit off its
        rounded value was most likely adjusted to make them add up; the finding says so."""
        groups: dict[str, list[tuple[int, Decimal]]] = {}
        for idx, whole, pct in ctx.shares:
            groups.setdefault(whole, []).append((idx, pct))
        for members in groups.values():
            if len(members) < 2 or sum((p for _, p in members), ZERO) != HUNDRED:
                continue
            for idx, _ in members:
                c = self.claims[idx]
                if c.status == "rounding":
                    self.claims[idx] = dataclasses.replace(
                        c,
                        note=(c.note or "差异在四舍五入范围内，可能是尾数误差")
                        + "；同段各项占比合计为100%，此项尾数可能是为凑足100%而调整",
                        note_en=(c.note_en or "within rounding")
                        + "; the shares of the paragraph add up to 100%: this one was probably adjusted to make them",
                    )

    def _token(
        self,
        sec: Section,
        para: Paragraph,
        sentence: tuple[int, str],
        ctx: _Ctx,
        tok: Token,
        prefix: str,
        nxt: Token | None,
    ) -> None:
        text = para.text
        tref = self._tref(sec, para, sentence, tok)
        if tok.kind == "direction":
            self._compared_year(ctx, tok, prefix, tref, text)
            self._direction(sec, para, sentence, ctx, tok, prefix, nxt, tref)
            return
        label = _label(text, tok.start - len(prefix), tok.start)
        if tok.kind == "amount":
            before = text[sentence[0] : tok.start]
            # "检察（款）：预算支出合计16,444.36万元" states a 款, not the document's total; "年初预算为
            # 2993.92万元" in a final account is the budget, which no 决算 table holds
            budget = self.d.meta.kind == "final_account" and bool(re.search(r"年初预算|预算数", label))
            scoped = bool(re.search(r"[（(][类款项][）)]", before))
            self._amount(ctx, tok, label, tref, scoped, before, budget)
        elif tok.kind == "percent":
            m = re.search(r"(占|完成)([^，,；;。占]*?)(?:的)?\s*$", prefix)
            if m:
                self._share(ctx, tok, tref, m.group(2), m.group(1))
            else:
                self.claims.append(
                    Claim(
                        "change_rate",
                        tref,
                        "",
                        "百分比",
                        tok.value,
                        "unlinked",
                        "NARR-UNLINKED",
                        basis="无法判断此百分比所说明的对象",
                        basis_en="cannot tell what this percentage states",
                    )
                )
        else:
            self._count(ctx, tok, label, tref, text)

    @staticmethod
    def _set_subject(
        ctx: _Ctx,
        key: str,
        tok: Token,
        value: Decimal,
        radius: Decimal,
        tref: TextRef,
        table: tuple[Decimal, int, CellRef] | None = None,
    ) -> None:
        """A new subject: what the next change, rate, last year's or restated figure is about."""
        ctx.subject, ctx.subject_token, ctx.subject_value = key, tok, (value, radius)
        ctx.subject_ref = tref
        ctx.subject_table = table
        ctx.prior = ctx.restated = None

    @staticmethod
    def _subject_name(ctx: _Ctx) -> str:
        """The subject as a reader knows it: its metric's name or its table row."""
        if ctx.subject in METRICS:
            return METRICS[ctx.subject].zh
        if ctx.subject.startswith("function:") and ctx.subject_table is not None:
            return f"“{ctx.subject_table[2].row}”"
        return ctx.subject or "（未识别）"

    def _name(self, ctx: _Ctx, metric: str) -> str:
        return (
            self._subject_name(ctx)
            if metric == ctx.subject
            else METRICS[metric].zh
            if metric in METRICS
            else metric or "（未识别）"
        )

    _PRIOR = re.compile(r"^(?:[（(]|比|较|与)*(?:上年度?|上一年度?|(\d{4})年度?)")
    _RESTATED = re.compile(r"^(?:(\d{4})年度?|本年度?|今年)(?:当年)?(?:部门|单位)?(?:预算)?(?:安排|数)?(?:为|是)?$")

    def _when(self, label: str) -> str:
        """ "prior" for a figure introduced as last year's ("2025年当年预算执行数为", "上年度…"),
        "current" for a bare restatement of this year's ("2026年预算安排"), else ""."""
        lab = compact(_ORDINAL.sub("", label.strip()))
        year = self.d.meta.year
        m = self._PRIOR.match(lab)
        if m and not re.search(r"结转|结余", lab):
            if m.group(1) is None or (year is not None and int(m.group(1)) < year):
                return "prior"
        m = self._RESTATED.match(lab)
        if m and (m.group(1) is None or year is None or int(m.group(1)) == year):
            return "current"
        return ""

    _PRIOR_ONLY = re.compile(
        r"^(?:[（(]|比|较|与)*(?:上年度?|上一年度?|\d{4}年度?)(?:当年|全年)?(?:部门|单位)?(?:年初)?(?:预算|决算)?"
        r"(?:执行数?|决算数?|预算数|实际(?:支出|执行)?数?|支出数?|完成数?|数)?(?:为|是|达)?$"
    )

    def _prior_amount(self, ctx: _Ctx, tok: Token, value: Decimal, radius: Decimal, label: str, tref: TextRef) -> None:
        pure = bool(self._PRIOR_ONLY.match(compact(_ORDINAL.sub("", label.strip()))))
        ctx.prior = (tok, value, radius, tref, pure)
        ctx.prior_claim = len(self.claims)
        about = f"（{self._subject_name(ctx)}）" if ctx.subject else ""
        self.claims.append(
            Claim(
                "amount",
                tref,
                ctx.subject,
                f"上年数{about}",
                value,
                "unverifiable",
                "NARR-UNVERIFIABLE",
                basis=f"「{label.strip()}」是上年的数字，本年表格中没有，不与本年数比较；用于核对同句的增减",
                basis_en="last year's figure: no table of this year holds it; used to check the stated change",
            )
        )
        if ctx.change is not None and ctx.change[2] and ctx.change[0] == ctx.subject:
            self._change_on_prior(ctx)

    def _prior_used(self, ctx: _Ctx, basis: str) -> None:
        """Last year's figure agreed with what the sentence says of this year: it is checked."""
        i = ctx.prior_claim
        if 0 <= i < len(self.claims) and self.claims[i].status == "unverifiable":
            self.claims[i] = dataclasses.replace(
                self.claims[i],
                status="verified",
                code="",
                basis=basis,
                basis_en="consistent with this year's figure and the stated change",
            )

    def _change_on_prior(self, ctx: _Ctx) -> None:
        """ "增加2,247.84万元（上年…140.2万元）": the change and last year's figure stated with it
        must agree with this year's. Where the words before last year's figure name something
        (not just "上年预算数为"), the link may be to another figure: a mismatch is a warning."""
        assert ctx.change is not None and ctx.prior is not None
        metric, cword, sign, delta, radius = ctx.change
        ptok, a, ra, aref, pure = ctx.prior
        cur = self._current(ctx, metric)
        if cur is None:
            return
        implied = cur[0] - sign * delta
        ok = meet(implied, cur[1] + radius, a, ra)
        idx = ctx.change_claim
        c = self.claims[idx] if 0 <= idx < len(self.claims) else None
        basis = f"本年 {cur[2]} {'−' if sign > 0 else '+'} {_fmt(delta)} = {_fmt(implied)}万元，所述上年为 {ptok.text}"
        if ok:
            if c is not None and c.kind == "change" and c.status == "unverifiable":
                self.claims[idx] = dataclasses.replace(c, status="verified", code="", basis=basis, others=(aref,))
            self._prior_used(ctx, f"上年数，与本年数和所述增减额相符：{basis}")
            return
        self.claims.append(
            Claim(
                "change",
                aref,
                metric,
                f"{self._name(ctx, metric)}的上年数",
                a,
                "wrong",
                "NARR-CHANGE",
                expected=implied,
                basis=basis + ("" if pure else "（此上年数也可能说的是别的项目，请核对）"),
                basis_en=f"this year {cur[0]} and the change {delta} imply {implied} last year, not {a}",
                others=(c.ref,) if c is not None else (),
                severity=None if pure else "warning",
                headline="增减额与所述上年数不符",
                headline_en="the change and last year's figure disagree",
            )
        )

    def _restated_amount(self, ctx: _Ctx, tok: Token, value: Decimal, radius: Decimal, label: str, tref: TextRef) -> None:
        """ "…（01项）56.12万元。…2026年预算安排57.8万元": the same item's figure for this year
        stated twice must be the same (and the table's)."""
        assert ctx.subject_token is not None and ctx.subject_value is not None
        ctx.restated = (tok, value, radius, tref)
        p_dec = _p_dec(tok)
        first = ctx.subject_token
        subject = f"{self._subject_name(ctx)}（{label.strip()}）"
        others = (ctx.subject_ref,) if ctx.subject_ref is not None else ()
        # the same figure as the item's first statement: one statement made twice (the first is
        # checked against the table on its own)
        if _amount_verdict(value, p_dec, ctx.subject_value[0], _p_dec(first)).status == "verified":
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    ctx.subject,
                    subject,
                    value,
                    "verified",
                    basis=f"与本项前文所列 {first.text} 一致",
                    basis_en="agrees with the item's first figure",
                    others=others,
                )
            )
            return
        if ctx.subject_table is not None:
            tv, tdec, cell = ctx.subject_table
            v = _amount_verdict(value, p_dec, tv, tdec)
            against = (
                f"本项前文所列 {first.text} 及表{cell.table_no}「{cell.table_title}」{cell.row}（{self._tf(tv, tdec, cell)}）"
            )
            cells: tuple[CellRef, ...] = (cell,)
            if v.status == "verified":  # the table's figure: the first statement is the odd one (reported there)
                self.claims.append(
                    Claim(
                        "amount",
                        tref,
                        ctx.subject,
                        subject,
                        value,
                        "verified",
                        basis=f"与表{cell.table_no} {cell.row} 一致",
                        basis_en="agrees with the table",
                        cells=cells,
                    )
                )
                return
        else:
            v = _amount_verdict(value, p_dec, ctx.subject_value[0], _p_dec(first))
            against = f"本项前文所列 {first.text}"
            cells = ()
        self.claims.append(
            Claim(
                "amount",
                tref,
                ctx.subject,
                subject,
                value,
                v.status,
                "NARR-AMOUNT",
                expected=ctx.subject_table[0] if ctx.subject_table else ctx.subject_value[0],
                headline="同一项目前后所列的本年数不一致",
                headline_en="the item's figure for this year is stated twice, differently",
                basis=f"与{against}不一致",
                basis_en="this year's figure of the item is stated twice with different values",
                cells=cells,
                others=others,
                possible_rounding=v.status == "rounding",
                note=v.note,
                note_en=v.note_en,
            )
        )

    def _compared_year(self, ctx: _Ctx, tok: Token, prefix: str, tref: TextRef, text: str) -> None:
        """A budget of year Y compared "比Y年预算" with itself: the year compared with is last year."""
        year = self.d.meta.year
        if self.d.meta.kind != "budget" or year is None or ctx.in_reason:
            return
        m = re.search(r"(?:比|较|与|同)\s*(\d{4})\s*年(?![初末]|度?决算)", prefix)
        if m is None or int(m.group(1)) != year:
            return
        head = text[: tok.end]
        clause = head[max(head.rfind(c) for c in "；;。：:") + 1 :].strip()  # "财政拨款收入9628.22万元，比2026年预算增加"
        self.claims.append(
            Claim(
                "direction",
                tref,
                ctx.subject,
                "比较的年份",
                Decimal(year),
                "wrong",
                "NARR-YEAR",
                expected=Decimal(year - 1),
                severity="warning",
                basis=f"{year}年的预算说「{clause}」，是与本年自身比较；应为与上年（{year - 1}年）比较",
                basis_en=f"the {year} budget compares with {year} itself; the comparison is with {year - 1}",
            )
        )

    # amounts -------------------------------------------------------
    def _amount(
        self, ctx: _Ctx, tok: Token, label: str, tref: TextRef, scoped: bool = False, before: str = "", budget: bool = False
    ) -> None:
        value, radius = _to_wan(tok)
        when = self._when(label)
        if when == "prior":  # last year's figure: never compared with this year's cell
            if ctx.in_reason:
                self.claims.append(
                    Claim(
                        "amount",
                        tref,
                        "",
                        label.strip(),
                        value,
                        "unverifiable",
                        "NARR-UNVERIFIABLE",
                        basis="原因说明中的上年数字，本年表格中没有",
                        basis_en="last year's figure in a reason",
                    )
                )
                return
            self._prior_amount(ctx, tok, value, radius, label, tref)
            return
        # "…执行数为A万元，2026年预算安排B万元": this year's figure restated after last year's (without
        # last year's figure first, "其中：2024年安排300万元" may be a part, not the item restated)
        if when == "current" and ctx.subject_token is not None and ctx.prior is not None and not ctx.in_reason:
            self._restated_amount(ctx, tok, value, radius, label, tref)
            return
        metric = self._metric(ctx.topic, label)
        if scoped and metric in _DOCUMENT_TOTALS | {
            "gpb_exp",
            "gpb_basic",
            "gpb_exp_basic",
            "gpb_exp_project",
            "basic",
            "project",
        }:
            metric = ""
        if budget and metric:
            # a final account's 年初预算 figure: the table's 预算数 column where it prints one
            # (三公 table), else no table holds it (the 决算 cells are other figures)
            r = self._budget_cell(metric)
            if r is not None:
                ctx.amounts.append((compact(_long_label(tref, tok)), (f"{metric}_budget", tok, value, radius)))
                ctx.clause_labels.append(compact(label))
                self._budget_claim(ctx, tok, value, radius, metric, r, tref)
                return
            metric = ""
        ctx.amounts.append((compact(_long_label(tref, tok)), (metric or f"text:{compact(label)}", tok, value, radius)))
        ctx.clause_labels.append(compact(label))
        if not metric:
            ctx.last_amount = ctx.amounts[-1][1]
        if ctx.in_reason or (not metric and re.search(r"用于|包括", label + "")) or (not metric and ctx.topic == "gov_fund"):
            proj = self._project(label)
            if proj is not None:
                self._project_claim(ctx, tok, value, radius, proj, tref, partial=proj[0] not in compact(label))
                return
        if not metric:
            item = self._function_item(_long_label(tref, tok), ctx.topic)
            if item is not None:
                self._item_claim(ctx, tok, value, radius, item, tref)
                return
        if not metric and ctx.in_reason:
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    "",
                    label.strip(),
                    value,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="原因说明中的金额，表中没有对应数据",
                    basis_en="amount in a reason; no table holds it",
                )
            )
            return
        if not metric and before and (by_code := self._coded(before, ctx.topic)) is not None:
            self._classified_claim(ctx, tok, value, radius, by_code[0], tref, misnamed=by_code[1])
            return
        if not metric and before and (coded := self._classified(before, ctx.topic)) is not None:
            self._classified_claim(ctx, tok, value, radius, coded, tref, self._printed_name(before))
            return
        if not metric:
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    "",
                    label.strip(),
                    value,
                    "unlinked",
                    "NARR-UNLINKED",
                    basis="无法判断此金额所说明的项目",
                    basis_en="cannot tell what this amount states",
                )
            )
            # still the subject of what follows: "X（项）支出9370.12万元，增加1297.83万元，增长16.07%"
            # is checked against its own figure even where no table cell is linked
            named = re.sub(r"\s+", "", _ORDINAL.sub("", label.strip())).strip("，,：:；;、")
            if compact(named) and not ctx.in_reason:
                entry = (f"“{named}”", tok, value, radius)
                self._set_subject(ctx, entry[0], tok, value, radius, tref)
                ctx.last_amount = entry
            return
        entry = (metric, tok, value, radius)
        self._set_subject(ctx, metric, tok, value, radius, tref)
        ctx.last_amount = entry
        if ctx.parts_whole is not None and ctx.parts_whole[0] != metric:
            ctx.parts.append(entry)
        elif ctx.parts_whole is None:
            ctx.parts_whole = entry
        m = METRICS[metric]
        r = resolve(self.d, metric)
        if r is None:
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    metric,
                    m.zh,
                    value,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="文件的表格中没有此数据",
                    basis_en="no table of the document holds this figure",
                )
            )
            return
        cell = self._cell(r)
        ctx.subject_table = (r.value, r.decimals, cell)
        where = f"表{r.table.number}「{r.table.title}」{cell.row}·{cell.column}"
        p_dec = _p_dec(tok)
        v = _amount_verdict(value, p_dec, r.value, r.decimals)
        if v.status == "verified":
            self._note_finer(tok, p_dec, r.value, r.decimals)
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    metric,
                    m.zh,
                    value,
                    "verified",
                    expected=r.value,
                    basis=f"与{where}一致" + (f"（{m.note}）" if m.note else ""),
                    basis_en=f"agrees with table {r.table.number} {cell.row} / {cell.column}",
                    cells=(cell,),
                )
            )
            return
        scale = r.value != 0 and value != 0 and (value / r.value in (WAN, 1 / WAN))
        code = "NARR-UNIT-SCALE" if scale else "NARR-AMOUNT"
        zh = f"与{where}（{self._tf(r.value, r.decimals, cell)}）不一致"
        if scale:
            zh += "，相差 10000 倍，可能是元与万元混用"
        self.claims.append(
            Claim(
                "amount",
                tref,
                metric,
                m.zh,
                value,
                v.status,
                code,
                expected=r.value,
                basis=zh,
                basis_en=f"differs from table {r.table.number} {cell.row} / {cell.column} ({self._tf(r.value, r.decimals, cell, en=True)})",
                cells=(cell,),
                possible_rounding=v.status == "rounding",
                note=v.note,
                note_en=v.note_en,
            )
        )

    def _item_claim(
        self, ctx: _Ctx, tok: Token, value: Decimal, radius: Decimal, item: tuple[str, Decimal, int, CellRef], tref: TextRef
    ) -> None:
        key, v, dec, cell = item
        self.display[key] = f"“{cell.row}”"
        entry = (key, tok, value, radius)
        self._set_subject(ctx, key, tok, value, radius, tref, (v, dec, cell))
        ctx.last_amount = entry
        ctx.items[key] = (v, dec)
        p_dec = _p_dec(tok)
        verdict = _amount_verdict(value, p_dec, v, dec)
        ok = verdict.status == "verified"
        if ok:
            self._note_finer(tok, p_dec, v, dec)
        self.claims.append(
            Claim(
                "amount",
                tref,
                key,
                cell.row,
                value,
                verdict.status,
                "" if ok else "NARR-AMOUNT",
                expected=v,
                cells=(cell,),
                basis=(
                    f"与表{cell.table_no}「{cell.table_title}」{cell.row} 一致"
                    if ok
                    else f"与表{cell.table_no}「{cell.table_title}」{cell.row}（{self._tf(v, dec, cell)}）不一致"
                    + self._elsewhere(key, value, p_dec, cell)
                ),
                basis_en=f"table {cell.table_no} {cell.row}: {self._tf(v, dec, cell, en=True)}",
                possible_rounding=verdict.status == "rounding",
                note=verdict.note,
                note_en=verdict.note_en,
            )
        )

    def _budget_claim(
        self, ctx: _Ctx, tok: Token, value: Decimal, radius: Decimal, metric: str, r: Resolved, tref: TextRef
    ) -> None:
        key = f"{metric}_budget"
        self._set_subject(ctx, key, tok, value, radius, tref, (r.value, r.decimals, self._cell(r)))
        ctx.last_amount = (key, tok, value, radius)
        cell = self._cell(r)
        where = f"表{r.table.number}「{r.table.title}」{cell.row}·{cell.column}"
        name = f"{METRICS[metric].zh}（年初预算）"
        p_dec = _p_dec(tok)
        v = _amount_verdict(value, p_dec, r.value, r.decimals)
        ok = v.status == "verified"
        if ok:
            self._note_finer(tok, p_dec, r.value, r.decimals)
        self.claims.append(
            Claim(
                "amount",
                tref,
                key,
                name,
                value,
                v.status,
                "" if ok else "NARR-AMOUNT",
                expected=r.value,
                basis=f"与{where}" + ("一致" if ok else f"（{self._tf(r.value, r.decimals, cell)}）不一致"),
                basis_en=f"{'agrees with' if ok else 'differs from'} table {r.table.number} {cell.row} / {cell.column}",
                cells=(cell,),
                possible_rounding=v.status == "rounding",
                note=v.note,
                note_en=v.note_en,
            )
        )

    def _classified_claim(
        self,
        ctx: _Ctx,
        tok: Token,
        value: Decimal,
        radius: Decimal,
        r: Resolved,
        tref: TextRef,
        printed: str = "",
        misnamed: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        assert r.row is not None
        if misnamed:
            said = "；".join(f"{code} 印为「{p}」，{where}" for p, where, code in misnamed)
            self.claims.append(
                Claim(
                    "name",
                    tref,
                    f"“{r.row.code} {r.row.label}”",
                    f"{r.row.code} {r.row.label}",
                    value,
                    "wrong",
                    "NARR-NAME",
                    basis=said,
                    basis_en="; ".join(
                        f"{code} is named {p} here, not as in the tables/classification" for p, _, code in misnamed
                    ),
                    cells=(self._cell(r),),
                )
            )
        label = bare_item(strip_ordinal(r.row.label)[1])
        if printed and bare_item(printed) != label and not (len(r.row.code) == 7 and bare_item(printed).endswith(label)):
            # 其它行政事业单位养老支出 in the narrative, 其他… in the tables: the same row, misnamed
            self.claims.append(
                Claim(
                    "name",
                    tref,
                    f"“{r.row.code} {r.row.label}”",
                    f"{r.row.code} {r.row.label}",
                    value,
                    "wrong",
                    "NARR-NAME",
                    basis=f"科目名称印为「{printed}」，表{r.table.number}中为「{r.row.label}」",
                    basis_en=f"the item is named {printed} here and {r.row.label} in table {r.table.number}",
                    cells=(self._cell(r),),
                )
            )
        key = f"“{r.row.code} {r.row.label}”"
        self._set_subject(ctx, key, tok, value, radius, tref, (r.value, r.decimals, self._cell(r)))
        ctx.last_amount = (key, tok, value, radius)
        cell = self._cell(r)
        where = f"表{r.table.number}「{r.table.title}」{cell.row}·{cell.column}"
        p_dec = _p_dec(tok)
        v = _amount_verdict(value, p_dec, r.value, r.decimals)
        if v.status == "verified":
            self._note_finer(tok, p_dec, r.value, r.decimals)
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    key,
                    f"{r.row.code} {r.row.label}",
                    value,
                    "verified",
                    expected=r.value,
                    basis=f"与{where}一致",
                    basis_en=f"agrees with table {r.table.number} {cell.row}",
                    cells=(cell,),
                )
            )
            return
        self.claims.append(
            Claim(
                "amount",
                tref,
                key,
                f"{r.row.code} {r.row.label}",
                value,
                v.status,
                "NARR-AMOUNT",
                expected=r.value,
                basis=f"与{where}（{self._tf(r.value, r.decimals, cell)}）不一致" + self._elsewhere(key, value, p_dec, cell),
                basis_en=f"differs from table {r.table.number} {cell.row} / {cell.column} ({self._tf(r.value, r.decimals, cell, en=True)})",
                cells=(cell,),
                possible_rounding=v.status == "rounding",
                note=v.note,
                note_en=v.note_en,
            )
        )

    def _project_claim(
        self,
        ctx: _Ctx,
        tok: Token,
        value: Decimal,
        radius: Decimal,
        proj: tuple[str, Decimal, CellRef],
        tref: TextRef,
        partial: bool = False,
    ) -> None:
        """A project's amount. Linked by part of its name only ("信息化建设" for "信息化建设运维
        项目"), the words may name something else: a difference is then a warning that says so."""
        name, pv, cell = proj
        if not ctx.in_reason:
            ctx.uses.append((f"project:{name}", tok, value, radius))
        # a table in 元 gives the project's amount in 万元 with more than two decimals
        t_dec = max(2, -int(pv.as_tuple().exponent))
        v = _amount_verdict(value, _p_dec(tok), pv, t_dec)
        if v.status == "verified":
            self._note_finer(tok, _p_dec(tok), pv, t_dec)
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    f"project:{name}",
                    cell.row,
                    value,
                    "verified",
                    expected=pv,
                    basis=f"与表{cell.table_no}「{cell.table_title}」{cell.row} 一致",
                    basis_en=f"agrees with table {cell.table_no} {cell.row}",
                    cells=(cell,),
                )
            )
        else:
            doubt = "（按项目名称的一部分对应到此项目，所说的可能是别的项目，请核对）" if partial else ""
            self.claims.append(
                Claim(
                    "amount",
                    tref,
                    f"project:{name}",
                    cell.row,
                    value,
                    v.status,
                    "NARR-AMOUNT",
                    expected=pv,
                    basis=f"与表{cell.table_no}「{cell.table_title}」{cell.row}（{self._tf(pv, t_dec, cell)}）不一致{doubt}",
                    basis_en=f"differs from table {cell.table_no} {cell.row} ({self._tf(pv, t_dec, cell, en=True)})"
                    + ("; linked by part of the project's name only" if partial else ""),
                    cells=(cell,),
                    possible_rounding=v.status == "rounding",
                    note=v.note,
                    note_en=v.note_en,
                    severity="warning" if partial and v.status == "wrong" else None,
                )
            )

    # shares --------------------------------------------------------
    def _named_whole(self, ctx: _Ctx, phrase: str) -> tuple[str, Token, Decimal, Decimal] | None:
        """The whole a share names (“占“三公”经费的”, “占本年支出合计的”, “完成年初预算的”): a figure
        stated earlier in the paragraph under those words, else the metric's table figure."""
        key = compact(phrase).replace("的", "")
        if not key:
            return None
        # the figure named in its own clause first (“年初预算为2993.92万元，支出决算为2940.05万元”: 年初预算 is
        # the first, though the second's longer label also holds the words)
        for (_, entry), clause in zip(reversed(ctx.amounts), reversed(ctx.clause_labels), strict=False):
            if key in clause:
                return entry
        # then the table figure of the metric the words name (“占“三公”经费的” after “三公”经费预算支出中，
        # 因公出国（境）费…: the 三公 total, not the first figure after those words)
        metric = self._metric(ctx.topic, phrase) or self._metric("total", phrase) or self._metric("expenditure", phrase)
        if metric:
            r = resolve(self.d, metric)
            if r is not None:
                pseudo = Token(
                    "amount",
                    f"{self._tf(r.value, r.decimals, self._cell(r), short=True)}（表{r.table.number}）",
                    0,
                    0,
                    r.value,
                    r.decimals,
                    "万元",
                )
                return metric, pseudo, r.value, half_unit(r.decimals)
        for lab, entry in reversed(ctx.amounts):
            if key in lab:
                ctx.whole_doubt = True  # found only in the longer words before some figure
                return entry
        return None

    def _share(self, ctx: _Ctx, tok: Token, tref: TextRef, phrase: str = "", verb: str = "占") -> None:
        part, whole = ctx.last_amount, ctx.whole
        ctx.whole_doubt = False
        own = self._budget_cell(part[0]) if verb == "完成" and part is not None and part[0] in METRICS else None
        if own is not None and part is not None:
            # "公务接待费支出决算为0.39万元，完成预算的13.68%": the item's own 预算数, not the 三公 total's
            pseudo = Token(
                "amount",
                f"{self._tf(own.value, own.decimals, self._cell(own), short=True)}（表{own.table.number}预算数）",
                0,
                0,
                own.value,
                own.decimals,
                "万元",
            )
            named: tuple[str, Token, Decimal, Decimal] | None = (f"{part[0]}_budget", pseudo, own.value, half_unit(own.decimals))
        else:
            named = self._named_whole(ctx, phrase)
            if (
                named is not None
                and verb == "完成"
                and part is not None
                and part[0] in METRICS
                and not named[0].startswith(part[0])
            ):
                ctx.whole_doubt = True  # a budget figure, but perhaps not this item's own
        if named is not None:
            whole = named
        if part is None or whole is None or part is whole or part[0] == whole[0] or part[1] is whole[1]:
            self.claims.append(
                Claim(
                    "share",
                    tref,
                    "",
                    "占比",
                    tok.value,
                    "unlinked",
                    "NARR-UNLINKED",
                    basis="找不到此占比的分子或分母",
                    basis_en="cannot find what this share is a share of",
                )
            )
            return
        if not whole[2] and not part[2] and tok.value == 0:  # “决算为0.00万元，完成预算的0%” of a zero budget
            self.claims.append(
                Claim(
                    "share",
                    tref,
                    part[0],
                    "占比",
                    tok.value,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="分子与分母都为零",
                    basis_en="both the part and the whole are zero",
                )
            )
            return
        interval = ratio_interval(part[2], part[3], whole[2], whole[3])
        pm, wm = self._display(part[0]), self._display(whole[0])
        computed = HUNDRED * part[2] / whole[2] if whole[2] else None
        basis = f"{pm} {part[1].text} ÷ {wm} {whole[1].text}" + (f" = {computed:.4f}%" if computed is not None else "")
        if interval is None or computed is None:
            self.claims.append(
                Claim(
                    "share",
                    tref,
                    part[0],
                    f"{pm}占{wm}的比重",
                    tok.value,
                    "wrong",
                    "NARR-SHARE",
                    basis=basis + "：分母为零",
                    basis_en="the whole is zero",
                )
            )
            return
        v = _pct_verdict(tok, computed, interval, ceiling=HUNDRED)
        xp, xw = self._exact(part), self._exact(whole)
        if v.status != "verified" and (xp is not part or xw is not whole) and xw[2] > 0:
            # an operand printed coarser than its table cell ("0.16亿元"): the share may have been
            # worked out from the table's figure; the better of the two readings stands
            xi = ratio_interval(xp[2], xp[3], xw[2], xw[3])
            xc = HUNDRED * xp[2] / xw[2]
            xv = _pct_verdict(tok, xc, xi, ceiling=HUNDRED) if xi is not None else v
            if xi is not None and _RANK.get(xv.status, 3) < _RANK.get(v.status, 3):
                part, whole, interval, computed, v = xp, xw, xi, xc, xv
                basis = f"{pm} {self._as_used(part)} ÷ {wm} {self._as_used(whole)} = {computed:.4f}%"
        ctx.shares.append((len(self.claims), whole[0], tok.value))
        doubt = ctx.whole_doubt and v.status == "wrong"
        if v.status == "wrong":
            basis += self._other_whole(ctx, tok, part, whole)
        if doubt:
            basis += "（分母是按文字推断的，可能不是所说的那个数，请核对）"
        self.claims.append(
            Claim(
                "share",
                tref,
                part[0],
                f"{pm}占{wm}的比重",
                tok.value,
                v.status,
                "" if v.status == "verified" else "NARR-SHARE",
                expected=_shown(computed, tok.decimals),
                basis=basis,
                basis_en=f"{part[1].text} / {whole[1].text} = {computed:.4f}%"
                + ("; the whole was inferred from the words and may be another figure" if doubt else ""),
                possible_rounding=v.status == "rounding",
                note=v.note,
                note_en=v.note_en,
                severity="warning" if doubt else None,
            )
        )

    def _other_whole(
        self, ctx: _Ctx, tok: Token, part: tuple[str, Token, Decimal, Decimal], whole: tuple[str, Token, Decimal, Decimal]
    ) -> str:
        """A wrong share that another whole explains ("占“三公”经费的8.75%" computed on the
        三公 + 会议费 + 培训费 total): say which, so the reader sees the denominator slipped."""
        cands: list[tuple[str, Decimal]] = [(f"同段「{e[1].text}」", e[2]) for _, e in ctx.amounts if e[1] is not part[1]]
        r = resolve(self.d, whole[0]) if whole[0] in METRICS else None
        if r is not None and r.row is not None:
            for c in r.row.cells:
                if c.amount is not None and c.column != r.column:
                    col = r.table.column(c.column)
                    v = c.amount.value / WAN if r.table.unit == "元" else c.amount.value
                    cands.append((f"表{r.table.number}「{col.label if col is not None else c.column}」{_fmt(v)}万元", v))
        for label, w in cands:
            if w > 0 and w != whole[2] and round_half_up(HUNDRED * part[2] / w, tok.decimals) == tok.value:
                return f"；所述 {tok.text} 恰为按{label}计算的结果，可能用错了分母"
        return ""

    # changes -------------------------------------------------------
    def _direction(
        self,
        sec: Section,
        para: Paragraph,
        sentence: tuple[int, str],
        ctx: _Ctx,
        tok: Token,
        prefix: str,
        nxt: Token | None,
        tref: TextRef,
    ) -> None:
        text = para.text
        glued = nxt is not None and text[tok.end : nxt.start].strip(" 了约达") == ""
        label = _label(text, tok.start - len(prefix), tok.start)
        metric = self._metric(ctx.topic, label) or ctx.subject
        if ctx.in_reason:
            # The words of a reason are not checked against the change they explain: a list of
            # reasons for an increase may well name a decrease ("人员经费增加…，公用经费减少…").
            # After "持平" they are collected: a reason that only speaks of one direction is odd.
            if tok.sign and ctx.flat is not None:
                ctx.flat[3].append((tok, tref))
            return
        if tok.sign == 0:
            self._zero_change(ctx, tok, metric, tref, sec, para, sentence)
            return
        self._flush_flat(ctx)
        if glued and nxt is not None and nxt.kind == "amount":
            ctx.consumed.add(nxt.start)
            delta, radius = _to_wan(nxt)
            ctx.change = (metric, tok, tok.sign, delta, radius)
            ctx.change_claim = len(self.claims)
            self._change(ctx, tok, nxt, metric, delta, radius, self._tref(sec, para, sentence, nxt), tref)
            return
        if glued and nxt is not None and nxt.kind == "percent":
            ctx.consumed.add(nxt.start)
            self._rate(ctx, tok, nxt, self._tref(sec, para, sentence, nxt), tref, sec, para, sentence)
            return
        # a bare direction word ("与上年相比增加。") must agree with what the sentence says; one with an
        # object ("增加了…人员分流") is a verb about something else, not the direction of this figure
        if not re.match(r"^了?\s*(?:[，,；;。！？]|$)", text[tok.end :]):
            return
        flat = next((w for w in ctx.said if w[0] == metric and w[2] == 0 and w[3] == sentence[0]), None)
        ctx.said.append((metric, tok, tok.sign, sentence[0]))
        if flat is not None:
            self.claims.append(
                Claim(
                    "direction",
                    tref,
                    metric,
                    "变动方向",
                    Decimal(tok.sign),
                    "wrong",
                    "NARR-DIRECTION",
                    basis=f"同句已说「{flat[1].text}」，又说「{tok.text}」",
                    basis_en="says both unchanged and changed",
                    others=(self._tref(sec, para, sentence, flat[1]),),
                )
            )
            return
        if ctx.change is not None and ctx.change[2] and tok.sign != ctx.change[2] and ctx.change[1].start >= sentence[0]:
            self.claims.append(
                Claim(
                    "direction",
                    tref,
                    metric,
                    "变动方向",
                    Decimal(tok.sign),
                    "wrong",
                    "NARR-DIRECTION",
                    basis=f"「{tok.text}」与同句的「{ctx.change[1].text}」方向相反",
                    basis_en="contradicts the direction stated in the same sentence",
                )
            )
            return
        self.claims.append(
            Claim(
                "direction",
                tref,
                metric,
                "变动方向",
                Decimal(tok.sign),
                "unverifiable",
                "NARR-UNVERIFIABLE",
                basis="未给出变动金额或上年数，无法核对",
                basis_en="no amount or last year's figure to check against",
            )
        )

    def _current(self, ctx: _Ctx, metric: str) -> tuple[Decimal, Decimal, str] | None:
        """This year's figure of ``metric``: the table's (the most precise printing), else the
        narrative's own statement."""
        r = resolve(self.d, metric)
        if r is not None:
            return (
                r.value,
                half_unit(r.decimals),
                f"{self._tf(r.value, r.decimals, self._cell(r), short=True)}（表{r.table.number}）",
            )
        if metric in ctx.items:
            v, dec = ctx.items[metric]
            return v, half_unit(dec), f"{_fmt(v, min(max(dec, 0), 4))}万元"
        if ctx.subject == metric and ctx.subject_value is not None and ctx.subject_token is not None:
            return ctx.subject_value[0], ctx.subject_value[1], ctx.subject_token.text
        return None

    def _change(
        self, ctx: _Ctx, word: Token, amount: Token, metric: str, delta: Decimal, radius: Decimal, aref: TextRef, wref: TextRef
    ) -> None:
        name = self._name(ctx, metric)
        cur = self._current(ctx, metric) if metric else None
        if cur is None:
            self.claims.append(
                Claim(
                    "change",
                    aref,
                    metric,
                    f"{name}的变动额",
                    delta,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="找不到本年数，无法推算上年数",
                    basis_en="this year's figure is unknown",
                )
            )
            return
        prior = cur[0] - word.sign * delta
        prev = self._previous(metric)
        if prev is not None:
            ok = meet(prior, cur[1] + radius, prev.value, half_unit(prev.decimals))
            self.claims.append(
                Claim(
                    "change",
                    aref,
                    metric,
                    f"{name}的变动额",
                    delta,
                    "verified" if ok else "wrong",
                    "" if ok else "NARR-PREVIOUS",
                    expected=abs(cur[0] - prev.value),
                    basis=f"本年 {cur[2]} {'−' if word.sign > 0 else '+'} {amount.text} = 上年 {_fmt(prior)}万元；上年文件为 {_fmt(prev.value)}万元",
                    basis_en=f"implied last year {_en(prior)}; last year's document says {_en(prev.value)}",
                    cells=(self._cell(prev),),
                )
            )
            return
        if prior + radius + cur[1] < 0:  # negative beyond what the rounding of the printed figures explains
            basis = f"本年 {cur[2]}，却说{word.text}{amount.text}，推得上年为负数（{_fmt(prior)}万元）"
            basis_en = f"this year {cur[0]}, yet {word.text} {delta}: last year would be negative ({_en(prior)})"
            twin = next(
                (
                    c
                    for c in reversed(self.claims)
                    if c.kind == "change"
                    and c.ref.paragraph == aref.paragraph
                    and c.value == delta
                    and c.metric != metric
                    and c.ref.start < aref.start
                ),
                None,
            )
            if twin is not None:  # "…支出预算0万元，比2022年预算增加1421.25万元" after the same words on the total
                basis += f"；与同段「{twin.subject.removesuffix('的变动额')}{word.text}{twin.ref.text}」的增减额相同，疑为复制上文后未改"
                basis_en += f"; the same change as stated just before for {twin.metric}: probably copied"
            self.claims.append(
                Claim(
                    "change",
                    aref,
                    metric,
                    f"{name}的变动额",
                    delta,
                    "wrong",
                    "NARR-CHANGE",
                    basis=basis,
                    basis_en=basis_en,
                    others=(twin.ref,) if twin is not None else (),
                    headline="本年数与所述增减不符",
                    headline_en="the stated change is impossible for this year's figure",
                )
            )
            return
        # checked together with its rate, if one follows; otherwise consistent but only implied
        if self.previous is None:
            basis, basis_en = "没有变动率或上年文件可以核对", "no rate or last year's document to check against"
        elif self._comparable(metric):  # a document was given, but it does not state this figure
            basis, basis_en = (
                "没有变动率可以核对，上年文件缺少该数字",
                "no rate to check against, and last year's document does not state this figure",
            )
        else:
            basis, basis_en = (
                "没有变动率可以核对，未能在上年文件中找到对应的项目",
                "no rate to check against, and this item could not be matched to a figure of last year's document",
            )
        self.claims.append(
            Claim(
                "change",
                aref,
                metric,
                f"{name}的变动额",
                delta,
                "unverifiable",
                "NARR-UNVERIFIABLE",
                basis=f"推得上年 {_fmt(prior)}万元；{basis}",
                basis_en=f"implies last year {_en(prior)}; {basis_en}",
            )
        )
        if ctx.prior is not None and metric == ctx.subject and ctx.change is not None:
            self._change_on_prior(ctx)

    def _rate(
        self,
        ctx: _Ctx,
        word: Token,
        pct: Token,
        pref: TextRef,
        wref: TextRef,
        sec: Section,
        para: Paragraph,
        sentence: tuple[int, str],
    ) -> None:
        if ctx.prior is not None and (ctx.change is None or ctx.prior[0].start > ctx.change[1].start):
            self._rate_on_prior(ctx, word, pct, pref, wref)
            return
        if ctx.change is None:
            self.claims.append(
                Claim(
                    "change_rate",
                    pref,
                    ctx.subject,
                    "变动率",
                    pct.value,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="没有变动额，无法核对变动率",
                    basis_en="no change amount to check the rate against",
                )
            )
            return
        metric, cword, sign, delta, radius = ctx.change
        name = self._name(ctx, metric)
        change_ref = self._tref(sec, para, sentence, cword)
        between = re.sub(r"\d[\d,]*(?:\.\d+)?\s*(?:万元|亿元|元)", "", para.text[cword.end : word.start], count=1)
        if _CONNECTIVES.sub("", between):
            # words between the change and this rate name something else ("减少10万元，其中人员经费增长3%")
            self.claims.append(
                Claim(
                    "change_rate",
                    pref,
                    metric,
                    f"{name}的变动率",
                    pct.value,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="此变动率前另有说明，可能说的是另一项目，未与变动额核对",
                    basis_en="other words stand between the change and this rate; not checked against it",
                )
            )
            return
        if word.sign != sign:
            self.claims.append(
                Claim(
                    "direction",
                    wref,
                    metric,
                    f"{name}的变动方向",
                    Decimal(word.sign),
                    "wrong",
                    "NARR-DIRECTION",
                    basis=f"「{cword.text}」与「{word.text}」方向相反",
                    basis_en="increase and decrease in one statement",
                    others=(change_ref,),
                )
            )
            return
        cur = self._current(ctx, metric)
        if cur is None:
            self.claims.append(
                Claim(
                    "change_rate",
                    pref,
                    metric,
                    f"{name}的变动率",
                    pct.value,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="找不到本年数",
                    basis_en="this year's figure is unknown",
                )
            )
            return
        prior = cur[0] - sign * delta
        prior_r = cur[1] + radius
        if prior - prior_r <= 0:
            # last year zero (within rounding) or negative: a rate on nothing; "增长100%" is the usual way to say "new"
            self._rate_on_nothing(pct, pref, metric, name, prior, (change_ref,))
            return
        interval = ratio_interval(delta, radius, prior, prior_r)
        computed = HUNDRED * delta / prior
        basis = (
            f"{cword.text}额 {_fmt(delta)}万元 ÷ 上年 {_fmt(prior)}万元（本年 {cur[2]} {'−' if sign > 0 else '+'} {_fmt(delta)}）"
            + f" = {computed:.4f}%"
        )
        v = _pct_verdict(pct, computed, interval)
        status = v.status
        ok = status != "wrong"
        self.claims.append(
            Claim(
                "change_rate",
                pref,
                metric,
                f"{name}的变动率",
                pct.value,
                status,
                "" if status == "verified" else "NARR-CHANGE",
                expected=_shown(computed, pct.decimals),
                basis=basis,
                basis_en=f"{_en(delta)} / {_en(prior)} = {_en(computed, 4)}%",
                others=(change_ref,),
                possible_rounding=status == "rounding",
                note=v.note,
                note_en=v.note_en,
            )
        )
        # the change amount is now checked by the rate
        idx = ctx.change_claim
        if 0 <= idx < len(self.claims) and self.claims[idx].kind == "change" and self.claims[idx].status == "unverifiable":
            c = self.claims[idx]
            self.claims[idx] = Claim(
                c.kind,
                c.ref,
                c.metric,
                c.subject,
                c.value,
                status,
                "" if status == "verified" else "NARR-CHANGE",
                expected=None,
                basis=basis + ("，与变动率一致" if ok else "，与变动率不符"),
                basis_en=c.basis_en,
                others=(pref,),
                note=v.note,
                note_en=v.note_en,
            )

    def _rate_on_nothing(
        self, pct: Token, pref: TextRef, metric: str, name: str, prior: Decimal, others: tuple[TextRef, ...]
    ) -> None:
        """A rate of change on a last-year figure of zero (or below): undefined. "增长100%" from
        zero is the usual convention for a new item, so it is listed (info), never an error."""
        if prior < 0:
            basis = f"推得上年为负数（{_fmt(prior)}万元），变动率无意义（见变动额）"
        elif pct.value == HUNDRED:
            basis = "上年为零，增长率无定义；按惯例写作增长100%（新增项目）"
        else:
            basis = "上年为零，增长率无定义"
        self.claims.append(
            Claim(
                "change_rate",
                pref,
                metric,
                f"{name}的变动率",
                pct.value,
                "unverifiable",
                "NARR-UNVERIFIABLE",
                basis=basis,
                basis_en="last year's figure is zero: the rate is undefined (100% is the usual convention)",
                others=others,
            )
        )

    def _rate_on_prior(self, ctx: _Ctx, word: Token, pct: Token, pref: TextRef, wref: TextRef) -> None:
        """ "2025年当年预算执行数为A万元，2026年预算安排B万元，比2025年预算执行数增加R%": the rate
        and its direction must follow from A and this year's figure (B, and the item's own figure
        or table cell when B differs from it)."""
        assert ctx.prior is not None
        ptok, a, ra, aref, _ = ctx.prior
        name = self._subject_name(ctx)
        cands = self._this_year(ctx)
        others = (aref,) + ((ctx.restated[3],) if ctx.restated is not None else ())
        if not cands:
            self.claims.append(
                Claim(
                    "change_rate",
                    pref,
                    ctx.subject,
                    f"{name}的变动率",
                    pct.value,
                    "unverifiable",
                    "NARR-UNVERIFIABLE",
                    basis="找不到本年数",
                    basis_en="this year's figure is unknown",
                    others=others,
                )
            )
            return
        if a - ra <= 0:
            self._rate_on_nothing(pct, pref, ctx.subject, name, a, others)
            return
        tried: list[str] = []
        for i, (label, cur, rc, _) in enumerate(cands):
            delta = cur - a
            moved = 0 if abs(delta) <= ra + rc else (1 if delta > 0 else -1)
            computed = HUNDRED * abs(delta) / a
            interval = ratio_interval(abs(delta), ra + rc, a, ra)
            v = _pct_verdict(pct, computed, interval)
            if v.status != "wrong" and (moved == 0 or moved == word.sign):
                basis = f"{label} 比上年 {ptok.text} {word.text} {computed:.4f}%"
                if i:  # the item's figure fits: the restated figure is the odd one (reported there)
                    basis += f"（按{cands[0][0]}则不符，见该处）"
                self._prior_used(ctx, f"上年数，与本年数和所述增减率相符：{basis}")
                self.claims.append(
                    Claim(
                        "change_rate",
                        pref,
                        ctx.subject,
                        f"{name}的变动率",
                        pct.value,
                        v.status,
                        "" if v.status == "verified" else "NARR-CHANGE",
                        expected=_shown(computed, pct.decimals),
                        basis=basis,
                        basis_en=f"({cur} − {a}) / {a} = {computed:.4f}%",
                        others=others,
                        possible_rounding=v.status == "rounding",
                        note=v.note,
                        note_en=v.note_en,
                    )
                )
                return
            tried.append(f"按{label}计算为{'增加' if delta > 0 else '减少' if delta < 0 else '持平'} {computed:.2f}%")
        self.claims.append(
            Claim(
                "change_rate",
                pref,
                ctx.subject,
                f"{name}的变动率",
                pct.value,
                "wrong",
                "NARR-CHANGE",
                expected=None,
                basis=f"所述比上年 {ptok.text} {word.text}{pct.text}，但" + "；".join(tried),
                basis_en=f"the rate does not follow from last year's {a} and this year's figure(s)",
                others=others,
                headline="增减率与所列上年数、本年数不符",
                headline_en="the rate does not follow from the figures stated for last year and this year",
            )
        )

    def _zero_change(
        self, ctx: _Ctx, tok: Token, metric: str, tref: TextRef, sec: Section, para: Paragraph, sentence: tuple[int, str]
    ) -> None:
        name = self._name(ctx, metric)
        if ctx.change is not None and ctx.change[3] != 0 and ctx.change[0] == metric and ctx.change[1].start >= sentence[0]:
            self.claims.append(
                Claim(
                    "zero_change",
                    tref,
                    metric,
                    f"{name}无变动",
                    ZERO,
                    "wrong",
                    "NARR-DIRECTION",
                    basis=f"说「{tok.text}」，同句却说{ctx.change[1].text}",
                    basis_en="says unchanged and changed",
                    others=(self._tref(sec, para, sentence, ctx.change[1]),),
                )
            )
            return
        moved = next((w for w in ctx.said if w[0] == metric and w[2] != 0 and w[3] == sentence[0]), None)
        ctx.said.append((metric, tok, 0, sentence[0]))
        if moved is not None:
            self.claims.append(
                Claim(
                    "zero_change",
                    tref,
                    metric,
                    f"{name}无变动",
                    ZERO,
                    "wrong",
                    "NARR-DIRECTION",
                    basis=f"同句已说「{moved[1].text}」，又说「{tok.text}」",
                    basis_en="says both changed and unchanged",
                    others=(self._tref(sec, para, sentence, moved[1]),),
                )
            )
            return
        ctx.change = (metric, tok, 0, ZERO, ZERO)
        self._flush_flat(ctx)
        ctx.flat = (metric, tok, tref, [])
        ctx.flat_sentence = ctx.sentence_no
        if ctx.prior is not None and metric == ctx.subject:
            self._flat_on_prior(ctx, tok, tref, name)
            return
        prev = self._previous(metric)
        cur = self._current(ctx, metric) if metric else None
        if prev is not None and cur is not None:
            ok = meet(cur[0], cur[1], prev.value, half_unit(prev.decimals))
            self.claims.append(
                Claim(
                    "zero_change",
                    tref,
                    metric,
                    f"{name}无变动",
                    ZERO,
                    "verified" if ok else "wrong",
                    "" if ok else "NARR-PREVIOUS",
                    expected=cur[0] - prev.value,
                    basis=f"本年 {cur[2]}，上年文件 {_fmt(prev.value)}万元",
                    basis_en=f"this year {cur[0]}, last year's document {prev.value}",
                    cells=(self._cell(prev),),
                )
            )
            return
        # a second flat word in the same clause ("持平，无增减变动") agrees with the first
        basis, basis_en = self._why_not_against_previous(metric, prev, "持平", "unchanged")
        self.claims.append(
            Claim(
                "zero_change",
                tref,
                metric,
                f"{name}无变动",
                ZERO,
                "unverifiable",
                "NARR-UNVERIFIABLE",
                basis=basis,
                basis_en=basis_en,
            )
        )

    def _why_not_against_previous(self, metric: str, prev: Resolved | None, said: str, said_en: str) -> tuple[str, str]:
        """Why what the narrative ``said`` was not checked against last year's document (zh, en):
        none was given, it does not state the figure, or (it does) this year's figure is unknown."""
        if self.previous is None:
            return f"没有上年文件，无法核对“{said}”", f"no previous document to check “{said_en}” against"
        if prev is None and not self._comparable(metric):
            return (
                f"上年文件已给出，但未能在其中找到对应的项目，无法核对“{said}”",
                f"last year's document is given, but this item could not be matched to a figure of it: cannot check “{said_en}”",
            )
        if prev is None:
            return (
                f"上年文件缺少该数字，无法核对“{said}”",
                f"last year's document does not state this figure: cannot check “{said_en}”",
            )
        return f"找不到本年数，无法核对“{said}”", f"this year's figure is unknown: cannot check “{said_en}”"

    def _flat_on_prior(self, ctx: _Ctx, tok: Token, tref: TextRef, name: str) -> None:
        """ "执行数为15.00万元，2023年预算安排15.00万元，比…执行数持平": both halves must say the same."""
        assert ctx.prior is not None
        ptok, a, ra, aref, _ = ctx.prior
        others = (aref,) + ((ctx.restated[3],) if ctx.restated is not None else ())
        cands = self._this_year(ctx)
        if not cands:
            return
        label, cur, rc, _ = cands[0]
        ok = any(meet(c, rc_, a, ra) for _, c, rc_, _ in cands)
        if ok:
            self._prior_used(ctx, f"上年数，与本年数相同（所述持平）：{label}")
        self.claims.append(
            Claim(
                "zero_change",
                tref,
                ctx.subject,
                f"{name}无变动",
                ZERO,
                "verified" if ok else "wrong",
                "" if ok else "NARR-DIRECTION",
                expected=cur - a,
                basis=f"上年 {ptok.text}，{label}" + ("" if ok else f"，相差 {_fmt(cur - a)}万元"),
                basis_en=f"last year {a}, this year {cur}",
                others=others,
                headline="说持平，但所列上年数与本年数不同",
                headline_en="says unchanged, but the two figures stated differ",
            )
        )

    def _flush_flat(self, ctx: _Ctx) -> None:
        """ "持平" followed by a reason that speaks only of a decrease: a warning — the words may
        explain why the figure did not move, or the figure did move."""
        if ctx.flat is None:
            return
        metric, tok, tref, reasons = ctx.flat
        ctx.flat = None
        signs = {t.sign for t, _ in reasons}
        if signs != {-1}:  # only a decrease: "持平，主要原因是…减少" (an increase may be "despite …")
            return
        word = reasons[0][0].text
        self.claims.append(
            Claim(
                "direction",
                tref,
                metric,
                f"{self._name(ctx, metric)}无变动",
                ZERO,
                "wrong",
                "NARR-DIRECTION",
                basis=f"说「{tok.text}」，随后给出的原因却是「{word}」",
                severity="warning",
                basis_en=f"says “{tok.text}” but the reason given speaks of “{word}”",
                others=tuple(r for _, r in reasons),
                headline="说持平，却给出增减的原因（请核对是持平还是有增减）",
                headline_en="says unchanged but gives a reason for a change (check which is true)",
            )
        )

    def _this_year(self, ctx: _Ctx) -> list[tuple[str, Decimal, Decimal, Token | None]]:
        """This year's figure of the subject, as the sentence restates it, then as the table (or
        the item's first statement) gives it when that differs."""
        cands: list[tuple[str, Decimal, Decimal, Token | None]] = []
        if ctx.restated is not None:
            rtok, b, rb, _ = ctx.restated
            cands.append((f"所述本年数 {rtok.text}", b, rb, rtok))
        if ctx.subject_table is not None:
            tv, tdec, cell = ctx.subject_table
            same = ctx.restated is not None and same_printing(ctx.restated[1], _p_dec(ctx.restated[0]), tv, tdec)
            if not same:
                cands.append((f"表{cell.table_no} {cell.row} {self._tf(tv, tdec, cell, short=True)}", tv, half_unit(tdec), None))
        elif ctx.subject_value is not None and ctx.subject_token is not None:
            sv, sr = ctx.subject_value
            if not cands or cands[0][1] != sv:
                cands.append((f"本项金额 {ctx.subject_token.text}", sv, sr, ctx.subject_token))
        return cands

    # counts --------------------------------------------------------
    def _count(self, ctx: _Ctx, tok: Token, label: str, tref: TextRef, text: str) -> None:
        after = text[tok.end : tok.end + 4]
        if ctx.topic == "performance" and tok.unit == "个" and after.startswith("项目"):
            n = len(self.projects)
            if n:
                ok = Decimal(n) == tok.value
                t = self.d.table("project_expenditure")
                cells = (ref(t, None, ""),) if t is not None else ()
                self.claims.append(
                    Claim(
                        "count",
                        tref,
                        "project_count",
                        "项目个数",
                        tok.value,
                        "verified" if ok else "wrong",
                        "" if ok else "NARR-COUNT",
                        expected=Decimal(n),
                        basis=f"项目支出预算表列出 {n} 个项目",
                        basis_en=f"the project table lists {n} projects",
                        cells=cells,
                    )
                )
                return
        metric = self._metric(ctx.topic, label)
        if metric:
            entry = (metric, tok, tok.value, ZERO)
            if ctx.parts_whole is not None and ctx.parts_whole[0] != metric:
                ctx.parts.append(entry)
            elif ctx.parts_whole is None:
                ctx.parts_whole = entry
            ctx.last_amount = entry
        self.claims.append(
            Claim(
                "count",
                tref,
                metric,
                METRICS[metric].zh if metric else label.strip(),
                tok.value,
                "unverifiable",
                "NARR-UNVERIFIABLE",
                basis="文件的表格中没有此数据",
                basis_en="no table of the document holds this figure",
            )
        )

    # sums ----------------------------------------------------------
    def _close_sums(self, sec: Section, para: Paragraph, ctx: _Ctx) -> None:
        whole = ctx.parts_whole
        entries = [whole] + ctx.parts if whole is not None else []
        # a complete decomposition stated in the paragraph (政府采购 = 货物 + 工程 + 服务)
        for total_key, part_keys in SUM_GROUPS:
            tot = next((e for e in entries if e[0] == total_key), None)
            parts = [e for e in entries if e[0] in part_keys]
            if tot is None or len({p[0] for p in parts}) != len(part_keys):
                continue
            self._sum_claim(sec, para, tot, parts, "NARR-SUM")
        # uses of a fund listed after "用于" must add up to the fund's total
        if ctx.uses and whole is not None and ctx.topic == "gov_fund" and whole[0] == "gov_fund_exp":
            self._sum_claim(sec, para, whole, ctx.uses, "NARR-SUM")

    def _sum_claim(
        self,
        sec: Section,
        para: Paragraph,
        tot: tuple[str, Token, Decimal, Decimal],
        parts: Sequence[tuple[str, Token, Decimal, Decimal]],
        code: str,
    ) -> None:
        printed = tot[2]
        s = sum((p[2] for p in parts), ZERO)
        radius = tot[3] + sum((p[3] for p in parts), ZERO)
        ok = meet(tot[2], ZERO, s, radius)
        xt, xps = self._exact(tot), [self._exact(p) for p in parts]
        if tot[2] != s and (xt is not tot or any(x is not p for x, p in zip(xps, parts, strict=True))):
            # figures printed coarser than their table cells ("0.16亿元"): the sum of the table's
            # figures may be the one the author wrote; the better of the two readings stands
            xs = sum((p[2] for p in xps), ZERO)
            xr = xt[3] + sum((p[3] for p in xps), ZERO)
            if xt[2] == xs or (not ok and meet(xt[2], ZERO, xs, xr)):
                tot, parts, s, radius, ok = xt, xps, xs, xr, True
        sentence_of = _sentence_of(para, tot[1])
        tref = self._tref(sec, para, sentence_of, tot[1])
        others = tuple(self._tref(sec, para, _sentence_of(para, p[1]), p[1]) for p in parts)
        expr = " + ".join(self._as_used(p) for p in parts)
        name = METRICS[tot[0]].zh if tot[0] in METRICS else tot[0]
        exact = tot[2] == s
        # within the printed figures' rounding but not equal: "possible rounding", apart from errors
        status: Status = ("verified" if exact else "rounding") if ok else "wrong"
        self.claims.append(
            Claim(
                "sum",
                tref,
                tot[0],
                f"{name}等于各分项之和",
                printed,
                status,
                "" if exact else code,
                expected=s,
                basis=f"{self._as_used(tot)} {'=' if exact else '≈' if ok else '≠'} {expr}"
                + ("" if exact or not ok else f"（相差 {_fmt(tot[2] - s)}万元，在四舍五入范围内）"),
                basis_en=f"{tot[1].text} {'=' if ok else '!='} {expr}",
                others=others,
                possible_rounding=status == "rounding",
            )
        )
        # statements checked only by this sum count as verified by it
        keys = {tot[1].start} | {p[1].start for p in parts}
        for i, c in enumerate(self.claims):
            if (
                c.status == "unverifiable"
                and c.ref.paragraph == self.para_index
                and c.ref.start in keys
                and c.kind in ("amount", "count")
            ):
                self.claims[i] = Claim(
                    c.kind,
                    c.ref,
                    c.metric,
                    c.subject,
                    c.value,
                    "verified" if ok else "wrong",
                    "" if ok else code,
                    expected=c.expected,
                    basis=f"表中无此数据；与同段其他数字相符：{tot[1].text} = {expr}"
                    if ok
                    else f"与同段其他数字不符：{tot[1].text} ≠ {expr}",
                    basis_en="consistent with the other figures of its paragraph"
                    if ok
                    else "inconsistent with the other figures of its paragraph",
                    others=others,
                )


def extract_claims(d: Disclosure, previous: Disclosure | None = None) -> ClaimSet:
    """Every claim of 情况说明, linked and judged (pure; no IO, no cache).

    An audit reads them once, in its :class:`yusuan.checks.context.AuditContext`, and hands
    them to the rules that need them and to the report."""
    claims = _Reader(d, previous).run()
    # a sum claim duplicates the token of its whole: keep both, they say different things
    return ClaimSet(tuple(claims))
