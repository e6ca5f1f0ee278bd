"""PDF decompression bombs, refused before pdfium sees the file.

A PDF stream compressed with FlateDecode may inflate a thousand times (a 1.2 MB file to
1.2 GB of page content, and pdfium holds a page's content whole). Every stream of the file
is inflated here once, incrementally and only to count its bytes (memory: one chunk at a
time), through up to three stacked Flate layers; past :data:`MAX_STREAM` bytes for one
stream or :data:`MAX_INFLATED` for the whole file the document is refused with
:class:`~yusuan.errors.TooLarge`. Streams are found by their ``stream`` keyword in the raw
bytes, whatever their dictionary says (a lying ``/Length`` or an indirect ``/Filter`` does not
hide one); data that is not zlib (images, encrypted streams) stops at its first bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from .budget import too_large

__all__ = ["check_inflation", "MAX_STREAM", "MAX_INFLATED"]

MAX_STREAM = 64 * 1024 * 1024  # bytes one stream may inflate to (the corpus: 4.4 MB at most)
MAX_INFLATED = 256 * 1024 * 1024  # bytes all streams of one file may inflate to (the corpus: 5.6 MB at most)
_CHUNK = 1 << 16
_OUT = 1 << 20
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def _inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The inflated bytes of a zlib stream, at most _OUT at a time; stops at its end or at
    the first byte that is not zlib."""
    d = zlib.decompressobj()
    try:
        for c in chunks:
            out = d.decompress(c, _OUT)
            yield out
            while d.unconsumed_tail and not d.eof:
                yield d.decompress(d.unconsumed_tail, _OUT)
            if d.eof:
                return
    except zlib.error:
        return


def _zlib_head(b: bytes) -> bool:
    return len(b) >= 2 and b[0] & 0x0F == 8 and (b[0] << 8 | b[1]) % 31 == 0


def _layers(chunks: Iterator[bytes], depth: int = 0) -> Iterator[bytes]:
    """Inflate, and inflate again while the output is itself zlib (``/Filter [/FlateDecode
    /FlateDecode]``), up to three layers."""
    out = _inflate(chunks)
    first = next((b for b in out if b), b"")
    if depth < 2 and _zlib_head(first):

        def again() -> Iterator[bytes]:
            yield first
            yield from out

        yield from _layers(again(), depth + 1)
        return
    yield first
    yield from out


def check_inflation(data: bytes, source: str) -> None:
    """Raise :class:`~yusuan.errors.TooLarge` if a stream of ``data`` inflates past the limits."""
    view = memoryview(data)
    total = 0
    for m in _STREAM.finditer(data):
        start = m.end()
        if not _zlib_head(bytes(view[start : start + 2])):
            continue

        def raw(start: int = start) -> Iterator[bytes]:
            for i in range(start, len(data), _CHUNK):
                yield bytes(view[i : i + _CHUNK])

        size = 0
        for piece in _layers(raw()):
            size += len(piece)
            if size > MAX_STREAM:
                raise too_large(source, "PDF 中一个数据流解压后的字节数", "the inflated bytes of one PDF stream", MAX_STREAM)
            if total + size > MAX_INFLATED:
                raise too_large(source, "PDF 全部数据流解压后的字节数", "the inflated bytes of all PDF streams", MAX_INFLATED)
        total += size
