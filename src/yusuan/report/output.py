"""Writing a report (or a baseline) to a file: atomically, and never over an existing file
unless the user asked for it.

The text is written to a temporary file in the target's directory and then moved into
place, so a reader never sees half a report and an interrupted run leaves the old file
as it was. Without ``overwrite`` the move is a hard link, which fails if the target
exists — no window between "does it exist?" and "write it".
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import YusuanError

__all__ = ["OutputError", "write_atomic"]


class OutputError(YusuanError):
    """The report could not be written where the user asked (exists, is a directory, no permission)."""


def write_atomic(path: Path, data: bytes, overwrite: bool = False, protect: tuple[Path, ...] = ()) -> None:
    """Write ``data`` to ``path`` atomically. ``protect`` lists files that must never be
    written to (the input documents), even with ``overwrite``."""
    path = Path(path)
    for p in protect:
        with contextlib.suppress(OSError):
            if p.exists() and path.exists() and path.samefile(p):
                raise OutputError(
                    f"输出文件 {path} 是本命令读取的文件（被审核的文件、上年文件、基线或分类科目），不会覆盖它。请换一个文件名。",
                    f"the output file {path} is an input of this command (the document, last year's, the baseline or the catalog); "
                    "it is never overwritten. Choose another name.",
                )
    if path.is_dir():
        raise OutputError(f"{path} 是一个目录，请给出文件名。", f"{path} is a directory; give a file name.")
    if path.is_symlink() or (path.exists() and not path.is_file()):
        import stat

        mode = path.stat().st_mode if path.exists() else 0
        if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):  # /dev/stdout, a pipe: written in place, never replaced
            try:
                with path.open("wb") as fh:
                    fh.write(data)
            except OSError as exc:
                raise OutputError(f"无法写入 {path}：{exc.strerror}。", f"cannot write {path}: {exc.strerror}.") from None
            return
        raise OutputError(
            f"{path} 不是普通文件（符号链接或设备），不会替换它。请换一个文件名。",
            f"{path} is not a regular file (a symbolic link or a device); it is never replaced. Choose another name.",
        )
    if path.exists() and not overwrite:
        raise OutputError(
            f"文件 {path} 已存在，未覆盖。如需覆盖请加 --overwrite。",
            f"{path} already exists and was not overwritten; add --overwrite to replace it.",
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"目录 {parent} 不存在。", f"the directory {parent} does not exist.")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise OutputError(f"无法在 {parent} 中写文件：{exc.strerror}。", f"cannot write in {parent}: {exc.strerror}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise OutputError(
                    f"文件 {path} 已存在，未覆盖。如需覆盖请加 --overwrite。",
                    f"{path} already exists and was not overwritten; add --overwrite to replace it.",
                ) from None
            except OSError:  # a file system without hard links: the check above is all we can do
                os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"写入 {path} 失败：{exc.strerror}。", f"writing {path} failed: {exc.strerror}.") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
