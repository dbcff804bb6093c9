"""GB/T 9704 (FMT), GB/T 15834 (PUN) and GB/T 15835 (NUM) packs: positives, look-alike negatives,
exact offsets on the original text, and the false-alarm rate on proofread official documents."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from govcheck import Config
from govcheck.engine import Checker
from govcheck.normalize import build_view
from govcheck.rules.builtin.fmt_dates import arabic_date

CHECKER = Checker(Config(select=("FMT", "PUN", "NUM")))
D = dt.date(2024, 7, 1)


def findings(text: str, rule: str | None = None, doc_date: dt.date = D):
    report = CHECKER.check(text, doc_date=doc_date)
    for f in report.findings:
        assert text[f.start : f.end] == f.text, "offsets must point into the original text"
    return [f for f in report.findings if rule is None or f.rule_id == rule]


# text, rule, span, first suggestion (None: no suggestion expected / not checked)
POSITIVES = [
    ("依据国办发[2019]5号文件。", "FMT001", "[2019]", "〔2019〕"),
    ("依据国办发【2019】5号文件。", "FMT001", "【2019】", "〔2019〕"),
    ("依据国办发(2019)5号文件。", "FMT001", "(2019)", "〔2019〕"),
    ("依据国办发（2019）5号文件。", "FMT001", "（2019）", "〔2019〕"),
    ("依据國辦發[2019]5號文件。", "FMT001", "[2019]", "〔2019〕"),
    ("依据国办发〔19〕5号文件。", "FMT002", "〔19〕", "〔2019〕"),
    ("依据国办发〔2019〕第5号文件。", "FMT003", "第5", "5"),
    ("依据国办发〔2019〕005号文件。", "FMT003", "005", "5"),
    ("2024年07月01日", "FMT010", "2024年07月01日", "2024年7月1日"),
    ("某某局\n二〇二四年七月一日", "FMT011", "二〇二四年七月一日", "2024年7月1日"),
    ("截至12月X日，共发布信息。", "FMT020", "12月X日", None),
    ("X县人民政府", "FMT020", "X", None),
    ("××同志在会上讲话。", "FMT020", "××", None),
    ("报送单位：【单位名称】", "FMT020", "【单位名称】", None),
    ("正文。\n下一篇：关于2024年工作的通知", "FMT030", "下一篇：关于2024年工作的通知", ""),
    ("正文。\n相关热词搜索：总结 报告", "FMT030", "相关热词搜索：总结 报告", ""),
    ("正文。\nCopyright © 2020 某某县人民政府 版权所有", "FMT030", "Copyright © 2020 某某县人民政府 版权所有", ""),
    ("附件：1、工作方案", "FMT040", "、", "."),
    ("附件：工作方案。", "FMT041", "。", ""),
    ("一.总体要求", "FMT050", ".", "、"),
    ("（二）、工作措施", "FMT050", "、", ""),
    ("机密 ★ 5年", "FMT060", "机密 ★ ", "机密★"),
    ("我们要加强领导,落实责任。", "PUN001", ",", "，"),
    ("主要做法如下:", "PUN001", ":", "："),
    ("这是为什么?", "PUN001", "?", "？"),
    ("（一）组织领导。(二)工作机制。", "PUN002", "(二)", "（二）"),
    ("学习《条例〉精神。", "PUN003", "〉", "》"),
    ("学习（条例)精神。", "PUN003", ")", "）"),
    ("学习《关于《条例》的说明》。", "PUN004", "《条例》", "〈条例〉"),
    ("领导，，落实。", "PUN005", "，，", "，"),
    ("广播电视...等", "PUN007", "...", "……"),
    ("广播电视……等载体", "PUN008", "……等", "……"),
    ("每月开展三、四次检查。", "PUN009", "三、四", "三四"),
    ('推进"放管服"改革。', "PUN011", '"放管服"', "“放管服”"),
    ("二○二一年", "NUM001", "二○二一", "二〇二一"),
    ("21年5月", "NUM002", "21年", "2021年"),
    ("投资3千万元。", "NUM003", "3千", "3000"),
    ("增长10～20%。", "NUM004", "10～20%", "10%～20%"),
    ("增长10%-20%。", "NUM005", "-", "～"),
    ("约300人左右。", "NUM006", "约300人左右", "约300人"),
    ("超过10亿元以上。", "NUM006", "超过10亿元以上", "超过10亿元"),
    ("２０２４年", "NUM007", "２０２４", "2024"),
    ("会议于2024.9.8召开。", "NUM008", "2024.9.8", "2024年9月8日"),
]


@pytest.mark.parametrize("text, rule, span, suggestion", POSITIVES, ids=[f"{p[1]}-{i}" for i, p in enumerate(POSITIVES)])
def test_positive(text, rule, span, suggestion):
    got = findings(text, rule)
    assert [f.text for f in got].count(span) == 1, [(f.rule_id, f.text) for f in got]
    f = next(f for f in got if f.text == span)
    if suggestion is not None:
        assert f.suggestions[:1] == [suggestion]
    assert rule in f.source or f.source  # every finding carries its citation
    assert "GB/T" in f.source or "国办秘函" in f.source


# Look-alike correct text: nothing from these packs.
NEGATIVES = [
    "根据国办发〔2019〕5号文件要求。",
    "（2021）京01民终123号判决书已生效。",
    "《中华人民共和国民法典》（2020年5月28日通过）第十条。",
    "国务院令第708号公布。",
    "2024年7月1日",
    "三、四两个季度的任务都很重。",
    "第三、四季度完成验收。",
    "一、二年级学生参加活动。",
    "他引用了“Made in China, for the world.”这句话。",
    "标语写着“Ready?”和“Go!”。",
    "说到这里……他停了下来。",
    "全年完成投资1,200亿元，会议于10:30开始，增长3.5%。",
    "为患者进行X光检查和B超检查。",
    "详见https://www.gov.cn/zhengce/content。",
    "二〇〇八年北京奥运会成功举办。",
    "增长10%～20%，投资3亿～5亿元。",
    "联系电话0551-62999999。",
    "执行GB/T 9704-2012和GB/T 15834-2011。",
    "参加人数300人左右，节约30%左右的能源。",
    "下一步，我们将继续加强政务公开工作。",
    "北京—广州高铁，2021—2025年规划。",
    "函数f(x)的取值范围。",
    "机密★5年",
    "做好保密工作，保守国家秘密。",
    "附件：1. 工作方案\n2. 责任分工",
    "“第一段引文，\n“第二段引文。”",
    "It’s a “test”.",
    "坚持“一国两制”、“港人治港”、“澳人治澳”。",
    "学习《宪法》、《监察法》。",
    "印发《转发〈关于转发国务院《关于加强管理的决定》的通知〉的通知》。",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_look_alike_negative(text):
    got = findings(text)
    assert not got, [(f.rule_id, f.text, f.message) for f in got]


def test_offsets_survive_width_folding_and_wrapped_lines():
    # full-width digits and a web line-wrap change the view; findings must still point at the original
    text = "我局２０２２年共发布信息七十九条,其中政策解读类信息较多且覆盖面广泛的情况十分突出\n持续推进。进一步加强领导,落实责任。"
    got = findings(text)
    rules = sorted(f.rule_id for f in got)
    assert rules == ["NUM007", "PUN001", "PUN001"]
    comma = [f for f in got if f.rule_id == "PUN001"]
    assert [text[f.start] for f in comma] == [",", ","]


def test_half_width_brackets_summarised_when_document_uses_them_throughout():
    text = "第一条 下列情形：\n(一)甲；\n(二)乙；\n(三)丙。"
    got = findings(text, "PUN002")
    assert len(got) == 1 and got[0].severity == "info" and got[0].text == "(一)"
    assert "3处" in got[0].message
    mixed = "第一条 下列情形：\n（一）甲；\n(二)乙；\n(三)丙。"
    got = findings(mixed, "PUN002")
    assert [f.text for f in got] == ["(二)", "(三)"] and all(f.severity == "warning" for f in got)


def test_chinese_date_rule_respects_the_2012_standard_date():
    text = "某某局\n二〇一〇年六月二十六日"
    assert not findings(text, "FMT011", doc_date=dt.date(2010, 7, 1))
    assert findings(text, "FMT011", doc_date=dt.date(2013, 1, 1))


@pytest.mark.parametrize(
    "chinese, arabic",
    [("二〇二一年六月二十六日", "2021年6月26日"), ("二〇一九年十二月三十一日", "2019年12月31日"), ("二〇二〇年十月十日", "2020年10月10日"),
     ("二〇二〇年x月十日", None), ("二〇二〇年十三月一日", None)],
)
def test_arabic_date(chinese, arabic):
    assert arabic_date(chinese) == arabic


def test_placeholders_are_serious_and_debris_is_a_warning():
    got = findings("20xx年工作总结\n上一篇：关于某某的通知")
    sev = {f.rule_id: f.severity for f in got}
    assert sev["FMT020"] == "serious" and sev["FMT030"] == "warning"


def test_quotation_spanning_paragraphs_is_not_unpaired_but_a_real_gap_is():
    assert not findings("他说：“第一段，\n“第二段。”", "PUN003")
    got = findings("他说：“第一段，\n第二段。", "PUN003")
    assert [f.text for f in got] == ["“"]


NOTICE = """某某市人民政府办公室关于印发某某市2024年政务公开工作要点的通知
某政办发〔2024〕12号

