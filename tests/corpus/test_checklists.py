"""`yusuan summary DB --checklists DIR`: each audited document's 公开情况检查表, rebuilt from the
layouts the batch keeps (the files are not read again), equal to `yusuan checklist` on the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

from openpyxl import load_workbook  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from support import CORPUS
from yusuan import read  # noqa: E402
from yusuan.api import audit  # noqa: E402
from yusuan.cli import app  # noqa: E402
from yusuan.corpus import BatchOptions, run_batch  # noqa: E402
from yusuan.corpus.checklists import document_checklists  # noqa: E402
from yusuan.tools.checklist import build_checklist  # noqa: E402

TEXT = "henan-jiyuan-govoffice-2024-unit-budget.txt"
PDF = "shanghai-putuo-welfare-home-2024-unit-budget.pdf"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("checklists")
    inputs = root / "in"
    inputs.mkdir()
    for name in (TEXT, PDF):
        shutil.copy(CORPUS / name, inputs / name)
    (inputs / "junk.txt").write_text("这不是预决算公开文件。", encoding="utf-8")
    out = root / "corpus.duckdb"
    run_batch([inputs], out, BatchOptions(workers=2))
    for name in (TEXT, PDF):  # the checklists never read the files again
        (inputs / name).unlink()
    return out


def test_each_checklist_is_the_one_of_yusuan_checklist(db: Path) -> None:
    got = {dc.unit_name: dc for dc in document_checklists(db)}
    assert len(got) == 2 and all(dc.checklist is not None for dc in got.values())  # the junk file is not a document
    for name in (TEXT, PDF):
        reading = read(CORPUS / name, allow_partial=True)
        d = reading.disclosure
        want = build_checklist(d, audit(d, notes=[f"{n.line}: {n.text}" for n in reading.notes]).findings)
        assert got[d.meta.unit_name].checklist == want


def test_summary_writes_one_workbook_per_document(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "checklists"
    r = runner.invoke(app, ["summary", str(db), "--checklists", str(out)])
    assert r.exit_code == 0, r.output
    files = sorted(out.glob("*.xlsx"))
    assert len(files) == 2 and all(f.name.endswith("-检查表.xlsx") for f in files)
    texts = []
    for f in files:
        ws = load_workbook(f).active
        assert ws is not None
        texts.append("\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None))
    assert any("社会福利院" in t for t in texts) and all("公开情况检查表" in t and "符合要求" in t for t in texts)
    again = runner.invoke(app, ["summary", str(db), "--checklists", str(out)])
    assert again.exit_code == 2  # not overwritten without --overwrite
    assert runner.invoke(app, ["summary", str(db), "--checklists", str(out), "--overwrite"]).exit_code == 0
    assert runner.invoke(app, ["summary", str(db)]).exit_code == 2  # neither -o nor --checklists
