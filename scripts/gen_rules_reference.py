"""Write docs/rules-reference.md from the code records (yusuan.checks.CODES).

The reference is generated, never edited by hand: `python scripts/gen_rules_reference.py`
rewrites it, `--check` exits 1 when the file in the repository is out of date (a test runs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from yusuan.checks import CODES, RULESET_VERSION

TARGET = Path(__file__).resolve().parent.parent / "docs" / "rules-reference.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render() -> str:
    out = [
        "# Rules reference",
        "",
        f"Every code a finding can carry (rule set {RULESET_VERSION}), generated from the code records in",
        "`src/yusuan/checks/codeinfo.py` by `scripts/gen_rules_reference.py`; do not edit by hand.",
        "`yusuan rules CODE` prints the same in the terminal. Back to [what it checks](rules.md).",
        "",
        "| code | severity | title | tags |",
        "| --- | --- | --- | --- |",
    ]
    infos = sorted(CODES.values(), key=lambda i: i.code)
    for i in infos:
        out.append(
            f"| [{i.code}](#{i.code.lower()}) | {i.severity} | {_cell(i.title)} / {_cell(i.title_en)} | {', '.join(i.tags)} |"
        )
    for i in infos:
        out += ["", f"## {i.code}", "", f"**{i.title}** / {i.title_en} — {i.severity}; tags: {', '.join(i.tags) or '—'}", ""]
        if i.checks:
            out += [f"- 检查 / checks: {_cell(i.checks)}", f"  ({_cell(i.checks_en)})" if i.checks_en else ""]
        if i.example:
            out.append(f"- 示例 / example: {_cell(i.example)}")
        if i.fix:
            out += [f"- 改正 / fix: {_cell(i.fix)}", f"  ({_cell(i.fix_en)})" if i.fix_en else ""]
    text = "\n".join(out) + "\n"
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("docs/rules-reference.md is out of date: run python scripts/gen_rules_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
