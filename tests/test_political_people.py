"""Leader names, name ↔ title by tenure dates, institution names and 落马 officials (POL001–POL059)."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date


def pol(report, prefix_max: int = 200):
    return [f for f in report.findings if f.rule_id.startswith("POL") and int(f.rule_id[3:]) < prefix_max]


def ids(report):
    return [f.rule_id for f in pol(report)]


# -- every example of the rules owned here runs, with its doc_date ------------------------------------
OWN = [f"POL{n:03d}" for n in (1, 2, 3, 4, 10, 20, 21, 22, 30, 31, 32, 33, 34, 35, 40, 41, 42, 50)]


@pytest.mark.parametrize("rule_id", OWN)
def test_rule_examples(core_checker, rule_id):
    """Each rule owned here has bad and good examples, a source, and every example behaves as declared."""
    from govcheck.examples import check_example

    rule = core_checker.rule(rule_id)
    assert rule is not None, rule_id
    info = rule.info()
    assert info.bad and info.good and info.source
    for kind, examples in (("bad", info.bad), ("good", info.good)):
        for ex in examples:
            assert check_example(core_checker, rule_id, kind, ex) is None, (rule_id, kind, ex.text)


# -- leader names (near-miss in leader context) ----------------------------------------------------------
@pytest.mark.parametrize(
    "text,span,right",
    [
        ("深入学习贯彻习进平新时代中国特色社会主义思想。", "习进平", "习近平"),
        ("李克疆总理在政府工作报告中指出。", "李克疆", "李克强"),
        ("全国政协主席王沪凝出席会议。", "王沪凝", "王沪宁"),
        ("国务院总理李墙主持召开常务会议。", "李墙", "李强"),
        ("习近乎同志指出。", "习近乎", "习近平"),
        ("江泽明同志的重要思想。", "江泽明", "江泽民"),
        ("认真贯彻落实省委书记杜家豪同志讲话精神。", "杜家豪", "杜家毫"),
    ],
)
def test_leader_name_near_miss(core_checker, text, span, right):
    r = core_checker.check(text, doc_date=D(2024, 6, 1))
    found = [f for f in pol(r) if f.text == span]
    assert found, [(f.rule_id, f.text) for f in pol(r)]
    assert found[0].suggestions[0] == right
    assert found[0].severity in ("blocker", "serious")


@pytest.mark.parametrize(
    "text",
    [
        "村民李强反映道路积水问题。",
        "村民李墙反映道路积水问题。",
        "县委书记张国庆出席开幕式。",
        "学生杜家豪获得三好学生称号。",
        "习近平总书记在庆祝大会上发表重要讲话。",
        "李强同志任村党支部书记。",
    ],
)
def test_leader_name_lookalikes_are_quiet(core_checker, text):
    r = core_checker.check(text, doc_date=D(2024, 6, 1))
    assert [f for f in pol(r) if f.rule_id in ("POL001", "POL002", "POL003")] == []


# -- name ↔ title, judged at the document's date --------------------------------------------------------
@pytest.mark.parametrize(
    "text,date,suggestion",
    [
        ("国务院总理丁薛祥出席会议。", D(2025, 6, 1), "国务院副总理丁薛祥"),
        ("全国政协主席赵乐际会见外宾。", D(2025, 6, 1), "全国人大常委会委员长赵乐际"),
        ("国家副主席王岐山出席开幕式。", D(2025, 6, 1), "原国家副主席王岐山"),
        ("全国人大常委会委员长王沪宁出席会议。", D(2024, 3, 8), "全国政协主席王沪宁"),
        ("国务院副总理韩正出席会议。", D(2024, 3, 8), "国家副主席韩正"),
        ("最高人民检察院检察长张军作报告。", D(2024, 3, 8), "最高人民法院院长张军"),
        ("中央军委副主席何卫东出席。", D(2026, 2, 1), None),
        ("国务院总理李强出席会议。", D(2020, 6, 1), None),
        ("赵乐际主席出席会议。", D(2024, 6, 1), "赵乐际委员长"),
    ],
)
def test_title_mismatch(core_checker, text, date, suggestion):
    r = core_checker.check(text, doc_date=date)
    found = [f for f in pol(r) if f.rule_id == "POL010"]
    assert found and found[0].severity == "blocker"
    if suggestion:
        assert found[0].suggestions[0] == suggestion
    assert "称谓与任职不符" in found[0].message


@pytest.mark.parametrize(
    "text,date",
    [
        ("国家副主席王岐山出席开幕式。", D(2019, 6, 1)),       # judged as of 2019
        ("国务院总理李克强作政府工作报告。", D(2015, 3, 5)),
        ("原国家副主席王岐山出席开幕式。", D(2025, 6, 1)),
        ("国务院原总理李鹏同志的遗体在京火化。", D(2019, 7, 30)),
        ("2018年，时任国务院副总理韩正到我市调研。", D(2025, 6, 1)),
        ("2016年，国务院总理李克强在我省考察。", D(2025, 6, 1)),   # a year during the tenure
        ("国务院总理李强出席会议。", D(2023, 3, 20)),
        ("国务院总理李强出席会议。", D(2023, 2, 20)),           # grace around the changeover
        ("县政协主席李强出席会议。", D(2025, 6, 1)),
        ("中共中央总书记、国家主席、中央军委主席习近平发表讲话。", D(2025, 6, 1)),
        ("习近平主席出席峰会。", D(2025, 6, 1)),
        ("全国人大常委会副委员长曹建明出席会议。", D(2020, 6, 1)),   # 副委员长 is another post
        ("习近平主席台前与代表握手。", D(2025, 6, 1)),
    ],
)
def test_title_correct_or_historical(core_checker, text, date):
    r = core_checker.check(text, doc_date=date)
    assert [f for f in pol(r) if f.rule_id == "POL010"] == []


def test_title_knowledge_horizon(core_checker):
    rule = core_checker.rule("POL010")
    assert rule.latest_known is not None
    late = rule.latest_known + rule.stale_after + dt.timedelta(days=1)
    f = [x for x in core_checker.check("国务院总理丁薛祥出席会议。", doc_date=late).findings if x.rule_id == "POL010"]
    assert f and f[0].severity == "serious" and "请人工核实" in f[0].message
    f = [x for x in core_checker.check("国务院总理丁薛祥出席会议。", doc_date=rule.latest_known).findings if x.rule_id == "POL010"]
    assert f and f[0].severity == "blocker"


# -- state, party and institution names ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text,span,right",
    [
        ("依据《中华人民共合国政府信息公开条例》。", "中华人民共合国", "中华人民共和国"),
        ("中共人民共和国成立七十五周年。", "中共人民共和国", "中华人民共和国"),
        ("中华人民大和国政府工作报告。", "中华人民大和国", "中华人民共和国"),
        ("热烈庆祝中国共产挡成立一百周年。", "中国共产挡", "中国共产党"),
        ("中国人民政治协商会义全国委员会。", "中国人民政治协商会义", "中国人民政治协商会议"),
        ("中华人民共和囯成立七十五周年。", "中华人民共和囯", "中华人民共和国"),
        ("中华入民共和国成立七十五周年。", "中华入民共和国", "中华人民共和国"),
    ],
)
def test_state_names(core_checker, text, span, right):
    r = core_checker.check(text)
    found = [f for f in pol(r) if f.text.startswith(span) or f.text == span]
    assert found and found[0].severity == "blocker", [(f.rule_id, f.text) for f in pol(r)]
    assert found[0].suggestions[0].startswith(right)


@pytest.mark.parametrize(
    "text",
    [
        "中华人民共和国成立以来，各项事业蓬勃发展。",
        "中共中山市委、中山市人民政府。",
        "全国人民代表大会常务委员会第十次会议。",
        "国务院办公厅关于印发的通知。",
        "中共中央、国务院印发《意见》。",
    ],
)
def test_state_names_quiet(core_checker, text):
    r = core_checker.check(text)
    assert [f for f in pol(r) if f.rule_id in ("POL020", "POL021")] == []


# -- 落马 officials --------------------------------------------------------------------------------------
def test_fallen_official_positive_after_date(core_checker):
    text = "认真学习何卫东同志在军委会议上的重要讲话精神。"
    assert "POL050" in ids(core_checker.check(text, doc_date=D(2025, 12, 1)))
    assert "POL050" not in ids(core_checker.check(text, doc_date=D(2024, 12, 1)))


@pytest.mark.parametrize(
    "text",
    [
        "深刻汲取周永康严重违纪违法案件教训。",
        "以孙政才案为反面教材开展警示教育。",
        "王春宁同志热心公益，受到表扬。",   # ordinary name: no military word in the sentence
    ],
)
def test_fallen_official_quiet(core_checker, text):
    assert "POL050" not in ids(core_checker.check(text, doc_date=D(2026, 6, 1)))


def test_tables_load_errors_are_clear(tmp_path):
    from govcheck.packs import DictionaryError
    from govcheck.rules.builtin.leaders import load_tenures

    (tmp_path / "t.tsv").write_text("李强\t国务院总理\t2023-13-01\t\tx\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as e:
        load_tenures(str(tmp_path), "t.tsv")
    assert "t.tsv" in str(e.value) and "2023-13-01" in str(e.value)
