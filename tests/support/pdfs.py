"""PDFs built for the reader tests: objects written by hand (what pdfium's editing API cannot
make), pages of text and ruling lines drawn with pdfium, and a page that is an image only."""

from __future__ import annotations

import ctypes
import io


def hand_pdf(objects: list[bytes], version: str = "1.4") -> bytes:
    """A PDF of ``objects`` (numbered from 1; object 1 the catalog) with its xref table."""
    out = f"%PDF-{version}\n".encode()
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def make_pdf(
    pages: list[tuple[float, float, list[tuple[float, float, float, str]], list[tuple[float, float, float, float]]]],
) -> bytes:
    """Pages of (width, height, texts (x, top, size, text), lines (x0, top0, x1, top1)); y counted from the top."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument.new()
    for w, h, texts, lines in pages:
        page = doc.new_page(w, h)
        for x, y, size, text in texts:
            obj = raw.FPDFPageObj_NewTextObj(doc.raw, b"Helvetica", ctypes.c_float(size))
            buf = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
            raw.FPDFText_SetText(obj, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
            raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, h - y - size)
            raw.FPDFPage_InsertObject(page.raw, obj)
        for x0, y0, x1, y1 in lines:
            path = raw.FPDFPageObj_CreateNewPath(ctypes.c_float(x0), ctypes.c_float(h - y0))
            raw.FPDFPath_LineTo(path, ctypes.c_float(x1), ctypes.c_float(h - y1))
            raw.FPDFPageObj_SetStrokeColor(path, 0, 0, 0, 255)
            raw.FPDFPageObj_SetStrokeWidth(path, ctypes.c_float(0.5))
            raw.FPDFPath_SetDrawMode(path, 0, 1)
            raw.FPDFPage_InsertObject(page.raw, path)
        raw.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    """A PDF page that is an image only (a scan without a text layer)."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument.new()
    page = doc.new_page(300, 300)
    img = pdfium.PdfImage.new(doc)
    img.set_bitmap(pdfium.PdfBitmap.from_pil(Image.new("RGB", (40, 40), "gray")))
    img.set_matrix(pdfium.PdfMatrix().scale(200, 200))
    page.insert_obj(img)
    page.gen_content()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
