"""Secrecy: marks in every typed form fire; ordinary 秘密/机密/内部 and law texts stay silent."""

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.privacy_corpus import SECRECY_NEGATIVE, SECRECY_POSITIVE

CLEAN_DEV = Path("/work/shared/data/clean_dev")
if not CLEAN_DEV.is_dir():
    CLEAN_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "clean_dev"


def secrecy(report):
    return [f for f in report.findings if f.rule_id.startswith("SEC")]


@pytest.mark.parametrize("text, rule_id, severity, span", SECRECY_POSITIVE)
def test_marks_fire(core_checker, text, rule_id, severity, span):
    found = [f for f in secrecy(core_checker.check(text)) if f.rule_id == rule_id]
    assert found, f"{rule_id} missed in {text!r}"
    assert any(f.text == span and f.severity == severity for f in found), [(f.text, f.severity) for f in found]


@pytest.mark.parametrize("text", SECRECY_NEGATIVE)
def test_ordinary_language_is_silent(core_checker, text):
    assert secrecy(core_checker.check(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "机密★1年",
        "　机密★1年\n",
        "000001\n机密★10年\n特急",
        "绝　密★长期",
        "秘密★公布前",
        "机密★\n关于召开会议的通知",
    ],
)
def test_head_marks(core_checker, text):
    assert [f.rule_id for f in secrecy(core_checker.check(text))] == ["SEC001"]


def test_mark_span_maps_to_original_offsets(core_checker):
    text = "正文开始。\n\n机密★1年\n关于调整部分项目安排的通知"
    (f,) = secrecy(core_checker.check(text))
    assert text[f.start : f.end] == "机密★1年" and f.line == 3 and f.column == 1


def test_bare_level_only_at_document_head(core_checker):
    body = "\n".join(["第一段正文内容。"] * 10)
    assert secrecy(core_checker.check(body + "\n机密\n下一段。")) == []


def test_spaced_form_needs_a_header_line(core_checker):
    assert secrecy(core_checker.check("机密 1年来的发展表明，我们的工作取得了成效。")) == []


def test_consultation_notice_keeps_its_draft_marker_silent(core_checker):
    text = "关于优化营商环境若干措施（征求意见稿）\n……\n欢迎社会各界提出意见，反馈意见请发送至邮箱。"
    assert secrecy(core_checker.check(text)) == []


def _dates():
    out = {}
    for m in re.finditer(r"\| (\S+\.txt) \| (\d{4}-\d{2}(?:-\d{2})?) ", (CLEAN_DEV / "SOURCES.md").read_text(encoding="utf-8")):
        d = m.group(2)
        out[m.group(1)] = dt.date.fromisoformat(d if len(d) == 10 else d + "-15")
    return out


@pytest.mark.skipif(not CLEAN_DEV.is_dir(), reason="shared clean_dev texts not present")
def test_laws_and_reports_are_silent(core_checker):
    """Regulations discuss 国家秘密, 工作秘密 and 个人信息; reports mention 部队: none is a finding."""
    dates = _dates()
    noisy = []
    for path in sorted(CLEAN_DEV.glob("*.txt")):
        report = core_checker.check(path.read_text(encoding="utf-8"), doc_date=dates.get(path.name))
        noisy += [(path.name, f.rule_id, f.text) for f in report.findings if f.rule_id.startswith(("SEC", "PII"))]
    assert noisy == []


@pytest.mark.parametrize("text", ["机密1年\n关于印发方案的通知", "秘密长期\n通知", "绝密级\n关于××的报告"])
def test_marks_without_star(core_checker, text):
    assert [f.rule_id for f in secrecy(core_checker.check(text))] == ["SEC001"]


@pytest.mark.parametrize("text", ["秘密1年来的发展表明，改革成效明显。", "机密10年后解密的规定见保密法。"])
def test_sentences_starting_with_a_level_word_stay_silent(core_checker, text):
    assert secrecy(core_checker.check(text)) == []


@pytest.mark.parametrize(
    "text, rule_id, span",
    [
        ("绝密★启用前\n2025年某市公务员录用考试试卷", "SEC001", "绝密★启用前"),
        ("机密\n★\n1年\n关于××的通知", "SEC001", "机密\n★\n1年"),
        ("（机密）\n关于××情况的报告", "SEC001", "机密"),
        ("内部资料 请勿外传\n工作动态", "SEC002", "内部资料"),
        ("内部文件，不得外传\n会议纪要", "SEC002", "内部文件"),
        ("工作秘密★\n关于××的汇报", "SEC002", "工作秘密★"),
        ("××县乡村振兴规划（代拟稿）\n第一章 总则", "SEC003", "代拟稿"),
    ],
)
def test_more_typed_forms(core_checker, text, rule_id, span):
    found = [f for f in secrecy(core_checker.check(text)) if f.rule_id == rule_id]
    assert [f.text for f in found] == [span]


@pytest.mark.parametrize(
    "text",
    [
        "电视剧《绝密使命》热播。",
        "绝密档案揭开了历史的秘密。",
        "（三）保守国家秘密和工作秘密；",
        "本条例所称内部资料，是指……",
        "单位内部文件的管理按有关规定执行。",
        "形成初稿后，起草组广泛听取意见。",
    ],
)
def test_more_ordinary_uses(core_checker, text):
    assert secrecy(core_checker.check(text)) == []


@pytest.mark.parametrize(
    "text, rule_id, span",
    [
        ("关于某某办法（第二次征求意见稿）\n一、总则", "SEC003", "征求意见稿"),
        ("某某实施方案征求意见稿\n一、总体目标", "SEC003", "征求意见稿"),
        ("未定稿，请勿引用\n关于某事项的调研报告", "SEC003", "未定稿"),
        ("内部资料·注意保存", "SEC002", "内部资料·注意保存"),
        ("仅限内部使用\n某某操作手册", "SEC002", "仅限内部使用"),
        ("本文件内容涉及工作秘密，不得公开。", "SEC002", "本文件内容涉及工作秘密"),
        ("涉密级别：秘密\n文件标题：某某项目情况汇报", "SEC001", "涉密级别：秘密"),
        ("（密件）关于某某情况的通报", "SEC001", "密件"),
        ("以下人事安排暂不对外，请各单位注意。", "SEC007", "暂不对外"),
    ],
)
def test_typed_variants_fire(core_checker, text, rule_id, span):
    assert any(f.rule_id == rule_id and f.text == span for f in secrecy(core_checker.check(text))), [
        (f.rule_id, f.text) for f in secrecy(core_checker.check(text))
    ]


@pytest.mark.parametrize(
    "text",
    [
        "内部\n控制评价报告",
        "绝密\n——红色交通线上的故事",
        "加强企业内部数据安全管理。",
        "涉及个人隐私的信息不宜公开。",
        "目前全国第五次经济普查数据尚未公布。",
        "上述信息暂不公开的理由如下。",
        "各单位要认真修改讨论稿，于3月底前报送定稿。",
    ],
)
def test_look_alikes_stay_silent(core_checker, text):
    assert secrecy(core_checker.check(text)) == []
