"""A normalised matching view of the input that keeps an exact map back to the original.

Web copies carry full-width Latin letters and digits, zero-width characters, NBSP, Traditional
characters and hard line breaks in the middle of sentences. Rules match on the view; findings are
reported on the original.

The view differs from the original in three ways only:
  * one-to-one folds (full-width letters and digits to half-width, space-like characters to a
    space, Traditional to Simplified characters), which keep every offset;
  * dropped characters (zero-width characters, soft hyphens, BOM);
  * joined lines: a single line break (with the next line's indentation) between two Han
    characters, when the line before is long enough to have been wrapped by a web page.
So the map back is a short list of segments, each a run of kept characters.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Mapping, Optional

_DROP_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACE_LIKE = "\u00a0\u2002\u2003\u2009\u202f"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
#: One-to-one folds, as a str.translate table.
_FOLD = {c: " " for c in map(ord, _SPACE_LIKE)}
_FOLD.update({o: o - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)) for o in range(r[0], r[1] + 1)})
_NEEDS_WORK = re.compile(f"[{_DROP_CHARS}]|(?<=[{_HAN}])(?:\r\n|\n|\r)")
_DROP_RE = re.compile(f"[{_DROP_CHARS}]+")
#: A single break between Han characters, with the next line's indentation.
_BREAK_RE = re.compile(f"(?<=[{_HAN}])(?:\r\n|\n|\r)[ \t\u3000\u00a0]*(?=[{_HAN}])")
#: Lines shorter than this before a break are headings or list items, not wrapped text.
_WRAPPED_LINE = 20


def fold_term(term: str) -> str:
    """Fold a dictionary term the same way the view folds text, Traditional characters included."""
    folded = _DROP_RE.sub("", term).translate(_FOLD)
    table = _traditional_table()
    if table and not table.keys().isdisjoint(folded):
        folded = "".join([table.get(c, c) for c in folded])
    return folded


def _traditional_table() -> Mapping[str, str]:
    from govcheck.typo.traditional import trad_to_simp

    return trad_to_simp()


def fold_char(ch: str) -> str:
    """Full-width ASCII letters and digits to half-width; space-like characters to a space."""
    return ch.translate(_FOLD) if ch not in _DROP_CHARS else ""


@dataclass(frozen=True)
class View:
    """`text` is the normalised view of `original`.

    `unfolded` has the same length and offsets as `text` but keeps Traditional characters as they
    were written (rules that report Traditional characters read it; every other rule reads `text`,
    where 發展 reads 发展, so the political and typo rules work on Traditional copies too).
    `segments` lists (view offset, original offset) where each run of kept characters starts.
    """

    original: str
    text: str
    segments: tuple[tuple[int, int], ...] = ((0, 0),)
    unfolded: str = ""
    _vstarts: list[int] = field(default_factory=list, repr=False, compare=False)
    _ostarts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.unfolded:
            object.__setattr__(self, "unfolded", self.text)
        object.__setattr__(self, "_vstarts", [v for v, _ in self.segments])
        object.__setattr__(self, "_ostarts", [o for _, o in self.segments])

    def original_index(self, i: int) -> int:
        """Original offset of view character i."""
        k = bisect.bisect_right(self._vstarts, i) - 1
        return self._ostarts[k] + (i - self._vstarts[k])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span [start, end) to the original span that covers it."""
        if start >= len(self.text):
            n = len(self.original)
            return n, n
        o_start = self.original_index(start)
        o_end = self.original_index(end - 1) + 1 if end > start else o_start
        return o_start, o_end

    def _view_index_at_or_after(self, p: int) -> int:
        k = bisect.bisect_right(self._ostarts, p) - 1
        if k < 0:
            return 0
        seg_len = (self._vstarts[k + 1] if k + 1 < len(self._vstarts) else len(self.text)) - self._vstarts[k]
        offset = p - self._ostarts[k]
        if offset < seg_len:
            return self._vstarts[k] + offset
        return self._vstarts[k] + seg_len  # p was dropped: the next kept character

    def from_original(self, start: int, end: int) -> Optional[tuple[int, int]]:
        """Map an original span to the view span of the characters kept from it (None if none kept)."""
        vs = self._view_index_at_or_after(start)
        ve = self._view_index_at_or_after(end)
        if vs >= ve:
            return None
        return vs, ve

    @property
    def identical(self) -> bool:
        return self.text is self.original


def build_view(text: str, traditional: Optional[Mapping[str, str]] = None) -> View:
    """Build the matching view; close to free when the text needs no change.

    `traditional` maps Traditional characters to Simplified ones (one to one, so offsets hold).
    """
    view = _build_view(text)
    if traditional and not traditional.keys().isdisjoint(view.text):
        folded = "".join([traditional.get(c, c) for c in view.text])
        return View(view.original, folded, view.segments, unfolded=view.text)
    return view


def _removals(text: str) -> list[tuple[int, int]]:
    """Spans of the original left out of the view, in order."""
    spans = [m.span() for m in _DROP_RE.finditer(text)]
    for m in _BREAK_RE.finditer(text):
        line_start = max(text.rfind("\n", 0, m.start()), text.rfind("\r", 0, m.start())) + 1
        if m.start() - line_start >= _WRAPPED_LINE:
            spans.append(m.span())
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _build_view(text: str) -> View:
    folded_same = text.translate(_FOLD)
    if not _NEEDS_WORK.search(text):
        return View(text, folded_same if folded_same != text else text)
    removals = _removals(text)
    if not removals:
        return View(text, folded_same if folded_same != text else text)
    pieces: list[str] = []
    segments: list[tuple[int, int]] = []
    vpos = opos = 0
    for s, e in removals:
        if s > opos:
            pieces.append(text[opos:s])
            segments.append((vpos, opos))
            vpos += s - opos
        opos = e
    if opos < len(text) or not segments:
        pieces.append(text[opos:])
        segments.append((vpos, opos))
    return View(text, "".join(pieces).translate(_FOLD), tuple(segments))
