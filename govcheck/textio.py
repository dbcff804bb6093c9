"""Read plain-text inputs safely: UTF-8 (with or without BOM) or GB18030, never binary."""

from __future__ import annotations

import os
from pathlib import Path


class InputError(Exception):
    """An input that cannot be checked; str() names the file and the problem in one line."""


#: Plain-text inputs larger than this are refused (a CMS page or draft is far smaller).
MAX_TEXT_BYTES = 50 * 1024 * 1024


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode UTF-8 (BOM allowed) or GB18030/GBK; refuse binary data with a clear message."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 or GB18030 text (undecodable byte at offset {exc.start})") from None


def read_text_file(path: os.PathLike | str, max_bytes: int = MAX_TEXT_BYTES) -> str:
    """Read a text file for checking, with one-line errors for every way it can fail."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    if p.is_dir():
        raise InputError(f"{p}: is a directory")
    if size > max_bytes:
        raise InputError(f"{p}: too large ({size // (1024 * 1024)} MB; the limit is {max_bytes // (1024 * 1024)} MB)")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return decode_bytes(data, str(p))
