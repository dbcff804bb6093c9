"""Plain text and Markdown: decode (UTF-8, UTF-16/32 with BOM, GB18030/GBK legacy) and map lines."""

from __future__ import annotations

from typing import Any

from govcheck.document import Document, DocumentError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """(text, encoding name). A BOM wins; else strict UTF-8; else GB18030 (a superset of GBK/GB2312)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                break  # a UTF-16/32 "BOM" on bytes that are not: judge them as UTF-8/GB18030 below
            if enc == "utf-8" or _plausible(text):
                return text, enc + " (BOM)"
            break
    if b"\x00" in data[:65536]:
        raise DocumentError("GF004", name, "looks like a binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise DocumentError("GF004", name, f"not UTF-8 or GB18030 text (undecodable byte at offset {exc.start})") from None


def _plausible(text: str) -> bool:
    """Text decoded through a UTF-16/32 BOM is real when it holds (almost) no unassigned or control characters."""
    import unicodedata

    sample = text[:20000]
    bad = sum(
        1
        for c in sample
        if (unicodedata.category(c) in ("Cn", "Cs", "Co") or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v"))
    )
    return bad <= len(sample) // 100


def load_text(text: str, fmt: str, name: str) -> Document:
    """A text is its own source: the location of a span is its line and column."""
    starts = [0]
    find = text.find
    i = find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = find("\n", i + 1)
    blocks = [{"line": n + 1} for n in range(len(starts))]

    def refine(start: int, end: int, i: int, block: dict[str, Any]) -> dict[str, Any]:
        j = max(0, _bisect(starts, max(start, end - 1)))
        return {"column": start - starts[i] + 1, "end_line": j + 1, "end_column": end - starts[j] + 1}

    return Document(text=text, format=fmt, name=name, block_starts=starts, blocks=blocks, refine=refine, meta={"lines": len(starts)})


def _bisect(starts: list[int], pos: int) -> int:
    import bisect

    return bisect.bisect_right(starts, pos) - 1
