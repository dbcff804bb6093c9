"""jieba behind a small interface: a private Tokenizer, initialised once, on first need.

Importing govcheck never touches the caller's global jieba. Dictionary terms join the private
tokenizer as rare user words, so a term becomes one token only where no common words cover it
(中华人民共合国 segments whole; 路口交通 still segments 路口/交通, never 口交).

Start-up: jieba's own initialisation unmarshals a 500,000-entry table of words *and prefixes* from a
file handle, which takes over a second. Our tokenizer keeps only the 349,000 words, read with one
`marshal.loads` from a cache built once from jieba's dict.txt, and looks words up by length
instead of by prefix. Segmentation results are the same as jieba's (same words, same
frequencies, same dynamic programme).
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from math import log
from pathlib import Path
from typing import Iterable

_USER_WORD_FREQ = 2
_CACHE_FORMAT = 2


def jieba_dict_path() -> Path:
    """jieba's dict.txt, located without importing jieba."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba is not installed; run: pip install jieba")
    return Path(list(spec.submodule_search_locations)[0]) / "dict.txt"


def _read_dict(path: Path) -> tuple[dict[str, int], int, dict[str, int]]:
    freq: dict[str, int] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ", 2)
            if len(parts) >= 2 and parts[0]:
                try:
                    freq[parts[0]] = int(parts[1])
                except ValueError:
                    continue
    longest: dict[str, int] = {}
    for w in freq:
        if len(w) > longest.get(w[0], 1):
            longest[w[0]] = len(w)
    return freq, sum(freq.values()), longest


def load_word_freq() -> tuple[dict[str, int], int, dict[str, int]]:
    """jieba's dictionary as {word: frequency}, the total count and the longest word length per first
    character, through a marshal cache."""
    from govcheck.cache import cached, source_key

    path = jieba_dict_path()
    return cached(
        f"jieba-words-{_CACHE_FORMAT}-{source_key([path])}",
        lambda: _read_dict(path),
        valid=lambda v: isinstance(v, tuple) and len(v) == 3 and isinstance(v[0], dict) and bool(v[0]),
        prune="jieba-words-",
    )


def _make_tokenizer():
    import jieba

    class _WordTokenizer(jieba.Tokenizer):
        """jieba.Tokenizer over a words-only table (see the module docstring)."""

        def initialize(self, dictionary=None):  # noqa: D401 - jieba's signature
            if self.initialized:
                return
            with self.lock:
                if self.initialized:
                    return
                self.FREQ, self.total, longest = load_word_freq()
                #: Words added after loading (dictionary terms). They stay out of FREQ: jieba's
                #: 349,045 words fill FREQ's hash table to the brim, and a few hundred more would
                #: double it (+8 MB, and +16 MB at the moment of the resize).
                self.added: dict[str, int] = {}
                #: Longest dictionary word starting with each character: bounds the DAG scan.
                self.longest_from = dict(longest)
                self.initialized = True

        def get_DAG(self, sentence):
            self.check_initialized()
            known, added = self.FREQ.get, self.added.get
            longest = self.longest_from
            n = len(sentence)
            dag = {}
            for k in range(n):
                stop = min(n, k + longest.get(sentence[k], 1))
                ends = [i for i in range(k, stop) if known(sentence[k : i + 1]) or added(sentence[k : i + 1])]
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence, DAG, route):
            """jieba's best route (highest product of word probabilities, right to left), reading the
            added words too."""
            known, added = self.FREQ.get, self.added.get
            log_total = log(self.total)
            route[len(sentence)] = (0, 0)
            for k in range(len(sentence) - 1, -1, -1):
                options = []
                for end in DAG[k]:
                    word = sentence[k : end + 1]
                    options.append((log(known(word) or added(word) or 1) - log_total + route[end + 1][0], end))
                route[k] = max(options)

        def add_word(self, word, freq=None, tag=None):
            self.check_initialized()
            freq = int(freq) if freq is not None else self.suggest_freq(word, False)
            self.added[word] = freq
            self.total += freq
            if tag:
                self.user_word_tag_tab[word] = tag
            if len(word) > self.longest_from.get(word[0], 1):
                self.longest_from[word[0]] = len(word)

        def freq_of(self, word: str) -> int:
            return self.FREQ.get(word) or self.added.get(word) or 0

    jieba.setLogLevel(logging.WARNING)
    return _WordTokenizer()


class Segmenter:
    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._user_words = sorted({w for w in user_words if len(w) >= 2})
        self._tokenizer = None
        self._lock = threading.Lock()

    def _get(self):
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    tk = _make_tokenizer()
                    tk.initialize()
                    for w in self._user_words:
                        if not tk.freq_of(w):
                            tk.add_word(w, freq=_USER_WORD_FREQ)
                    self._tokenizer = tk
        return self._tokenizer

    @property
    def tokenizer(self):
        """The private jieba.Tokenizer (initialised on first use)."""
        return self._get()

    def word_freq(self, word: str) -> int:
        """Frequency of a word in the tokenizer's dictionary (0 when unknown)."""
        return self._get().freq_of(word)

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
