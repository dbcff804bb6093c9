"""The typo engine's parts: lexicon cache, unigram language model, near-miss search."""

from __future__ import annotations

import math

import pytest

from govcheck.confusables import similar_shape, similar_sound
from govcheck.typo.lexicon import load_lexicon
from govcheck.typo.lm import UnigramLM
from govcheck.typo.nearmiss import NearMissEngine, load_extra_confusions, widen
from govcheck.packs import builtin_pack_dirs

TYPOS = next(p for p in builtin_pack_dirs() if p.name == "core") / "typos"
SHAPE = widen(similar_shape, load_extra_confusions([str(TYPOS / "shape_pairs.tsv"), str(TYPOS / "char_confusions.tsv")]))


@pytest.fixture(scope="module")
def tokenizer():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


@pytest.fixture(scope="module")
def engine(tokenizer):
    return NearMissEngine(tokenizer.FREQ, tokenizer.total, load_lexicon(), similar_sound, SHAPE, threshold=8.0)


def test_extra_confusions_widen_the_shape_table(tmp_path):
    f = tmp_path / "extra.tsv"
    f.write_text("# comment\n休体\n菓\t国\tlearned\n", encoding="utf-8")
    extra = load_extra_confusions([str(f), str(tmp_path / "missing.tsv")])
    assert extra["休"] == {"体"} and extra["体"] == {"休"} and extra["菓"] == {"国"}
    shape = widen(similar_shape, extra)
    assert "体" in shape("休") and similar_shape("休") <= shape("休")


def test_lexicon_tables_have_the_expected_shape():
    lex = load_lexicon()
    assert "总体" in lex.strong and "方案" in lex.strong
    assert "总休" not in lex.strong
    assert "再接再励" not in lex.strong  # jieba lists it with frequency 3: a misspelling, not a word
    assert "毛泽东" in lex.names
    assert "体" in lex.right["总"] and "总" in lex.left["体"]
    # three/four-character words are looked up in the language model's vocabulary (no masked index)
    assert lex.freq["再接再厉"] >= 10 and not hasattr(lex, "masked")
    assert "研究" in lex.redup and "结果" not in lex.redup


def test_lexicon_cache_round_trip(tmp_path, monkeypatch):
    import govcheck.typo.lexicon as lexmod

    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(tmp_path))
    first = lexmod._load_raw()
    files = list(tmp_path.glob("typo-lexicon-*.marshal"))
    assert len(files) == 1
    again = lexmod._load_raw()  # now read from the cache file
    assert again == first
    # a corrupt cache is rebuilt, not trusted
    files[0].write_bytes(b"not marshal data")
    assert lexmod._load_raw() == first


def test_unigram_lm_prefers_the_correct_phrase(tokenizer):
    lm = UnigramLM(tokenizer.FREQ, tokenizer.total)
    pairs = [("总体方案", "总休方案"), ("再接再厉", "再接再励"), ("基层党校", "几层党校"), ("规范化", "规划化")]
    for good, bad in pairs:
        assert lm.score(good) > lm.score(bad), (good, bad)
    assert lm.score("") == 0.0
    assert math.isfinite(lm.score("龘"))  # an unknown character is penalised, never impossible
    assert lm.segment("会议审议通过总体方案") == ["会议", "审议", "通过", "总体方案"] or "".join(
        lm.segment("会议审议通过总体方案")
    ) == "会议审议通过总体方案"


@pytest.mark.parametrize(
    "text, pos, right",
    [
        ("会议审议通过了总休方案。", 8, "体"),
        ("进一步加强党风廉政建设，完善监督机智。", None, None),  # 机智 is a word: not this engine's job
        ("坚持以人民为中心的发展思相。", 12, "想"),
        ("依据中华人民共合国宪法。", 7, "和"),
    ],
)
def test_near_miss_finds_broken_words(engine, text, pos, right):
    found = engine.detect(text)
    if pos is None:
        assert found == []
    else:
        assert [(c.pos, c.right) for c in found] == [(pos, right)]
        c = found[0]
        assert c.wrong == text[pos] and c.margin >= 8.0 and 0.0 < c.confidence <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "会议审议通过了总体方案。",
        "国务院总理李强主持召开国务院常务会议。",
        "张三丰同志任县委书记，王小二任副县长。",
        "坚持以人民为中心的发展思想，不断增强人民群众获得感。",
        "2024年全市地区生产总值增长5.2%，居民人均可支配收入增长6.1%。",
        "",
        "ABC abc 123",
    ],
)
def test_near_miss_is_silent_on_correct_text(engine, text):
    assert engine.detect(text) == []


