"""The catalogue of finding codes (``yusuan rules``): every code any rule emits — on the
reference document, on mutants of its tables and of its narrative — is catalogued."""

from __future__ import annotations

import json
from itertools import islice

import pytest

from support import HENAN, run
from support.mutation import mutants
from yusuan import check, read_text
from yusuan.checks import CODES, RULES
from yusuan.checks.base import Rule
from yusuan.checks.codeinfo import CODE_INFOS, build_codes
from yusuan.model import Disclosure

# changes to the narrative text, each making one statement wrong in a different way
NARRATIVE_MUTATIONS = (
    ("占65.56%", "占65.66%"),  # a share
    ("支出合计2753.26万元，其中", "支出合计2763.26万元，其中"),  # an amount (and the shares after it)
    ("减少377.04万元，下降14.89%", "减少377.04万元，下降15.89%"),  # change and rate disagree
    ("减少377.04万元，下降14.89%", "减少377.04万元，增长14.89%"),  # direction words contradict
    ("其中：基本支出1804.90万元，占65.56%", "其中：基本支出1804.90元，占65.56%"),  # 元 for 万元
)


def _codes(d: Disclosure) -> set[str]:
    return {f.rule for f in check(d)}


@pytest.mark.slow
def test_every_code_emitted_on_reference_and_mutants_is_catalogued(henan: Disclosure) -> None:
    emitted = _codes(henan)
    for include_empty in (False, True):
        for _t, _row, _cell, _delta, nd in islice(mutants(henan, include_empty), 0, None, 23):
            emitted |= _codes(nd)
    text = HENAN.read_text("utf-8")
    for old, new in NARRATIVE_MUTATIONS:
        assert text.count(old) == 1, old
        emitted |= _codes(read_text(text.replace(old, new), source="mutated.txt").disclosure)
    missing = emitted - set(CODES)
    assert not missing, missing
    # the sample does exercise the codes that rules emit under other names
    assert {
        "ARITH-ROW",
        "ARITH-COL",
        "ARITH-ROLLUP",
        "CROSS-TABLE",
        "NAME-CLASS-MISMATCH",
        "NARR-SHARE",
        "NARR-AMOUNT",
        "NARR-UNVERIFIABLE",
        "NARR-CHANGE",
        "NARR-DIRECTION",
        "NARR-UNIT-SCALE",
        "PERF-CODE-LENGTH",
    } <= emitted, emitted
    assert "RULE-CRASH" not in emitted


def test_every_catalogued_code_points_to_registry_rules() -> None:
    registry = {r.code for r in RULES}
    for info in CODES.values():
        assert info.rules, info.code
        for r in info.rules:
            assert r in registry or (r == "" and info.code == "RULE-CRASH"), (info.code, r)
        assert info.title and info.title_en and info.example and info.severity in ("error", "warning", "info")
    # every registry rule is reachable from some code
    assert registry <= {r for i in CODES.values() for r in i.rules}
    assert len({i.code for i in CODE_INFOS}) == len(CODE_INFOS)


def test_a_rule_without_an_entry_still_gets_listed() -> None:
    new = Rule("FMT-EXAMPLE", "示例", "example", "warning", ("formatting",), "例", lambda d: ())
    codes = build_codes((*RULES, new))
    assert codes["FMT-EXAMPLE"].rules == ("FMT-EXAMPLE",) and codes["FMT-EXAMPLE"].title == "示例"
    assert set(CODES) < set(codes)


def test_rules_lists_each_code_on_its_own_line() -> None:
    p = run("rules")
    assert p.returncode == 0
    lines = p.stdout.splitlines()
    assert [ln.split()[0] for ln in lines] == list(CODES)
    share = next(ln for ln in lines if ln.startswith("NARR-SHARE "))
    assert (
        "错误" in share
        and "占比计算不符" in share
        and "share does not match" in share
        and "narrative" in share
        and "例：" in share
    )


def test_rules_detail_and_json() -> None:
    p = run("rules", "NARR-SHARE")
    assert p.returncode == 0
    assert "NARR-CLAIMS" in p.stdout and "检查内容" in p.stdout and "如何改正" in p.stdout and "示例" in p.stdout
    p = run("rules", "arith-rollup", "--lang", "en")
    assert p.returncode == 0 and "how to fix" in p.stdout and "ARITH-COL" in p.stdout
    data = json.loads(run("rules", "--format", "json").stdout)
    assert [d["code"] for d in data] == list(CODES)
    one = json.loads(run("rules", "PERF-CODE-LENGTH", "--format", "json").stdout)
    assert one["code"] == "PERF-CODE-LENGTH" and one["severity"] == "error" and one["fix"]
    prefix = run("rules", "NAME")
    assert [ln.split()[0] for ln in prefix.stdout.splitlines()] == [
        "NAME-CLASS-FORMER",
        "NAME-CLASS-DUPLICATE",
        "NAME-CLASS-MISMATCH",
    ]


@pytest.mark.parametrize("code", ["NOPE", "NARR-NOPE", "-"])
def test_rules_unknown_code(code: str) -> None:
    p = run("rules", code)
    assert p.returncode == 2 and "没有代码" in p.stderr and "Traceback" not in p.stderr
