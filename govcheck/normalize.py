"""A normalised matching view of the input that keeps an exact map back to the original.

Web copies carry full-width Latin letters and digits, zero-width characters, NBSP and hard line
breaks in the middle of sentences. Rules match on the view; findings are reported on the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional

_DROP = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_SPACE_LIKE = frozenset("\u00a0\u2002\u2003\u2009\u202f")
#: A line break is joined when the character before it is none of these (a sentence or heading end).
_LINE_END = frozenset("。！？；：，、…”’）》」』】!?;:,)]\"'")


def _is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2FFFF or 0xF900 <= o <= 0xFAFF


def fold_char(ch: str) -> str:
    """Full-width ASCII letters and digits to half-width; space-like characters to a space."""
    o = ord(ch)
    if ch in _SPACE_LIKE:
        return " "
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    return ch


def fold_term(term: str) -> str:
    """Fold a dictionary term the same way the view folds text."""
    return "".join(fold_char(c) for c in term if c not in _DROP)


@dataclass(frozen=True)
class View:
    """`text` is the normalised view; `orig[i]` is the original index of view character i.

    `unfolded` has the same length and offsets as `text` but keeps Traditional characters as they
    were written (rules that report Traditional characters read it; every other rule reads `text`,
    where 發展 reads 发展 so that the political and typo rules work on Traditional copies too).
    """

    original: str
    text: str
    orig: tuple[int, ...]
    unfolded: str = ""

    def __post_init__(self) -> None:
        if not self.unfolded:
            object.__setattr__(self, "unfolded", self.text)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span [start, end) to the original span that covers it."""
        if start >= len(self.orig):
            n = len(self.original)
            return n, n
        o_start = self.orig[start]
        o_end = self.orig[end - 1] + 1 if end > start else o_start
        return o_start, o_end

    def from_original(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """Map an original span to the view span of the characters kept from it (None if none kept)."""
        import bisect

        vs = bisect.bisect_left(self.orig, start)
        ve = bisect.bisect_left(self.orig, end)
        if vs >= ve:
            return None
        return vs, ve

    @property
    def identical(self) -> bool:
        return self.text is self.original


def build_view(text: str, traditional: Optional[Mapping[str, str]] = None) -> View:
    """Build the matching view; cheap when the text needs no change.

    `traditional` maps Traditional characters to Simplified ones (one to one, so offsets hold).
    """
    view = _build_view(text)
    if traditional and not traditional.keys().isdisjoint(view.text):
        folded = "".join([traditional.get(c, c) for c in view.text])
        return View(view.original, folded, view.orig, unfolded=view.text)
    return view


def _build_view(text: str) -> View:
    needs = any(c in _DROP or c in _SPACE_LIKE or c == "\n" or 0xFF10 <= ord(c) <= 0xFF5A for c in text)
    if not needs:
        return View(text, text, tuple(range(len(text))))
    out: list[str] = []
    orig: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in _DROP:
            i += 1
            continue
        if ch == "\n" or ch == "\r":
            # A break inside a sentence: Han before (no sentence-end mark), Han after, possibly with
            # indentation spaces. Join the two halves in the view.
            j = i
            while j < n and text[j] in "\r\n":
                j += 1
            k = j
            while k < n and text[k] in " \t\u3000\u00a0":
                k += 1
            single_break = text[i:j] in ("\n", "\r\n", "\r")
            prev = out[-1] if out else ""
            if single_break and prev and _is_han(prev) and k < n and _is_han(text[k]) and prev not in _LINE_END:
                if _looks_wrapped(text, i):
                    i = k
                    continue
            out.append(ch)
            orig.append(i)
            i += 1
            continue
        out.append(fold_char(ch))
        orig.append(i)
        i += 1
    return View(text, "".join(out), tuple(orig))


def _looks_wrapped(text: str, br: int) -> bool:
    """A line wrapped by a web page is long; a short line before a break is a heading or a list item."""
    line_start = text.rfind("\n", 0, br) + 1
    return br - line_start >= 20