def test_offsets_are_relative_to_the_given_text(engine):
    text = "第一句话没有问题。" * 3 + "会议审议通过了总休方案。"
    (c,) = engine.detect(text)
    assert text[c.pos] == "休"


def test_threshold_controls_recall(tokenizer):
    loose = NearMissEngine(tokenizer.FREQ, tokenizer.total, load_lexicon(), similar_sound, SHAPE, threshold=-1e9)
    strict = NearMissEngine(tokenizer.FREQ, tokenizer.total, load_lexicon(), similar_sound, SHAPE, threshold=1e9)
    text = "会议审议通过了总休方案，大家认为很好。"
    assert len(loose.detect(text)) >= 1
    assert strict.detect(text) == []


def test_prior_bonus_lowers_the_bar_only_for_attested_pairs():
    from govcheck.confusables import similar_shape, similar_sound
    from govcheck.typo.nearmiss import NearMissEngine

    lex = load_lexicon()
    text = "确保人民群众身体键康。"
    plain = NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, threshold=1e6)
    margin = plain.best("身体键康", 2, plain.candidates("身体键康", 2)).margin
    assert plain.detect(text) == []
    attested = NearMissEngine(
        lex.freq, lex.total, lex, similar_sound, similar_shape, threshold=margin + 1.0,
        prior=[("键", "健")], prior_bonus=2.0,
    )
    found = attested.detect(text)
    assert [(c.wrong, c.right) for c in found] == [("键", "健")]
    # an unattested pair gets no bonus
    other = NearMissEngine(
        lex.freq, lex.total, lex, similar_sound, similar_shape, threshold=margin + 1.0,
        prior=[("键", "建")], prior_bonus=2.0,
    )
    assert other.detect(text) == []


def test_neighbour_candidates_fix_the_character_next_to_the_suspect():
    from govcheck.confusables import similar_shape, similar_sound
    from govcheck.typo.nearmiss import NearMissEngine

    lex = load_lexicon()
    eng = NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, neighbours=True)
    run = "叫育部"  # 育 is left unexplained; the slip is 叫 (教育部)
    assert "教" in eng.neighbour_candidates(run, 1).get(0, set())
    found = eng.detect("国家发展改革委、叫育部、财政部等按职责分工负责。")
    assert [(c.wrong, c.right) for c in found] == [("叫", "教")]


def test_segment_penalty_prefers_fewer_words():
    from govcheck.typo.lm import UnigramLM

    lex = load_lexicon()
    plain, penal = UnigramLM(lex.freq, lex.total), UnigramLM(lex.freq, lex.total, seg_penalty=2.0)
    # one word vs two single characters: the penalty widens the gap by one boundary (2 nats)
    gap_plain = plain.score("部署") - plain.score("部熟")
    gap_penal = penal.score("部署") - penal.score("部熟")
    assert gap_penal == pytest.approx(gap_plain + 2.0)


def test_variant_scores_equal_whole_window_scores():
    """variants() shares the segmentation of the unchanged head among the replacements: the numbers
    must be score()'s own, to the bit, cached or not."""
    from govcheck.typo.lm import UnigramLM

    lex = load_lexicon()
    for penalty in (0.0, 2.0):
        fresh, cached = UnigramLM(lex.freq, lex.total, seg_penalty=penalty), UnigramLM(lex.freq, lex.total, seg_penalty=penalty)
        for window, k, news in (("会议审议通过总", 3, ["议", "义", "宜", "x"]), ("坚持党钟扬集中", 3, ["中央", "忠扬"]), ("召标、拍卖", 0, ["招", "昭"])):
            width = len(news[0])
            cached.score(window[:k] + news[0] + window[k + width :])  # one variant already cached
            base, scores = cached.variants(window, k, width, news)
            assert base == fresh.score(window)
            assert scores == [fresh.score(window[:k] + new + window[k + width :]) for new in news]


def test_pair_option_fixes_two_adjacent_slips_and_is_off_by_default():
    from govcheck.confusables import similar_shape, similar_sound
    from govcheck.typo.nearmiss import NearMissEngine

    lex = load_lexicon()
    text = "坚持党钟扬集中统一领导。"  # 钟扬 for 中央: neither character alone can be fixed
    off = NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, threshold=10.0)
    assert all(c.wrong != "钟扬" for c in off.detect(text))
    on = NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, threshold=10.0, pair_extra=0.0)
    found = [(c.pos, c.wrong, c.right) for c in on.detect(text)]
    assert (3, "钟扬", "中央") in found