各县（市、区）人民政府，市政府各部门：
《某某市2024年政务公开工作要点》已经市政府同意，现印发给你们，请认真贯彻执行。根据《国务院办公厅关于印发2024年政务公开工作要点的通知》（国办发〔2024〕15号）和《中华人民共和国政府信息公开条例》（2019年4月3日修订）的规定，结合我市实际，提出以下要求。
一、总体要求
坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届二中、三中全会精神，落实“放管服”改革要求。
（一）加强组织领导。各地、各部门要把政务公开工作列入重要议事日程，每年研究部署三四次，确保2024年底前完成全部任务。
（二）推进重点领域公开。2023年全市主动公开政府信息12.5万条，同比增长10%～20%；依申请公开办结率达到98.6%，较上年提高1.2个百分点。
1.深化决策公开。重大行政决策事项的公众参与率不低于80%。
2.加强政策解读。做到“应解尽解”，解读材料与政策文件同步起草、同步审签、同步发布。
（1）规范解读形式。鼓励采用图表、音视频等形式。
二、工作安排
2024年3月至5月，开展自查；6月至8月，组织第三、四季度督查。全市共设置政务公开专区200～300个，每个专区配备工作人员2～3名。第十四届全国人大二次会议期间，做好建议提案办理结果公开。
联系人：王某某，联系电话：0571-87000000。
附件：1.某某市2024年政务公开工作要点
2.重点任务分工表

