"""The typo lexicon: word frequencies, strong-word set and neighbour tables, loaded once and cached.

Sources (read as data files, never imported as libraries):
  * jieba's ``dict.txt`` (word, frequency, tag): the word list and the unigram language model;
  * pycorrector's ``person_name.txt`` / ``place_name.txt``: names that are never "corrected".

Building the tables from the text files takes about a second, so the result is stored once in a
compact cache file (``$GOVCHECK_CACHE_DIR`` or ``~/.cache/govcheck``) keyed by the sizes and
modification times of the source files; later processes load it in a few tens of milliseconds.
When the cache directory is not writable everything still works, only slower on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

#: Bump when the cache layout or the build parameters change.
_FORMAT = 16
#: Words below this frequency in jieba's dictionary are mostly noise (and include misspellings
#: such as 再接再励 with frequency 3), so they neither cover characters nor serve as corrections.
STRONG_FREQ = 5
#: Two-character corrections must be at least this frequent.
PAIR_FREQ = 20
#: Three- and four-character corrections (looked up in the language model's vocabulary).
LONG_FREQ = 10
MAX_WORD = 4
#: Words rarer than this stay out of the language model (jieba's dictionary has many frequency
#: 1–2 entries, some of them misspellings).
LM_FREQ = 5


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass
class Lexicon:
    #: Words of 2..MAX_WORD characters with frequency >= STRONG_FREQ, plus the names: they "cover"
    #: the characters they span. (The big word sets are dicts with None values, used only with
    #: `in`: the garbage collector never tracks a plain dict of strings, while it visits every
    #: member of a frozenset on each full collection, about 50 ms here.)
    strong: dict[str, None]
    #: Person and place names (2+ characters) from pycorrector's lists.
    names: dict[str, None]
    #: right[a]: the characters b (one string) such that a+b is a frequent two-character word;
    #: left[b] likewise.
    right: dict[str, str]
    left: dict[str, str]
    #: long_right[a]: the characters that follow a inside some three/four-character word of
    #: frequency >= LONG_FREQ (one string); long_left[b] likewise. A cheap filter before the
    #: dictionary look-ups of the near-miss search.
    long_right: dict[str, str]
    long_left: dict[str, str]
    #: Two-character verbs and state words: their ABAB reduplication (研究研究) is legitimate.
    redup: dict[str, None]
    #: word -> frequency for dictionary words of 1..MAX_WORD characters with frequency >= LM_FREQ
    #: (the language model's vocabulary), and the total count of jieba's dictionary.
    freq: dict[str, int]
    total: int


def sources() -> list[Path]:
    """The files the lexicon is built from (their sizes and times key the cache)."""
    from govcheck.pycorrector_data import data_file
    from govcheck.segment import jieba_dict_path

    return [jieba_dict_path(), data_file("person_name.txt"), data_file("place_name.txt")]


def _key(paths: list[Path]) -> str:
    parts = [str(_FORMAT)]
    for p in paths:
        st = p.stat()
        parts.append(f"{st.st_size}-{int(st.st_mtime)}")
    return "_".join(parts)


def _build(paths: list[Path]) -> tuple:
    jieba_dict, person, place = paths
    freq: dict[str, int] = {}
    total = 0
    redup: list[str] = []
    with open(jieba_dict, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split(" ")
            if len(parts) < 2:
                continue
            w = parts[0]
            try:
                f = int(parts[1])
            except ValueError:
                continue
            total += f
            if len(w) <= MAX_WORD and f > 0:
                freq[w] = f
            if len(w) == 2 and len(parts) > 2 and parts[2].strip() in ("v", "vd", "vi", "vn", "z"):
                redup.append(w)
    names: set[str] = set()
    for p in (person, place):
        with open(p, encoding="utf-8") as fh:
            for line in fh:
                name = line.split("\t", 1)[0].strip()
                if len(name) >= 2 and all(_is_han(c) for c in name):
                    names.add(name)
    right: dict[str, list[str]] = {}
    left: dict[str, list[str]] = {}
    long_right: dict[str, set[str]] = {}
    long_left: dict[str, set[str]] = {}
    for w, f in freq.items():
        if not all(_is_han(c) for c in w):
            continue
        if len(w) == 2 and f >= PAIR_FREQ:
            right.setdefault(w[0], []).append(w[1])
            left.setdefault(w[1], []).append(w[0])
        elif len(w) in (3, 4) and f >= LONG_FREQ:
            for a, b in zip(w, w[1:]):
                long_right.setdefault(a, set()).add(b)
                long_left.setdefault(b, set()).add(a)
    strong = sorted({w for w, f in freq.items() if len(w) >= 2 and f >= STRONG_FREQ} | names)
    lm_items = [
        (w, f)
        for w, f in freq.items()
        if (f >= LM_FREQ or (f >= 3 and len(w) <= 3)) and _is_han(w[0]) and _is_han(w[-1])
    ]
    lm_vocab = {w for w, _ in lm_items}
    return (
        # strong words outside the LM vocabulary only: the rest are taken from `freq` when loading,
        # so the two tables share their string objects
        "\n".join(w for w in strong if w not in lm_vocab),
        "\n".join(sorted(names)),
        {k: "".join(v) for k, v in right.items()},
        {k: "".join(v) for k, v in left.items()},
        {k: "".join(sorted(v)) for k, v in long_right.items()},
        {k: "".join(sorted(v)) for k, v in long_left.items()},
        "\n".join(redup),
        "\n".join(w for w, f in lm_items),
        [f for w, f in lm_items],
        total,
    )


def _materialise(raw: tuple) -> Lexicon:
    strong, names, right, left, long_right, long_left, redup, lm_words, lm_freqs, total = raw
    freq = dict(zip(lm_words.split("\n"), lm_freqs))
    # strong words are the frequent (>= STRONG_FREQ) words of the LM vocabulary, the few strong words
    # outside it and the names; taking them from `freq`'s keys shares ~175,000 strings (about 10 MB)
    # for ~10 ms of start-up
    strong_set = frozenset([w for w, f in freq.items() if f >= STRONG_FREQ and len(w) >= 2]).union(
        strong.split("\n") if strong else (), names.split("\n") if names else ()
    )
    names_set = frozenset(strong_set.intersection(names.split("\n"))) if names else frozenset()
    return Lexicon(
        strong=dict.fromkeys(strong_set),
        names=dict.fromkeys(names_set),
        # neighbour tables stay strings: the engine intersects them with frozenset.intersection
        right=dict(right),
        left=dict(left),
        long_right=dict(long_right),
        long_left=dict(long_left),
        redup=dict.fromkeys(redup.split("\n")),
        freq=freq,
        total=total,
    )


_lock = threading.Lock()
_lexicon: Optional[Lexicon] = None


def load_lexicon() -> Lexicon:
    """The process-wide lexicon (built or read from the cache on first call)."""
    global _lexicon
    if _lexicon is not None:
        return _lexicon
    with _lock:
        if _lexicon is None:
            _lexicon = _materialise(_load_raw())
    return _lexicon


def _load_raw() -> tuple:
    from govcheck.cache import cached

    paths = sources()
    return cached(
        f"typo-lexicon-{_key(paths)}",
        lambda: _build(paths),
        valid=lambda raw: isinstance(raw, tuple) and len(raw) == 10,
        prune="typo-lexicon-",
    )
