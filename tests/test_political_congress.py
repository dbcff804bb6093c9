"""Congresses and plenums (POL030–POL034): existence, 'N大X中全会', year vs ordinal, dates."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


def found(checker, text, rule_id, date=D(2026, 11, 23)):
    return [f for f in checker.check(text, doc_date=date).findings if f.rule_id == rule_id]


@pytest.mark.parametrize(
    "text,span",
    [
        ("深入学习贯彻党的十九届八中全会精神。", "十九届八中全会"),
        ("学习十八届九中全会精神。", "十八届九中全会"),
        ("认真贯彻十八届三中、四中、八中全会精神。", "十八届三中、四中、八中全会"),
        ("党的十九届中央委员会第八次全体会议", "十九届中央委员会第八次全体会议"),
        ("十四届八中全会", "十四届八中全会"),
        ("十九屆八中全會", "十九屆八中全會"),
    ],
)
def test_plenum_does_not_exist(core_checker, text, span):
    f = found(core_checker, text, "POL030")
    assert f and f[0].text == span and f[0].severity == "blocker"


@pytest.mark.parametrize(
    "text",
    [
        "深入学习贯彻党的十八届三中全会精神。",
        "十九届七中全会",
        "十三届九中全会",          # the 13th CC held nine
        "十一届十二中全会",
        "十一届三中全会以来",
        "二十届中央纪委五次全会",
        "二十届八中全会",          # running term: not judged as non-existent
    ],
)
def test_plenum_exists_quiet(core_checker, text):
    assert found(core_checker, text, "POL030") == []


def test_congress_plenum_form(core_checker):
    f = found(core_checker, "全面贯彻党的二十大三中全会精神。", "POL031")
    assert f and f[0].suggestions == ["二十届三中全会"]
    f = found(core_checker, "贯彻十九大四中、五中全会精神。", "POL031")
    assert f and f[0].suggestions == ["十九届四中、五中全会"]
    assert found(core_checker, "全面贯彻党的二十大和二十届三中全会精神。", "POL031") == []


@pytest.mark.parametrize(
    "text,bad",
    [
        ("2017年召开的党的二十大", True),
        ("2022年召开的党的二十大", False),
        ("2012年11月召开的党的十八大", False),
        ("2012年党的十九大", True),
        ("2024年召开的二十届三中全会", False),
        ("2023年召开的二十届三中全会", True),
        ("到2035年，党的二十大提出", False),   # 到 breaks the year-before pattern
        ("二十一大", False),
    ],
)
def test_year_vs_ordinal(core_checker, text, bad):
    assert bool(found(core_checker, text, "POL032")) is bad


def test_latest_known_is_data(core_checker):
    rule = core_checker.rule("POL033")
    latest = rule.facts.latest_known
    text = "深入学习贯彻党的二十届六中全会精神。"
    assert found(core_checker, text, "POL033", latest)          # on or before: we know it had not happened
    assert found(core_checker, text, "POL033", latest + dt.timedelta(days=1)) == []   # after: unknown, quiet
    assert found(core_checker, "学习二十届四中全会精神。", "POL033", D(2025, 11, 1)) == []
    assert found(core_checker, "学习二十届四中全会精神。", "POL033", D(2025, 9, 1))
    assert found(core_checker, "为即将召开的二十届四中全会做好准备。", "POL033", D(2025, 9, 1)) == []
    # the 5th plenum is in the table (announced for 2026-10-26): judged by its date, not by latest_known
    assert found(core_checker, "学习二十届五中全会精神。", "POL033", D(2026, 9, 1))
    assert found(core_checker, "学习二十届五中全会精神。", "POL033", D(2026, 11, 20)) == []


def test_congress_with_other_term_plenums(core_checker):
    assert found(core_checker, "学习贯彻党的十九大和十八届三中、四中全会精神。", "POL034")
    assert found(core_checker, "学习贯彻党的十九大和十九届二中、三中全会精神。", "POL034") == []


def test_cn_numerals():
    from govcheck.rules.builtin.pol_a_tables import cn_numeral, cn_ordinal

    for n in range(1, 40):
        assert cn_ordinal(cn_numeral(n)) == n
    assert cn_ordinal("十十") is None and cn_ordinal("") is None
    # informal copy writes 20届3中全会 (ASCII or full-width digits)
    assert cn_ordinal("20") == 20 and cn_ordinal("３") == 3 and cn_ordinal("²") is None


@pytest.mark.parametrize(
    "text,rule_id,bad",
    [
        ("【重磅】19届8中全会公报全文来了！", "POL030", True),
        ("党的18届9中全会作出重大部署。", "POL030", True),
        ("学习贯彻第18届中央委员会第8次全体会议精神。", "POL030", True),
        ("【重磅】20届3中全会公报全文来了！", "POL030", False),
        ("党的１９届６中全会审议通过历史决议。", "POL030", False),
        ("2024年20届3中全会胜利召开。", "POL030", False),   # the year's digits are not part of the ordinal
        ("党的20大3中全会", "POL031", True),
    ],
)
def test_plenums_with_arabic_numerals(core_checker, text, rule_id, bad):
    assert bool(found(core_checker, text, rule_id)) is bad


# -- look-alike correct sentences: none of the POL-A rules may fire -------------------------------------
LOOKALIKES = [
    ("1982年，党的十二大提出建设有中国特色的社会主义。", D(2024, 6, 1)),
    ("党的十一届三中全会以来，我国实行改革开放。", D(2024, 6, 1)),
    ("1978年召开的十一届三中全会实现了伟大转折。", D(2024, 6, 1)),
    ("1992年，邓小平同志发表南方谈话。", D(2024, 6, 1)),
    ("毛泽东同志在《论十大关系》中指出。", D(2024, 6, 1)),
    ("深入学习贯彻党的十九届四中全会精神。", D(2019, 11, 20)),
    ("党的十九届中央委员会第七次全体会议在京举行。", D(2022, 10, 12)),
    ("江泽民同志逝世一周年。", D(2023, 11, 30)),
    ("李强同学考上了大学。", D(2024, 6, 1)),
    ("国务院原副总理刘延东出席。", D(2019, 6, 1)),
    ("赵乐际主持会议。习近平、李强、王沪宁出席。", D(2025, 3, 5)),
    ("中国共产党第二十次全国代表大会于2022年10月16日开幕。", D(2022, 10, 16)),
    ("《中华人民共和国宪法》规定，中华人民共和国主席由全国人民代表大会选举。", D(2024, 6, 1)),
    ("党的二十届三中全会审议通过《中共中央关于进一步全面深化改革、推进中国式现代化的决定》。", D(2024, 8, 1)),
    ("十四届全国人大四次会议和全国政协十四届四次会议胜利召开。", D(2026, 3, 12)),
    ("国务院副总理丁薛祥、何立峰、张国清、刘国中出席。", D(2025, 3, 5)),
    ("学习贯彻党的二十大和二十届历次全会精神。", D(2026, 1, 8)),
]


@pytest.mark.parametrize("text,date", LOOKALIKES)
def test_lookalike_correct_sentences_are_quiet(core_checker, text, date):
    own = [f for f in core_checker.check(text, doc_date=date).findings
           if f.rule_id.startswith("POL") and int(f.rule_id[3:]) < 200]
    assert own == [], [(f.rule_id, f.text, f.message) for f in own]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("十四届全国政协四次会议", "全国政协十四届四次会议"),
        ("第十四届全国政协二次会议", "全国政协十四届二次会议"),
        ("全国人大十四届三次会议", "十四届全国人大三次会议"),
        ("十四届全国人大四次会议", None),
        ("全国政协十四届四次会议", None),
        ("十三届全国人大常委会第二十六次会议", None),
        ("全国政协主席王沪宁", None),
    ],
)
def test_session_names(core_checker, text, expected):
    f = found(core_checker, text, "POL035")
    if expected is None:
        assert f == []
    else:
        assert f and f[0].suggestions == [expected] and f[0].severity == "warning"


def test_session_year(core_checker):
    assert found(core_checker, "2019年召开的十三届全国人大二次会议", "POL035") == []
    f = found(core_checker, "2020年召开的十三届全国人大二次会议", "POL035")
    assert f and f[0].severity == "serious"


@pytest.mark.parametrize(
    "text,bad",
    [
        ("党的十八届三中全会于2014年召开。", True),
        ("党的十九大于2018年召开。", True),
        ("党的十八届三中全会于2013年11月在北京召开。", False),
        ("党的十九大于2017年10月18日在北京隆重开幕。", False),
        ("十八大精神于2014年传达到基层。", False),   # not a date of the meeting itself
    ],
)
def test_year_written_after_the_meeting(core_checker, text, bad):
    assert bool(found(core_checker, text, "POL032", D(2025, 6, 1))) is bad
