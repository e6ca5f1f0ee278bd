"""Developer tool: run ``yusuan check`` on every corpus document and print what a reviewer
reads — every error and warning (with its page and the figure it names) and the canonical
facts that differ from the hand-read truth files.

    python scripts/corpus_report.py [--corpus DIR] [--only SUBSTRING ...] [--json OUT_DIR]

Documents published as two files (``…-narrative.pdf`` + ``…-tables.pdf``) are checked together.
Nothing here is used by the package or the tests; it is how we read our own output.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DEFAULT = HERE / "tests" / "fixtures" / "corpus"
SUFFIXES = (".pdf", ".xlsx", ".docx", ".html", ".txt")


def documents(corpus: Path) -> list[tuple[str, list[Path]]]:
    files = sorted(p for p in corpus.iterdir() if p.suffix in SUFFIXES)
    out: list[tuple[str, list[Path]]] = []
    seen: set[Path] = set()
    for p in files:
        if p in seen:
            continue
        if p.stem.endswith("-narrative"):
            t = p.with_name(p.stem[: -len("-narrative")] + "-tables" + p.suffix)
            if t.exists():
                out.append((p.stem[: -len("-narrative")], [p, t]))
                seen |= {p, t}
                continue
        if p.stem.endswith("-tables") and p.with_name(p.stem[: -len("-tables")] + "-narrative" + p.suffix).exists():
            continue
        out.append((p.stem, [p]))
        seen.add(p)
    return out


def truth_for(corpus: Path) -> dict[tuple[str, ...], dict]:  # type: ignore[type-arg]
    out = {}
    for f in sorted((corpus / "truth").glob("*.json")):
        t = json.loads(f.read_text(encoding="utf-8"))
        out[tuple(t["files"])] = t
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--info", action="store_true", help="print info findings too")
    a = ap.parse_args()
    truths = truth_for(a.corpus)
    exe = [sys.executable, "-m", "yusuan.cli"]
    for name, files in documents(a.corpus):
        if a.only and not any(s in name for s in a.only):
            continue
        p = subprocess.run([*exe, "check", *map(str, files), "--format", "json"], capture_output=True, text=True)
        if p.returncode not in (0, 1):
            print(f"== {name}: exit {p.returncode}: {p.stderr.strip()[:300]}")
            continue
        r = json.loads(p.stdout)
        if a.json:
            a.json.mkdir(parents=True, exist_ok=True)
            (a.json / f"{name}.json").write_text(p.stdout, encoding="utf-8")
        s = r["summary"]
        print(f"== {name}: exit {p.returncode} E={s['error']} W={s['warning']} I={s['info']} claims={r.get('claims')}")
        for f in r["findings"]:
            if f["severity"] in ("error", "warning") or a.info:
                loc = f.get("location") or {}
                flag = "R" if f.get("possible_rounding") else " "
                print(f"  {f['severity'][0].upper()}{flag} {f['rule']:22} p{loc.get('page')} {f['message'][:260]}")
        t = truths.get(tuple(x.name for x in files))
        if t is not None:
            e = subprocess.run([*exe, "extract", *map(str, files), "--format", "json"], capture_output=True, text=True)
            facts = json.loads(e.stdout)["facts"] if e.returncode == 0 else {}
            for k, v in t["facts"].items():
                g = facts.get(k)
                if g is None or Decimal(g) != Decimal(v):
                    print(f"  FACT {k}: truth {v}, got {g}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
