"""The HTML report as a reader sees it: parsed back, every finding is listed, the cells it
names are highlighted in the right table, row and column, and the narrative's claims are
marked with their status."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from support import CLI, HENAN
from support.htmlscan import Scan
from support.mutation import mutants
from yusuan import read, read_text
from yusuan.api import audit
from yusuan.model.core import PerformanceTable
from yusuan.narrative.claims import narrative_sections
from yusuan.report.audit import Report
from yusuan.report.finding import CellRef, Finding, TextRef
from yusuan.report.html import to_html
from yusuan.report.writers import claims_summary


def _report(text: str | None = None) -> Report:
    reading = read(HENAN) if text is None else read_text(text, source="mutated.txt")
    return audit(reading.disclosure)


@pytest.fixture(scope="module")
def reference() -> tuple[Report, Scan]:
    r = _report()
    return r, Scan(to_html(r))


def _sev_css(f) -> str:
    return "error" if f.severity == "error" else ("rounding" if f.possible_rounding else f.severity)


def test_every_finding_is_listed_in_order(reference: tuple[Report, Scan]) -> None:
    r, scan = reference
    items = [e for e in scan.elements if e.tag == "li" and "finding" in e.classes]
    assert len(items) == len(r.findings) > 0
    ids = scan.by_id()
    for i, f in enumerate(r.findings):
        el = ids[f"f{i + 1}"]
        assert el.attrs["data-rule"] == f.rule and el.attrs["data-severity"] == f.severity
        assert f.message in el.text and f.message_en in el.text


def test_cells_of_findings_are_highlighted_in_their_table_row_and_column(reference: tuple[Report, Scan]) -> None:
    assert _check_highlights(*reference) >= 15


def test_cross_table_and_arithmetic_findings_highlight_every_cell(henan) -> None:
    """Mutants of the model (one printed figure changed, as in test_mutation): findings that name
    cells of several tables highlight each of them, in side-by-side tables too."""
    picked = {}
    for t, _row, _cell, delta, nd in mutants(henan, include_empty=False):
        key = (t.number, delta)
        if (
            delta == 1 and t.number in (1, 3, 4, 7, 11, 12) or delta == Decimal("0.01") and t.number in (3, 4)
        ) and key not in picked:
            picked[key] = nd
    assert len(picked) == 8
    rules = set()
    classes: set[str] = set()
    for nd in picked.values():
        r = audit(nd)
        rules |= {f.rule for f in r.findings}
        scan = Scan(to_html(r))
        _check_highlights(r, scan)
        classes |= {k for e in scan.elements for k in e.classes if k.startswith("hl-")}
    assert {"CROSS-TABLE", "ARITH-COL"} <= rules
    assert {"hl-error", "hl-warning", "hl-rounding"} <= classes


def _check_highlights(r: Report, scan: Scan) -> int:
    d = r.disclosure
    tables = {t.number: t for t in d.tables}
    if d.performance is not None:
        tables[d.performance.number] = d.performance
    ids = scan.by_id()
    named: set[str] = set()
    checked = 0
    for i, f in enumerate(r.findings):
        fid = f"f{i + 1}"
        places = [ul for ul in ids[fid].children if ul.tag == "ul"]
        links = [a.attrs["href"][1:] for ul in places for li in ul.children for a in li.children if a.tag == "a"]
        cell_links = [x for x in links if x.startswith("t")]
        assert len(cell_links) == len(f.cells), (f.rule, links)
        for c, anchor in zip(f.cells, cell_links, strict=True):
            el = ids[anchor]
            named.add(anchor)
            # in the section of the table the cell names
            assert el.section == f"t{c.table_no}", (anchor, el.section)
            m = re.fullmatch(r"t(\d+)-r(\d+)-(label|c(\d+)|i(\d+))", anchor)
            assert m, anchor
            t = tables[int(m.group(1))]
            row = t.rows[int(m.group(2))]
            if isinstance(t, PerformanceTable):
                assert row.code == c.row_key
                if m.group(5) is not None:
                    ind = row.indicators[int(m.group(5))]
                    assert (ind.name or "") == c.column_key and ind.name in scan.own_text(el) and ind.value in scan.own_text(el)
            else:
                assert row.key == c.row_key and row.display == c.row
            if m.group(4) is not None:
                col = t.columns[int(m.group(4))]
                assert col.key == c.column_key
                assert scan.own_text(el) == c.value  # the printed figure of that cell
            elif m.group(3) == "label" and not isinstance(t, PerformanceTable):
                assert scan.own_text(el) == row.label
            # highlighted with the finding's severity (or a worse one of another finding) and linked back
            assert any(k.startswith("hl-") for k in el.classes)
            assert fid in el.attrs["data-findings"].split()
            assert f.message in el.attrs["title"]  # the tooltip
            assert any(a.tag == "a" and a.attrs.get("href") == f"#{fid}" for a in el.children)
            worst = min(
                (_sev_css(r.findings[int(x[1:]) - 1]) for x in el.attrs["data-findings"].split()),
                key=("error", "warning", "rounding", "info").index,
            )
            assert f"hl-{worst}" in el.classes
            checked += 1
    # nothing else is highlighted
    highlighted = {e.attrs["id"] for e in scan.elements if any(k.startswith("hl-") for k in e.classes) and "id" in e.attrs}
    assert highlighted == named
    return checked


def _marks(scan: Scan) -> list:
    return [e for e in scan.elements if e.tag == "mark" and "data-statuses" in e.attrs]


def test_narrative_claims_are_marked_with_their_status(reference: tuple[Report, Scan]) -> None:
    r, scan = reference
    cs = claims_summary(r)
    marks = _marks(scan)
    statuses = Counter(s for m in marks for s in m.attrs["data-statuses"].split())
    for status in ("verified", "rounding", "wrong", "unverifiable", "unlinked"):
        assert statuses[status] == cs[status], status
    assert sum(statuses.values()) == cs["found"] > 50
    for m in marks:
        assert m.section == "narrative"
        assert f"claim-{m.attrs['data-status']}" in m.classes
        assert m.attrs["title"]  # the basis as a tooltip
    # the summary line a clerk reads
    summary = scan.by_id()["claims-summary"].text
    assert f"共 {cs['found']} 处数字" in summary and f"核对一致 {cs['verified'] + cs['rounding']} 处" in summary
    # a narrative finding links to its mark and the mark links back to it
    ids = scan.by_id()
    html = to_html(r)
    for i, f in enumerate(r.findings):
        for t in f.text:
            tid = f"n{t.paragraph}-{t.start}"
            assert scan.own_text(ids[tid]) == t.text
            assert f"#{tid}" in [a.attrs.get("href") for a in _descendants(ids[f"f{i + 1}"]) if a.tag == "a"]
            after = re.search(rf'<mark id="{tid}"[^>]*>[^<]*</mark>((?:<a class="fref" href="#f\d+">\[\d+\]</a>)*)', html)
            assert after and f'href="#f{i + 1}"' in after.group(1), tid


def test_findings_about_narrative_places_without_a_claim() -> None:
    """A rule other than the claims (e.g. formatting) may name a place of the narrative: it is
    marked by severity; a place whose offsets do not fit is named without a dangling link."""
    r = _report()
    cs = r.claims.claims
    para_text = next(p.text for s in narrative_sections(r.disclosure) for p in s.paragraphs)
    start = para_text.index("2024")
    good = TextRef("一、收入支出预算总体情况说明", para_text, "2024", paragraph=0, start=start, end=start + 4)
    bad = TextRef("一、收入支出预算总体情况说明", para_text, "不在这里", paragraph=0, start=1, end=5)
    extra = (
        Finding("FMT-TEST", "warning", "年份格式", "year format", text=(good,)),
        Finding("FMT-TEST", "info", "不匹配", "no fit", text=(bad,)),
    )
    r2 = dataclasses.replace(r, findings=r.findings + extra)
    scan = Scan(to_html(r2))
    ids = scan.by_id()
    n = len(r.findings)
    mark = ids[f"n0-{start}"]
    assert (
        mark.tag == "mark"
        and "hl-warning" in mark.classes
        and "data-statuses" not in mark.attrs
        and "年份格式" in mark.attrs["title"]
    )
    assert ids[f"f{n + 1}"].section == "narrative"
    links = [a.attrs["href"] for a in _descendants(ids[f"f{n + 2}"]) if a.tag == "a"]
    assert links == [] and "不在这里" in ids[f"f{n + 2}"].text
    # the claims are counted as before
    assert sum(len(m.attrs["data-statuses"].split()) for m in _marks(scan)) == len(cs)


def test_mutated_share_shows_a_wrong_claim() -> None:
    text = HENAN.read_text("utf-8")
    assert text.count("占65.56%") == 1
    r = _report(text.replace("占65.56%", "占65.66%"))
    scan = Scan(to_html(r))
    wrong = [m for m in _marks(scan) if m.attrs["data-status"] == "wrong"]
    assert [scan.own_text(m) for m in wrong] == ["65.66%"]
    assert "65.56" in wrong[0].attrs["title"] or "1,804.90" in wrong[0].attrs["title"] or "1804.90" in wrong[0].attrs["title"]
    share = [i for i, f in enumerate(r.findings) if f.rule == "NARR-SHARE"]
    assert len(share) == 1
    ids = scan.by_id()
    item = ids[f"f{share[0] + 1}"]
    assert item.section == "narrative" and "sev-error" in item.classes
    assert any(a.tag == "a" and a.attrs["href"] == f"#{wrong[0].attrs['id']}" for a in _descendants(item))
    assert "不一致 1 处" in ids["claims-summary"].text
    assert [e.text for e in scan.elements if e.attrs.get("data-count") == "error"] == [str(r.errors)]


def test_narrative_findings_are_listed_with_the_narrative_and_highlight_their_cells() -> None:
    text = HENAN.read_text("utf-8").replace("支出合计2753.26万元，其中", "支出合计2763.26万元，其中")
    r = _report(text)
    scan = Scan(to_html(r))
    ids = scan.by_id()
    amount = [i for i, f in enumerate(r.findings) if f.rule == "NARR-AMOUNT"]
    assert amount and all(r.findings[i].cells for i in amount)
    for i, f in enumerate(r.findings):
        if f.text:
            assert ids[f"f{i + 1}"].section == "narrative"
    _check_highlights(r, scan)


def _descendants(el):
    for c in el.children:
        yield c
        yield from _descendants(c)


def test_everything_is_escaped_and_self_contained() -> None:
    text = HENAN.read_text("utf-8")
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    text = text.replace("主要原因：厉行节约", f"主要原因：{evil}厉行节约", 1)
    assert evil in text
    r = _report(text)
    html = to_html(r)
    scan = Scan(html)
    assert "script" not in scan.tags and "img" not in scan.tags and "link" not in scan.tags
    assert any(evil in e.text for e in scan.elements if e.tag == "p")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "<style>" in html


def test_english_page() -> None:
    r = _report()
    scan = Scan(to_html(r, "en"))
    assert next(e for e in scan.elements if e.tag == "html").attrs["lang"] == "en"
    first = scan.by_id()["f1"]
    msg = next(c for c in first.children if c.tag == "div" and "msg" in c.classes)
    assert msg.text == r.findings[0].message_en
    assert "Narrative:" in scan.by_id()["claims-summary"].text


def test_cli_html_to_file_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    p = subprocess.run(
        [*CLI, "check", str(HENAN), "--format", "html", "-o", str(out)], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 1 and p.stdout == "" and "Traceback" not in p.stderr
    first = out.read_bytes()
    assert Scan(first.decode("utf-8")).by_id()["f1"]
    out.write_text("mine", "utf-8")
    p = subprocess.run(
        [*CLI, "check", str(HENAN), "--format", "html", "-o", str(out)], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 2 and "已存在" in p.stderr and "--overwrite" in p.stderr
    assert out.read_text("utf-8") == "mine"
    p = subprocess.run(
        [*CLI, "check", str(HENAN), "--format", "html", "-o", str(out), "--overwrite"], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 1 and out.read_bytes() == first
    assert [x.name for x in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind


def test_findings_without_a_drawn_place_are_listed_under_the_document() -> None:
    r = _report()
    ghost = CellRef("no_such_table", 40, "不存在的表", "1 某行", "合计", line=7, row_key="1", column_key="total")
    extra = (
        Finding("COMPLETE-TEST", "error", "缺少表<5>", "table <5> missing"),
        Finding("CODE-TEST", "warning", "找不到的单元格", "a cell of no table", cells=(ghost,)),
    )
    r2 = dataclasses.replace(r, findings=extra + r.findings)
    html = to_html(r2)
    scan = Scan(html)
    ids = scan.by_id()
    assert ids["f1"].section == "document" and ids["f2"].section == "document"
    assert "缺少表<5>" in ids["f1"].text and "&lt;5&gt;" in html
    assert [a for a in _descendants(ids["f2"]) if a.tag == "a"] == []  # named, not linked
    assert "表40 1 某行 · 合计" in ids["f2"].text
    assert [e.text for e in scan.elements if e.attrs.get("data-count") == "error"] == [str(r.errors + 1)]
