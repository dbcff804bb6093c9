"""Typo rules end to end through Checker: spans, suggestions, options, precision guards."""

from __future__ import annotations

import datetime as _dt

import pytest

from govcheck.config import Config
from govcheck.engine import Checker

DAY = _dt.date(2024, 6, 1)


@pytest.fixture(scope="module")
def typo():
    return Checker(Config(select=("TYP",))).warm_up()


def typos(checker, text):
    return [(f.rule_id, f.text, f.suggestions[:1]) for f in checker.check(text, doc_date=DAY).findings if f.category == "typo"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我们要再接再励，争取更大成绩。", [("TYP001", "再接再励", ["再接再厉"])]),
        ("做为基层干部，要带头遵守纪律。", [("TYP004", "做为", ["作为"])]),
        ("截止2024年底，全市共有企业1万家。", [("TYP005", "截止", ["截至"])]),
        ("要做好防汛抗旱工做。", [("TYP010", "工做", ["工作"])]),
        ("确保人民群众生命安全和身体键康。", [("TYP010", "键康", ["健康"])]),
        ("调查结果结果表明，情况属实。", [("TYP020", "结果", [""])]),
        ("由项目负责负责人签字确认。", [("TYP020", "负责", [""])]),
        ("要不断的提高服务水平。", [("TYP021", "的", ["地"])]),
    ],
)
def test_finds_each_kind_of_typo(typo, text, expected):
    assert typos(typo, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "这个问题要好好研究研究，大家再讨论讨论。",
        "他常常加班，的的确确很辛苦。",
        "一个一个地解决问题，一步一步向前推进。",
        "有许多关于刑事诉讼目的的理论。",
        "你现在在做什么？",
        "解放思想、实事求是是我们党的思想路线。",
        "统一向登记主管机关报送上一年度年度报告。",
        "申报截止日期为5月1日，截止到2024年底已完成。",
        "采取的措施取得了显著成效，服务水平有了进一步的提高。",
        "世界贸易组织(WTO)规则。",
        "张三丰同志任县委书记，李四光任副县长。",
    ],
)
def test_silent_on_correct_look_alikes(typo, text):
    assert typos(typo, text) == []


def test_offsets_point_into_the_original_text(typo):
    text = "\ufeff第一段。\n\n确保人民群众生命安全和身体键康。"
    (f,) = [f for f in typo.check(text, doc_date=DAY).findings if f.category == "typo"]
    assert text[f.start : f.end] == f.text == "键康"
    assert f.line == 3 and f.suggestions == ["健康"]
    assert 0.0 < f.confidence <= 1.0 and f.fix == "unsafe"
    assert "健康" in f.message and "音近" in f.message or "形近" in f.message


def test_allowlist_protects_a_term():
    text = "要做好防汛抗旱工做。"
    chk = Checker(Config(select=("TYP",), allowlist=("工做",)))
    assert typos(chk, text) == []


def test_typo_threshold_drops_low_confidence_findings():
    text = "要做好防汛抗旱工做。"
    assert typos(Checker(Config(select=("TYP010",), typo_threshold=0.5)), text)
    assert typos(Checker(Config(select=("TYP010",), typo_threshold=0.99)), text) == []


def test_rank_option_switches_off_the_language_model_gate():
    # without the LM gate every completed word is reported; with it, only clear gains
    text = "国务院总理主持召开常务会议，研究部署有关工作，会议听取了汇报。"
    gated = typos(Checker(Config(select=("TYP010",))), text)
    ungated = typos(Checker(Config(select=("TYP010",), rule_options={"TYP010": {"rank": "freq"}})), text)
    assert gated == []
    assert len(ungated) >= len(gated)


def test_traditional_text_is_reported_once_per_paragraph(typo):
    text = "今年以來，我市認真學習貫徹黨的十九大精神。\n堅持以人民為中心的發(fā)展思想。\n这一段是简体。"
    found = [f for f in typo.check(text, doc_date=DAY).findings if f.rule_id == "TYP030"]
    assert len(found) == 2
    assert found[0].suggestions[0].startswith("来，我市认真学习贯彻党")
    assert found[1].text.endswith("發(fā)") and found[1].suggestions[0] == "坚持以人民为中心的发"
    garbled = [f for f in typo.check(text, doc_date=DAY).findings if f.rule_id == "TYP031"]
    assert len(garbled) == 1 and garbled[0].text == "發(fā)"


def test_several_artefacts_in_one_paragraph_make_one_finding(typo):
    text = "堅持以人民為中心的發(fā)展思想，緊密聯(lián)系實際，工作穩(wěn)步推進。"
    garbled = [f for f in typo.check(text, doc_date=DAY).findings if f.rule_id == "TYP031"]
    assert len(garbled) == 1
    assert garbled[0].text.startswith("發(fā)") and garbled[0].text.endswith("穩(wěn)")
    assert "(" not in garbled[0].suggestions[0]


def test_bad_typo_engine_is_a_clear_config_error(tmp_path):
    from govcheck.config import ConfigError

    chk = Checker(Config(select=("TYP010",), typo_engine="bogus:/nowhere"))
    with pytest.raises(ConfigError, match="unknown engine"):
        chk.check("要做好防汛抗旱工做。")
    chk = Checker(Config(select=("TYP010",), typo_engine="kenlm"))
    with pytest.raises(ConfigError, match="expected"):
        chk.check("要做好防汛抗旱工做。")