def _engine(**kw):
    lex = load_lexicon()
    return NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, threshold=10.0, **kw)


def test_cover_freq_searches_characters_only_a_rare_word_explains():
    text = "广西壮族自台区林业局规划财务处"  # 自台 is a rare dictionary word; 自治区 is meant
    assert all(c.pos != 5 for c in _engine().detect(text))
    found = {(c.pos, c.wrong, c.right) for c in _engine(cover_freq=100, weak_extra=2.0).detect(text)}
    assert (5, "台", "治") in found
    # the higher bar for such characters keeps correct text quiet
    quiet = _engine(cover_freq=100, weak_extra=2.0)
    for good in ("广西壮族自治区林业局规划财务处", "设区的市人民政府应当制定实施办法。"):
        assert quiet.detect(good) == []


def test_covered_option_fixes_a_slip_that_forms_another_word():
    text = "审查和批准自制区国民经济和社会发展计划"  # 自制 is a word; 自治区 is meant
    assert all(c.pos != 6 for c in _engine().detect(text))
    on = _engine(covered=10.0)
    assert (6, "制", "治") in {(c.pos, c.wrong, c.right) for c in on.detect(text)}
    assert on.detect("审查和批准自治区国民经济和社会发展计划") == []
    assert on.detect("本单位自制的设备已通过验收。") == []


def test_second_pass_looks_again_only_in_sentences_with_a_finding():
    text = "联席会议成员因工作变动需要调拯的，由所在单位题出，联席会议确定。"
    first = {(c.pos, c.right) for c in _engine().detect(text)}
    again = {(c.pos, c.right) for c in _engine(second=6.0).detect(text)}
    assert first < again and (22, "提") in again
    # a sentence without a first-pass finding is not searched again
    clean = "联席会议成员因工作变动需要调整的，由所在单位提出。"
    assert _engine(second=6.0).detect(clean) == _engine().detect(clean) == []
    # offsets stay relative to the given text when an offset is passed
    shifted = {(c.pos, c.right) for c in _engine(second=6.0).detect(text, offset=100)}
    assert shifted == {(p + 100, r) for p, r in again}


def test_second_pass_rescores_surprisal_only_near_the_corrections():
    """_resurprise keeps the first pass's surprising offsets and scores only those a correction can
    change; the findings equal those of scoring the corrected sentence afresh."""
    from govcheck.config import Config
    from govcheck.engine import Checker

    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    engine = checker.rule("TYP010")._engine
    texts = [
        "依法查出电子商务违法行为，围护公平有序的市场秩序，为平泰经济发展营造良好营商环境。",
        "组长由国务院机关党祖成员、国办督查室主任高雨担任。第二句话没有错误。",
        "各部门在国友资产管理工作中有违犯预算管理规定行为的，依照法律、兴证法规追究责任。",
        "要加强牛态环境保护，严格落实安全深产责任制，加快建设现代化经即体系。",
    ]
    quick = [engine.detect(t) for t in texts]
    fresh = NearMissEngine._resurprise
    try:
        NearMissEngine._resurprise = lambda self, raw, fixed, a, b, at, widths: self.char_lm.surprise_sums(fixed, self.lowest_surprise)
        slow = [engine.detect(t) for t in texts]
    finally:
        NearMissEngine._resurprise = fresh
    assert quick == slow
    assert sum(len(q) for q in quick) >= 6  # the second pass had work to do


def _shipped_engine(**options):
    """TYP010's engine as shipped (trigram model included), with some options changed."""
    from govcheck.config import Config
    from govcheck.engine import Checker

    checker = Checker(Config(select=("TYP010",), rule_options={"TYP010": options}))
    checker.check("预热。")
    return checker.rule("TYP010")._engine


def test_homophone_word_search_replaces_a_whole_word_and_is_off_without_the_option():
    on, off = _shipped_engine(homophone_extra=3.0), _shipped_engine(homophone_extra=None)
    text = "要建立健全第三方平谷机制。"  # 平谷 (a place) typed for 评估: both characters are words' characters
    assert ("平谷", "评估") in {(c.wrong, c.right) for c in on.detect(text)}
    assert all(c.wrong != "平谷" for c in off.detect(text))
    for good in ("北京市平谷区大桃喜获丰收。", "受寒潮影响，气温急剧下降。", "不断完善证券期货纠纷多元化解机制。"):
        assert on.detect(good) == []


