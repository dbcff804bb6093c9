"""HTML (a CMS page body, or a whole page): the visible text, with an exact map back to the source.

Script, style, template, noscript and head content are skipped; entities are decoded; block
elements and <br> become line breaks; runs of whitespace collapse as a browser shows them (and
vanish between two Chinese characters, where a source line was merely wrapped). For every character
of the extracted text we know the source span it came from: one code point of raw text, or a
whole entity such as `&amp;`. The parser is the standard library's, which is iterative: deep
nesting costs time linear in the input and no recursion.
"""

from __future__ import annotations

import bisect
import codecs
import html as _html
import re
from html.parser import HTMLParser
from typing import Any

from govcheck.document import Document, DocumentError, Limits

_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg", "math", "select"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"})
_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody td tfoot
    th thead tr ul""".split()
)
_WS = re.compile(r"[ \t\n\r\f]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    """Decode HTML bytes: BOM, then a <meta charset> near the top, then UTF-8, then GB18030."""
    from govcheck.document.text import decode

    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        m = _CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            if declared in ("gb2312", "gbk", "gb_2312-80"):
                declared = "gb18030"  # the superset every browser actually uses
            try:
                codecs.lookup(declared)
                return data.decode(declared), declared + " (meta)"
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data, name)


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF


class _Extractor(HTMLParser):
    """Collects text segments: (text offset, text, source start, source end, raw?)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.src = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.parts: list[str] = []
        self.tpos = 0  # length of text so far
        #: parallel arrays, one entry per segment
        self.seg_t: list[int] = []
        self.seg_s: list[int] = []
        self.seg_e: list[int] = []
        self.seg_raw: list[bool] = []
        self.skip: list[str] = []
        self.pre = 0
        self.last = ""  # last character emitted
        self.pending_space: tuple[int, int] | None = None
        self.pending_break: int | None = None
        self.title_parts: list[str] = []
        self.in_title = False

    # -- positions ---------------------------------------------------------------------------
    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- emitting ----------------------------------------------------------------------------
    def _emit(self, text: str, s: int, e: int, raw: bool) -> None:
        if not text:
            return
        self.seg_t.append(self.tpos)
        self.seg_s.append(s)
        self.seg_e.append(e)
        self.seg_raw.append(raw)
        self.parts.append(text)
        self.tpos += len(text)
        self.last = text[-1]

    def _flush_before(self, first: str) -> None:
        """Resolve a pending block break or collapsed space now that visible text follows."""
        if self.pending_break is not None:
            if self.tpos and self.last != "\n":
                self._emit("\n", self.pending_break, self.pending_break, False)
            self.pending_break = None
            self.pending_space = None
        if self.pending_space is not None:
            s, e = self.pending_space
            self.pending_space = None
            if self.tpos and self.last not in " \n" and not (_is_cjk(self.last) and _is_cjk(first)):
                self._emit(" ", s, e, False)

    def _visible(self, text: str, s: int, e: int, raw: bool) -> None:
        self._flush_before(text[0])
        self._emit(text, s, e, raw)

    def _block(self, at: int) -> None:
        if self.pending_break is None:
            self.pending_break = at
        self.pending_space = None

    # -- parser callbacks --------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "body":
            self.skip.clear()
        if tag == "title":
            self.in_title = True
        if self.skip:
            if tag in _SKIP and tag not in _VOID:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
            return
        at = self._offset()
        if tag == "br":
            self.pending_break = None
            self.pending_space = None
            self._emit("\n", at, at + len(self.get_starttag_text() or ""), False)
        elif tag in _BLOCK:
            self._block(at)
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag in _VOID or tag not in _SKIP:
            self.handle_starttag(tag, attrs)  # <br/>, <p/>: no content to skip

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self._block(self._offset())
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        if self.skip or not data:
            return
        at = self._offset()
        if self.src[at : at + len(data)] != data:  # not verbatim (should not happen): map to its start
            self._visible(data, at, at, False)
            return
        if self.pre:
            self._visible(data, at, at + len(data), True)
            return
        pos = 0
        for m in _WS.finditer(data):
            if m.start() > pos:
                self._visible(data[pos : m.start()], at + pos, at + m.start(), True)
            if self.pending_space is None and self.pending_break is None:
                self.pending_space = (at + m.start(), at + m.end())
            pos = m.end()
        if pos < len(data):
            self._visible(data[pos:], at + pos, at + len(data), True)

    def _reference(self, ref: str) -> None:
        at = self._offset()
        end = at + len(ref)
        if self.src.startswith(";", end):
            end += 1
        decoded = _html.unescape(self.src[at:end])
        if self.in_title:
            self.title_parts.append(decoded)
        if self.skip or not decoded:
            return
        if decoded.isspace() and decoded != "\u00a0" and not self.pre:
            if self.pending_space is None and self.pending_break is None:
                self.pending_space = (at, end)
            return
        self._visible(decoded, at, end, False)

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)


def load_html(source: str, name: str, limits: Limits) -> Document:
    tags = source.count("<")
    if tags > limits.max_html_tags:
        raise DocumentError("GF030", name, f"refused: {tags:,} tags (limit {limits.max_html_tags:,})")
    ex = _Extractor(source)
    try:
        ex.feed(source)
        ex.close()
    except (AssertionError, ValueError, IndexError) as exc:  # the stdlib parser is lenient; be safe
        raise DocumentError("GF030", name, f"cannot parse HTML ({type(exc).__name__})") from None
    text = "".join(ex.parts)
    if len(text) > limits.max_chars:
        raise DocumentError("GF002", name, f"text too long ({len(text):,} characters; the limit is {limits.max_chars:,})")
    seg_t, seg_s, seg_e, seg_raw = ex.seg_t, ex.seg_s, ex.seg_e, ex.seg_raw
    line_starts = ex.line_starts

    def src_span(t: int) -> tuple[int, int]:
        k = bisect.bisect_right(seg_t, t) - 1
        if k < 0:
            return 0, 0
        if seg_raw[k]:
            p = seg_s[k] + (t - seg_t[k])
            return p, p + 1
        return seg_s[k], seg_e[k]

    def refine(start: int, end: int, i: int, block: dict[str, Any]) -> dict[str, Any]:
        if not seg_t:
            return {}
        s, _ = src_span(start)
        _, e = src_span(max(start, end - 1))
        line = bisect.bisect_right(line_starts, s) - 1
        return {"html_start": s, "html_end": e, "source_start": s, "source_end": e, "line": line + 1, "column": s - line_starts[line] + 1}

    meta: dict[str, Any] = {"html_length": len(source)}
    title = " ".join("".join(ex.title_parts).split())
    if title:
        meta["title"] = title
    return Document(text=text, format="html", name=name, block_starts=[0], blocks=[{}], refine=refine, meta=meta)


def source_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The HTML source span of text span [start, end) (what a fix or a highlight must touch)."""
    loc = doc.locate(start, end)
    return loc["html_start"], loc["html_end"]