def test_dictionary_tables_are_large_and_sourced():
    from govcheck.packs import builtin_pack_dirs

    folder = next(p for p in builtin_pack_dirs() if p.name == "core") / "typos"
    rows = 0
    for name in ("curated.tsv", "learned.tsv", "attested.tsv", "idiom_variants.tsv"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            wrong, right, source = line.split("\t")
            assert wrong != right and source.strip()
            rows += 1
    assert rows >= 3000


def test_clean_official_paragraph_has_no_typo_findings(typo):
    text = (
        "过去一年，我们坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局，"
        "着力推动高质量发展，全面深化改革开放，统筹发展和安全，经济社会大局保持稳定。"
        "各地区各部门要切实增强责任感和紧迫感，抓好各项政策措施落实落地，确保取得实效。"
    )
    assert typos(typo, text) == []


def test_document_number_codes_are_not_corrected(typo):
    # 皖政办秘 is an issuing-authority code, not a word: 办 must not become 协 (政协)
    text = "根据《关于印发实施方案的通知》（皖政办秘〔2020〕110号）要求，确保人民群众身体键康。"
    assert [f[0:2] for f in typos(typo, text) if f[0] == "TYP010"] == [("TYP010", "键康")]
    # a template's placeholder year (20xx) still marks a document number: 办发 is not 办法
    text = "《关于印发实施意见的通知》(x党办发〔20xx〕99号)和《x市人民政府办公室关于印发方案的通知》"
    assert [f for f in typos(typo, text) if f[0] == "TYP010"] == []


def test_no_near_miss_guess_next_to_a_pinyin_gloss(typo):
    # 發(fā)布會: the gloss is a copy artefact (TYP031); 布会 must not become 不会
    found = typos(typo, "市本级已召开新聞發(fā)布會28場次。")
    assert [f for f in found if f[0] == "TYP010"] == []
    assert any(f[0] == "TYP031" for f in found)


def test_near_miss_search_leaves_traditional_script_to_typ030(typo):
    """TYP010 reads the Simplified view (著力 reads as in Simplified text, where 着力 is standard); in
    Traditional text TYP030 reports the paragraph and TYP010 stays out (it once "corrected" 著力)."""
    text = "公開事項，落實責任，著力推進實施過程信息公開。"
    found = typos(typo, text)
    assert [f for f in found if f[0] == "TYP010"] == []
    assert [f[0] for f in found] == ["TYP030"]
    # the same slip written in Simplified script is still found
    assert "总休" in [f[1] for f in typos(typo, "会议审议通过了总休方案。") if f[0] == "TYP010"]


def test_office_abbreviations_are_not_corrected(typo):
    # from a real 自查报告 and 总结: 党政办, 审签 are general official words jieba lacks
    text = "街道党政办、宣传办为政府信息公开工作的主要机构，解读材料同步组织、同步审签、同步部署。"
    assert [f for f in typos(typo, text) if f[0] == "TYP010"] == []


def test_open_government_terms_are_not_corrected(typo):
    # from a real 政务公开 report: 全流程 and 依申请(公开) are terms of art jieba lacks (official_words.txt)
    text = "明确提出推进决策全流程公开、执行全方位公开。未在规定时限答复依申请公开的，在年终考核中扣除相应分数。"
    assert [f for f in typos(typo, text) if f[0] == "TYP010"] == []
    # the protection is for those words only: a slip next to them is still found
    assert [f[1] for f in typos(typo, "推进决策全流程公开，会议审议通过了总休方案。") if f[0] == "TYP010"] == ["总休"]


def test_names_after_a_title_are_not_corrected(typo):
    from govcheck.rules.builtin.typo_nearmiss import _quiet_spans

    # personnel lists: a surname and one or two characters after a title are a name (高雨, 左宪安)
    text = "组长由国务院机关党组成员、国办督查室主任高雨担任，副组长由县政协党组书记左宪安担任。"
    assert [text[a:b] for a, b in _quiet_spans(text)] == ["高雨担", "左宪安"]
    # the title alone quiets nothing: 主任负责 has no surname after it, and surnames that are also
    # words written after titles (和, 应, 时) are left out
    assert _quiet_spans("由办公室主任负责解释。") == []
    assert _quiet_spans("局长和县长出席，书记应当带头，主任时刻关注。") == []
    # a slip elsewhere in such a line is still found
    found = typos(typo, "组长由国务院机关党祖成员、国办督查室主任高雨担任。")
    assert [f[1] for f in found if f[0] == "TYP010"] == ["祖成"]


@pytest.mark.parametrize(
    "bad, good",
    [
        ("任命王明为县教育局党组书籍、副局长。", "任命王明为县教育局党组书记、副局长。"),
        ("社区党总支书籍、居委会主任李华主持会议。", "社区党总支书记、居委会主任李华主持会议。"),
        ("保护未成年人的受教育权力。", "保护未成年人的受教育权利。"),
    ],
)
def test_real_word_slips_in_fixed_official_phrases(bad, good):
    """书籍 for 书记 after a Party body, 权力 for 权利 in 受教育权利: both slips are words, so only the
    fixed phrase gives them away."""
    import govcheck

    found = [(f.rule_id, f.suggestions[0]) for f in govcheck.check(bad).findings if f.category == "typo"]
    assert len(found) == 1 and found[0][0] == "TYP001" and found[0][1] in good
    assert [f for f in govcheck.check(good).findings if f.category == "typo"] == []
