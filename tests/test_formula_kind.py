"""Table tests of the `formula` rule kind's edge cases, on a throw-away pack (no shipped rules)."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from govcheck import Config
from govcheck.engine import Checker
from govcheck.packs import DictionaryError
from govcheck.rules.kinds.formula import _approx_substring

RULE = {
    "rule_id": "TST200",
    "kind": "formula",
    "title": "test formulations",
    "category": "political",
    "severity": "serious",
    "message": "“{match}”→“{suggestion}”",
    "source": "test",
    "entries": [
        {
            "term": "核心提法",
            "valid_from": "2016-10-27",
            "data": {
                "canonical": "以习近平同志为核心的党中央",
                "deviations": [
                    {"wrong": "以习近平为核心的党中央", "right": "以习近平同志为核心的党中央", "severity": "blocker"},
                    {"wrong": "以习近平同志为总书记的党中央", "right": "以习近平同志为核心的党中央", "valid_until": "2099-01-01",
                     "context": {"historical_before_year": 2017}},
                ],
                "variants": True,
                "skip_positions": [1, 2, 3],
                "fuzzy": {"anchors": ["以习近平同志为核心", "为核心的党中央"], "max_edits": 2},
            },
        },
        {
            "term": "思想",
            "data": {
                "canonical": "习近平新时代中国特色社会主义思想",
                "fuzzy": {"anchors": ["习近平新时代", "时代中国特色社会主义思想"], "max_edits": 2},
                "accept": ["习近平新时代中国特色社会主义经济思想"],
                "defer": ["习近平"],
            },
        },
        {
            "term": "四个意识",
            "valid_from": "2016-01-29",
            "data": {
                "items": ["政治意识", "大局意识", "核心意识", "看齐意识"],
                "item_pattern": "\\p{Han}{2}意识",
                "missing": True,
                "edge_extra": True,
            },
        },
        {
            "term": "五位一体",
            "data": {
                "items": ["经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设"],
                "item_pattern": "\\p{Han}{2,4}建设",
                "not_items": ["党的建设"],
                "min_items": 3,
                "missing": True,
            },
        },
        {
            "term": "新发展理念",
            "data": {
                "items": ["创新", "协调", "绿色", "开放", "共享"],
                "label": ["发展理念"],
                "gap": "(?:发展)?(?:[、，,；;]|和)",
                "min_items": 3,
            },
        },
        {
            "term": "指导思想",
            "data": {"items": ["马克思列宁主义", "毛泽东思想", "邓小平理论", ["“三个代表”重要思想", "三个代表重要思想"]], "checks": ["order"]},
        },
    ],
    "examples": {"bad": ["以习近平为核心的党中央"], "good": ["以习近平同志为核心的党中央"]},
}


def _pack(tmp_path, rule=RULE):
    (tmp_path / "pack.yaml").write_text(
        yaml.safe_dump({"name": "tst", "version": "1", "prefixes": ["TST"]}, allow_unicode=True), encoding="utf-8"
    )
    (tmp_path / "rules.yaml").write_text(yaml.safe_dump({"rules": [rule]}, allow_unicode=True), encoding="utf-8")
    return Checker(Config(builtin_packs=False, packs=(str(tmp_path),)))


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    return _pack(tmp_path_factory.mktemp("formula"))


D = dt.date(2023, 6, 1)

# text, doc_date, expected spans [(text, first suggestion)] ; [] means no finding
CASES = [
    # deviations
    ("在以习近平为核心的党中央领导下。", D, [("以习近平为核心的党中央", "以习近平同志为核心的党中央")]),
    ("在以习近平同志为核心的党中央领导下。", D, []),
    ("在以习近平同志为总书记的党中央领导下。", D, [("以习近平同志为总书记的党中央", "以习近平同志为核心的党中央")]),
    ("2015年，在以习近平同志为总书记的党中央领导下。", D, []),  # historical sentence
    ("在以习近平为核心的党中央领导下。", dt.date(2015, 1, 1), []),  # before valid_from
    # near-miss character (variants) and insertion/deletion (fuzzy)
    ("在以习近平同志为核心的党中心领导下。", D, [("以习近平同志为核心的党中心", "以习近平同志为核心的党中央")]),
    ("在以习近平同志为核心的的党中央领导下。", D, [("以习近平同志为核心的的党中央", "以习近平同志为核心的党中央")]),
    ("以习近平近新时代中国特色社会主义思想为指导。", D, [("习近平近新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想")]),
    ("以习近平新时代中国特色社会思想为指导。", D, [("习近平新时代中国特色社会思想", "习近平新时代中国特色社会主义思想")]),
    ("以习近平新时代中国特色社会主义思想为指导。", D, []),
    ("以习近平新时代中国特色社会主义经济思想为指导。", D, []),  # accept
    ("创立了新时代中国特色社会主义思想。", D, []),  # 3 edits away: a different phrase
    ("以习进平新时代中国特色社会主义思想为指导。", D, []),  # only the deferred name differs: the name rule's job
    ("在以江泽民同志为核心的党中央领导下。", D, []),
    # ordered lists
    ("增强政治意识、大局意识、看齐意识、核心意识。", D, [("政治意识、大局意识、看齐意识、核心意识", "政治意识、大局意识、核心意识、看齐意识")]),
    ("以习近平新时代中国特色社会主义，推进工作。", D, [("习近平新时代中国特色社会主义", "习近平新时代中国特色社会主义思想")]),
    ("增强政治意识、全局意识、核心意识、看齐意识。", D, [("全局意识", "大局意识")]),
    ("增强政治意识、大局意识、核心意识、看齐意识、责任意识。", D, [("责任意识", None)]),
    ("增强政治意识、大局意识、核心意识。", D, [("政治意识、大局意识、核心意识", "政治意识、大局意识、核心意识、看齐意识")]),
    ("增强政治意识、大局意识、责任意识。", D, []),  # only two known items: not judged
    ("增强政治意识、大局意识、核心意识、看齐意识。", D, []),
    ("增强政治意识、大局意识、看齐意识、核心意识。", dt.date(2015, 1, 1), []),  # before 2016-01-29
    ("推进经济建设、政治建设、文化建设、社会建设、生态建设。", D, [("生态建设", "生态文明建设")]),
    ("推进经济建设、政治建设、文化建设、社会建设和党的建设。", D, [("经济建设、政治建设、文化建设、社会建设", None)]),
    ("把生态文明建设融入经济建设、政治建设、文化建设、社会建设各方面。", D, []),  # missing item named elsewhere
    ("坚持创新、协调、开放、绿色、共享的发展理念。", D, [("创新、协调、开放、绿色、共享", "创新、协调、绿色、开放、共享")]),
    ("打造开放、绿色、创新的平台。", D, []),  # no label in the sentence
    ("坚持创新发展、协调发展、开放发展、绿色发展的发展理念。", D, [("创新发展、协调发展、开放发展、绿色", None)]),
    ("以毛泽东思想、马克思列宁主义为指导。", D, [("毛泽东思想、马克思列宁主义", "马克思列宁主义、毛泽东思想")]),
    ("以邓小平理论和三个代表重要思想为指导。", D, []),  # partial list in order; quotes are another rule's job
]


@pytest.mark.parametrize("text, date, expected", CASES, ids=[c[0][:18] for c in CASES])
def test_formula_cases(checker, text, date, expected):
    report = checker.check(text, doc_date=date)
    got = [(f.text, f.suggestions[0] if f.suggestions else None) for f in report.findings if f.rule_id == "TST200"]
    if not expected:
        assert got == []
        return
    assert len(got) == len(expected), got
    for (span, sugg), (gspan, gsugg) in zip(expected, sorted(got, key=lambda g: text.find(g[0]))):
        assert gspan == span
        if sugg is not None:
            assert gsugg == sugg


def test_offsets_are_exact_in_original_text(checker):
    text = "前言\n\n　　在以习近平为核心的党中央领导下。"
    f = [x for x in checker.check(text, doc_date=D).findings if x.rule_id == "TST200"][0]
    assert text[f.start : f.end] == "以习近平为核心的党中央"
    assert f.severity == "blocker"  # the deviation's own severity


def test_reordered_suggestion_keeps_separators(checker):
    f = checker.check("坚持创新发展、协调发展、开放发展、绿色发展、共享发展的新发展理念。", doc_date=D).findings
    f = [x for x in f if x.rule_id == "TST200"][0]
    assert f.suggestions == ["创新发展、协调发展、绿色发展、开放发展、共享"]


@pytest.mark.parametrize(
    "data, problem",
    [
        ({"items": ["只有一项"]}, "at least two"),
        ({"fuzzy": {"anchors": ["不在其中"], "max_edits": 2}, "canonical": "以人民为中心"}, "not part of a target"),
        ({"fuzzy": {"anchors": ["人民"], "max_edits": 9}, "canonical": "以人民为中心"}, "max_edits"),
        ({"items": ["甲", "乙"], "checks": ["sideways"]}, "unknown checks"),
        ({"colour": "red"}, "unknown data field"),
        ({"items": ["甲", "乙"], "item_pattern": "(unclosed"}, "formulation"),
    ],
)
def test_bad_formula_data_is_a_dictionary_error(tmp_path, data, problem):
    rule = dict(RULE, entries=[{"term": "坏", "data": data}])
    with pytest.raises(DictionaryError) as err:
        _pack(tmp_path, rule).check("测试")
    assert err.value.code == "GD032"
    assert problem in str(err.value)


@pytest.mark.parametrize(
    "pattern, text, dist, span",
    [
        ("甲乙丙丁戊己", "子丑甲乙丙丁戊己寅卯", 0, "甲乙丙丁戊己"),
        ("甲乙丙丁戊己", "子丑甲乙天丁戊己寅卯", 1, "甲乙天丁戊己"),
        ("甲乙丙丁戊己", "子丑甲乙丙丁戊。寅卯", 1, "甲乙丙丁戊"),  # never aligned across punctuation
        ("甲乙丙丁戊己", "子丑甲乙丙天丁戊己寅卯", 1, "甲乙丙天丁戊己"),
        ("习近平新时代", "习近平近新时代", 1, "习近平近新时代"),
    ],
)
def test_approx_substring(pattern, text, dist, span):
    d, s, e = _approx_substring(pattern, text)
    assert d == dist
    assert text[s:e] == span
