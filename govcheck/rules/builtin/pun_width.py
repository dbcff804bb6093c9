"""Half-width punctuation inside Chinese text (GB/T 15834-2011: every mark has one full-width form).

Two rules share this module:

* ``HalfWidthMarks`` (PUN001): ``, ; : ? ! .`` written next to Chinese characters. Each occurrence is
  one finding with the full-width mark as a safe fix. A mark between two digits (1,000 / 10:30 / 3.5)
  or inside Latin text (quoted English, URLs) is left alone.
* ``HalfWidthBrackets`` (PUN002): ``( … )`` around or next to Chinese text. When a document writes
  *every* bracket half-width (a typesetting convention of some legal databases and web copies), one
  summarising finding is reported at the first pair instead of one per pair; when half-width pairs
  are mixed with full-width ones, each half-width pair is reported.

Both run on the original text (the view folds widths) and map spans back to view coordinates.
"""

from __future__ import annotations

from typing import Iterable

import regex

from govcheck.rules.base import CheckContext, Hit, Rule

_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
#: Characters that make a neighbour "Chinese": Han, CJK punctuation, full-width forms.
_CJK = regex.compile(r"[\p{Han}\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\u2018-\u201D\u2026\u2014]")
_MARKS = regex.compile(r"[,;:?!.]")
_CLOSERS = frozenset("”’」』）》】〕")
#: Pinyin syllable with tone marks, as left by web pages that annotate characters: 發(fā)
_PINYIN = regex.compile(r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*")
_DEBRIS = regex.compile(r"(?:精选)?[0-9]+篇|附图片?[0-9]+张|\.{2,}")
_PAIR = regex.compile(r"\(([^()\n]{0,80})\)")
_HEADING_NUMERAL = frozenset("一二三四五六七八九十")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def _to_view(ctx: CheckContext, start: int, end: int):
    if ctx.view.identical:
        return start, end
    return ctx.view_span_of_original(start, end)


class HalfWidthMarks(Rule):
    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.view.original
        n = len(text)
        for m in _MARKS.finditer(text):
            i = m.start()
            ch = text[i]
            prev = text[i - 1] if i > 0 else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if ch == ".":
                # Only a sentence-final full stop after a Chinese character; never 1. / 3.5 / ... / www.
                if nxt == "." or prev == "." or not _is_han(prev):
                    continue
                if nxt and not (nxt in "\n\r \t" or _is_cjk(nxt)):
                    continue
                line_start = text.rfind("\n", 0, i) + 1
                if prev in _HEADING_NUMERAL and i - line_start <= 3:
                    continue  # “一.” heading number: FMT rules suggest “一、”
            else:
                if prev.isdigit() and nxt.isdigit() and prev.isascii() and nxt.isascii():
                    continue  # 1,000  10:30
                # a closing quote or bracket after the mark does not make it Chinese: “Ready?”
                if not (_is_cjk(prev) or (_is_cjk(nxt) and nxt not in _CLOSERS)):
                    continue
                if ch == ":" and nxt == "/":
                    continue  # URL scheme
            span = _to_view(ctx, i, i + 1)
            if span is None:
                continue
            yield Hit(start=span[0], end=span[1], suggestions=[_FULL[ch]], fields={"full": _FULL[ch]})


def _is_han(ch: str) -> bool:
    return bool(ch) and regex.match(r"\p{Han}", ch) is not None


class HalfWidthBrackets(Rule):
    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.view.original
        if "(" not in text:
            return
        pairs = []
        for m in _PAIR.finditer(text):
            inner = m.group(1)
            s, e = m.span()
            before = text[s - 1] if s > 0 else ""
            after = text[e] if e < len(text) else ""
            if inner and (_PINYIN.fullmatch(inner) or _DEBRIS.fullmatch(inner)):
                continue  # pinyin annotation or “(3篇)” page debris, reported by the format rules
            if any(_is_cjk(c) for c in inner):
                pass
            elif before.isascii() and before.isalnum():
                continue  # f(x), A(1): Latin or formula notation
            elif not (_is_cjk(before) or _is_cjk(after)):
                continue
            pairs.append((s, e, inner))
        if not pairs:
            return
        summary_at = int(self.spec.data.get("summary_at", 3))
        if "（" not in text and len(pairs) >= summary_at:
            s, e, inner = pairs[0]
            span = _to_view(ctx, s, e)
            if span is not None:
                yield Hit(
                    start=span[0],
                    end=span[1],
                    suggestions=[f"（{inner}）"],
                    severity="info",
                    message=(
                        f"全文{len(pairs)}处括号均为半角“()”，中文行文应统一使用全角括号“（）”"
                        f"（GB/T 15834-2011 4.9），此处为第一处。"
                    ),
                )
            return
        for s, e, inner in pairs:
            span = _to_view(ctx, s, e)
            if span is None:
                continue
            yield Hit(start=span[0], end=span[1], suggestions=[f"（{inner}）"])
