"""Write a file so that a reader sees the old content or the new, never half of either.

The text goes to a temporary file beside the target, which is then renamed over it (a rename
within one directory is atomic): a process killed mid-write leaves the old file, and another
process reading at that moment never sees a torn one. The start-up caches (parsed YAML,
analysed templates) are written this way.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["write_bytes_atomically", "write_text_atomically"]


def write_text_atomically(target: Path, text: str) -> None:
    """Replace ``target`` with ``text`` (UTF-8) in one step; raises ``OSError`` on failure.

    The directory is made when missing; the temporary file is removed when anything fails.
    """
    write_bytes_atomically(target, text.encode("utf-8"))


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data`` in one step (see `write_text_atomically`)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{target.stem}-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
