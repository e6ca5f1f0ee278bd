"""Document properties of the OOXML files we write (DOCX, XLSX): they say yusuan wrote them.

python-docx starts from a template whose core properties say ``python-docx``, created
2013, written by “Microsoft Macintosh Word”; openpyxl names itself as the application.
:func:`stamp` rewrites ``docProps/core.xml`` and ``docProps/app.xml`` of the finished
package: title, author and last editor ``yusuan``, the program version, created on the
document's own date when the model has one (else now), modified now.
"""

from __future__ import annotations

import re
import zipfile
from datetime import UTC, datetime
from io import BytesIO
from xml.sax.saxutils import escape

__all__ = ["stamp"]

_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:creator>yusuan</dc:creator><cp:lastModifiedBy>yusuan</cp:lastModifiedBy>"
    "<dc:description>{generator}</dc:description><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{modified}</dcterms:modified>'
    "</cp:coreProperties>"
)


def _w3c(t: datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def stamp(data: bytes, title: str, date: str = "", now: datetime | None = None) -> bytes:
    """``data`` (a DOCX or XLSX package) with our core and application properties; ``date``
    (``YYYY-MM-DD``, the document's own date) is the creation date when given."""
    from .. import __version__

    now = now or datetime.now(UTC)
    created = now
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date or ""):
        try:
            created = datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            pass
    generator = f"yusuan {__version__}"
    core = _CORE.format(title=escape(title), generator=escape(generator), created=_w3c(created), modified=_w3c(now))
    src = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = core.encode("utf-8")
            elif info.filename == "docProps/app.xml":
                text = blob.decode("utf-8")
                text = re.sub(
                    r"<Application>.*?</Application>", f"<Application>{escape(generator)}</Application>", text, flags=re.S
                )
                text = re.sub(r"<AppVersion>.*?</AppVersion>", "", text, flags=re.S)
                blob = text.encode("utf-8")
            dst.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
