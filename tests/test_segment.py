"""The private tokenizer segments exactly as jieba does, from its faster words-only table."""

from __future__ import annotations

import jieba

from govcheck.segment import Segmenter

TEXT = (
    "纪念中华人民共合国成立七十五周年，各地区各部门要坚持以人民为中心的发展思想。"
    "路口交通秩序良好，市场监管总局发布了2024年第12号公告。研究研究再说。"
)


def test_same_tokens_as_jieba_with_the_same_user_words():
    reference = jieba.Tokenizer()
    reference.add_word("中华人民共合国", 2)
    ours = Segmenter(["中华人民共合国"])
    assert ours.cut(TEXT) == list(reference.cut(TEXT, HMM=False))


def test_user_words_are_rare_tokens_that_never_split_common_words():
    seg = Segmenter(["口交", "中华人民共合国"])
    assert "中华人民共合国" in seg.cut(TEXT)
    assert seg.cut("路口交通") == ["路口", "交通"]
    edges = seg.boundaries("路口交通")
    assert edges == frozenset({0, 2, 4})


def test_word_freq_and_private_state():
    seg = Segmenter(["某某专用词汇甲"])
    assert seg.word_freq("发展") > 1000 and seg.word_freq("某某专用词汇甲") == 2
    jieba.dt.initialize()
    assert jieba.dt.FREQ.get("某某专用词汇甲") is None


def test_added_words_leave_the_loaded_table_untouched():
    """Dictionary terms go to a side table: jieba's 349,045 words fill FREQ's hash table to the brim,
    and adding a few hundred more to it doubled its size (+8 MB resident, +16 MB at the resize)."""
    from govcheck.segment import load_word_freq

    words = [f"测试专用词语{chr(0x4E00 + i)}" for i in range(800)]
    seg = Segmenter(words)
    tk = seg.tokenizer
    assert len(tk.FREQ) == len(load_word_freq()[0])
    assert len(tk.added) == 800 and all(seg.word_freq(w) == 2 for w in words[:5])
    assert "测试专用词语一" in seg.cut("这是测试专用词语一的例子")


def test_token_edges_of_a_span_inside_one_jieba_block_equal_the_sentence_cut():
    """on_token_edges cuts only the jieba block around the span (jieba segments each block on its
    own): the answers must be the whole sentence's, for every span of some mixed sentences."""
    import datetime as dt

    from govcheck.engine import Checker
    from govcheck.normalize import build_view
    from govcheck.rules.base import CheckContext

    checker = Checker()
    checker.warm_up()
    texts = [
        "各部门在国有资产管理工作中有违反预算管理规定行为的，依照《中华人民共和国预算法》追究责任。",
        "2024年PPP项目项目经理张三丰同志（工号A-12.5%）负责全市5G基站建设；再接再励！",
        "  本办法自2025年1月1日起施行。\n附件：1.申报表 2.汇总表",
    ]
    for text in texts:
        ctx = CheckContext(build_view(text), dt.date(2026, 1, 1), checker.segmenter, checker.config)
        whole = CheckContext(build_view(text), dt.date(2026, 1, 1), checker.segmenter, checker.config)
        for a in range(len(text)):
            for b in range(a + 1, min(len(text), a + 6) + 1):
                s, edges = whole.token_edges(a)
                assert ctx.on_token_edges(a, b) == ((a - s) in edges and (b - s) in edges), (text, a, b)
