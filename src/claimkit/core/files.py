"""Reading and writing the files a run touches, safely.

Everything claimkit reads — articles, claim files, the configuration, the lock file, the
baseline, the cache — may come from a pull request, so it is read by one function that reads
only regular files and never more than a limit, counted while reading: a FIFO would block
forever, and a link to ``/dev/zero`` reports a size of 0 and never ends. Everything it writes
is written whole or not at all, with the mode an ordinary new file gets, and no temporary
file left behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

__all__ = ["FileReadError", "display_path", "read_limited", "write_atomically"]


class FileReadError(OSError):
    """A file that cannot be read, with a message that says why in a user's words."""


def read_limited(path: Path, limit: int, *, what: str = "file", head_only: bool = False) -> bytes:
    """The bytes of the regular file at ``path``; ``FileReadError`` for anything else
    (missing, a directory, a device, a FIFO, unreadable, or more than ``limit`` bytes). With
    ``head_only``, its first ``limit`` bytes, however long it is."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise FileReadError(f"cannot read the {what}: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = "it is a directory" if stat.S_ISDIR(status.st_mode) else "not a regular file"
            raise FileReadError(f"cannot read the {what}: {kind}")
        if status.st_size > limit and not head_only:
            raise FileReadError(
                f"the {what} is {_size(status.st_size)}; a {what} may be at most {_size(limit)}"
            )
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            data = _read_at_most(file, limit + 1, status.st_size)
    except FileReadError:
        raise
    except OSError as error:
        raise FileReadError(f"cannot read the {what}: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if head_only:
        return data[:limit]
    if len(data) > limit:
        raise FileReadError(f"the {what} is larger than {_size(limit)}, the most it may be")
    return data


def _read_at_most(file: BinaryIO, most: int, expected: int) -> bytes:
    """Up to ``most`` bytes of ``file``, whose size is said to be ``expected``. Read as much
    as expected first, then in pieces: ``read(most)`` would reserve ``most`` bytes at once
    (a gigabyte for the cache's limit), which an address-space limit refuses; and the size
    said may be wrong (a file that grows, /proc), so what comes is counted."""
    data = file.read(min(most, expected + 1))
    if len(data) <= expected:
        return data
    pieces = [data]
    total = len(data)
    while total < most:
        piece = file.read(min(most - total, 1 << 20))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)


def write_atomically(path: Path, data: bytes | Iterable[str]) -> None:
    """Replace ``path`` with ``data`` (bytes, or text in pieces written as UTF-8 as they come)
    in one step, so that an interrupted or failed write leaves the old file whole. The file
    keeps its mode; a new one gets the umask's. An ``OSError`` (no such directory, a directory
    in the way, a full disk) leaves no temporary file behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            if isinstance(data, bytes):
                file.write(data)
            else:
                for piece in data:
                    file.write(piece.encode())
        Path(temporary).chmod(_mode_for(path))
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def display_path(path: str | Path) -> str:
    """A path as users write it: forward slashes, and the bytes of a name that is not valid
    UTF-8 shown as ``\\xNN`` escapes, so that it can be printed and written into JSON."""
    text = path if isinstance(path, str) else path.as_posix()
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".0 MB", " MB")
    return f"{size / 1_000:.1f} KB".replace(".0 KB", " KB") if size >= 1_000 else f"{size} bytes"
