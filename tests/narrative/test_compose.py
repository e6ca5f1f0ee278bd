"""情况说明 composed from data: the reference document's own tables, the prior-year figures its
narrative implies and the reasons it states give back its sentences, and the audit verifies them."""

from __future__ import annotations

import subprocess
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from support import ARTIFACTS, CLI, HENAN, ROOT
from support import SMALL_MODEL as SMALL
from yusuan import check, read
from yusuan.errors import InputError
from yusuan.model import Disclosure
from yusuan.modelfile import load_model, model_yaml
from yusuan.narrative.claims import extract_claims, narrative_sections
from yusuan.narrative.compose import Inputs, compose, rate, share

# Last year's figures as the reference narrative implies them (this year's table figure and the
# stated change), the reasons it gives, and the figures no table of the template holds.
INPUTS = """
previous_year:
  revenue_total: 3032.90          # 2753.26 + 279.64
  general_public_budget: 2532.20  # 2155.16 + 377.04
  government_fund: 500.70         # 598.10 - 97.40
  state_capital: 0
  three_public_total: 41
  overseas_travel: 10
  official_reception: 8
  vehicle_purchase: 0
  vehicle_operation: 23
  operating_expenses: 206.40
changes:
  revenue_total: 厉行节约，缩减开支
  general_public_budget: 厉行节约，缩减开支
  government_fund: 2024年增加电子政务专项-“豫正通”平台95.00万元，电子政务专项-信访信息系统维护经费2.40万元
  overseas_travel: 2024年无因公出国（境）需求
  official_reception: 因项目建设和招商工作需要，外来客商等接待业务量增加
  operating_expenses: 厉行节约，缩减开支
figures:
  procurement_goods: 460.95
  procurement_works: 0
  procurement_services: 500.63
  vehicles_general: 4
  vehicles_enforcement: 0
  vehicles_other: 0
  equipment_general: 0
  equipment_special: 0
"""


@pytest.fixture(scope="module")
def composed(henan: Disclosure) -> Disclosure:
    text = model_yaml(henan) + INPUTS
    return load_model(text.encode(), "henan-composed.yaml", compose=True).disclosure


def _by_metric(d: Disclosure) -> dict[tuple[str, str], set[Decimal]]:
    out: dict[tuple[str, str], set[Decimal]] = defaultdict(set)
    for c in extract_claims(d).claims:
        if c.value is not None:
            out[(c.metric, c.kind)].add(c.value)
    return out


def test_composed_narrative_passes_the_narrative_audit(composed: Disclosure) -> None:
    narr = [f for f in check(composed) if f.rule.startswith(("NARR", "COMPLETE"))]
    assert [f for f in narr if f.severity in ("error", "warning")] == []
    cs = extract_claims(composed)
    assert cs.found >= 70
    unverified = [c for c in cs.claims if c.status != "verified"]
    # nothing in the document can check a 持平 without last year's document, nor the equipment counts
    assert {(c.kind, c.metric) for c in unverified} <= {
        ("zero_change", "fiscal_capital"),
        ("zero_change", "vehicle_purchase"),
        ("zero_change", "vehicle_operation"),
        ("count", "equipment_general"),
        ("count", "equipment_special"),
    }
    assert all(c.status == "unverifiable" for c in unverified)


