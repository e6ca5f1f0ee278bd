"""PDF writer: the HTML page laid out by WeasyPrint, with embedded (subset) CJK fonts.

Why WeasyPrint: it lays out the very HTML the HTML writer produces (one layout to keep
right, header rows repeated on every page by ``thead``), embeds OpenType/CFF fonts such
as Debian's Noto CJK (which reportlab cannot embed) as subsets with a ToUnicode map, so
the text is selectable and re-extractable, and it is BSD-licensed. It needs Pango from
the system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and a CJK font (fonts-noto-cjk);
``scripts/install-system-deps.sh`` installs both.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from functools import cache

from ..errors import OutputError
from .document import Document
from .html import to_html

__all__ = ["to_pdf", "cjk_font_available"]

_HINT_ZH = "请运行 scripts/install-system-deps.sh（需要 root；Debian 软件包 libpango-1.0-0、libpangoft2-1.0-0、fonts-noto-cjk）。"
_HINT_EN = "run scripts/install-system-deps.sh (as root; Debian packages libpango-1.0-0, libpangoft2-1.0-0, fonts-noto-cjk)."


@cache
def cjk_font_available() -> bool | None:
    """True/False when fontconfig can tell whether a Chinese font is installed; None if it cannot."""
    fc = shutil.which("fc-list")
    if fc is None:
        return None
    try:
        out = subprocess.run([fc, ":lang=zh", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.strip())


def to_pdf(doc: Document) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as err:
        raise OutputError(
            f"无法生成 PDF：缺少 WeasyPrint 或系统库 Pango（{err}）。{_HINT_ZH}", f"cannot write PDF: {err}; {_HINT_EN}"
        ) from None
    if cjk_font_available() is False:
        raise OutputError(
            f"无法生成 PDF：系统中没有中文字体。{_HINT_ZH}", f"cannot write PDF: no Chinese font is installed; {_HINT_EN}"
        )
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    pdf = weasyprint.HTML(string=to_html(doc)).write_pdf()
    assert pdf is not None
    return bytes(pdf)
