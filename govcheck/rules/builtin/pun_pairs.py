"""Paired marks (GB/T 15834-2011 4.8 引号, 4.9 括号, 4.15 书名号): one linear pass per paragraph.

One class serves three rules, chosen by the rule's `data.mode`:

* ``pairs`` (PUN003): an opening mark closed by the wrong closing mark (“…", 《…〉, （…)), a closing mark
  with no opening mark, an opening mark never closed in its paragraph. A quotation that runs over
  several paragraphs is legitimate when each following paragraph opens with the same quote mark
  (GB/T 15834-2011 4.8), so an unclosed “ is accepted when the next paragraph starts with “.
* ``nesting`` (PUN004): 《…《…》…》; the inner title takes the single book-title marks 〈〉 (4.15). A third
  level goes back to 《》 (《转发〈关于《…》的通知〉的通知》), so only a 《 whose nearest enclosing title mark
  is also 《 is reported.
* ``straight`` (PUN011): straight quotes "…" around Chinese text; horizontal Chinese text uses “…”
  (4.8). Quoted English ("Made in China") is left alone.
"""

from __future__ import annotations

import bisect
from typing import Iterable, Iterator

import regex

from govcheck.rules.base import CheckContext, Hit, Rule

OPEN_TO_CLOSE = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "〈": "〉",
    "（": "）",
    "(": ")",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "「": "」",
    "『": "』",
}
CLOSE_TO_OPEN = {v: k for k, v in OPEN_TO_CLOSE.items()}
#: Brackets that may close each other across widths: a mismatch, but an obvious one.
_WIDTH_TWINS = {("（", ")"): "）", ("(", "）"): ")"}
_MARKS = regex.compile("[" + regex.escape("".join(OPEN_TO_CLOSE) + "".join(CLOSE_TO_OPEN)) + "]")
_HAN = regex.compile(r"\p{Han}")
_TITLE_MARKS = regex.compile("[《〈》〉\n]")
_STRAIGHT = regex.compile(r'"([^"\n]{1,200})"')


def _to_view(ctx: CheckContext, start: int, end: int):
    if ctx.view.identical:
        return start, end
    return ctx.view_span_of_original(start, end)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


