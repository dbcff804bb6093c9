"""Language models that rank a sentence against its corrected variants.

The default model is a word-unigram model over jieba's dictionary frequencies (the same counts
jieba segments with): the score of a string is the log probability of its best segmentation into
dictionary words of up to four characters, with a heavy penalty for characters the dictionary does
not know. Comparing two strings that differ in one character only needs a short window around that
character, so scoring costs a few dozen dictionary look-ups.

Optional engines (``typo_engine = "kenlm:PATH"`` or ``"macbert:DIR"``) live in
``govcheck.typo.deep`` and are imported only when configured.
"""

from __future__ import annotations

import math
from typing import Mapping


class UnigramLM:
    """Best-segmentation log probability under jieba's word frequencies."""

    def __init__(
        self, freq: Mapping[str, int], total: int, max_word: int = 4, min_freq: int = 3, seg_penalty: float = 0.0
    ) -> None:
        self.freq = freq
        #: Cost of every word boundary (nats): a typo splits a word into pieces, so segmentations
        #: with fewer, longer words are preferred a little more than raw frequencies say.
        self.seg_penalty = seg_penalty
        #: Words rarer than this are ignored (the tokenizer also holds dictionary terms, some of
        #: them misspellings, at frequency 2).
        self.min_freq = min_freq
        self.log_total = math.log(max(total, 2))
        self._lt = self.log_total + seg_penalty
        self.max_word = max_word
        #: An unknown character costs as much as a word seen once, then 4 more nats.
        self.unknown = -self.log_total - 4.0
        self._cache: dict[str, float] = {}

    def word_logp(self, w: str) -> float:
        f = self.freq.get(w) or 0
        if f >= self.min_freq:
            return math.log(f) - self.log_total
        return self.unknown if len(w) == 1 else -math.inf

    def score(self, s: str) -> float:
        """Log probability of the best segmentation of s."""
        cached = self._cache.get(s)
        if cached is not None:
            return cached
        best = self._forward(s, 0, [0.0])
        self._keep(s, best[-1])
        return best[-1]

    def variants(self, window: str, k: int, width: int, news: list[str]) -> tuple[float, list[float]]:
        """score(window) and the score of every variant window[:k] + new + window[k + width:]: the
        best segmentations of the first k characters are the same for all of them, so they are
        computed once (the same numbers as score(), operation for operation)."""
        head, tail = window[:k], window[k + width :]
        strings = [window] + [head + new + tail for new in news]
        out = list(map(self._cache.get, strings))
        if None in out:
            prefix = self._forward(head, 0, [0.0])
            for j, v in enumerate(out):
                if v is None:
                    out[j] = v = self._forward(strings[j], k, prefix[:])[-1]
                    self._keep(strings[j], v)
        return out[0], out[1:]

    def _keep(self, s: str, v: float) -> None:
        if len(self._cache) > 20000:
            self._cache.clear()
        self._cache[s] = v

    def _forward(self, s: str, start: int, best: list[float]) -> list[float]:
        """Extend best (the best log probabilities of s[:i] for i <= start) to the whole of s: at each
        end i, the best of the last word being s[i-k:i] for k = 1..max_word; a single character the
        dictionary lacks costs `unknown`."""
        get = self.freq.get
        lt = self._lt
        unk = self.unknown - self.seg_penalty
        mf = self.min_freq
        mw = self.max_word
        log = math.log
        for i in range(start + 1, len(s) + 1):
            f = get(s[i - 1]) or 0
            b = best[i - 1] + log(f) - lt if f >= mf else best[i - 1] + unk
            for k in range(2, (mw if i > mw else i) + 1):
                f = get(s[i - k : i]) or 0
                if f >= mf:
                    v = best[i - k] + log(f) - lt
                    if v > b:
                        b = v
            best.append(b)
        return best

    def segment(self, s: str) -> list[str]:
        """The best segmentation itself (for word-level external models)."""
        freq, lt, unk, mf = self.freq, self.log_total, self.unknown, self.min_freq
        n = len(s)
        best = [0.0] + [-math.inf] * n
        back = [0] * (n + 1)
        for i in range(1, n + 1):
            for k in range(1, min(self.max_word, i) + 1):
                f = freq.get(s[i - k : i]) or 0
                if f >= mf:
                    v = best[i - k] + math.log(f) - lt
                elif k == 1:
                    v = best[i - 1] + unk
                else:
                    continue
                if v > best[i]:
                    best[i], back[i] = v, k
        out = []
        i = n
        while i > 0:
            k = back[i] or 1
            out.append(s[i - k : i])
            i -= k
        return out[::-1]
