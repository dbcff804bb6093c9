"""Near-miss detection: a character that belongs to no dictionary word but, replaced by a
similar-sounding or similar-looking character, completes a frequent word.

Per check the work is proportional to the text, with no segmentation:
  1. coverage: each Han character is "covered" when a dictionary word (2–4 characters, frequency
     >= STRONG_FREQ) or a protected name spans it. Typos usually break the word they sit in, so they
     are left uncovered; about one correct character in ten is uncovered too (single-character
     words), which is why step 3 decides. With ``cover_freq`` a two-character word rarer than that
     does not cover (建身, 自台 are jieba words at frequency 5–99); such "weak" suspects must clear
     threshold + weak_extra.
  2. candidates, only at uncovered characters: confusable characters (pycorrector's same_pinyin
     and same_stroke tables) that form a frequent two-character word with a neighbour (neighbour
     tables) or a three/four-character word with the surrounding characters (looked up in the vocabulary).
  3. ranking: the unigram language model scores a short window around the character with the
     original and with each candidate; the best candidate is kept when its gain (log-probability
     margin) clears a threshold. The margin becomes the finding's confidence.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add as _add, eq as _eq, gt as _gt
from typing import Callable, Container, Iterable, Mapping, Optional

from govcheck.typo.charlm import BOS, EOS, fold
from govcheck.typo.lexicon import LONG_FREQ, STRONG_FREQ, Lexicon
from govcheck.typo.lm import UnigramLM


#: Characters that are words on their own in official prose (particles, prepositions, measure
#: words, pronouns): never treated as a typo by this engine.
FUNCTION_CHARS = frozenset(
    "的了着过是在和与及或而并且也都又就才还把被将对向从自以为于由按据经给让使令叫比跟同"
    "之其此该各每某本这那哪谁何么个位项件次年月日时分号元亿万千百十九八七六五四三二一零两"
    "不没无非未别莫勿很更最太极较稍再已曾正刚均皆仅只共总约近逾超多少大小上下中内外前后左右"
    "我你他她它们人者所等啊吗呢吧呀嘛哦如若虽但则即乃因故所以得地须应要能可会需"
)


#: Particles stay out of the function-character search: 的/地/得 slips are TYP021's, decided by
#: unambiguous patterns only.
PARTICLES = frozenset("的地得了着过")
#: a listed name stops covering its characters only when a sound-alike word this frequent exists
LOOSE_NAME_WORD_FREQ = 1000


@dataclass(frozen=True)
class Candidate:
    pos: int  # offset into the scanned text
    wrong: str
    right: str
    margin: float
    how: str  # "sound" or "shape"
    word: str  # the dictionary word the correction completes

    @property
    def confidence(self) -> float:
        return round(1.0 - math.exp(-max(self.margin, 0.0) / 6.0), 3)


#: what ends a place name below the county (芹泉镇, 扎赉特旗, 小岗村, 嘉兴路街道) and what ends the
#: larger unit written before it (左权县芹泉镇)
_PLACE_ENDS = ("镇", "乡", "村", "旗", "县", "街道", "社区", "苏木", "嘎查")
#: (a township or a street office is itself the larger unit of a village or a community: 桃园路街道
#: 劳动一坊社区, 芹泉镇小岗村)
_UNIT_ENDS = frozenset("省市县区旗盟州镇乡道")


_PLACE_END_AT = re.compile("(?=" + "|".join(_PLACE_ENDS) + ")")


def place_slots(text: str) -> frozenset[int]:
    """Offsets in two or three characters that end in a place suffix and start a clause or follow a
    larger unit, or in four that follow a larger unit: the slot of a village, community or township
    name, which no list holds."""
    out: set[int] = set()
    for m in _PLACE_END_AT.finditer(text, 2):
        b = m.start()
        for size in (2, 3, 4):
            a = b - size
            if a < 0:
                break
            after_unit = a > 0 and (text[a - 1] in _UNIT_ENDS and (text[a - 1] != "道" or text[a - 2 : a] == "街道"))
            if a and "\u4e00" <= text[a - 1] <= "\u9fff" and not after_unit:
                continue
            if size == 4 and not after_unit:
                continue
            if all("\u4e00" <= c <= "\u9fff" for c in text[a:b]):
                out.update(range(a, b))
    return frozenset(out)


#: The markers of an enumeration in official prose, at a clause start: 一是、二要、七要及时完善……
_ENUMERATION = re.compile(r"(?:^|(?<=[。；;，,：:！？\s]))(?:[一二三四五六七八九十]|十[一二三四五六七八九])[是要]")

#: What separates the items of a parallel list (政企分开、政资分开; 该保的一定要保住，该减的……).
_ITEM_SEPS = frozenset("、，；,;")
_ITEM_SEP = re.compile("(?<=[\u4e00-\u9fff])[" + "".join(sorted(_ITEM_SEPS)) + "](?=[\u4e00-\u9fff])")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_NO_SLOTS: frozenset[int] = frozenset()
#: List items are compared over their first and last ITEM_SPAN characters (the items of a parallel
#: list are short; words may lead into the first and follow the last)
ITEM_SPAN = 6


def parallel_slots(text: str) -> frozenset[int]:
    """Offsets where a list item differs from its neighbour across a separator while the characters
    on each side agree (政资 beside 政企 in 政企分开、政资分开; 消雨 beside 消雾): the slots a parallel
    list varies on purpose. Items line up from the left, or from the right when words lead into
    the first item (推动中国食业、农业); only ITEM_SPAN characters at each end are compared."""
    if not _ITEM_SEP.search(text):
        return _NO_SLOTS
    out: set[int] = set()
    runs = [m.span() for m in _HAN_RUN.finditer(text)]
    for (a, s), (s1, b) in zip(runs, runs[1:]):
        if s1 != s + 1 or text[s] not in _ITEM_SEPS or s - a < 2 or b - s1 < 2:
            continue
        left, right = text[a:s], text[s1:b]
        reach = min(len(left), len(right), ITEM_SPAN)
        # items with no character in the same place (from either end) are no parallel pair: most
        # clauses around a comma are told apart here, in C
        heads = any(map(_eq, left[: reach + 1], right[: reach + 1]))
        tails = any(map(_eq, left[::-1][: reach + 1], right[::-1][: reach + 1]))
        if not (heads or tails):
            continue
        for x, y, at in ((left, right, a), (right, left, s1)):
            n = len(x)
            if heads:
                for j in range(reach):
                    if x[j] != y[j] and _agree(x, y, j):
                        out.add(at + j)
            if tails:
                rx, ry = x[::-1], y[::-1]
                for j in range(reach):
                    if rx[j] != ry[j] and _agree(rx, ry, j):
                        out.add(at + n - 1 - j)
    return frozenset(out)


def _agree(x: str, y: str, j: int) -> bool:
    """True when x and y agree on each side of position j; where y (the other item) ends, x may go
    on (words leading into the list: 推动中国食业、农业), where x ends, y must end too."""
    left = j == 0 or x[j - 1] == y[j - 1]
    if j + 1 == len(y):
        right = True
    else:
        right = j + 1 < len(x) and x[j + 1] == y[j + 1]
    return left and right


def _spanned(text: str, i: int, table: Container[str], sizes: tuple) -> bool:
    """True when a string of `table` of one of these sizes spans character i of text."""
    n = len(text)
    return any(text[a : a + L] in table for L in sizes for a in range(max(0, i - L + 1), min(i, n - L) + 1))


def find_loose_names(
    names: Iterable[str], freq: Mapping[str, int], sound: Callable[[str], frozenset], ratio: float, surnames: str
) -> list[str]:
    """Two-character listed names that one sound-alike character turns into a word at least `ratio`
    times as frequent as the name and >= LOOSE_NAME_WORD_FREQ (建康 -> 健康, 新江 -> 新疆, 海阳 -> 海洋).
    Such a "name" in a sentence is far more often a slip than the name, so it should not vouch for
    its characters. Names led by a common surname (范伟, 吴质) stay protected: personnel lists are
    full of them."""
    out = []
    for w in names:
        if len(w) != 2 or w[0] in surnames:
            continue
        bar = max(ratio * max(freq.get(w) or 0, 1), LOOSE_NAME_WORD_FREQ)
        if any((freq.get(w[:j] + ch + w[j + 1 :]) or 0) >= bar for j in range(2) for ch in sound(w[j])):
            out.append(w)
    return sorted(out)


class NearMissEngine:
    def __init__(
        self,
        freq: Mapping[str, int],
        total: int,
        lexicon: Lexicon,
        sound: Callable[[str], frozenset],
        shape: Callable[[str], frozenset],
        *,
        threshold: float = 6.0,
        shape_penalty: float = 2.0,
        window: int = 3,
        neighbours: bool = False,
        extra_words: Iterable[str] = (),
        prior: Iterable[tuple[str, str]] = (),
        prior_bonus: float = 0.0,
        seg_penalty: float = 0.0,
        pair_extra: Optional[float] = None,
        second: Optional[float] = None,
        second_pair: Optional[float] = None,
        covered: Optional[float] = None,
        covered_freq: int = 50,
        covered_sound_only: bool = True,
        covered_all: bool = True,
        cover_freq: int = 0,
        weak_extra: float = 0.0,
        char_lm=None,
        char_weight: float = 0.0,
        surprise: Optional[float] = None,
        surprise_extra: float = 0.0,
        wider: Iterable[tuple[Callable[[str], str], float, str]] = (),
        function_extra: Optional[float] = None,
        homophone_extra: Optional[float] = None,
        echo_bonus: float = 0.0,
        echo_penalty: float = 0.0,
        plain_surprise: Optional[float] = None,
        neighbour_pair_freq: Optional[int] = None,
        loose_names: Iterable[str] = (),
        name_extra: float = 0.0,
        place_extra: float = 0.0,
        parallel_extra: float = 0.0,
        rare_any: Optional[float] = None,
        rare_count: int = 30,
    ) -> None:
        self.freq = freq
        self.lex = lexicon
        self.lm = UnigramLM(freq, total, seg_penalty=seg_penalty)
        self.sound = sound
        self.shape = shape
        self.threshold = threshold
        self.shape_penalty = shape_penalty
        self.window = window
        self.neighbours = neighbours
        #: the neighbour search also accepts a two-character word with the suspect itself (全民建身:
        #: 身 is the suspect, 建 -> 健 makes 健身) when the word's frequency is at least this (None: off)
        self.neighbour_pair_freq = neighbour_pair_freq
        #: Noisy-channel prior: (wrong, right) character pairs attested as real slips (learned from
        #: the ECSpell train splits) add prior_bonus to the margin; unattested pairs need the full margin.
        self.prior = frozenset(prior)
        self.prior_bonus = prior_bonus
        #: Two adjacent unexplained characters both miswritten (神盘 -> 审判, 钟扬 -> 中央): tried when
        #: not None, reported above threshold + pair_extra (two changes need more evidence).
        self.pair_extra = pair_extra
        #: Second pass (errors cluster): in a sentence that already has a finding, apply the
        #: corrections and search the sentence again with this (lower) threshold; None: off.
        #: second_pair: threshold for double substitutions in that pass (None: off).
        self.second = second
        self.second_pair = second_pair
        #: Word-in-dictionary slips (编织 for 编制 in 人员编织, 自制区): a character that only a
        #: two-character word covers, replaced by a confusable character, forms a three/four-character
        #: word of frequency >= covered_freq; reported at margin >= covered (None: off).
        self.covered = covered
        self.covered_freq = covered_freq
        self.covered_sound_only = covered_sound_only
        #: False: the word-in-dictionary check runs only in the second pass (sentences with a finding)
        self.covered_all = covered_all
        self._masked: Optional[dict[str, str]] = None
        #: Two-character words rarer than this (jieba frequency; names excepted) do not explain their
        #: characters in step 1: those characters are searched at threshold + weak_extra (0: off).
        self.cover_freq = cover_freq
        #: (a dict used as a set, like the lexicon's: never tracked by the garbage collector)
        self._rare: dict[str, None] = dict.fromkeys(
            w
            for w in lexicon.strong
            if cover_freq > 0 and len(w) == 2 and (freq.get(w) or 0) < cover_freq and w not in lexicon.names
        )
        self.weak_extra = weak_extra
        self._names = lexicon.names
        #: loose names (see find_loose_names: 建康 for 健康, 海阳 for 海洋) no longer vouch for their
        #: characters; a change inside one must clear threshold + weak_extra + name_extra (the name
        #: may be meant: 海阳核电站)
        self._loose: frozenset = frozenset()
        self.name_extra = name_extra
        self.place_extra = place_extra
        #: a change where the items of a parallel list differ on purpose (政资 in 政企分开、政资分开,
        #: 消雨 in 消雨、消雾) needs this much more margin (see parallel_slots)
        self.parallel_extra = parallel_extra
        self._text_memo: Optional[tuple[str, dict]] = None
        if loose_names:
            self._loose = frozenset(loose_names)
            self._rare.update(dict.fromkeys(self._loose))
            self._names = {w: None for w in lexicon.names if w not in self._loose}
        #: Context: a character trigram model (govcheck.typo.charlm) judges with the word model;
        #: a candidate's margin is (1 - char_weight) * word margin + char_weight * trigram margin.
        self.char_lm = char_lm if char_weight > 0 else None
        self.char_weight = char_weight
        #: Real-word slips (农参品, 保剑 are made of words): with the trigram model, a character that
        #: words do cover is a suspect too when the model finds it and the next character surprising
        #: (summed surprisal in nats >= surprise); None: off. On ECSpell the filter keeps ~95 % of the
        #: slips and a third of the other characters, which keeps the search fast.
        self.surprise = surprise if self.char_lm is not None else None
        #: such a character already forms a word, so its replacement must clear threshold + this
        self.surprise_extra = surprise_extra
        #: A character no word explains is searched only when the trigram model finds it and a
        #: neighbour surprising too (its surprisal summed with the next or the previous character's
        #: >= plain_surprise; None: always). On the ECSpell folds no slip was lost at 10 nats, while
        #: the suspects of clean text fell twentyfold.
        self.plain_surprise = plain_surprise if self.surprise is not None else None
        #: the surprisal sums are scored once, down to the lower of the two limits
        self.lowest_surprise = surprise if self.plain_surprise is None else min(surprise, self.plain_surprise)
        #: Wider confusion sets beyond the sound and shape tables (govcheck.typo.readings): each a
        #: lookup (character -> characters), the margin a candidate from it gives up, and "sound" or
        #: "shape". Double substitutions and the neighbour search stay on the base tables (the first
        #: grows with the square, the second runs at both sides of every suspect).
        self.wider = tuple(wider)
        #: A character the trigram model's corpus holds fewer than rare_count times (旼, 僡, 敕 in
        #: 先法性旼件, 道僡评价, 调敕事项) is a slip about half the time in ECSpell, and often to a
        #: character no table links it with: any common character may replace it, at rare_any more
        #: margin (None: off).
        if rare_any is not None and self.char_lm is not None:
            from govcheck.typo.readings import common_chars

            uni = self.char_lm.uni
            targets = frozenset(sorted(common_chars(), key=lambda c: -uni.get(c, 0))[:RARE_TARGETS])
            self.wider += ((_RareAny(uni, rare_count, targets), rare_any, "rare"),)
        #: Function characters (FUNCTION_CHARS) that the trigram model finds surprising are searched
        #: too, at threshold + function_extra (None: never; slips land on them too: 狠抓个乡 for 各项,
        #: 才政 for 财政).
        self.function_extra = function_extra
        #: A whole two-character word typed as its homophone (第三方机构平谷机制 for 评估, 时常监管 for
        #: 市场): both characters are real words' characters, so neither is a suspect. Tried where the
        #: trigram model is surprised, reported at threshold + homophone_extra (None: off).
        self.homophone_extra = homophone_extra if self.surprise is not None else None
        self._homo_cache: dict[str, tuple[str, ...]] = {}
        #: What the rest of the text says (see _echoed): the corrected word written rightly in the same
        #: sentence adds echo_bonus; the same spelling as at the slip written again anywhere in the
        #: text (a name, a term of the document) takes echo_penalty (0: off).
        self.echo_bonus = echo_bonus
        self.echo_penalty = echo_penalty
        #: confusable set per character (sound | shape | wider), filled on demand
        self._sim: dict[str, frozenset] = {}
        self._narrow: dict[str, frozenset] = {}
        #: the lexicon's neighbour tables (character -> string of characters) as cached frozensets
        self._right_sets = _CharSets(lexicon.right)
        self._left_sets = _CharSets(lexicon.left)
        self._long_right_sets = _CharSets(lexicon.long_right)
        self._long_left_sets = _CharSets(lexicon.long_left)
        self._pairs_cache: dict[str, tuple[str, ...]] = {}
        words = sorted({w for w in extra_words if len(w) >= 2}, key=len, reverse=True)
        #: Extra words (official compounds jieba lacks): their characters are never suspects.
        self.extra_rx = re.compile("|".join(map(re.escape, words))) if words else None

    def forget(self) -> None:
        """Empty what the engine remembers of texts it has read (scores of windows, trigrams, word
        pairs); the character tables stay. A speed measurement of unseen sentences starts here."""
        self.lm._cache.clear()
        self._homo_cache.clear()
        self._pairs_cache.clear()
        if self.char_lm is not None:
            self.char_lm.forget()

    # -- step 2 --------------------------------------------------------------------------------
    def similar(self, c: str) -> frozenset:
        """Confusable characters of c (sound | shape | the wider sets), cached."""
        sim = self._sim.get(c)
        if sim is None:
            sim = self.sound(c) | self.shape(c)
            if self.wider:
                sim = sim.union(*(look(c) for look, _, _ in self.wider))
            if len(self._sim) < 20000:
                self._sim[c] = sim
        return sim

    def similar_base(self, c: str) -> frozenset:
        """Confusable characters of c by the sound and shape tables only, cached when wider sets
        exist (else similar() holds the same sets)."""
        if not self.wider:
            return self.similar(c)
        sim = self._narrow.get(c)
        if sim is None:
            sim = self.sound(c) | self.shape(c)
            if len(self._narrow) < 20000:
                self._narrow[c] = sim
        return sim

    def kind_of(self, c: str, ch: str, sound: frozenset, shape: frozenset) -> tuple[str, float]:
        """How ch is confusable with c ("sound" or "shape") and the margin that costs; sound and
        shape are c's table sets (the caller looks them up once for all its candidates)."""
        if ch in sound:
            return "sound", 0.0
        if ch in shape or not self.wider:
            return "shape", self.shape_penalty
        best = None
        for look, penalty, how in self.wider:
            if ch in look(c) and (best is None or penalty < best[1]):
                best = (how, penalty)
        return best or ("shape", self.shape_penalty)

    def candidates(self, run: str, i: int) -> set[str]:
        c = run[i]
        sim = self.similar(c)
        if not sim:
            return set()
        out: set[str] = set()
        if i > 0:
            r = self._right_sets[run[i - 1]]
            if r:
                out.update(sim.intersection(r))
        if i + 1 < len(run):
            lft = self._left_sets[run[i + 1]]
            if lft:
                out.update(sim.intersection(lft))
        # three/four-character words through the window: look the filled-in window up in the
        # language model's vocabulary (no separate masked index: saves ~20 MB)
        # (C-level filter first: the character must sit next to its neighbour in some long word)
        freq = self.freq
        n = len(run)
        # a character inside a long word follows its left neighbour in some long word (`after_left`)
        # and precedes its right one (`before_right`); each window needs only what its position asks
        after_left = sim.intersection(self._long_right_sets[run[i - 1]]).difference(out) if i > 0 else frozenset()
        before_right = sim.intersection(self._long_left_sets[run[i + 1]]).difference(out) if i + 1 < n else frozenset()
        if after_left or before_right:
            inner = after_left & before_right
            for L in (3, 4):
                for s in range(max(0, i - L + 1), min(i, n - L) + 1):
                    alts = before_right if s == i else (after_left if s + L - 1 == i else inner)
                    if not alts:
                        continue
                    pre, post = run[s:i], run[i + 1 : s + L]
                    for ch in alts:
                        if (freq.get(pre + ch + post) or 0) >= LONG_FREQ:
                            out.add(ch)
        out.discard(c)
        return out

    # -- step 3 --------------------------------------------------------------------------------
    def margins(self, run: str, i: int, news: list[str], window: str, k: int, around: Optional[tuple[str, int]] = None) -> list[float]:
        """The judge: for each replacement of run[i:i+len(new)], the word model's margin over
        `window` (which holds run[i] at offset k), blended with the trigram model's when there is one.
        around = (text, offset of run[i] in it): the trigram model reads the two characters on each
        side from the text itself, punctuation included (a run stops at 、 or a quote mark, and
        招标、 tells more than 招标 at a line end)."""
        L = len(news[0]) if news else 1
        base, scores = self.lm.variants(window, k, L, news)
        out = [v - base for v in scores]
        if self.char_lm is not None and news:
            w = self.char_weight
            run, i = _beside(run, i, L, around)
            out = [(1.0 - w) * m + w * c for m, c in zip(out, self.char_lm.deltas(run, i, news))]
        return out

    def _pin(self, text: str, jobs: list) -> None:
        """Have the trigram model score every candidate of the jobs in one numpy pass (see
        CharTrigramLM.pin); the judge then finds them cached."""
        lm = self.char_lm
        if lm is None:
            return
        tris: list[str] = []
        for i, a, run, k, cands, near in jobs:
            for at, alts in ([(i, cands)] if cands else []) + [(a + j, alts) for j, alts in near.items()]:
                before, after = lm.trigrams(*_beside(run, 0, 1, (text, at)), list(alts))
                tris += before
                for t in after:
                    tris += t
        lm.pin(tris)

    def best(self, run: str, i: int, cands: Iterable[str], around: Optional[tuple[str, int]] = None) -> Optional[Candidate]:
        w = self.window
        a, b = max(0, i - w), min(len(run), i + w + 1)
        window = run[a:b]
        k = i - a
        c = run[i]
        sound, shape = self.sound(c), self.shape(c)
        cands = list(cands)
        if not cands:
            return None
        top = None
        for ch, margin in zip(cands, self.margins(run, i, cands, window, k, around)):
            how, cost = self.kind_of(c, ch, sound, shape)
            margin -= cost
            if top is None or margin > top[1]:
                top = (ch, margin, how)
        ch, margin, how = top
        # the prior lowers the bar for attested slips; it never overrides the model's choice
        if self.prior_bonus and (c, ch) in self.prior:
            margin += self.prior_bonus
        return Candidate(i, c, ch, margin, how, _word_around(window[:k] + ch + window[k + 1 :], k, self.freq))

    # -- step 1 --------------------------------------------------------------------------------
    def suspects(
        self,
        text: str,
        weak: Optional[set] = None,
        covered: Optional[set] = None,
        funcs: Optional[set] = None,
        memo: Optional[dict] = None,
    ) -> list[int]:
        """Step 1: offsets of Han characters no strong word (2–4 characters) or name spans, function
        characters excluded. One pass of set look-ups over pairs, then a byte search.
        With cover_freq set, characters that only a rare two-character word explains are suspects
        too; they are also added to `weak` (when given), which the caller holds to a higher bar.
        With function_extra set, function characters the trigram model finds surprising are suspects
        too and are added to `funcs`. With plain_surprise set, the unexplained characters the
        trigram model does not find surprising are dropped. `memo` passes the trigram model's
        surprising offsets and sums between the passes (see _marks)."""
        strong = self.lex.strong
        n = len(text)
        if n < 2:
            return []
        # C-level loop: every adjacent pair, looked up in the strong-word set
        pairs = list(map(_add, text, text[1:]))
        mask = bytes(map(strong.__contains__, pairs)) + b"\x00"
        strict = None
        if self._rare:
            # a rare two-character word does not cover; the strict mask remembers it did
            strict = mask
            mask = bytes(map(_gt, strict, map(self._rare.__contains__, pairs))) + b"\x00"
        # i is a suspect when neither the pair ending at i nor the pair starting at i is a word
        starts = [0] if mask[0] == 0 else []
        pos = mask.find(b"\x00\x00")
        while pos >= 0:
            starts.append(pos + 1)
            pos = mask.find(b"\x00\x00", pos + 1)
        if self.plain_surprise is not None and starts:
            # the trigram model's filter first: it drops most unexplained characters of edited text,
            # and the look-ups below are then made for the few that stay
            marks = self._marks(text, memo)
            # both sums that hold the character's own surprisal count (with the next, with the previous)
            least = self.plain_surprise
            starts = [i for i in starts if marks.get(i, 0.0) >= least or marks.get(i - 1, 0.0) >= least]
        func = FUNCTION_CHARS
        protected = self._protected(text) if starts else set()
        out = []
        for i in starts:
            if i in protected:
                continue
            if i >= n:
                continue
            ch = text[i]
            if ch < "\u4e00" or ch > "\u9fff" or ch in func:
                continue
            if not self._inside_long_at(text, strong, i, n):
                out.append(i)
                if strict is not None and (strict[i] or (i > 0 and strict[i - 1])):
                    if weak is not None:
                        weak.add(i)
        if self.surprise is not None:
            extra = set(self._surprising(text, protected, memo)).difference(out)
            if extra:
                if covered is not None:
                    covered.update(extra)
                out = sorted(extra.union(out))
        if funcs is not None and self.function_extra is not None:
            funcs.update(i for i in out if text[i] in FUNCTION_CHARS)
        return out

    def _surprising(self, text: str, protected: set[int], memo: Optional[dict] = None) -> list[int]:
        """Covered Han characters where the trigram model is surprised (see ``surprise``); never
        inside a protected name or an extra official word. The model's offsets come from _marks
        (kept in memo["raw"] for the second pass)."""
        if not protected:
            protected = self._protected(text)
        func = FUNCTION_CHARS if self.function_extra is None else PARTICLES
        names, limit, n = self._names, self.surprise, len(text)
        strong = self.lex.strong
        out = []
        for i in self._over(self._marks(text, memo), limit):
            ch = text[i]
            if ch < "\u4e00" or ch > "\u9fff" or ch in func or i in protected:
                continue
            if any(text[a : a + L] in names for L in (2, 3, 4) for a in range(max(0, i - L + 1), min(i, n - L) + 1)):
                continue
            if self._inside_long_at(text, strong, i, n):
                continue  # a three/four-character word vouches for it
            out.append(i)
        return out

    def _protected(self, text: str) -> frozenset[int]:
        """Offsets inside the extra official words (official_words.txt) and enumeration markers
        (一是……二是……, 七要及时……): never suspects."""
        return self._of_text(text, self._find_protected)

    def _find_protected(self, text: str) -> frozenset[int]:
        out: set[int] = set()
        if self.extra_rx is not None:
            for m in self.extra_rx.finditer(text):
                out.update(range(m.start(), m.end()))
        for m in _ENUMERATION.finditer(text):
            out.update(range(m.start(), m.end()))
        return frozenset(out)

    def _marks(self, text: str, memo: Optional[dict]) -> dict[int, float]:
        """{offset: summed surprisal} of the text's surprising characters, down to the lower of the two
        surprise limits: scored once and kept in memo["raw"] (the second pass passes its own)."""
        marks = memo.get("raw") if memo is not None else None
        if marks is None:
            marks = self.char_lm.surprise_sums(text, self.lowest_surprise)
            if memo is not None:
                memo["raw"] = marks
        return marks

    @staticmethod
    def _over(marks: Mapping[int, float], limit: float) -> list[int]:
        return [i for i, v in marks.items() if v >= limit]

    @staticmethod
    def _inside_long_at(text: str, strong: frozenset, i: int, n: int) -> bool:
        """True when a three/four-character strong word spans character i (only the few windows
        through i are looked up: far cheaper than marking the whole text)."""
        for L in (3, 4):
            for a in range(max(0, i - L + 1), min(i, n - L) + 1):
                if text[a : a + L] in strong:
                    return True
        return False

    def neighbour_candidates(self, run: str, k: int) -> dict[int, set[str]]:
        """Candidates at the characters next to suspect k: a three/four-character word that spans k
        appears when a *neighbour* is replaced (规划化 -> 规范化: 化 is the suspect, 划 the typo)."""
        freq = self.freq
        n = len(run)
        out: dict[int, set[str]] = {}
        for j in (k - 1, k + 1):  # the character next to the suspect (叫育部, 规划化)
            if j < 0 or j >= n:
                continue
            c = run[j]
            # the tables only: the wider sets at both neighbours of every suspect would cost a
            # third of the search on clean text
            sim = self.similar_base(c)
            # a three/four-character word through j nearly always holds a two-character word with
            # the replacement (教育部: 教育): a cheap C-level filter before the dictionary look-ups
            alts = set()
            if j > 0:
                alts.update(sim.intersection(self._right_sets[run[j - 1]]))
            if j + 1 < n:
                alts.update(sim.intersection(self._left_sets[run[j + 1]]))
            alts.discard(c)
            if not alts:
                continue
            if self.neighbour_pair_freq is not None and c not in PARTICLES:
                least = self.neighbour_pair_freq
                for ch in alts:
                    w = ch + run[k] if j < k else run[k] + ch
                    if (freq.get(w) or 0) >= least:
                        out.setdefault(j, set()).add(ch)
            # exact filters by position in the window, as in candidates()
            after_left = alts.intersection(self._long_right_sets[run[j - 1]]) if j > 0 else set()
            before_right = alts.intersection(self._long_left_sets[run[j + 1]]) if j + 1 < n else set()
            inner = after_left & before_right
            for L in (3, 4):
                for s in range(max(0, min(j, k) - L + 2), min(j, k, n - L) + 1):
                    pre, post = run[s:j], run[j + 1 : s + L]
                    for ch in before_right if s == j else (after_left if s + L - 1 == j else inner):
                        if (freq.get(pre + ch + post) or 0) >= LONG_FREQ:
                            out.setdefault(j, set()).add(ch)
        return out

    def detect(self, text: str, offset: int = 0) -> list[Candidate]:
        """Candidates over the whole text; a long text is searched in pieces cut after a line end or a
        full stop (every window of the search stays inside a sentence, so the cuts change nothing but
        the size of the temporary tables)."""
        if len(text) > CHUNK:
            out: list[Candidate] = []
            for a, b in _pieces(text, CHUNK):
                out += self.detect(text[a:b], offset + a)
            return out
        memo: dict = {}
        try:
            found = self._detect(text, self.threshold, self.pair_extra, memo=memo)
            if found and self.second is not None:
                self._second_pass(text, found, memo.get("raw"))
        finally:
            if self.char_lm is not None:
                self.char_lm.unpin()
        return [self._shift(found[p], offset) for p in sorted(found)]

    @staticmethod
    def _shift(c: Candidate, offset: int) -> Candidate:
        if not offset:
            return c
        return Candidate(offset + c.pos, c.wrong, c.right, c.margin, c.how, c.word)

    def _second_pass(self, text: str, found: dict[int, "Candidate"], raw: Optional[dict[int, float]] = None) -> None:
        """Errors cluster (a hurried or injected slip rarely comes alone): in each sentence with a
        finding, apply the findings' corrections and look again at the lower threshold.
        raw: the first pass's surprising offsets ({offset: summed surprisal}); only those near a
        correction are scored again."""
        done: set[int] = set()
        pair_extra = None if self.second_pair is None else self.second_pair - self.second
        for pos in sorted(found):
            if pos in done:
                continue
            a = pos
            while a > 0 and text[a - 1] not in _SENT_END:
                a -= 1
            b = pos
            n = len(text)
            while b < n and text[b] not in _SENT_END:
                b += 1
            hits = [p for p in found if a <= p < b]
            done.update(hits)
            chars = list(text[a:b])
            for p in hits:
                c = found[p]
                chars[p - a : p - a + len(c.right)] = c.right
            fixed = "".join(chars)
            taken = set()
            for p in hits:
                taken.update(range(p, p + len(found[p].right)))
            memo = None
            if raw is not None and self.char_lm is not None:
                memo = {"raw": self._resurprise(raw, fixed, a, b, [p - a for p in hits], [len(found[p].right) for p in hits])}
            more = self._detect(fixed, self.second, pair_extra, second=True, memo=memo)
            for q, c in more.items():
                span = range(a + q, a + q + len(c.right))
                if any(x in taken for x in span):
                    continue
                # the wrong characters are the original text's, not the corrected sentence's
                wrong = text[a + q : a + q + len(c.right)]
                if wrong != c.wrong:
                    continue
                found[a + q] = Candidate(a + q, c.wrong, c.right, c.margin, c.how, c.word)
                taken.update(span)

    def _resurprise(self, raw: dict[int, float], fixed: str, a: int, b: int, at: list[int], widths: list[int]) -> dict[int, float]:
        """The surprising offsets of the corrected sentence fixed (= text[a:b] with corrections at the
        offsets `at`): a character's surprisal looks back two characters, so only offsets from one
        before a correction to two after it can change; those are scored, the rest are kept."""
        zone: set[int] = set()
        n = len(fixed)
        for p, w in zip(at, widths):
            zone.update(range(max(0, p - 1), min(n, p + w + 2)))
        keep = {i - a: v for i, v in raw.items() if a <= i < b and i - a not in zone}
        if not zone:
            return keep
        low = self.lowest_surprise
        x = BOS + BOS + fold(fixed) + EOS
        lp = self.char_lm.logp  # x[i:i+3] is the trigram that ends at fixed[i]
        for i in zone:
            v = -(lp(x[i : i + 3]) + lp(x[i + 1 : i + 4]))
            if v >= low:
                keep[i] = v
        return dict(sorted(keep.items()))

    def _detect(
        self,
        text: str,
        threshold: float,
        pair_extra: Optional[float],
        second: bool = False,
        memo: Optional[dict] = None,
    ) -> dict[int, "Candidate"]:
        offset = 0
        found: dict[int, Candidate] = {}
        n = len(text)
        reach = max(4, self.window)
        # weak: characters only a rare two-character word explains (cover_freq): a higher bar
        weak: set[int] = set()
        # covered: characters words explain that the trigram model still finds surprising
        covered: set[int] = set()
        funcs: set[int] = set()
        sus = self.suspects(text, weak, covered, funcs, memo)
        # gather every suspect's candidates first, so the trigram model scores them in one pass
        jobs = []
        for i in sus:
            a = i
            while a > 0 and i - a < reach and "\u4e00" <= text[a - 1] <= "\u9fff":
                a -= 1
            b = i + 1
            while b < n and b - i <= reach and "\u4e00" <= text[b] <= "\u9fff":
                b += 1
            if b - a < 2:
                continue
            run = text[a:b]
            k = i - a
            near = self.neighbour_candidates(run, k) if self.neighbours and i not in weak and i not in covered else {}
            jobs.append((i, a, run, k, self.candidates(run, k), near))
        self._pin(text, jobs)
        for i, a, run, k, cands, near in jobs:
            options: list[Candidate] = []
            if cands:
                cand = self.best(run, k, cands, (text, i))
                if cand is not None:
                    options.append(cand)
            for j, alts in near.items():
                cand = self.best(run, j, alts, (text, a + j))
                if cand is not None:
                    options.append(cand)
            if not options:
                continue
            cand = max(options, key=lambda c: c.margin)
            bar = threshold + (self.weak_extra if i in weak else 0.0) + (self.surprise_extra if i in covered else 0.0)
            if i in funcs:
                bar += self.function_extra
            bar += self._name_extra(text, i)
            cand = self._echoed(text, a + cand.pos, cand, bar)
            if cand.margin >= bar:
                pos = a + cand.pos
                prev = found.get(pos)
                if prev is None or cand.margin > prev.margin:
                    found[pos] = Candidate(offset + pos, cand.wrong, cand.right, cand.margin, cand.how, cand.word)
        if pair_extra is not None and len(sus) > 1:
            self._detect_pairs(text, offset, sus, found, threshold + pair_extra)
        if self.homophone_extra is not None and memo is not None and memo.get("raw"):
            self._detect_homophones(text, offset, self._over(memo["raw"], self.surprise), found, threshold + self.homophone_extra)
        if self.covered is not None and (second or self.covered_all):
            self._detect_covered(text, set(sus), found, max(self.covered, threshold))
        return found

    def _masked_index(self) -> dict[str, str]:
        """Three/four-character words of frequency >= covered_freq with one character masked
        (key: the word with NUL in place of the character) -> the characters that fill the gap.
        Built on first use of the word-in-dictionary check (off by default)."""
        idx = self._masked
        if idx is None:
            tmp: dict[str, list[str]] = {}
            minf = self.covered_freq
            for w, f in self.freq.items():
                if 3 <= len(w) <= 4 and f >= minf and all("\u4e00" <= x <= "\u9fff" for x in w):
                    for j in range(len(w)):
                        tmp.setdefault(w[:j] + "\x00" + w[j + 1 :], []).append(w[j])
            idx = self._masked = {k: "".join(v) for k, v in tmp.items()}
        return idx

    def _detect_covered(self, text: str, sus: set[int], found: dict[int, "Candidate"], limit: float) -> None:
        """Characters inside a two-character word whose swap completes a frequent longer word
        (人员编织 -> 人员编制 needs 人员编制 in the dictionary): one masked-key look-up per window."""
        strong = self.lex.strong
        masked = self._masked_index()
        func = FUNCTION_CHARS
        n = len(text)
        protected: Optional[set[int]] = None
        sound_only = self.covered_sound_only
        # C-level pass: for every window length L and masked slot j, look the masked windows up
        fill: dict[int, str] = {}
        # characters inside a known three/four-character word are never suspects
        inside = bytearray(n)
        for L in (3, 4):
            if n < L:
                continue
            m = n - L + 1
            cols = [text[k : k + m] for k in range(L)]
            keys = map(_add, cols[0], cols[1])
            for col in cols[2:]:
                keys = map(_add, keys, col)
            for a in compress(range(m), map(strong.__contains__, keys)):
                inside[a : a + L] = b"\x01" * L
        for L in (3, 4):
            if n < L:
                continue
            m = n - L + 1
            cols = [text[k : k + m] for k in range(L)]
            for j in range(L):
                parts = [repeat("\x00", m) if k == j else cols[k] for k in range(L)]
                keys = map(_add, parts[0], parts[1])
                for col in parts[2:]:
                    keys = map(_add, keys, col)
                vals = list(map(masked.get, keys))
                for a in compress(range(m), vals):
                    if not inside[a + j]:
                        fill[a + j] = fill.get(a + j, "") + vals[a]
        for i in sorted(fill):
            c = text[i]
            if c < "\u4e00" or c > "\u9fff" or c in func or i in sus or i in found:
                continue
            fills = fill[i]
            sim = self.sound(c) if sound_only else self.similar(c)
            cands = sim.intersection(fills)
            if not cands:
                continue
            if protected is None:
                protected = self._protected(text)
            if i in protected:
                continue
            a = max(0, i - 4)
            while a < i and not ("\u4e00" <= text[a] <= "\u9fff"):
                a += 1
            b = min(n, i + 5)
            run = text[a:b]
            cand = self.best(run, i - a, cands, (text, i))
            if cand is not None and cand.margin >= limit:
                found[i] = Candidate(i, cand.wrong, cand.right, cand.margin, cand.how, cand.word)

    def _word_pairs(self, x: str, y: str, look: Callable[[str], frozenset], cache: dict) -> tuple[str, ...]:
        """Frequent two-character words cx + cy with cx in look(x) and cy in look(y) (cached by x + y)."""
        got = cache.get(x + y)
        if got is None:
            near_y = look(y)
            words: list[str] = []
            if near_y:
                freq, right = self.freq, self._right_sets
                for cx in look(x):
                    r = right[cx]
                    if r:
                        words += [w for w in (cx + cy for cy in near_y.intersection(r)) if (freq.get(w) or 0) >= PAIR_WORD_FREQ]
            got = tuple(words)
            if len(cache) > 10_000:
                cache.clear()
            cache[x + y] = got
        return got

    def _pair_words(self, x: str, y: str) -> tuple[str, ...]:
        """Frequent two-character words whose characters are confusable with x and y (the sound and
        shape tables only)."""
        return self._word_pairs(x, y, self.similar_base, self._pairs_cache)

    def _detect_pairs(self, text: str, offset: int, sus: list[int], found: dict[int, Candidate], limit: float) -> None:
        """Both characters of an unexplained pair replaced at once, when the result is a frequent word."""
        jobs = []
        for i, j in zip(sus, sus[1:]):
            if j != i + 1 or i in found or j in found:
                continue
            x, y = text[i], text[j]
            if x == y:
                continue  # a doubled character (一剂剂, 常常) is a reduplication, not two slips
            pairs = self._pair_words(x, y)
            if pairs:
                jobs.append((i, pairs))
        self._pin_words(text, jobs)
        for i, pairs in jobs:
            best, best_m = self._best_word(text, i, pairs)
            x, y = text[i], text[i + 1]
            bar = limit + self._name_extra(text, i, 2)
            if self.freq.get(x + y):
                # the pair is a (rare) dictionary word itself (脐橙): one word for another needs more
                bar += self.weak_extra
            cand = self._echoed(text, i, Candidate(i, x + y, best, best_m, "sound", best), bar)
            if cand.margin >= bar:
                sound = self.sound(x), self.sound(y)
                how = "sound" if best[0] in sound[0] and best[1] in sound[1] else "shape"
                found[i] = Candidate(offset + i, x + y, best, cand.margin, how, best)

    def _echoed(self, text: str, p: int, cand: Candidate, bar: Optional[float] = None) -> Candidate:
        """The candidate with its margin moved by what the rest of the text says. The word the
        correction completes, written rightly elsewhere in the same sentence (联席会已 ... 联席会议,
        正人到庭后 after 证人应当到庭), earns echo_bonus; the spelling found here, written again anywhere
        in the text, costs echo_penalty: a writer repeats names and terms of the document (分月或者
        分季预缴 twice in one regulation), seldom the same slip. With a bar, only a candidate the
        evidence could move across it is looked at."""
        if not (self.echo_bonus or self.echo_penalty):
            return cand
        if bar is not None and not bar - self.echo_bonus <= cand.margin < bar + self.echo_penalty:
            return cand
        word, width = cand.word, len(cand.right)
        L = len(word)
        here = None
        for j in range(L - width + 1) if L >= 2 else ():
            seg = text[p - j : p - j + L] if p >= j else ""
            if len(seg) == L and seg[:j] + cand.right + seg[j + width :] == word:
                here = (p - j, seg)
                break
        if here is None:
            return cand
        start, seg = here
        margin = cand.margin
        if self.echo_bonus:
            a, b = start, start + L
            lo, hi = max(0, start - ECHO_REACH), min(len(text), b + ECHO_REACH)
            while a > lo and text[a - 1] not in _SENT_END:
                a -= 1
            while b < hi and text[b] not in _SENT_END:
                b += 1
            if word in text[a:b]:
                margin += self.echo_bonus
        if self.echo_penalty and (text.find(seg, start + 1) >= 0 or text.rfind(seg, 0, start) >= 0):
            margin -= self.echo_penalty
        return Candidate(cand.pos, cand.wrong, cand.right, margin, cand.how, word)

    def _word_window(self, text: str, p: int) -> tuple[str, int]:
        """The window the judge reads around the two characters text[p:p+2], and p's offset in it."""
        a = max(0, p - self.window)
        return text[a : min(len(text), p + 2 + self.window)], p - a

    def _best_word(self, text: str, p: int, words: tuple[str, ...]) -> tuple[str, float]:
        """The two-character replacement of text[p:p+2] the judge likes best, and its margin."""
        window, k = self._word_window(text, p)
        margins = self.margins(window, k, list(words), window, k)
        m = max(margins)
        return words[margins.index(m)], m

    def _pin_words(self, text: str, jobs: list[tuple[int, tuple[str, ...]]]) -> None:
        """Two-character replacements (offset, words): scored by the trigram model in one pass."""
        lm = self.char_lm
        if lm is None or not jobs:
            return
        tris: list[str] = []
        for p, words in jobs:
            before, after = lm.trigrams(*self._word_window(text, p), list(words))
            tris += before
            for t in after:
                tris += t
        lm.pin(tris)

    def _homophone_words(self, x: str, y: str) -> tuple[str, ...]:
        """Frequent two-character words both of whose characters sound like x and y (the sound table
        only: adding every character of the same toneless reading found 3 more of 119 slips and
        doubled the false alarms on clean sentences)."""
        return self._word_pairs(x, y, self.sound, self._homo_cache)

    def _name_extra(self, text: str, p: int, width: int = 1) -> float:
        """name_extra when a character of text[p:p+width] belongs to a loose name (see
        find_loose_names); else place_extra when one lies in the slot of a township or village name
        (see place_slots); else parallel_extra in the slot a parallel list varies (see
        parallel_slots); else 0."""
        if self._loose and any(_spanned(text, q, self._loose, (2,)) for q in range(p, p + width)):
            return self.name_extra
        if self.place_extra and not self._of_text(text, place_slots).isdisjoint(range(p, p + width)):
            return self.place_extra
        if self.parallel_extra and not self._of_text(text, parallel_slots).isdisjoint(range(p, p + width)):
            return self.parallel_extra
        return 0.0

    def _of_text(self, text: str, make: Callable[[str], frozenset]) -> frozenset:
        """make(text), kept while the engine reads the same text (asked once per candidate)."""
        memo = self._text_memo
        if memo is None or memo[0] is not text:
            memo = self._text_memo = (text, {})
        got = memo[1].get(make)
        if got is None:
            got = memo[1][make] = make(text)
        return got

    def _in_name(self, text: str, i: int, sizes: tuple = (2, 3, 4)) -> bool:
        """True when a listed person or place name of one of these sizes spans character i."""
        return _spanned(text, i, self._names, sizes)

    def _detect_homophones(self, text: str, offset: int, raw: list[int], found: dict[int, Candidate], limit: float) -> None:
        """Two-character words next to a surprising offset replaced by a homophone word (both
        characters changed), when the judge's margin reaches limit. Only words: on clean ECSpell
        sentences the false alarms were abbreviations and names that are no word (食药, 川陕, 携号)."""
        n = len(text)
        taken: set[int] = set()
        for p, c in found.items():
            taken.update(range(p, p + len(c.right)))
        protected = self._protected(text)
        starts = sorted({p for i in raw for p in (i - 1, i, i + 1) if 0 <= p < n - 1})
        jobs = []
        for p in starts:
            x, y = text[p], text[p + 1]
            if x == y or not ("\u4e00" <= x <= "\u9fff" and "\u4e00" <= y <= "\u9fff") or p in protected or p + 1 in protected:
                continue
            if x + y not in self.lex.strong:
                continue  # a pair that is no word is _detect_pairs' to judge
            words = self._homophone_words(x, y)
            if words and not self._in_name(text, p, HOMOPHONE_NAMES) and not self._in_name(text, p + 1, HOMOPHONE_NAMES):
                jobs.append((p, words))
        self._pin_words(text, jobs)
        for p, words in jobs:
            # a one-character correction inside the word (时长 -> 市长) may yield to the whole word
            # (时长 -> 市场) when that scores clearly better
            held = [q for q in (p, p + 1) if q in found and len(found[q].right) == 1]
            if any(q in taken for q in (p, p + 1) if q not in held):
                continue
            best, best_m = self._best_word(text, p, words)
            bar = limit + self._name_extra(text, p, 2)
            best_m = self._echoed(text, p, Candidate(p, text[p : p + 2], best, best_m, "sound", best), bar).margin
            if best_m < bar or any(best_m < found[q].margin + HOMOPHONE_OVER for q in held):
                continue
            for q in held:
                del found[q]
            found[p] = Candidate(offset + p, text[p : p + 2], best, best_m, "sound", best)
            taken.update((p, p + 1))