def test_composed_sentences_state_the_reference_figures(henan: Disclosure, composed: Disclosure) -> None:
    want, got = _by_metric(henan), _by_metric(composed)
    keys = [
        ("revenue_total", "amount"),
        ("revenue_total", "change"),
        ("revenue_total", "change_rate"),
        ("gpb", "amount"),
        ("fund", "amount"),
        ("basic", "share"),
        ("project", "share"),
        ("fiscal_gpb", "change"),
        ("fiscal_gpb", "change_rate"),
        ("fiscal_fund", "change"),
        ("fiscal_fund", "change_rate"),
        ("gpb_exp_basic", "share"),
        ("gpb_exp_project", "share"),
        ("personnel", "share"),
        ("public", "share"),
        ("three_public", "amount"),
        ("three_public", "change"),
        ("three_public", "change_rate"),
        ("overseas", "change"),
        ("overseas", "change_rate"),
        ("reception", "change"),
        ("reception", "change_rate"),
        ("operating_expenses", "amount"),
        ("operating_expenses", "change"),
        ("operating_expenses", "change_rate"),
        ("procurement_total", "amount"),
        ("procurement_goods", "amount"),
        ("procurement_services", "amount"),
        ("vehicles", "count"),
        ("vehicles_general", "count"),
        ("project_count", "count"),
    ]
    for k in keys:
        assert want[k] and got[k] == want[k], (k, want[k], got[k])
    text = "\n".join(p.text for s in narrative_sections(composed) for p in s.paragraphs)
    original = "\n".join(p.text for s in narrative_sections(henan) for p in s.paragraphs)
    for sentence in (
        "其中：基本支出1804.90万元，占65.56%；项目支出948.36万元，占34.44%。",
        "收、支总计各减少279.64万元，下降9.22%，主要原因：厉行节约，缩减开支。",
        "与2023年相比，国有资本经营收支预算与上年持平，无增减变动。",
        "其中：人员经费支出1616.50万元，占89.56%；公用经费支出188.40万元，占10.44%。",
        "共有车辆4辆，其中：一般公务用车4辆、一般执法执勤用车0辆、其他用车0辆；",
    ):
        assert sentence in text and sentence in original, sentence
    assert "预算数比2023年增加4.00万元，增长50%，主要原因：因项目建设和招商工作需要，外来客商等接待业务量增加。" in text
    assert "用于电子政务专项-“豫正通”平台95.00万元" in text and "共14个项目" in text


def test_a_missing_reason_is_an_error_naming_it(henan: Disclosure) -> None:
    inputs = INPUTS.replace("  official_reception: 因项目建设和招商工作需要，外来客商等接待业务量增加\n", "")
    with pytest.raises(InputError) as e:
        load_model((model_yaml(henan) + inputs).encode(), "h.yaml", compose=True)
    assert "changes.official_reception" in e.value.zh and "公务接待费比2023年增加4.00万元" in e.value.zh
    assert "changes.official_reception" in e.value.en


def test_direction_follows_the_sign_and_rates_round_once(henan: Disclosure) -> None:
    up = compose(henan, Inputs(previous={"operating_expenses": Decimal("150")}, reasons={"operating_expenses": "新增工作任务"}))[
        0
    ]
    same = compose(henan, Inputs(previous={"operating_expenses": Decimal("188.40")}))[0]
    text_up = "".join(p for _, ps in up for p in ps)
    text_same = "".join(p for _, ps in same for p in ps)
    assert "比2023年增加38.40万元，增长25.6%，主要原因：新增工作任务" in text_up  # 38.40 / 150 = 25.60 %
    assert "机关（机构）运转经费" in text_same and "与2023年持平，无增减变动" in text_same
    assert share(Decimal("0.125"), Decimal("100")) == Decimal("0.13")  # half-up, not to even
    assert share(Decimal("1"), Decimal("3")) == Decimal("33.33")
    assert rate(Decimal("-10"), Decimal("10")) == Decimal("100.00")
    # no previous year: the figure alone, no change and no reason asked for
    bare = "".join(p for _, ps in compose(henan, Inputs())[0] for p in ps)
    assert "与2023年相比" not in bare and "主要原因" not in bare


def test_figures_left_out_are_reported_not_invented(henan: Disclosure) -> None:
    sections, notes = compose(henan, Inputs())
    titles = [t for t, _ in sections]
    assert not any("政府采购" in t for t in titles) and not any("国有资产" in t for t in titles)
    assert any("figures.procurement_goods" in zh for zh, _ in notes)
    assert any("figures.vehicles_general" in zh for zh, _ in notes)


