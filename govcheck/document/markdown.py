"""Markdown (static-site CMS pages): the prose, without the markup, mapped back to the source.

Skipped: YAML/TOML front matter, fenced code blocks, inline code, link targets and bare URLs,
inline HTML tags, reference definitions, table separator rows. Removed but mapped: heading, quote
and list markers, emphasis markers, table pipes. Kept: everything a reader sees, including link
and image texts. Each character of the extracted text maps to one source code point, so a finding
knows its line and column in the .md file (`source_start`/`source_end` in its location).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from govcheck.document import Document, DocumentError, Limits

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")
_PREFIX = re.compile(r"^(?: {0,3}>[ \t]?)*(?:[ \t]*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*)?")
_HR = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
#: Inline tokens, first match wins: code, images, links, autolinks/URLs, tags, emphasis, escapes, pipes.
_INLINE = re.compile(
    r"(?P<code>`+)(?P<codebody>.*?)(?P=code)"
    r"|!\[(?P<alt>[^\]]*)\]\((?P<imgurl>(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\)"
    r"|\[(?P<link>[^\]]+)\](?:\((?P<url>(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])"
    r"|<(?:https?|mailto|ftp):[^>\s]+>"
    r"|(?:https?|ftp)://[^\s<>\u3000-\u303f\uff00-\uffef]+"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"
    r"|(?P<emph>\*{1,3}|_{2,3}|~~)"
    r"|\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|~<>])"
    r"|(?P<pipe>\|)"
)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.seg_t: list[int] = []
        self.seg_s: list[int] = []
        self.pos = 0

    def raw(self, text: str, src: int) -> None:
        """Characters copied verbatim: character i comes from source offset src + i."""
        if text:
            self.seg_t.append(self.pos)
            self.seg_s.append(src)
            self.parts.append(text)
            self.pos += len(text)

    def text(self) -> str:
        return "".join(self.parts)


def _paired(line: str) -> set[str]:
    """Emphasis markers that come in pairs on this line (a lone * or ~~ is just text)."""
    out = set()
    for marker, pattern in (("*", r"\*+"), ("_", r"_{2,3}"), ("~", r"~~")):
        n = len(re.findall(pattern, line))
        if n and n % 2 == 0:
            out.add(marker)
    return out


def _inline(b: _Builder, line: str, base: int, table: bool) -> None:
    paired = _paired(line)
    pos = 0
    for m in _INLINE.finditer(line):
        if m.start() > pos:
            b.raw(line[pos : m.start()], base + pos)
        pos = m.end()
        if m.group("alt") is not None:
            b.raw(m.group("alt"), base + m.start("alt"))
        elif m.group("link") is not None:
            _inline(b, m.group("link"), base + m.start("link"), table)  # emphasis inside link text
        elif m.group("escaped") is not None:
            b.raw(m.group("escaped"), base + m.start("escaped"))
        elif m.group("pipe") is not None and table:
            if b.parts and not b.parts[-1].endswith(("\n", " ")) and line[pos:].strip():
                b.raw(" ", base + m.start())  # a cell boundary reads as a space
        elif m.group("pipe") is not None:
            b.raw("|", base + m.start())
        elif m.group("emph") is not None and m.group("emph")[0] not in paired:
            b.raw(m.group("emph"), base + m.start())
        # code, URLs, tags and paired emphasis markers contribute nothing
    if pos < len(line):
        b.raw(line[pos:], base + pos)


def load_markdown(source: str, name: str, limits: Limits) -> Document:
    b = _Builder()
    lines = source.splitlines(keepends=True)
    offsets = []
    o = 0
    for ln in lines:
        offsets.append(o)
        o += len(ln)
    start = 0
    if lines and lines[0].rstrip("\r\n") in ("---", "+++"):
        marker = lines[0].rstrip("\r\n")
        for k in range(1, min(len(lines), 500)):
            if lines[k].rstrip("\r\n") in (marker, "..." if marker == "---" else marker):
                start = k + 1
                break
    fence = ""
    for k in range(start, len(lines)):
        full = lines[k]
        line = full.rstrip("\r\n")
        base = offsets[k]
        if fence:
            if line.lstrip().startswith(fence):
                fence = ""
            continue
        m = _FENCE.match(line)
        if m:
            fence = m.group(1)[0] * len(m.group(1))
            continue
        if _TABLE_RULE.match(line) and "-" in line and ("|" in line or line.strip().startswith("-")) and "|" in line:
            continue
        if _REF_DEF.match(line) or _HR.match(line):
            continue
        prefix = _PREFIX.match(line)
        body_start = prefix.end() if prefix else 0
        body = line[body_start:]
        if re.match(r"^#{1,6}(?=[ \t]|$)", line.lstrip(" >")):
            body = re.sub(r"[ \t]+#+[ \t]*$", "", body)  # closing hashes of an ATX heading
        table = line.lstrip().startswith("|") or line.count("|") >= 2
        _inline(b, body, base + body_start, table)
        if full.endswith(("\n", "\r")):
            b.raw("\n", base + len(line))
        if b.pos > limits.max_chars:
            raise DocumentError("GF002", name, f"text too long (over {limits.max_chars:,} characters)")
    text = b.text()
    seg_t, seg_s = b.seg_t, b.seg_s
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def src_of(t: int) -> int:
        k = bisect.bisect_right(seg_t, t) - 1
        return seg_s[k] + (t - seg_t[k]) if k >= 0 else 0

    def refine(start: int, end: int, i: int, block: dict[str, Any]) -> dict[str, Any]:
        if not seg_t:
            return {}
        s = src_of(start)
        e = src_of(max(start, end - 1)) + 1
        line = bisect.bisect_right(line_starts, s) - 1
        return {"source_start": s, "source_end": e, "line": line + 1, "column": s - line_starts[line] + 1}

    meta: dict[str, Any] = {"front_matter_lines": start}
    return Document(text=text, format="md", name=name, block_starts=[0], blocks=[{}], refine=refine, meta=meta)
