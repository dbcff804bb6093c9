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
