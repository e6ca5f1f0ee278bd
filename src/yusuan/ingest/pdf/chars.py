"""Stage 1, pdfium access: PDF bytes → a document, a page's text → its characters.

Characters with their boxes in PDF space (generated characters and spaces left out, text
clipped away or printed outside its clip box noted), the transform from PDF space into
reading orientation, and the joining of characters into text.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass

from ...errors import PdfCorrupt, PdfEncrypted, PdfNoPages
from .settings import SETTINGS, PdfSettings

__all__ = ["open_pdf", "textpage_to_chars"]


@dataclass(slots=True)
class _Char:
    t: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        return self.bottom - self.top


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def _join_chars(chars: list[_Char], cjk_space: bool = False) -> str:
    """Characters of one line → text; a space where a gap separates non-CJK text, and (``cjk_space``,
    for narrative lines) where a wide gap separates CJK words. Letter-spaced cell text (合  计) is joined."""
    out: list[str] = []
    prev: _Char | None = None
    for c in chars:
        if prev is not None and prev.t in ".:;," and _CJK.match(c.t) and c.x0 - prev.x1 > 0.15 * (c.bottom - c.top):
            out.append(" ")  # the space after a latin full stop before Chinese text (注：1. 报表)
        elif prev is not None and c.x0 - prev.x1 > 0.2 * (c.bottom - c.top):
            gap = c.x0 - prev.x1
            size = max(c.h, prev.h, 1.0)
            latin = not _CJK.match(prev.t) and not _CJK.match(c.t)
            if (
                latin
                and gap > (0.2 if prev.t.isalnum() and c.t.isalnum() else 0.5) * size
                and (prev.t.isalnum() or c.t.isalnum())
            ):
                out.append(" ")
            elif cjk_space and gap > 0.8 * size:  # a visible space between CJK words (第一部分 部门概况)
                out.append(" ")
        out.append(c.t)
        prev = c
    return "".join(out)


def _norm_char(u: int) -> str:
    ch = chr(u)
    if 0x2E80 <= u <= 0x2FDF:  # CJK radicals / Kangxi radicals used by some fonts for ordinary characters
        return unicodedata.normalize("NFKC", ch)
    return ch


class _Transform:
    """PDF user space → reading orientation (x right, y down from the top)."""

    def __init__(self, box: tuple[float, float, float, float], rot: int) -> None:
        self.bx0, self.by0, self.bx1, self.by1 = box
        self.rot = rot % 360
        w, h = self.bx1 - self.bx0, self.by1 - self.by0
        self.width, self.height = (h, w) if self.rot in (90, 270) else (w, h)

    def __call__(self, x: float, y: float) -> tuple[float, float]:
        r = self.rot
        if r == 0:
            return x - self.bx0, self.by1 - y
        if r == 90:
            return y - self.by0, x - self.bx0
        if r == 180:
            return self.bx1 - x, y - self.by0
        return self.by1 - y, self.bx1 - x


def open_pdf(data: bytes, source: str):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise PdfEncrypted(
                f"{source} 有密码保护（已加密），无法读取。请提供未加密的文件。",
                f"{source} is password-protected (encrypted) and cannot be read; please provide an unencrypted file.",
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise PdfEncrypted(
                f"{source} 使用了不支持的加密方式，无法读取。",
                f"{source} uses an unsupported encryption scheme and cannot be read.",
            ) from None
        if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Type\s*/Page(?!s)", data):
            raise PdfNoPages(f"{source} 没有任何页面。", f"{source} has no pages.") from None
        raise PdfCorrupt(
            f"{source} 不是有效的 PDF 文件（文件损坏或不完整），无法读取。",
            f"{source} is not a valid PDF (the file is damaged or incomplete) and cannot be read.",
        ) from None


def textpage_to_chars(  # type: ignore[no-untyped-def]
    textpage, raw, cut: list[tuple[int, str, float, float, float, float, str]] | None = None, settings: PdfSettings = SETTINGS
) -> list[tuple[str, float, float, float, float, float]]:
    """(char, left, bottom, right, top, angle) in PDF space, generated characters and spaces left out.
    ``cut`` collects (index, char, left, bottom, right, top, text before) of the characters of
    which only a part is printed: their glyph crosses the edge of the box their text is clipped
    to (a cell too low for its last line, a text frame ending at the foot of the page); the
    text before is what was printed whole just before them, to show where they are. A character
    counts as cut when more than ``settings.shown_min`` and less than ``settings.shown_max``
    of its glyph shows (a sliver is not seen)."""
    shown_min, shown_max = settings.shown_min, settings.shown_max
    out: list[tuple[str, float, float, float, float, float]] = []
    n = raw.FPDFText_CountChars(textpage)
    rect = raw.FS_RECTF()
    get_u, get_box, get_angle = raw.FPDFText_GetUnicode, raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharAngle
    # the text object of a character as a plain address (a cache key without a cast per character)
    get_obj = _OBJ_ADDRESS(ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value or 0)
    tp_address = ctypes.cast(textpage, ctypes.c_void_p)
    rect_ref = ctypes.byref(rect)
    clips: dict[int | None, tuple[float, float, float, float] | None] = {}
    visible_objs: dict[int, bool] = {}
    rect_clips: dict[int, bool] = {}
    codes: list[int] | None = None
    if n > 0:  # all the text in one call; per character only where that does not map 1:1 (surrogates)
        buf = (ctypes.c_ushort * (n + 1))()
        got = raw.FPDFText_GetText(textpage, 0, n, buf)
        if got == n + 1 and not any(0xD800 <= v <= 0xDFFF for v in buf[:n]):
            codes = list(buf[:n])
    for i in range(n):
        u = codes[i] if codes is not None else get_u(textpage, i)
        # pdfium's generated characters are spaces and line breaks, left out here with the printed ones
        if u <= 32 or u in (0xA0, 0x3000, 0xFFFE, 0xFFFF) or not get_box(textpage, i, rect_ref):
            continue
        key = get_obj(tp_address, i)
        if key not in clips:
            clips[key] = _clip_box(ctypes.cast(key, raw.FPDF_PAGEOBJECT), raw) if key else None
        box = clips[key]
        if box is not None:
            if cut is not None and not (
                box[0] <= rect.left and rect.right <= box[2] and box[1] <= rect.bottom and rect.top <= box[3]
            ):
                shown = _shown(textpage, i, box, raw)
                if (
                    shown is not None
                    and shown_min <= shown[0] < shown_max
                    and _visible_text(key, raw, visible_objs)
                    and _rectangular_clip(key, raw, rect_clips)
                ):
                    cut.append((i, _norm_char(u), *shown[1], "".join(c[0] for c in out[-12:])))
            cx, cy = (rect.left + rect.right) / 2, (rect.top + rect.bottom) / 2
            if not (box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1):
                continue  # clipped away: not printed
        angle = get_angle(textpage, i) if len(out) < 400 else 0.0  # only a sample decides the orientation
        out.append((_norm_char(u), rect.left, rect.bottom, rect.right, rect.top, angle))
    return out


_OBJ_ADDRESS = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


def _shown(  # type: ignore[no-untyped-def]
    textpage, i: int, box: tuple[float, float, float, float], raw
) -> tuple[float, tuple[float, float, float, float]] | None:
    """The share of character ``i``'s glyph (its tight box, not the font's line box) inside
    ``box``, and the glyph's (left, bottom, right, top)."""
    l_, r_, b_, t_ = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    if not raw.FPDFText_GetCharBox(textpage, i, ctypes.byref(l_), ctypes.byref(r_), ctypes.byref(b_), ctypes.byref(t_)):
        return None
    left, right, bottom, top = l_.value, r_.value, b_.value, t_.value
    area = (right - left) * (top - bottom)
    if area <= 0.5:  # a dot or a glyph without a box: nothing to see cut
        return None
    w = max(0.0, min(right, box[2]) - max(left, box[0]))
    h = max(0.0, min(top, box[3]) - max(bottom, box[1]))
    return w * h / area, (left, bottom, right, top)


