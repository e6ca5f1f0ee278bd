"""Row labels against the template: a labelled row whose label is a near miss of a label the
template prints (``ROW-LABEL``: 「财政转专户管理资金」 for 财政专户管理资金).

Only the labelled rows of the template's own tables are compared (income sources, totals and
the rows the profile names); never the rows of a table the reader could not place, project
names, procurement items or function classes (their names are checked against the catalog).
A label that is simply unknown is not reported: templates add rows of their own.

A label of four or more characters is a near miss when it is one edit away (a character added,
dropped, changed, or two neighbours swapped), or, from eight characters on, two changed
characters apart from each other, from exactly one label of the template; when it is no label
of any template; and when the label it misses is not printed in the same table already. Other
two-character differences are another word (资金/收入/拨款 appended, 资金 for 经费), not a
misprint; a label cut short or run on at either end is a wrapped or merged cell as read, not a
misprint; linking words (和、及、与) are ignored (上年结转和结余 is 上年结转结余), and a change
between words of opposite or parallel meaning (收/支, 上/下, 结转/结余, 当年/本年) makes another
label, never a misprint.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from ..catalog import strip_ordinal
from ..findings import Finding
from ..model.core import Disclosure, Row, Table
from ..profiles import Profile, TableSpec, profiles
from .base import profile_of, ref

__all__ = ["row_labels", "near_miss", "edit_distance"]

#: tables whose labelled rows are free text (items, projects), not template labels
_FREE_TEXT_TABLES = frozenset({"other", "procurement", "project_expenditure", "performance_targets"})
#: characters whose exchange makes another label of the template family, not a misprint
_CONTRAST = (
    frozenset("收支"),
    frozenset("入出"),
    frozenset("上下"),
    frozenset("初末"),
    frozenset("转余"),
    frozenset("本上"),
    frozenset("合总"),
    frozenset("小合"),
    frozenset("小总"),
    frozenset("基项"),
    frozenset("人公"),
    frozenset("增减"),
    frozenset("年月"),
    frozenset("结余"),
    frozenset("前后"),
    frozenset("内外"),
    frozenset("中地"),
    frozenset("省市"),
    frozenset("当本"),
    frozenset("终末"),
    frozenset("初终"),
    frozenset("资基"),
)
#: words that link two parts of a label and may be printed or left out (上年结转和结余)
_LINKING = re.compile(r"[和及与、·]")
_ORDINAL_DIGIT = re.compile(r"^\s*\d{1,2}\s*[.．、]\s*")
_OF_WHICH = re.compile(r"^其中[：:]?")


def _compare_form(label: str) -> str:
    """A label as compared: no ordinal, no 其中, no spaces, brackets and 其它 unified."""
    name = strip_ordinal(label)[1]
    name = _ORDINAL_DIGIT.sub("", name)
    name = _OF_WHICH.sub("", name)
    name = _LINKING.sub("", re.sub(r"\s+", "", name))
    return name.replace("(", "（").replace(")", "）").replace("其它", "其他")


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance with adjacent transpositions (optimal string alignment), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return min(prev[-1], limit)


def _contrasting(a: str, b: str) -> bool:
    """Labels of equal length that differ only where words of opposite meaning stand."""
    if len(a) != len(b):
        return False
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return bool(diffs) and all(frozenset((x, y)) in _CONTRAST for x, y in diffs)


def _spec_labels(prof: Profile, spec: TableSpec, side: str) -> tuple[str, ...]:
    """The labels the template prints in a table (on one side of a two-sided summary)."""
    if spec.layout == "two_sided":
        if side == "income":
            return tuple(prof.income_labels) + tuple(prof.income_sub_labels)
        if side == "expenditure":
            return tuple(prof.expenditure_labels) + tuple(prof.expenditure_item_labels)
        return ()
    return tuple(printed for printed, _ in spec.row_keys) + spec.known_labels


@cache
def _vocabulary() -> frozenset[str]:
    """Every label any template prints: a label of one template is never another's misprint."""
    out: set[str] = set()
    for prof in profiles().values():
        labels: list[str] = [
            *prof.income_labels,
            *prof.income_sub_labels,
            *prof.expenditure_labels,
            *prof.expenditure_item_labels,
        ]
        for spec in prof.tables:
            labels += [printed for printed, _ in spec.row_keys]
            labels += spec.known_labels
        out |= {_compare_form(x) for x in labels}
    return frozenset(out)


def _misprint(name: str, label: str) -> bool:
    """``name`` is ``label`` with one edit, or (eight characters on) two changes apart, none of
    them an exchange of words of opposite or parallel meaning."""
    if _contrasting(name, label):
        return False
    if name.startswith(label) or label.startswith(name) or name.endswith(label) or label.endswith(name):
        return False  # cut short or run on at an end: a wrapped or merged cell as read, not a misprint
    if edit_distance(name, label) == 1:  # a character added, dropped or changed, or two neighbours swapped
        return True
    if len(name) == len(label) and len(name) >= 8:
        diffs = [i for i, (x, y) in enumerate(zip(name, label, strict=True)) if x != y]
        return len(diffs) == 2 and diffs[1] - diffs[0] > 1
    return False


def near_miss(label: str, candidates: Iterable[str]) -> tuple[str, int] | None:
    """The one template label that ``label`` misses, as printed, and by how many characters
    (None: it misses none, or several equally)."""
    name = _compare_form(label)
    if len(name) < 4 or name in _vocabulary():
        return None
    hits: dict[str, tuple[int, str]] = {}
    for cand in candidates:
        c = _compare_form(cand)
        if len(c) < 4 or c == name:
            continue
        if _misprint(name, c):
            hits.setdefault(c, (edit_distance(name, c), _ORDINAL_DIGIT.sub("", strip_ordinal(cand)[1])))
    if not hits:
        return None
    best = min(d for d, _ in hits.values())
    closest = [printed for d, printed in hits.values() if d == best]
    return (closest[0], best) if len(closest) == 1 else None


def _labelled_rows(t: Table) -> Iterator[Row]:
    for r in t.rows:
        if r.kind == "label" and not r.code and r.label:
            yield r


def row_labels(d: Disclosure) -> Iterator[Finding]:
    """ROW-LABEL: a labelled row whose label misses one of the template's labels by a character or two."""
    prof = profile_of(d)
    if prof is None:
        return
    for t in d.tables:
        if t.type in _FREE_TEXT_TABLES:
            continue
        spec = prof.spec(t.type)
        if spec is None or (spec.stub != "labels" and spec.layout != "two_sided"):
            continue
        for r in _labelled_rows(t):
            candidates = _spec_labels(prof, spec, r.side)
            miss = near_miss(r.label, candidates)
            if miss is None:
                continue
            expected, by = miss
            printed = {_compare_form(o.label) for o in t.rows if o.side == r.side}
            if _compare_form(expected) in printed:  # the template's label is there already: this row is another one
                continue
            yield Finding(
                "ROW-LABEL",
                "warning",
                f"表{t.number}「{t.title}」的行标签「{r.label}」与模板的「{expected}」只差{'一' if by == 1 else '两'}个字，"
                f"疑为错字；若此行即「{expected}」，请改正。",
                f"table {t.number}: row label {r.label} is {by} character(s) off the template's {expected}; a misprint?",
                (ref(t, r, ""),),
                expected=expected,
                actual=r.label,
                suggestion=expected,
                tags=("labels",),
            )
