"""Timeliness (POL400–POL416): renamed institutions and superseded formulations against the document's
date; past-tense mentions stay quiet; without a doc_date the document's own 落款 date is used."""

from __future__ import annotations

import datetime as dt

import pytest


def _hits(checker, text, date=None):
    report = checker.check(text, doc_date=date)
    return [f for f in report.findings if f.rule_id.startswith("POL4")], report


POSITIVE = [
    ("请将材料报送国家卫生计生委。", dt.date(2019, 6, 1), "POL400", "国家卫生计生委", "国家卫生健康委"),
    ("近日，环境保护部印发通知。", dt.date(2020, 1, 1), "POL400", "环境保护部", "生态环境部"),
    ("国家旅游局发布假日旅游统计数据。", dt.date(2024, 1, 1), "POL400", "国家旅游局", "文化和旅游部"),
    ("中国银监会发布新规。", dt.date(2020, 1, 1), "POL400", "中国银监会", "中国银保监会"),
    ("中国银监会发布新规。", dt.date(2024, 1, 1), "POL400", "中国银监会", "国家金融监督管理总局"),
    ("卫生部发布了新的诊疗指南。", dt.date(2015, 1, 1), "POL401", "卫生部", "国家卫生计生委"),
    ("卫生部发布了新的诊疗指南。", dt.date(2020, 1, 1), "POL401", "卫生部", "国家卫生健康委"),
    ("中国银保监会发布新规。", dt.date(2024, 1, 1), "POL402", "中国银保监会", "国家金融监督管理总局"),
    ("市环保局开展执法检查。", dt.date(2021, 1, 1), "POL403", "环保局", "生态环境局"),
    ("做好新冠肺炎患者的分级诊疗。", dt.date(2023, 3, 1), "POL410", "新冠肺炎", "新冠病毒感染"),
    ("奋力夺取决胜全面建成小康社会新胜利。", dt.date(2022, 5, 1), "POL411", "决胜全面建成小康社会", "全面建设社会主义现代化国家"),
    ("今年要坚决打赢脱贫攻坚战。", dt.date(2023, 1, 1), "POL412", "坚决打赢脱贫攻坚战", "巩固拓展脱贫攻坚成果"),
    ("今年是“十四五”开局之年，我们要开好局。", dt.date(2026, 2, 1), "POL413", "今年是“十四五”开局之年", "今年是“十五五”开局之年"),
    ("落实三大全球倡议。", dt.date(2025, 12, 1), "POL414", "三大全球倡议", "四大全球倡议"),
    ("我局坚持以邓小平理论和“三个代表”重要思想为指导。", dt.date(2023, 1, 1), "POL415", "重要思想为指导", None),
    ("深入学习贯彻习近平总书记系列重要讲话精神。", dt.date(2019, 1, 1), "POL417", "总书记系列重要讲话精神", "习近平新时代中国特色社会主义思想"),
    ("外来人员须办理暂住证。", dt.date(2018, 1, 1), "POL418", "暂住证", "居住证"),
    ("依据《中华人民共和国合同法》第五十二条，该合同无效。", dt.date(2022, 1, 1), "POL419", "《中华人民共和国合同法》", "《中华人民共和国民法典》"),
]


@pytest.mark.parametrize("text, date, rule, span, sugg", POSITIVE, ids=[f"{p[2]}-{p[0][:10]}" for p in POSITIVE])
def test_outdated_is_found(core_checker, text, date, rule, span, sugg):
    hits, _ = _hits(core_checker, text, date)
    hits = [f for f in hits if f.rule_id == rule]
    assert hits, f"{rule} missed: {text} @ {date}"
    f = hits[0]
    assert f.text == span
    if sugg:
        assert f.suggestions[0] == sugg
    assert f.severity in ("warning", "serious")


NEGATIVE = [
    ("原国家卫生计生委印发了该规范。", dt.date(2019, 6, 1)),
    ("2017年国家旅游局发布统计数据。", dt.date(2024, 1, 1)),
    ("国家旅游局发布假日旅游统计数据。", dt.date(2016, 1, 1)),
    ("组建文化和旅游部，不再保留文化部、国家旅游局。", dt.date(2018, 3, 21)),
    ("农业部门和卫生部门要加强协作。", dt.date(2020, 1, 1)),
    ("住房和城乡建设部发布了新的标准。", dt.date(2020, 1, 1)),
    ("中共中央党校（国家行政学院）举办培训班。", dt.date(2020, 1, 1)),
    ("做好新冠肺炎患者的分级诊疗。", dt.date(2022, 3, 1)),
    ("2020年初，新冠肺炎疫情突如其来。", dt.date(2024, 3, 1)),
    ("我们实现了第一个百年奋斗目标，全面建成了小康社会。", dt.date(2022, 5, 1)),
    ("打赢脱贫攻坚战后，工作重心转向乡村振兴。", dt.date(2023, 1, 1)),
    ("2026年是“十五五”开局之年。", dt.date(2026, 2, 1)),
    ("今年是“十四五”开局之年，我们要开好局。", dt.date(2021, 2, 1)),
    ("以邓小平理论和“三个代表”重要思想为指导，深入贯彻落实科学发展观。", dt.date(2010, 3, 5)),
    ("无被刑事处罚、劳动教养、收容教育、强制隔离戒毒的记录。", dt.date(2022, 1, 1)),
    ("2019年，法院依据《合同法》作出判决。", dt.date(2022, 1, 1)),
]


@pytest.mark.parametrize("text, date", NEGATIVE, ids=[n[0][:14] for n in NEGATIVE])
def test_current_or_past_tense_is_quiet(core_checker, text, date):
    hits, _ = _hits(core_checker, text, date)
    assert hits == []


def test_document_date_from_signature_drives_the_judgement(core_checker):
    body = "请各单位将材料报送国家卫生计生委。\n\n××市人民政府办公室\n{date}\n"
    hits, report = _hits(core_checker, body.format(date="2017年5月4日"))
    assert report.doc_date == dt.date(2017, 5, 4) and report.doc_date_source.startswith("document")
    assert hits == []
    hits, report = _hits(core_checker, body.format(date="2019年5月4日"))
    assert report.doc_date == dt.date(2019, 5, 4)
    assert [f.rule_id for f in hits] == ["POL400"]


def test_argument_date_wins_over_document_date(core_checker):
    hits, report = _hits(core_checker, "国家旅游局发布数据。\n\n2016年5月4日\n", dt.date(2024, 1, 1))
    assert report.doc_date_source == "argument"
    assert [f.rule_id for f in hits] == ["POL400"]
