"""Hostile and broken inputs, built in memory: what an attacker (or a damaged download)
would hand to yusuan. Used by the regression tests (tests/integration/test_hardening.py), the fuzz suite
(tests/integration/test_fuzz.py) and benchmarks/bench_limits.py. Nothing here is read from disk except
the corpus files that the mutations start from.

Every builder returns the bytes of one file; sizes are parameters so that the benchmark can
grow them and the tests keep them small.
"""

from __future__ import annotations

import io
import os
import random
import resource
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from support import SRC, rezip
from support.pdfs import hand_pdf

# ---------------------------------------------------------------- XLSX

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_SHEET_CT = '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
)
_SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def col_name(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def xlsx(sheets: list[str]) -> bytes:
    """A minimal workbook whose sheets have the given XML bodies (inside <worksheet>)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT.format(sheets="".join(_SHEET_CT.format(n=i + 1) for i in range(len(sheets)))))
        z.writestr("_rels/.rels", _RELS)
        z.writestr(
            "xl/workbook.xml",
            _WB.format(
                sheets="".join(f'<sheet name="S{i + 1}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i in range(len(sheets)))
            ),
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            _WB_RELS.format(
                rels="".join(
                    f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                    f'Target="worksheets/sheet{i + 1}.xml"/>'
                    for i in range(len(sheets))
                )
            ),
        )
        for i, body in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", _SHEET_HEAD + body + "</worksheet>")
    return buf.getvalue()


def _small_rows(n: int = 3) -> str:
    return "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>项目{r}</t></is></c><c r="B{r}"><v>{r}</v></c></row>'
        for r in range(1, n + 1)
    )


def xlsx_merge_bomb(sheets: int = 40, ranges: int = 50) -> bytes:
    """Each sheet declares ``ranges`` merged ranges of ~100,000 cells (under the per-range
    cap): the covered-cell set grows by 5 M per sheet unless it is capped in total."""
    merges = "".join(f'<mergeCell ref="A{1 + k * 1000}:CV{999 + k * 1000}"/>' for k in range(ranges))
    body = f'<sheetData>{_small_rows()}</sheetData><mergeCells count="{ranges}">{merges}</mergeCells>'
    return xlsx([body] * sheets)


def xlsx_many_cells(cells: int, width: int = 50) -> bytes:
    """One sheet with ``cells`` numeric cells (the sheet XML grows linearly)."""
    rows = []
    r = 0
    left = cells
    while left > 0:
        r += 1
        k = min(width, left)
        rows.append(f'<row r="{r}">' + "".join(f"<c><v>{(r * 7 + c) % 1000}</v></c>" for c in range(k)) + "</row>")
        left -= k
    return xlsx(["<sheetData>" + "".join(rows) + "</sheetData>"])


def xlsx_cell(xml: str) -> bytes:
    """One sheet with one row holding the given cell XML (a huge number, a broken tag…)."""
    return xlsx([f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>合计</t></is></c>{xml}</row></sheetData>'])


def xlsx_numfmt(fmt: str, value: str = "1.5") -> bytes:
    """A cell whose number format is ``fmt`` (styles.xml added)."""
    data = xlsx([f'<sheetData><row r="1"><c r="A1" s="1"><v>{value}</v></c><c r="B1" s="1"><v>2</v></c></row></sheetData>'])
    styles = (
        '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<numFmts count="1"><numFmt numFmtId="200" formatCode="{fmt}"/></numFmts>'
        '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="200" applyNumberFormat="1"/></cellXfs>'
        "</styleSheet>"
    )
    return zip_edit(
        zip_edit(data, "xl/styles.xml", styles.encode()),
        "xl/_rels/workbook.xml.rels",
        lambda b: b.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
        ),
    )


def zip_edit(data: bytes, member: str, new: bytes | object) -> bytes:
    """A copy of the zip ``data`` with ``member`` replaced (bytes, or a function of the old
    bytes) or added."""
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    if member in names:
        old = zipfile.ZipFile(io.BytesIO(data)).read(member)
        value = new(old) if callable(new) else new
    else:
        value = new if isinstance(new, bytes) else b""
    return rezip(data, {member: value})  # type: ignore[dict-item]


# ---------------------------------------------------------------- DOCX

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body: str) -> bytes:
    """A minimal document whose <w:body> holds ``body``."""
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
    return buf.getvalue()


def docx_span_bomb(rows: int = 400, cells: int = 50, span: str = "1000", before: str = "") -> bytes:
    """A table whose cells each span ``span`` grid columns (or rows that skip ``before``
    columns first): a small file, rows × cells × span cells once expanded."""
    trpr = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    cell = f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'
    row = f"<w:tr>{trpr}{cell * cells}</w:tr>"
    return docx(f"<w:tbl>{row * rows}</w:tbl>")


# ---------------------------------------------------------------- PDF


def pdf(content: bytes, compress: int = 0, pages: int = 1, stream: bytes | None = None, filters: int = 0) -> bytes:
    """A PDF whose pages share one content stream ``content`` (FlateDecode ``compress`` times),
    or the already compressed ``stream`` with ``filters`` Flate layers."""
    data, n = (stream, filters) if stream is not None else (content, compress)
    if stream is None:
        for _ in range(compress):
            data = zlib.compress(data, 9)
    filt = f"/Filter [{' '.join(['/FlateDecode'] * n)}] " if n else ""
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        f"<< {filt}/Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream",
    ]
    font = 4 + pages
    for _ in range(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return hand_pdf(objs, version="1.7")


def pdf_text(lines: list[str]) -> bytes:
    """A one-page PDF printing ASCII ``lines``."""
    body = "".join(f"BT /F1 10 Tf 40 {800 - 14 * i} Td ({ln}) Tj ET\n" for i, ln in enumerate(lines))
    return pdf(body.encode("latin-1"), compress=1)


def pdf_bomb(inflated: int, layers: int = 1) -> bytes:
    """A PDF whose one content stream inflates to ``inflated`` bytes of spaces (compressed
    a megabyte at a time: the test never holds the inflated bytes)."""
    c = zlib.compressobj(9)
    parts = [c.compress(b"BT /F1 10 Tf 40 800 Td (hello) Tj ET\n")]
    block = b" " * (1 << 20)
    for _ in range(inflated // len(block)):
        parts.append(c.compress(block))
    parts.append(c.flush())
    data = b"".join(parts)
    for _ in range(layers - 1):
        data = zlib.compress(data, 9)
    return pdf(b"", stream=data, filters=layers)


# ---------------------------------------------------------------- text and HTML


def text_document(rows: int = 0, narrative: str = "") -> bytes:
    """A disclosure in the text format (the embedded example) with ``rows`` extra coded
    rows in its expenditure tables and ``narrative`` added to its 情况说明."""
    sys.path.insert(0, str(SRC))
    from yusuan import example_path

    text = Path(example_path()).read_text("utf-8")
    if narrative:  # a paragraph of the first numbered section of the 情况说明
        at = text.index("\n", text.index("\n### 一、") + 1)
        text = text[:at] + "\n" + narrative + text[at:]
    if rows:
        lines = text.split("\n")
        # after the first grid row whose code is printed in three cells (201 | 03 | 01), many more
        at = next(
            i
            for i, ln in enumerate(lines)
            if len(c := ln.split("\t")) > 3 and c[0].isdigit() and len(c[0]) == 3 and c[1].isdigit()
        )
        template = lines[at].split("\t")
        extra = []
        for k in range(rows):
            cells = list(template)
            cells[0:3] = [f"{201 + (k // 10000) % 99}", f"{(k // 100) % 100:02d}", f"{k % 100:02d}"]
            extra.append("\t".join(cells))
        lines[at + 1 : at + 1] = extra
        text = "\n".join(lines)
    return text.encode("utf-8")


def html_span(colspan: str = "1", rowspan: str = "1") -> bytes:
    return (
        f"<html><body><h1>2025年部门预算</h1><table><tr><td colspan='{colspan}' rowspan='{rowspan}'>合计</td><td>1</td></tr>"
        "<tr><td>a</td><td>2</td></tr></table></body></html>"
    ).encode()


# ---------------------------------------------------------------- mutations


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random damage: flipped bytes, a cut, a repeated slice, or (zip) a member edited."""
    kind = rng.choice(("flip", "cut", "repeat", "zip") if data[:2] == b"PK" else ("flip", "cut", "repeat"))
    if kind == "flip":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if kind == "cut":
        return data[: rng.randrange(1, len(data))]
    if kind == "repeat":
        i = rng.randrange(len(data))
        j = min(len(data), i + rng.randint(1, 4096))
        return data[:i] + data[i:j] * rng.randint(2, 50) + data[j:]
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        names = [n for n in z.namelist() if n.endswith(".xml")]
        member = rng.choice(names)
        old = z.read(member)
    except Exception:  # noqa: BLE001 - a damaged zip: flip instead
        return mutate(data[:-1] + b"x", rng)
    edit = rng.choice(("cut", "flip", "dtd", "empty", "number"))
    if edit == "cut":
        new = old[: rng.randrange(1, max(2, len(old)))]
    elif edit == "flip":
        b = bytearray(old)
        for _ in range(rng.randint(1, 10)):
            b[rng.randrange(len(b))] = rng.randrange(32, 127)
        new = bytes(b)
    elif edit == "dtd":
        new = old.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
    elif edit == "empty":
        new = b""
    else:
        new = old.replace(b"<v>", b"<v>9" * 1 + b"9" * rng.choice((400, 5000)) + b"E+9999", 1)
    return zip_edit(data, member, new)


# ---------------------------------------------------------------- running the CLI


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    cpu: float  # seconds of CPU (user + system) of the child
    wall: float
    rss_mb: float  # peak resident memory of the child


def run_cli(
    args: list[str], limit_mb: int = 3000, timeout: float = 300, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> Run:
    """``python -m yusuan ARGS`` in a child process under RLIMIT_AS = ``limit_mb``; its CPU
    time and peak RSS from the kernel's accounting (os.wait4)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * 1024 * 1024, limit_mb * 1024 * 1024))

    # the child's CPU time and memory are what the callers assert on: it runs untraced, since
    # coverage (make test measures child processes) would double both
    e = {k: v for k, v in os.environ.items() if k not in ("COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START")}
    e["PYTHONPATH"] = str(SRC) + os.pathsep + e.get("PYTHONPATH", "")
    e.update(env or {})
    t0 = time.monotonic()
    p = _Popen(
        [sys.executable, "-m", "yusuan", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limit,  # noqa: PLW1509 - a resource limit in the child only
        env=e,
    )
    try:
        out, err = p.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        raise
    wall = time.monotonic() - t0
    ru = _child_usage(p)
    return Run(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), ru[0], wall, ru[1])


def _child_usage(p: subprocess.Popen[bytes]) -> tuple[float, float]:
    """CPU seconds and peak RSS (MB) of the finished child ``p``: Popen has reaped it, so its
    figures are read from the rusage recorded for it (see run_cli's wait4 in _Popen)."""
    ru = getattr(p, "_rusage", None)
    if ru is None:
        return 0.0, 0.0
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024


class _Popen(subprocess.Popen):  # type: ignore[type-arg]
    """Popen that keeps the child's rusage (wait4) when it reaps it."""

    def _try_wait(self, wait_flags: int):  # type: ignore[no-untyped-def]
        try:
            pid, sts, ru = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            pid, sts = self.pid, 0
        else:
            if pid == self.pid:
                self._rusage = ru
        return pid, sts
