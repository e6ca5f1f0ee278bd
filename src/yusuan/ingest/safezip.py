"""Safety checks for ZIP-based inputs (DOCX, XLSX) before any library parses them.

A zip bomb declares or hides a huge uncompressed size; an XML part with a ``<!DOCTYPE``
can declare entities that expand without bound (billion laughs) or point outside the
file. Office Open XML never needs a DTD, so a part that declares one is refused.

Every member is decompressed once here, in chunks, with a running count: memory stays
bounded by the chunk size and the limits hold even when a member's header lies about its
size.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from ..errors import InputError, UnsafeInput

__all__ = ["check_zip", "MAX_TOTAL", "MAX_RATIO", "MAX_MEMBERS"]

MAX_TOTAL = 200 * 1024 * 1024  # bytes, all members uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for members larger than _RATIO_FLOOR
MAX_MEMBERS = 10_000
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 1 << 20
_DTD_MARKS = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"), "<!ENTITY".encode("utf-16-le"))
_MARK_LEN = max(len(m) for m in _DTD_MARKS)


def _bomb(source: str, why_zh: str, why_en: str) -> UnsafeInput:
    return UnsafeInput(
        f"{source} 被拒绝读取：{why_zh}（疑似“压缩炸弹”或构造的恶意文件）。",
        f"{source} was refused: {why_en} (looks like a zip bomb or a crafted file).",
    )


def check_zip(data: bytes, source: str, kind: str) -> None:
    """Raise :class:`UnsafeInput` for a zip bomb or an XML part with a DTD; :class:`InputError` if damaged."""
    try:
        zf = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(
            f"{source} 不是有效的 {kind} 文件（ZIP 结构已损坏）。", f"{source} is not a valid {kind} file: {err}"
        ) from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _bomb(source, f"包含 {len(infos)} 个成员，上限 {MAX_MEMBERS}", f"{len(infos)} members, limit {MAX_MEMBERS}")
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL:
            raise _bomb(
                source,
                f"解压后共 {declared} 字节，上限 {MAX_TOTAL} 字节",
                f"{declared} bytes uncompressed, limit {MAX_TOTAL}",
            )
        total = 0
        for info in infos:
            if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise _bomb(
                    source,
                    f"成员 {info.filename} 的压缩比超过 {MAX_RATIO}",
                    f"member {info.filename} has a compression ratio above {MAX_RATIO}",
                )
            total = _drain(zf, info, total, source)
    return None


def _drain(zf: zipfile.ZipFile, info: zipfile.ZipInfo, total: int, source: str) -> int:
    """Decompress one member in chunks; stop at the declared size or the total limit."""
    size = 0
    tail = b""  # the end of the previous chunk: a mark cut by a chunk boundary is still seen
    dtd = False
    is_xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
    try:
        with zf.open(info) as f:
            while True:
                chunk = f.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                total += len(chunk)
                if size > info.file_size or total > MAX_TOTAL:
                    raise _bomb(
                        source,
                        f"成员 {info.filename} 解压后超出声明的大小或总上限",
                        f"member {info.filename} inflates beyond its declared size or the total limit",
                    )
                if is_xml and not dtd:  # the whole part, not its first 8 KB: a DTD may come late
                    window = tail + chunk
                    dtd = any(mark in window for mark in _DTD_MARKS)
                    tail = chunk[-_MARK_LEN:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as err:
        raise InputError(
            f"{source} 已损坏：无法解压 {info.filename}。", f"{source} is damaged: cannot unpack {info.filename} ({err})."
        ) from None
    if dtd:
        raise UnsafeInput(
            f"{source} 被拒绝读取：{info.filename} 含有 DTD/实体声明（Office 文件不需要，可能是 XML 实体攻击）。",
            f"{source} was refused: {info.filename} declares a DTD/entities (Office files never need one; "
            "possible XML entity attack).",
        )
    return total
