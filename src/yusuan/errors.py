"""Exceptions, all in one place. They are for input that cannot be read and for IO faults;
a defect *in* a document is never an exception but a finding.

    YusuanError                 base class; ``zh`` and ``en`` carry the user message
    └── InputError              the input cannot be read as a disclosure (CLI exit 2)
        ├── EmptyInput          the file is empty or blank
        ├── NotText             binary data that is not a supported format
        ├── UnsupportedFormat   a PDF/DOCX/XLSX/HTML file this version cannot read yet
        ├── NotADisclosure      readable text without the tables of a disclosure
        ├── IncompleteDocument  a disclosure with required tables missing or cut off
        ├── PdfError            a PDF that cannot be read
        │   ├── PdfNoText       no text layer (a scan: OCR needed)
        │   ├── PdfEncrypted    password-protected
        │   ├── PdfCorrupt      damaged or truncated
        │   ├── PdfNoPages      zero pages
        │   └── PdfTooManyPages more pages than the reader accepts
        ├── UnsafeInput         a zip bomb or XML with entity declarations, refused unread
        ├── TooLarge            past a limit of bytes, pages, cells, rows or inflated size
        └── NotComparable       documents that cannot be compared or added (another unit, the same year …)
    OutputError                 a document cannot be written (exists, unknown format, bad model)
"""

from __future__ import annotations

__all__ = [
    "YusuanError",
    "InputError",
    "EmptyInput",
    "NotText",
    "UnsupportedFormat",
    "NotADisclosure",
    "IncompleteDocument",
    "PdfError",
    "PdfNoText",
    "PdfEncrypted",
    "PdfCorrupt",
    "PdfNoPages",
    "PdfTooManyPages",
    "UnsafeInput",
    "TooLarge",
    "NotComparable",
    "OutputError",
]


class YusuanError(Exception):
    """Base class. ``zh`` is shown to users first, ``en`` after it."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh = zh
        self.en = en

    def message(self, lang: str = "zh") -> str:
        if lang == "en":
            return self.en
        return f"{self.zh}\n{self.en}"


class InputError(YusuanError):
    """The input cannot be read as a disclosure."""


class EmptyInput(InputError):
    pass


class NotText(InputError):
    pass


class UnsupportedFormat(InputError):
    pass


class NotADisclosure(InputError):
    pass


class IncompleteDocument(InputError):
    pass


class PdfError(InputError):
    """A PDF that cannot be read."""


class PdfNoText(PdfError):
    pass


class PdfEncrypted(PdfError):
    pass


class PdfCorrupt(PdfError):
    pass


class PdfNoPages(PdfError):
    pass


class PdfTooManyPages(PdfError):
    pass


class UnsafeInput(InputError):
    """A file built to exhaust memory or time (zip bomb, XML entity tricks): refused unread."""


class TooLarge(InputError):
    """Past a limit of docs/limits.md (bytes, pages, cells, rows, inflated size): refused, never half read."""


class NotComparable(InputError):
    """Two documents that ``diff`` or ``consolidate`` cannot put side by side (another unit,
    the same year twice, different years to add up)."""


class OutputError(YusuanError):
    """A document cannot be written (the output exists, an unknown format, bad model data)."""
