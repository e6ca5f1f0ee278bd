"""One audit context for every rule (issue #9, structure): built once per audit, what several
rules need computed once, rules still pure functions of the document that can be called alone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from yusuan import example_path, read
from yusuan.api import audit
from yusuan.checks import RULES, AuditContext, run_checks
from yusuan.checks.codes import code_names, shifted_blocks
from yusuan.model.core import Disclosure, Location, Paragraph, Section
from yusuan.narrative import claims as claims_module
from yusuan.narrative.claims import extract_claims


@pytest.fixture(scope="module")
def example() -> Disclosure:
    return read(example_path()).disclosure


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    run = claims_module._Reader.run

    def counted(self: claims_module._Reader) -> list[claims_module.Claim]:
        reads.append(1)
        return run(self)

    monkeypatch.setattr(claims_module._Reader, "run", counted)
    return reads


def test_an_audit_reads_the_claims_once(example: Disclosure, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    report = audit(example)
    assert len(reads) == 1  # four rules and the report use them
    assert report.claims is not None


def test_with_last_years_document_the_claims_are_read_once_each_way(example: Disclosure, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    audit(example, previous=example)
    assert len(reads) == 2  # against last year (the narrative rule, the report) and alone (the completeness rules)


def test_no_hidden_cache_outlives_an_audit(example: Disclosure, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = _count_reads(monkeypatch)
    audit(example)
    audit(example)
    assert len(reads) == 2
    assert extract_claims(example) is not extract_claims(example)


def test_a_rule_alone_says_what_it_says_through_the_registry(example: Disclosure) -> None:
    ctx = AuditContext(example)
    rule = next(r for r in RULES if r.code == "CODE-NAME")
    assert list(rule.run(ctx)) == list(code_names(example))
    assert list(ctx.shifted) == shifted_blocks(example, ctx.catalog)
    for r in RULES:  # every keyword a rule asks for is a part of the context
        assert all(hasattr(ctx, name) for name in r.uses), r.code


def test_the_registry_findings_are_those_of_a_context_built_by_the_caller(example: Disclosure) -> None:
    ctx = AuditContext(example)
    assert run_checks(example, context=ctx) == run_checks(example)
    with pytest.raises(ValueError):
        run_checks(replace(example, tables=example.tables[1:]), context=ctx)


def test_the_line_index_gives_the_pages_the_scan_gives() -> None:
    def para(text: str, lines: tuple[int, ...], pages: tuple[int | None, ...]) -> Paragraph:
        return Paragraph(text, lines, tuple((i, ln) for i, ln in enumerate(lines)), pages)

    sections = (
        Section("一、概况", 1, ("一、概况",), (para("a", (3, 4, 6), (1, 1, 2)), para("b", (8, 9), (None, 2))), Location(2, 1)),
        # a line printed twice (a page break repeated it): the first occurrence decides, as in page_of
        Section("二、收支", 1, ("二、收支",), (para("c", (11, 12, 11), (None, 3, 4)), para("d", (14,), ())), Location(10, 3)),
        Section(
            "三、其他", 1, ("三、其他",), (para("e", (9, 20), (5, 5)),), Location(9, None)
        ),  # line 9 again: the first section wins
    )
    d = replace(read(example_path()).disclosure, sections=sections)
    ctx = AuditContext(d)
    for line in [None, *range(0, 23)]:
        assert ctx.page_of_line(line) == d.page_of_line(line), line
