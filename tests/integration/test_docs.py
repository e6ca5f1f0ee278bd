"""The documentation a newcomer reads: a short README, links that resolve, a generated rules
reference that is current, one version, and a changelog that names every finding code."""

from __future__ import annotations

import importlib.util
import re
import tomllib

import yusuan
from support import ROOT
from yusuan.checks import CODES, RULESET_VERSION

README = ROOT / "README.md"
DOCS = sorted((ROOT / "docs").glob("*.md"))


def _section(text: str, heading: str) -> str:
    return text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


def test_readme_is_a_front_page() -> None:
    text = README.read_text("utf-8")
    assert len(text.encode("utf-8")) <= 8 * 1024
    quick = _section(text, "Quick start")
    commands = re.findall(r"^(make \w+)", quick.split("```sh\n", 1)[1].split("```", 1)[0], flags=re.M)
    assert commands == ["make demo", "make test"]
    # the first screen says how to check one's own PDF
    assert "yusuan check 我的单位预算.pdf" in text[:4000]


def test_every_relative_link_resolves() -> None:
    broken = []
    for page in [README, ROOT / "CHANGELOG.md", *DOCS]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if "://" in target:
                continue
            if not (page.parent / target).exists():
                broken.append(f"{page.name}: {target}")
    assert broken == []


def test_docs_domain_is_in_the_repository() -> None:
    assert (ROOT / "docs" / "domain.md").exists()
    # the pages that cite it find it
    cited = [p.name for p in [README, *DOCS] if "domain.md" in p.read_text("utf-8")]
    assert cited


def test_rules_reference_is_generated_from_the_code_records() -> None:
    spec = importlib.util.spec_from_file_location("gen_rules_reference", ROOT / "scripts" / "gen_rules_reference.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    current = (ROOT / "docs" / "rules-reference.md").read_text("utf-8")
    assert current == gen.render(), "run: python scripts/gen_rules_reference.py"
    for code in CODES:
        assert f"\n## {code}\n" in current


def test_one_version_source() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in pyproject["project"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "yusuan.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", yusuan.__version__)


def test_changelog_names_the_version_the_rule_set_and_every_code() -> None:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## [{yusuan.__version__}]" in text
    assert f"rule set {RULESET_VERSION}" in text
    missing = [code for code in CODES if not re.search(rf"(?<![A-Z-]){re.escape(code)}(?![A-Z-])", text)]
    assert missing == [], "name each new code in CHANGELOG.md"
