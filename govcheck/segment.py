"""jieba behind a small interface: a private Tokenizer, initialised once, on first need.

Importing govcheck never touches the caller's global jieba. Dictionary terms join the private
tokenizer as rare user words, so a term becomes one token only where no common words cover it
(中华人民共合国 segments whole; 路口交通 still segments 路口/交通, never 口交).
"""

from __future__ import annotations

import logging
import threading
from typing import Iterable

_USER_WORD_FREQ = 2


class Segmenter:
    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._user_words = sorted({w for w in user_words if len(w) >= 2})
        self._tokenizer = None
        self._lock = threading.Lock()

    def _get(self):
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    import jieba

                    jieba.setLogLevel(logging.WARNING)
                    tk = jieba.Tokenizer()
                    tk.initialize()
                    for w in self._user_words:
                        if tk.FREQ.get(w) is None or tk.FREQ.get(w) == 0:
                            tk.add_word(w, freq=_USER_WORD_FREQ)
                    self._tokenizer = tk
        return self._tokenizer

    @property
    def tokenizer(self):
        """The private jieba.Tokenizer (initialised on first use)."""
        return self._get()

    def word_freq(self, word: str) -> int:
        """Frequency of a word in the tokenizer's dictionary (0 when unknown)."""
        return self._get().FREQ.get(word, 0) or 0

    def cut(self, text: str, hmm: bool = False) -> list[str]:
        return list(self._get().cut(text, HMM=hmm))

    def boundaries(self, text: str, hmm: bool = False) -> frozenset[int]:
        """Offsets (into text) where a token starts or ends, including 0 and len(text)."""
        edges = {0}
        pos = 0
        for tok in self._get().cut(text, HMM=hmm):
            pos += len(tok)
            edges.add(pos)
        return frozenset(edges)
