"""Precision pinned (issue #9): every error and warning that ``check`` reports on every corpus
disclosure, each read against its page on 2026-11-30 and judged true (docs/results.md says how).
A change that adds, removes or moves one fails here: read the new finding on its page before
updating tests/fixtures/corpus_findings.json (``PYTHONPATH=src:tests python tests/integration/test_corpus_findings.py`` rewrites it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import FIXTURES, corpus_documents

PINNED = FIXTURES / "corpus_findings.json"


def _documents() -> dict[str, list[Path]]:
    return {files[0].stem.removesuffix("-narrative"): files for files in corpus_documents(skip=("checklist", "template"))}


def _keys(files: list[Path]) -> list[str]:
    from yusuan import read, read_files
    from yusuan.api import audit
    from yusuan.report.writers import report_dict

    reading = read_files(files) if len(files) == 2 else read(files[0])
    findings = report_dict(audit(reading.disclosure))["findings"]
    out = []
    for f in findings:
        if f["severity"] not in ("error", "warning"):
            continue
        if f.get("text"):
            where = f["text"][0]["text"]
        elif f.get("cells"):
            c = f["cells"][0]
            where = f"表{c['table_no']} {c['row_key'] or c['value']} {c['column_key']}".strip()
        else:
            where = f["message"][:30]
        out.append(f"{f['severity']}{'~' if f['possible_rounding'] else ''} {f['rule']} {where}")
    return sorted(out)


@pytest.mark.parametrize("name", sorted(_documents()))
def test_errors_and_warnings_are_the_ones_read_on_the_page(name: str) -> None:
    pinned = json.loads(PINNED.read_text("utf-8"))
    assert _keys(_documents()[name]) == pinned[name]


if __name__ == "__main__":
    PINNED.write_text(json.dumps({n: _keys(f) for n, f in _documents().items()}, ensure_ascii=False, indent=1) + "\n", "utf-8")