def test_cli_compose_narrative_and_its_errors(tmp_path: Path) -> None:
    out = tmp_path / "s.html"
    p = subprocess.run(
        [*CLI, "render", str(SMALL), "-o", str(out), "--compose-narrative"], capture_output=True, text=True, timeout=120
    )
    assert p.returncode == 0, p.stdout + p.stderr
    d = read(out).disclosure
    assert any(s.title == "一、收入支出预算总体情况说明" for s in d.sections)
    bad = tmp_path / "bad.yaml"
    bad.write_text(SMALL.read_text("utf-8").replace("  official_reception: 厉行节约，压减公务接待\n", ""), "utf-8")
    p = subprocess.run([*CLI, "render", str(bad), "-o", str(tmp_path / "b.html")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "changes.official_reception" in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "b.html").exists()
    p = subprocess.run(
        [*CLI, "render", str(HENAN), "-o", str(tmp_path / "h.html"), "--compose-narrative"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 2 and "模型文件" in p.stderr and "Traceback" not in p.stderr
    nofig = tmp_path / "nofig.yaml"
    nofig.write_text(SMALL.read_text("utf-8").replace("  procurement_goods: 60.00\n", ""), "utf-8")
    p = subprocess.run([*CLI, "render", str(nofig), "-o", str(tmp_path / "n.html")], capture_output=True, text=True, timeout=120)
    assert "figures.procurement_goods" in p.stderr


def test_the_reference_document_composes_like_its_model_file() -> None:
    """extract yaml (with narrative) → render --compose-narrative replaces 情况说明 only."""
    d = read(HENAN).disclosure
    composed = load_model((model_yaml(d) + INPUTS).encode(), "h.yaml", compose=True).disclosure
    titles = [s.title for s in composed.sections]
    assert "一、济源产城融合示范区管理委员会办公室（本级）主要职责" in titles  # 概况 kept
    assert titles.index("第三部分 名词解释") > titles.index("（四）国有资产占用情况")  # 名词解释 kept after the composed part
    assert titles.count("一、收入支出预算总体情况说明") == 1


@pytest.mark.skipif(__import__("shutil").which("pdftoppm") is None, reason="poppler-utils not installed")
def test_composed_example_as_pdf_pages_for_a_look() -> None:
    """The example model's PDF and its first page (composed 情况说明) as PNG under tests/artifacts/
    (not committed; docs/small-unit-2025-page1.png in the README is this file)."""
    pytest.importorskip("weasyprint")
    from yusuan.render import render as render_doc

    artifacts = ARTIFACTS
    artifacts.mkdir(exist_ok=True)
    d = load_model(SMALL.read_bytes(), str(SMALL), compose=None).disclosure
    pdf = artifacts / "small-unit-2025.pdf"
    pdf.write_bytes(render_doc(d, "pdf"))
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(artifacts / "small-unit-2025-page1")],
        check=True,
        timeout=120,
    )
    png = (artifacts / "small-unit-2025-page1.png").read_bytes()
    assert png.startswith(b"\x89PNG") and 10_000 < len(png) < 300_000
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, timeout=60).stdout
    assert "一、收入支出预算总体情况说明" in text and "主要原因" in text


def test_a_final_account_is_not_composed(henan: Disclosure) -> None:
    import dataclasses

    fa = dataclasses.replace(henan, meta=dataclasses.replace(henan.meta, kind="final_account"))
    with pytest.raises(InputError) as e:
        compose(fa, Inputs())
    assert "kind: budget" in e.value.zh


def test_composing_replaces_the_files_own_sections_once() -> None:
    """A file whose 情况说明 sections have no 第二部分 heading (the README example): no section twice."""
    readme = (ROOT / "docs" / "writing.md").read_text("utf-8")
    block = readme.split("```yaml\n", 1)[1].split("```", 1)[0]
    d = load_model(block.encode(), "README.md", "yaml", allow_partial=True, compose=True).disclosure
    titles = [s.title for s in d.sections]
    assert titles.count("一、收入支出预算总体情况说明") == 1
    assert "某某市示范单位2025年收入总计1,210.50万元" not in "".join(p.text for s in d.sections for p in s.paragraphs)