class PairedMarks(Rule):
    def prepare(self) -> None:
        self._mode = self.spec.data.get("mode", "pairs")

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        if self._mode == "straight":
            yield from self._straight(ctx, ctx.view.original)
            return
        # The view keeps every bracket and quote as it is and joins lines a web page wrapped inside a
        # sentence, so a quotation broken by such a wrap still pairs up; hits are in view coordinates.
        text = ctx.text
        if self._mode == "nesting":
            yield from self._nesting(text)
            return
        if not _MARKS.search(text):
            return
        paras = [(s, e) for s, e in _paragraphs(text) if text[s:e].strip()]
        for idx, (ps, pe) in enumerate(paras):
            nxt_para = text[paras[idx + 1][0] : paras[idx + 1][1]].lstrip(" \t\u3000") if idx + 1 < len(paras) else ""
            for s, e, suggestion, message in self._paragraph(text, ps, pe, nxt_para):
                yield Hit(start=s, end=e, suggestions=[suggestion] if suggestion else [], message=message)

    # -- one paragraph -----------------------------------------------------------------------------
    def _paragraph(self, text: str, ps: int, pe: int, next_para: str):
        """Linear in the paragraph: `where[o]` holds the stack indexes of open marks of kind o."""
        stack: list[tuple[str, int]] = []
        where: dict[str, list[int]] = {o: [] for o in OPEN_TO_CLOSE}

        def pop() -> tuple[str, int]:
            opener, oi = stack.pop()
            where[opener].pop()
            return opener, oi

        for m in _MARKS.finditer(text, ps, pe):
            ch, i = m.group(), m.start()
            if ch in OPEN_TO_CLOSE:
                where[ch].append(len(stack))
                stack.append((ch, i))
                continue
            # a closing mark
            if ch == "’" and self._apostrophe(text, i):
                continue
            if stack and OPEN_TO_CLOSE[stack[-1][0]] == ch:
                pop()
                continue
            if stack and (stack[-1][0], ch) in _WIDTH_TWINS:
                opener, oi = pop()
                right = OPEN_TO_CLOSE[opener]
                yield i, i + 1, right, f"“{opener}”与“{ch}”不配对，应为“{right}”（GB/T 15834-2011 4.9）。"
                continue
            below = where[CLOSE_TO_OPEN[ch]]
            if not below:
                top = stack[-1] if stack else None
                if top is not None and self._same_family(top[0], ch):
                    opener, oi = pop()
                    right = OPEN_TO_CLOSE[opener]
                    yield i, i + 1, right, f"“{opener}”与“{ch}”不配对，应为“{right}”（GB/T 15834-2011 4.8、4.15）。"
                    continue
                yield i, i + 1, "", f"“{ch}”前面没有与之配对的“{CLOSE_TO_OPEN[ch]}”（GB/T 15834-2011 4.8、4.9、4.15）。"
                continue
            # closes an opener further down: everything above it was left open
            depth = below[-1]
            while len(stack) > depth + 1:
                opener, oi = pop()
                yield oi, oi + 1, "", f"“{opener}”没有对应的“{OPEN_TO_CLOSE[opener]}”（GB/T 15834-2011 4.8、4.9、4.15）。"
            pop()
        if not stack:
            return
        straight_at = {q: [k for k in range(ps, pe) if text[k] == q] for q in ('"', "'") if text.find(q, ps, pe) >= 0}
        for opener, oi in stack:
            if opener in ("“", "‘", "「", "『") and next_para.startswith(opener):
                continue  # a quotation continued over several paragraphs
            straight = {"“": '"', "‘": "'"}.get(opener)
            positions = straight_at.get(straight, []) if straight else []
            k = bisect.bisect_right(positions, oi)
            if k < len(positions):
                si = positions[k]
                right = OPEN_TO_CLOSE[opener]
                yield si, si + 1, right, f"“{opener}”与直引号“{straight}”不配对，应为“{right}”（GB/T 15834-2011 4.8）。"
                continue
            yield oi, oi + 1, "", f"“{opener}”在本段内没有对应的“{OPEN_TO_CLOSE[opener]}”（GB/T 15834-2011 4.8、4.9、4.15）。"

    # -- book-title nesting (PUN004): only the title marks and line breaks matter --------------------
    @staticmethod
    def _nesting(text: str) -> Iterable[Hit]:
        if text.count("《") < 2:
            return
        titles: list[str] = []  # the open book-title marks of the current paragraph, innermost last
        for m in _TITLE_MARKS.finditer(text):
            ch, i = m.group(), m.start()
            if ch == "\n":
                titles.clear()
            elif ch in "《〈":
                if ch == "《" and titles and titles[-1] == "《":
                    line_end = text.find("\n", i)
                    limit = min(len(text) if line_end < 0 else line_end, i + 200)
                    close = text.find("》", i + 1, limit)
                    inner_open = text.find("《", i + 1, limit)
                    if close > 0 and (inner_open < 0 or inner_open > close):
                        inner = text[i + 1 : close]
                        yield Hit(
                            start=i,
                            end=close + 1,
                            suggestions=[f"〈{inner}〉"],
                            message=f"书名号内又用书名号时，里层应改用单书名号：“〈{inner}〉”（GB/T 15834-2011 4.15）。",
                        )
                titles.append(ch)
            else:  # 》 or 〉: close the nearest title mark of its kind, else (《…〉) the innermost one
                want = CLOSE_TO_OPEN[ch]
                if want in titles:
                    while titles and titles.pop() != want:
                        pass
                elif titles:
                    titles.pop()

    @staticmethod
    def _same_family(opener: str, closer: str) -> bool:
        fam = ("“‘「『", "”’」』"), ("《〈", "》〉"), ("（(【〔［", "）)】〕］")
        return any(opener in o and closer in c for o, c in fam)

    @staticmethod
    def _apostrophe(text: str, i: int) -> bool:
        before = text[i - 1] if i > 0 else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        return before.isascii() and before.isalpha() and (not after or (after.isascii() and after.isalpha()))

    # -- straight quotes ---------------------------------------------------------------------------
    def _straight(self, ctx: CheckContext, text: str) -> Iterable[Hit]:
        if '"' not in text:
            return
        for m in _STRAIGHT.finditer(text):
            inner = m.group(1)
            if not _HAN.search(inner):
                continue
            span = _to_view(ctx, *m.span())
            if span is None:
                continue
            yield Hit(start=span[0], end=span[1], suggestions=[f"“{inner}”"])