#: The sentence searched for the rightly written word reaches at most this far from the slip.
ECHO_REACH = 300

#: Name sizes that shield a span from the homophone search: two-character place names are too often
#: the slip itself (平谷 for 评估, 东台 for 动态).
HOMOPHONE_NAMES = (3, 4)
#: How much better a homophone word must score than a one-character correction inside it.
HOMOPHONE_OVER = 2.0

#: Sentence ends for the second pass.
_SENT_END = frozenset("。！？；!?;\n")

#: Characters whose neighbour sets stay cached, per table (each set is a few hundred characters).
SET_CACHE = 3000

#: Texts longer than this are searched in pieces (see NearMissEngine.detect).
CHUNK = 20_000


#: a rare character may become one of this many most frequent common characters (the cost of its
#: search grows with the set)
RARE_TARGETS = 1000


class _RareAny:
    """The wider set of a rare character: every common character (else nothing)."""

    def __init__(self, counts: Mapping[str, int], below: int, common: frozenset) -> None:
        self.counts, self.below, self.common = counts, below, common

    def __call__(self, c: str) -> frozenset:
        return self.common if self.counts.get(c, 0) < self.below else frozenset()


class _CharSets(dict):
    """table[key] (a string of characters) as a frozenset, made on first use and then a plain dict
    look-up: intersecting a small set with a frozenset costs the small set's size, with a string the
    string's length."""

    __slots__ = ("table",)

    def __init__(self, table: Mapping[str, str]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, key: str) -> frozenset:
        if len(self) >= SET_CACHE:
            self.clear()  # a document's working set is a few thousand characters
        got = self[key] = frozenset(self.table.get(key, ""))
        return got