def test_homophone_word_wins_over_a_one_character_fix_inside_it_only_when_clearly_better():
    engine = _shipped_engine(homophone_extra=3.0, second=None)
    text = "切实维护公平竞争的时长秩序，对各类市场主体一视同仁。"  # 市场, not 市长
    found = [(c.pos, c.wrong, c.right) for c in engine.detect(text)]
    assert found == [(9, "时长", "市场")]
    # a one-character fix that scores better than the word (by HOMOPHONE_OVER or more) stays
    from govcheck.typo.nearmiss import HOMOPHONE_OVER, Candidate

    word = {}
    engine._detect_homophones(text, 0, [9, 10], word, -100.0)
    for lead, kept in ((HOMOPHONE_OVER + 1.0, "市"), (-HOMOPHONE_OVER - 1.0, "市场")):
        found = {9: Candidate(9, "时", "市", word[9].margin + lead, "sound", "市长")}
        engine._detect_homophones(text, 0, [9, 10], found, -100.0)
        assert found[9].right == kept


def test_the_trigram_judge_reads_the_punctuation_beside_the_run():
    """A run of Han characters stops at 、; the trigram model still sees it (招标、 is common, 招标 at
    a line end less so)."""
    engine = _shipped_engine()
    text = "经营性用地必须采取召标、拍卖、挂牌方式供地。"
    i = text.index("召")
    run, k = text[5 : i + 2], i - 5  # 必须采取召标
    inside = engine.margins(run, k, ["招"], run, k)[0]
    beside = engine.margins(run, k, ["招"], run, k, (text, i))[0]
    lm, w = engine.char_lm, engine.char_weight
    expected = w * (lm.deltas(text[i - 2 : i + 3], 2, ["招"])[0] - lm.deltas(run, k, ["招"])[0])
    assert beside - inside == pytest.approx(expected)
    assert beside != pytest.approx(inside)


def test_a_doubled_character_is_never_replaced_as_a_pair():
    """一剂剂, 一步步: reduplication, not two slips (剂剂 -> 及其 was a held-out false alarm)."""
    engine = _shipped_engine()
    text = "党中央开出一剂剂破除顽瘴痼疾的良方。"
    i = text.index("剂")
    found: dict = {}
    engine._detect_pairs(text, 0, [i, i + 1], found, -100.0)
    engine._detect_homophones(text, 0, [i, i + 1], found, -100.0)
    assert all(c.wrong != "剂剂" for c in found.values())
    # a pair of different characters at the same place is still tried
    other = "要严格执行年度鱼蒜管理制度。"
    j = other.index("鱼")
    engine._detect_pairs(other, 0, [j, j + 1], found, -100.0)
    assert found[j].right == "预算"


def test_echo_moves_the_margin_by_what_the_rest_of_the_text_says():
    from govcheck.typo.nearmiss import Candidate

    engine = _engine(echo_bonus=4.0, echo_penalty=3.0)
    slip = Candidate(3, "已", "议", 5.0, "sound", "会议")  # 联席会已 for 联席会议

    def margin(text):
        return engine._echoed(text, text.index("已"), slip).margin

    # the corrected word written rightly in the same sentence vouches for the correction
    assert margin("联席会已成员需要调整的，由联席会议确定。") == 9.0
    # in another sentence it does not (a long document repeats common words everywhere)
    assert margin("联席会已成员需要调整。联席会议确定。") == 5.0
    # the same spelling written twice is deliberate (a name, a term of the document)
    assert margin("联席会已成员需要调整。联席会已确定。") == 2.0
    # off by default
    assert _engine()._echoed("联席会已成员，由联席会议确定。", 3, slip).margin == 5.0
    # with a bar, only a candidate the evidence could carry across it is looked at
    text = "联席会已成员需要调整的，由联席会议确定。"
    assert engine._echoed(text, 3, slip, bar=7.0).margin == 9.0
    assert engine._echoed(text, 3, slip, bar=20.0).margin == 5.0  # too far below to reach it
    assert engine._echoed(text, 3, slip, bar=1.0).margin == 5.0  # already over, out of the penalty's reach


def test_echo_applies_to_two_character_replacements():
    from govcheck.typo.nearmiss import Candidate

    engine = _engine(echo_bonus=4.0, echo_penalty=4.0)
    text = "扎赉特旗工作队队员。扎赉特旗分行。"
    pair = Candidate(1, "赉特", "赖特", 9.0, "sound", "赖特")
    assert engine._echoed(text, 1, pair).margin == 5.0



