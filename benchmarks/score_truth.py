"""Recall against the hand-read truth files: how many of the defects a careful reader marked
does ``yusuan check`` report?

    python benchmarks/score_truth.py [--markdown]

The truth files (tests/fixtures/corpus/truth/*.json, copied unchanged from the shared corpus)
describe each defect in words. tests/fixtures/truth_findings.toml is our reading of them: for
each defect, the finding that states it (a code and words of its message, both must match a
finding on that document) or, when nothing reports it, why not. The scorer runs the real
``check`` and counts a defect as found only when such a finding is really there — so the file
can claim nothing the program does not do, and a finding that disappears shows up here.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
MAPPING = ROOT / "tests" / "fixtures" / "truth_findings.toml"


@dataclass(frozen=True)
class Scored:
    doc: str
    index: int
    where: str
    found: bool
    how: str  # the finding that states it, or why it is missed


def _findings(files: list[Path]) -> list[dict]:  # type: ignore[type-arg]
    sys.path.insert(0, str(ROOT / "src"))
    from yusuan import read, read_files
    from yusuan.api import audit
    from yusuan.report.writers import report_dict

    reading = read_files(files) if len(files) > 1 else read(files[0])
    report = audit(reading.disclosure, notes=tuple(f"{n.line}: {n.text}" for n in reading.notes))
    return list(report_dict(report)["findings"])


#: findings that say a statement could not be checked: they do not state a defect
_NOT_A_STATEMENT = ("NARR-UNLINKED", "NARR-UNVERIFIABLE", "NOT-CHECKED", "CROSS-NOT-CHECKED")


def _matches(f: dict, rules: Iterable[str], words: Iterable[str]) -> bool:  # type: ignore[type-arg]
    if f["rule"] in _NOT_A_STATEMENT:
        return False
    text = f["message"] + " " + " ".join(t.get("text", "") for t in f.get("text") or [])
    # a figure is the same figure with or without its thousands separators (20,374,181 / 20374181)
    plain = re.sub(r"(?<=\d),(?=\d{3})", "", text)
    return any(f["rule"] == r or f["rule"].startswith(r + "-") for r in rules) and all(
        w in text or re.sub(r"(?<=\d),(?=\d{3})", "", w) in plain for w in words
    )


def score(corpus: Path = CORPUS, mapping: Path = MAPPING) -> list[Scored]:
    entries = tomllib.loads(mapping.read_text("utf-8"))["defect"]
    out: list[Scored] = []
    for truth_file in sorted((corpus / "truth").glob("*.json")):
        t = json.loads(truth_file.read_text("utf-8"))
        findings = _findings([corpus / f for f in t["files"]])
        for i, defect in enumerate(t.get("defects", [])):
            mine = [e for e in entries if e["doc"] == t["id"] and e["index"] == i]
            if not mine:
                out.append(Scored(t["id"], i, defect["where"], False, "not yet read (no entry in truth_findings.toml)"))
                continue
            e = mine[0]
            if "missed" in e:
                out.append(Scored(t["id"], i, defect["where"], False, "missed: " + e["missed"]))
                continue
            hit = next((f for f in findings if _matches(f, e["rules"], e.get("words", []))), None)
            how = (
                f"{hit['rule']} ({hit['severity']})"
                if hit
                else f"expected {'/'.join(e['rules'])} {e.get('words', [])} — NOT REPORTED"
            )
            out.append(Scored(t["id"], i, defect["where"], hit is not None, how))
    return out


def table(rows: list[Scored]) -> str:
    docs = sorted({r.doc for r in rows})
    lines = ["| document | defects | reported | recall |", "| --- | --- | --- | --- |"]
    for d in docs:
        mine = [r for r in rows if r.doc == d]
        found = sum(r.found for r in mine)
        lines.append(f"| {d} | {len(mine)} | {found} | {found / len(mine):.0%} |")
    found = sum(r.found for r in rows)
    lines.append(f"| **all** | {len(rows)} | {found} | **{found / len(rows):.0%}** |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--markdown", action="store_true", help="only the summary table")
    a = ap.parse_args()
    rows = score()
    if not a.markdown:
        for r in rows:
            print(f"{'✓' if r.found else '✗'} {r.doc} #{r.index} {r.where[:50]}: {r.how}")
        print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