def _beside(run: str, i: int, width: int, around: Optional[tuple[str, int]]) -> tuple[str, int]:
    """The text the trigram model judges a replacement of `width` characters in: the two characters on
    each side as they stand in the text (around = (text, offset)), else the run itself."""
    if around is None:
        return run, i
    text, at = around
    lo = max(0, at - 2)
    return text[lo : at + width + 2], at - lo


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of about `size` characters, each ending just after a line end or a full
    stop when there is one in the second half of the piece."""
    out = []
    a, n = 0, len(text)
    while a < n:
        b = min(n, a + size)
        if b < n:
            cut = max(text.rfind("\n", a + size // 2, b), text.rfind("。", a + size // 2, b))
            if cut >= 0:
                b = cut + 1
        out.append((a, b))
        a = b
    return out

#: Two-character words a double substitution may produce.
PAIR_WORD_FREQ = 20


def load_word_list(paths: Iterable[str]) -> list[str]:
    """One word a line, '#' comments; missing files are skipped."""
    words: list[str] = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                words += [ln.strip() for ln in fh if ln.strip() and not ln.lstrip().startswith("#")]
        except OSError:
            continue
    return words


def load_extra_confusions(paths: Iterable[str]) -> dict[str, frozenset]:
    """Extra candidates: look-alike groups (one group of characters a line) and learned pairs
    (``wrong<TAB>right``: when wrong is seen, right is a candidate). Missing files are skipped."""
    table: dict[str, set[str]] = {}
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except OSError:
            continue
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) >= 2 and len(cols[0]) == 1 and len(cols[1]) == 1:
                table.setdefault(cols[0], set()).add(cols[1])
            else:
                group = [c for c in cols[0].strip() if not c.isspace()]
                for c in group:
                    table.setdefault(c, set()).update(x for x in group if x != c)
    return {k: frozenset(v) for k, v in table.items()}


def load_pairs(paths: Iterable[str]) -> set[tuple[str, str]]:
    """The (wrong, right) single-character pairs of ``wrong<TAB>right`` files (groups skipped)."""
    out: set[tuple[str, str]] = set()
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except OSError:
            continue
        for line in lines:
            cols = line.split("\t")
            if len(cols) >= 2 and len(cols[0]) == 1 and len(cols[1]) == 1 and not line.startswith("#"):
                out.add((cols[0], cols[1]))
    return out


def widen(base: Callable[[str], frozenset], extra: Mapping[str, frozenset]) -> Callable[[str], frozenset]:
    """base(ch) plus the extra candidates of ch."""

    def lookup(ch: str) -> frozenset:
        more = extra.get(ch)
        return base(ch) | more if more else base(ch)

    return lookup


def _word_around(s: str, k: int, freq: Mapping[str, int]) -> str:
    """The most frequent word of 2–4 characters in s that spans index k."""
    best, best_f = s[k], 0
    for L in (4, 3, 2):
        for a in range(max(0, k - L + 1), min(k, len(s) - L) + 1):
            w = s[a : a + L]
            f = freq.get(w) or 0
            if f >= STRONG_FREQ and f * L > best_f:
                best, best_f = w, f * L
    return best