def test_loose_names_are_names_one_sound_from_a_far_commoner_word():
    from govcheck.typo.nearmiss import find_loose_names

    freq = {"建康": 206, "健康": 5971, "范伟": 1, "范围": 12101, "海阳": 8, "海洋": 5000, "长安": 5355, "常安": 1}
    sounds = {"建": "健", "伟": "围", "阳": "洋", "长": "常"}
    found = find_loose_names(list(freq), freq, lambda c: frozenset(sounds.get(c, "")), 5.0, surnames="范")
    # 范伟 leads with a surname; 长安 is far commoner than 常安; 健康, 海洋 are not names but the
    # test passes every key as a name, and no sound-alike of them is frequent enough
    assert found == ["建康", "海阳"]
    # a sound-alike word under LOOSE_NAME_WORD_FREQ, or not ratio times as frequent, never loosens a name
    assert find_loose_names(["海阳"], {"海阳": 1, "海洋": 999}, lambda c: frozenset("洋"), 5.0, "") == []
    assert find_loose_names(["海阳"], {"海阳": 300, "海洋": 1400}, lambda c: frozenset("洋"), 5.0, "") == []


def test_a_loose_name_stops_vouching_for_its_characters():
    """Word model only, low threshold: the name mechanics, not the judge (the rule's examples in
    typos.yaml check the shipped judge on the same sentences)."""
    text = "国家卫生建康委牵头负责。"  # 建康 (an old name of Nanjing) for 健康
    kw = dict(threshold=1.0, cover_freq=100)
    lex = load_lexicon()
    make = lambda **more: NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, **kw, **more)  # noqa: E731
    assert make().detect(text) == []
    assert [(c.pos, c.wrong, c.right) for c in make(loose_names=["建康"]).detect(text)] == [(4, "建", "健")]
    # name_extra raises the bar inside the name, for one-character, pair and homophone changes alike
    strict = make(loose_names=["建康"], name_extra=50.0)
    assert strict.detect(text) == []
    assert [strict._name_extra(text, p, w) for p, w in ((3, 1), (4, 1), (5, 1), (6, 1), (3, 2), (5, 2), (6, 2))] == [0, 50, 50, 0, 50, 50, 0]


@pytest.mark.parametrize(
    "opts, text, slip",
    [
        ({"neighbour_pair_freq": None}, "合理没置岗位。", ("没置", "设置")),  # 置 unexplained; 没 -> 设
        ({"loose_name_ratio": None}, "国家卫生建康委牵头负责。", ("建康", "健康")),
    ],
)
def test_shipped_options_find_the_slip_that_turning_them_off_misses(opts, text, slip):
    from govcheck.config import Config
    from govcheck.engine import Checker

    def found(options):
        report = Checker(Config(select=("TYP010",), rule_options={"TYP010": options})).check(text)
        return [(f.text, f.suggestions[0]) for f in report.findings]

    assert found({}) == [slip]
    assert found(opts) == []


@pytest.mark.parametrize(
    "text",
    [
        "海阳核电站二期工程开工。",  # a loose name, meant: the higher bar keeps it
        "山东省海阳市召开安全生产工作会议。",
        "南京古称建康，是六朝古都。",
        "拟任人选：吴质、范伟、陈毕然。",  # names led by a surname stay protected
        "自治州、盟、地区和直辖市的区人民政府管理专利工作。",  # a particle is never the neighbour changed
        "陆骏同志简历",  # a name before 同志
    ],
)
def test_names_and_particles_stay_quiet_with_the_shipped_options(text):
    import govcheck

    assert [f.text for f in govcheck.check(text).findings if f.category == "typo"] == []


def test_a_pair_that_is_itself_a_dictionary_word_needs_weak_extra_more():
    """The pair search is for two unexplained characters; a rare word (脐橙) made of them is
    still a word, and one word for another needs more evidence."""
    lex = load_lexicon()

    def pairs(text, weak_extra):
        eng = NearMissEngine(lex.freq, lex.total, lex, similar_sound, similar_shape, threshold=0.0, pair_extra=0.0, cover_freq=100, weak_extra=weak_extra)
        found: dict = {}
        eng._detect_pairs(text, 0, eng.suspects(text, set(), set(), set(), {}), found, 0.0)
        return {(c.wrong, c.right) for c in found.values()}

    assert ("脐橙", "启程") in pairs("江西省信丰县脐橙产业发展迅速。", 0.0)
    assert ("脐橙", "启程") not in pairs("江西省信丰县脐橙产业发展迅速。", 100.0)
    # 钟扬 is no word: the extra does not apply
    assert ("钟扬", "中央") in pairs("坚持党钟扬集中统一领导。", 100.0)