某某市人民政府办公室
2024年3月15日
"""


def test_a_correct_notice_gets_no_finding():
    # 发文字号, law citation with a year in brackets, ranges, 三四次, 第三、四季度, headings, 附件说明, 落款
    got = findings(NOTICE)
    assert not got, [(f.rule_id, f.text) for f in got]


def test_quotation_broken_by_a_web_line_wrap_still_pairs():
    text = "这是一个很长的句子，用来模拟网页复制时在句子中间断开的“政务公\n开”工作要求以及其他相关内容。"
    assert not findings(text, "PUN003")


CLEAN = Path(__file__).resolve().parents[2] / "shared" / "data" / "clean_dev"


@pytest.mark.skipif(not (CLEAN / "SOURCES.md").is_file(), reason="clean_dev corpus not available")
def test_clean_official_documents_stay_under_one_finding_per_10k_characters():
    total = n = 0
    for line in (CLEAN / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*(\S+\.txt)\s*\|\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*\|", line)
        if not m:
            continue
        text = (CLEAN / m.group(1)).read_text(encoding="utf-8")
        date = dt.date(int(m.group(2)), int(m.group(3)), int(m.group(4) or 1))
        total += len(text)
        n += len(CHECKER.check(text, doc_date=date).findings)
    assert total > 300_000
    assert n / total * 10_000 <= 1.0, f"{n} findings in {total} characters"


# -- gated pattern rules (fmt_gates): the gates are a shortcut only, never a change in results ------
SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples" / "real_drafts"


def _gate_texts() -> list[str]:
    cases = Path(__file__).parent / "data" / "standards_cases.tsv"
    texts = [
        line.split("\t")[2].replace("\\n", "\n").replace("\\t", "\t")
        for line in cases.read_text(encoding="utf-8").splitlines()
        if line.startswith(("flag\t", "clean\t"))
    ]
    assert len(texts) >= 250
    texts += [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8")[:20000] for p in sorted(CLEAN.glob("*.txt"))[:6]]
    return texts


def test_gated_rules_find_exactly_what_their_ungated_patterns_find():
    from govcheck.rules.base import CheckContext
    from govcheck.rules.builtin.fmt_gates import GatedPatterns
    from govcheck.rules.kinds.pattern import PatternRule

    CHECKER.warm_up()
    gated = [r for r in CHECKER.rules if isinstance(r, GatedPatterns)]
    assert {r.spec.rule_id for r in gated} >= {"FMT020", "FMT030", "FMT040", "FMT060"}
    plain = [PatternRule(r.spec, r.pack, r.base_dir, r.entries) for r in gated]
    for text in _gate_texts():
        view = build_view(text, CHECKER._traditional)
        ctx = CheckContext(view, D, CHECKER.segmenter, CHECKER.config)
        for g, p in zip(gated, plain):
            got = [(h.start, h.end, tuple(h.suggestions)) for h in g.scan(ctx)]
            want = [(h.start, h.end, tuple(h.suggestions)) for h in p.scan(ctx)]
            assert got == want, (g.spec.rule_id, text[:40])


def test_gates_must_match_the_patterns_one_to_one():
    from govcheck.rules.builtin.fmt_gates import GatedPatterns

    rule = CHECKER.rule("FMT060")
    spec = rule.spec.model_copy(update={"data": {"gates": [["密"]]}})
    with pytest.raises(ValueError, match="gates"):
        GatedPatterns(spec, rule.pack, rule.base_dir, rule.entries)