def _rectangular_clip(key: int | None, raw, seen: dict[int, bool]) -> bool:  # type: ignore[no-untyped-def]
    """Is the clip path of the object at ``key`` made of rectangles only (its box is then exact)?"""
    if not key:
        return False
    if key not in seen:
        clip = raw.FPDFPageObj_GetClipPath(ctypes.cast(key, raw.FPDF_PAGEOBJECT))
        n = raw.FPDFClipPath_CountPaths(clip) if clip else 0
        seen[key] = 0 < n <= 8 and all(
            raw.FPDFClipPath_CountPathSegments(clip, p) <= 5
            and all(
                raw.FPDFPathSegment_GetType(raw.FPDFClipPath_GetPathSegment(clip, p, s)) != raw.FPDF_SEGMENT_BEZIERTO
                for s in range(raw.FPDFClipPath_CountPathSegments(clip, p))
            )
            for p in range(n)
        )
    return seen[key]


def _visible_text(key: int | None, raw, seen: dict[int, bool]) -> bool:  # type: ignore[no-untyped-def]
    """Is the text object at address ``key`` drawn visibly (not the invisible text of an OCR layer)?"""
    if not key:
        return False
    if key not in seen:
        mode = raw.FPDFTextObj_GetTextRenderMode(ctypes.cast(key, raw.FPDF_PAGEOBJECT))
        seen[key] = mode != raw.FPDF_TEXTRENDERMODE_INVISIBLE
    return seen[key]


def _clip_box(obj, raw) -> tuple[float, float, float, float] | None:  # type: ignore[no-untyped-def]
    """The box a page object is clipped to (intersection of its clip paths' boxes), in page space."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    fx, fy = ctypes.c_float(), ctypes.c_float()
    rx, ry = ctypes.byref(fx), ctypes.byref(fy)
    box = [-1e9, -1e9, 1e9, 1e9]
    get_seg, get_point = raw.FPDFClipPath_GetPathSegment, raw.FPDFPathSegment_GetPoint
    for p in range(min(raw.FPDFClipPath_CountPaths(clip), 8)):
        xs, ys = [], []
        # the box of a rectangle is given by its first four points; other clip shapes are rare
        for s in range(min(raw.FPDFClipPath_CountPathSegments(clip, p), 4)):
            seg = get_seg(clip, p, s)
            if seg and get_point(seg, rx, ry):
                xs.append(fx.value)
                ys.append(fy.value)
        if xs:
            box = [max(box[0], min(xs)), max(box[1], min(ys)), min(box[2], max(xs)), min(box[3], max(ys))]
    if box[0] > box[2] or box[1] > box[3] or box[0] == -1e9:
        return None
    return (box[0], box[1], box[2], box[3])
