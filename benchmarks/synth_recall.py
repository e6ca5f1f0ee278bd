"""Recall on synthetic disclosures: ``yusuan synth``'s documents with one injected defect each,
written as text and read back, checked, and scored per defect kind; the clean ones give the
false errors per document. Not a timed test: a measurement to run by hand.

Usage: python benchmarks/synth_recall.py [--count 200] [--seed 0] [--share 0.5] [--format txt]
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

from yusuan import check, read
from yusuan.render import render
from yusuan.tools.synth import detected, synthesize


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--share", type=float, default=0.5)
    ap.add_argument("--format", default="txt", help="txt, xlsx, docx or pdf: the file each document is read back from")
    args = ap.parse_args()
    found: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    clean = clean_errors = clean_warnings = 0
    missed: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for s in synthesize(args.count, seed=args.seed, defect_share=args.share):
            path = Path(tmp) / f"{s.name}.{args.format}"
            path.write_bytes(render(s.disclosure, args.format))
            findings = check(read(path).disclosure)
            if not s.defects:
                clean += 1
                clean_errors += sum(1 for f in findings if f.severity == "error")
                clean_warnings += sum(1 for f in findings if f.severity == "warning")
            for d in s.defects:
                total[d.kind] += 1
                if detected(d, findings):
                    found[d.kind] += 1
                else:
                    missed.append(f"{s.name}: {d.description}")
    seconds = time.perf_counter() - start
    print(f"{args.count} documents ({args.format}) in {seconds:.1f} s, seed {args.seed}")
    print(f"{'kind':<22}{'injected':>10}{'found':>8}{'recall':>9}")
    for kind in sorted(total):
        print(f"{kind:<22}{total[kind]:>10}{found[kind]:>8}{found[kind] / total[kind]:>9.1%}")
    all_found, all_total = sum(found.values()), sum(total.values())
    if all_total:
        print(f"{'all':<22}{all_total:>10}{all_found:>8}{all_found / all_total:>9.1%}")
    print(f"clean documents: {clean}, errors {clean_errors}, warnings {clean_warnings}")
    for m in missed[:20]:
        print("missed:", m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
