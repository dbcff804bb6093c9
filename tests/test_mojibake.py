"""TYP032: UTF-8 text read as GBK is found and undone; replacement characters are reported."""

from __future__ import annotations

import pytest

import govcheck
from govcheck.typo.mojibake import LOST, find_garbles

SENTENCES = [
    "我市认真学习贯彻党的十九大精神",
    "深入推进基层政务公开标准化规范化建设",
    "各级各部门要切实履行安全生产监管职责",
    "加快建立全市政府数据统一开放平台",
]


def garble(text: str) -> str:
    """What a page shows when text saved as UTF-8 is read as GBK (bytes GBK lacks become �)."""
    return text.encode("utf-8").decode("gbk", errors="replace")


@pytest.mark.parametrize("original", ["我市认真学习", "取得明显成效", "加快建立全市政府数据"])
def test_mojibake_is_undone_exactly_when_nothing_was_lost(original):
    moj = garble(original)
    assert "\ufffd" not in moj  # these happen to decode without a loss
    doc = "前文正常。" + moj + "后文正常。"
    (g,) = find_garbles(doc)
    assert doc[g.start : g.end] == moj and g.original == original


@pytest.mark.parametrize("original", SENTENCES)
def test_what_survives_a_lossy_garbling_is_recovered_in_place(original):
    moj = garble(original)
    doc = "前文正常。" + moj
    (g,) = find_garbles(doc)
    assert g.start == 5 and doc[g.start : g.end].strip("\ufffd") == moj.strip("\ufffd")
    pieces = [p for p in g.original.split(LOST) if p]
    assert all(p in original for p in pieces)
    assert sum(map(len, pieces)) >= 0.6 * len(original)


def test_a_stretch_broken_by_replacement_characters_is_one_finding_with_the_lost_parts_marked():
    doc = "前文。" + garble("我市认真学习贯彻党的十九大精神，取得明显成效。")
    (g,) = find_garbles(doc)
    assert g.start == 3 and g.end == len(doc)
    assert g.original.startswith("我市认真学习") and "十九大" in g.original and LOST in g.original


def test_replacement_characters_alone_are_reported_without_a_fix():
    assert [(g.start, g.end, g.original) for g in find_garbles("取得��明显成效。")] == [(2, 4, None)]
    # two lone ones with a good character between stay two findings: 明 is not lost
    assert [(g.start, g.end) for g in find_garbles("取得�明�显成效。")] == [(2, 3), (4, 5)]


@pytest.mark.parametrize(
    "text",
    [
        SENTENCES[0],
        # second-level GB2312 characters (the first byte of a UTF-8 Han character in GBK) three apart,
        # the rhythm of mojibake, in names and places that do not decode
        "张璐、王瑜、刘瀚、陈婷、李娟参加了会议。",
        "鄱阳湖、洞庭湖、瀛洲、濮阳、婺源、婺州的渔民。",
        "English text, numbers 12345 and 全角字符ＡＢＣ。",
        "生僻字𠀀不在 GBK 中。",
    ],
)
def test_ordinary_text_is_not_mojibake(text):
    assert find_garbles(text) == []


def test_the_rule_reports_the_recovered_text_and_other_rules_stay_quiet_inside():
    moj = garble("取得明显成效")
    report = govcheck.check(f"今年以来{moj}。")
    assert [(f.rule_id, f.text, f.suggestions) for f in report.findings] == [("TYP032", moj, ["取得明显成效"])]
    assert "取得明显成效" in report.findings[0].message
    # mojibake is full of characters in the Traditional table (鍙, 樉): TYP030 leaves them to TYP032
    assert not [f for f in govcheck.check(garble("我市认真学习贯彻党的十九大精神")).findings if f.rule_id == "TYP030"]
    # a real Traditional paragraph still gets TYP030
    assert [f.rule_id for f in govcheck.check("今年以來，我市認真學習貫徹黨的精神。").findings] == ["TYP030"]


def test_a_partly_lost_stretch_gets_no_fix_only_the_message():
    report = govcheck.check(garble("我市认真学习贯彻党的十九大精神，取得明显成效。"))
    (f,) = [f for f in report.findings if f.rule_id == "TYP032"]
    assert f.suggestions == [] and LOST in f.message and f.text == report.findings[0].text


def test_gbk_read_one_byte_late_after_a_lost_byte_is_found_and_partly_undone():
    # 考核指標設置 in GBK with its first byte lost: the decoder shows "?", then every character one
    # byte late until the ASCII "O" (the last trail byte) puts it back in step
    text = "委托第三方开展测评成为常态化机制??己酥笜嗽O置科学合理。"
    (g,) = find_garbles(text)
    assert text[g.start : g.end] == "??己酥笜嗽O" and g.original == LOST + "核指標設" and g.kind == "shifted"
    report = govcheck.check(text)
    # the "?" there marks a lost byte, not a half-width question mark
    assert [(f.rule_id, f.suggestions) for f in report.findings] == [("TYP032", [])]
    assert "核指標設" in report.findings[0].message


@pytest.mark.parametrize(
    "text",
    [
        "是否按期完成?下一步工作要抓紧。",  # a half-width question mark before ordinary text
        "問題?請回答。",
        "了解办理情况?,现场申请的。",  # the shift ended at once: nothing to undo
    ],
)
def test_a_question_mark_before_ordinary_text_is_no_lost_byte(text):
    assert find_garbles(text) == []


def test_traditional_examples_in_the_message_are_whole():
    (f,) = govcheck.check("今年以來，我市認真學習貫徹黨的精神。").findings
    assert "如“來”“認”“學”“習”）" in f.message


def test_offsets_stay_exact_around_characters_gbk_writes_in_one_byte():
    moj = garble("取得明显成效")
    text = "价格€" + moj + "€再" + moj
    assert [(text[g.start : g.end], g.original) for g in find_garbles(text)] == [(moj, "取得明显成效")] * 2
