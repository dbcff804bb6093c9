"""Sovereignty and naming usage (POL300–POL318): wrong forms, and the context conditions as data
(quoted use, historical use, explanatory sentences) that keep look-alikes quiet."""

from __future__ import annotations

import datetime as dt

import pytest

D = dt.date(2024, 6, 1)


def _hits(checker, text, date=D):
    return [f for f in checker.check(text, doc_date=date).findings if f.rule_id.startswith("POL3")]


POSITIVE = [
    ("台湾政府宣布了新的措施。", "POL300", "台湾政府", "台湾当局", "blocker"),
    ("台湾总统出席活动。", "POL300", "台湾总统", "台湾地区领导人", "blocker"),
    ("2016年，中华民国政府宣布新政策。", "POL301", "中华民国", "台湾地区", "serious"),
    ("台湾地区于民国113年公布该规定。", "POL302", "民国113年", None, "blocker"),
    ("台湾立法院今日通过该案。", "POL303", "立法院", "台湾地区立法机构", "serious"),
    ("两岸三地的青年共同参加交流活动。", "POL304", "两岸三地", "海峡两岸和香港", "serious"),
    ("产品远销美国、日本、香港等20个国家。", "POL305", "个国家", "个国家和地区", "serious"),
    ("香港政府今日公布施政报告。", "POL306", "香港政府", "香港特别行政区政府", "serious"),
    ("日本巡逻船在尖阁群岛附近海域活动。", "POL307", "尖阁群岛", "钓鱼岛及其附属岛屿", "blocker"),
    ("坚决反对台独分裂行径。", "POL308", "台独", "“台独”", "warning"),
    ("军机越过海峡中线。", "POL309", "海峡中线", "台湾海峡", "serious"),
    ("北朝鲜再次进行导弹试射。", "POL310", "北朝鲜", "朝鲜", "serious"),
    ("中国是世界贸易组织成员国。", "POL310", "世界贸易组织成员国", "世界贸易组织成员", "serious"),
    ("为残废人提供就业岗位。", "POL311", "残废人", "残疾人", "serious"),
    ("多位政协代表提交了提案。", "POL312", "政协代表", "政协委员", "serious"),
    ("省人大委员深入基层调研。", "POL312", "人大委员", "人大代表", "serious"),
    ("审计署署长作审计工作报告。", "POL313", "审计署署长", "审计长", "warning"),
    ("中共浙江省省委书记出席会议。", "POL314", "中共浙江省省委", "中共浙江省委", "warning"),
    ("热烈庆祝建国70周年。", "POL315", "建国70周年", "新中国成立70周年", "warning"),
    ("维族群众欢度古尔邦节。", "POL316", "维族", "维吾尔族", "serious"),
    ("警方迅速抓获涉嫌抢劫的罪犯张某。", "POL317", "罪犯", "犯罪嫌疑人", "serious"),
    ("践行八荣八耻，弘扬新风正气。", "POL318", "八荣八耻", "社会主义荣辱观", "warning"),
    ("公司法人代表张某签署了合同。", "POL319", "法人代表", "法定代表人", "warning"),
    ("代表团启程前往汉城访问。", "POL310", "汉城", "首尔", "warning"),
    ("香港与大陆的经贸往来日益密切。", "POL304", "香港与大陆", "香港与内地", "warning"),
    ("菲方船只在斯卡伯勒浅滩附近活动。", "POL307", "斯卡伯勒浅滩", "黄岩岛", "blocker"),
]


@pytest.mark.parametrize("text, rule, span, sugg, severity", POSITIVE, ids=[p[0][:14] for p in POSITIVE])
def test_wrong_usage_is_found(core_checker, text, rule, span, sugg, severity):
    hits = [f for f in _hits(core_checker, text) if f.rule_id == rule]
    assert hits, f"{rule} missed: {text}"
    f = hits[0]
    assert f.text == span and text[f.start : f.end] == span
    if sugg is not None:
        assert f.suggestions[0] == sugg
    assert f.severity == severity
    assert "新华社" in f.source or "法" in f.source or "党章" in f.source or "rulebook" in f.source


NEGATIVE = [
    # the correct form
    "台湾当局宣布了新的措施，台湾地区领导人出席活动。",
    "海峡两岸和香港的青年共同参加交流活动。",
    "产品远销美国、日本、香港等20个国家和地区。",
    "香港特别行政区政府今日公布施政报告。",
    "坚决反对“台独”分裂行径，全面准确贯彻“一国两制”方针。",
    "为残疾人提供就业岗位，多位政协委员提交了提案。",
    "召开人民代表大会，全国政协代表团赴外省考察。",
    "延边朝鲜族自治州，他来来回回跑了好几趟。",
    "农村长期存在的问题得到解决。",
    "罪犯张某在监狱服刑期间获得减刑。",
    "接受纪律审查、监察调查，或者涉嫌犯罪，司法程序尚未终结的。",
    # quoted use
    "台湾“立法院”今日通过该案。",
    "日方所谓“尖阁群岛”的说法是非法无效的。",
    # historical use
    "1912年中华民国成立，结束了两千多年的封建帝制。",
    "解放前，这里是中华民国的县政府所在地。",
    "1947年，国民政府行政院迁往台湾。",
    "1990年，港英政府推出新的机场计划。",
    "1950年，朝鲜战争爆发，南朝鲜军队节节败退。",
    # explanatory sentences
    "报道中不能称“台湾政府”，应称“台湾当局”。",
    "香港特别行政区的政治体制不是三权分立，而是行政主导。",
    # book titles
    "他著有《中华民国史》一书。",
    "1988年汉城奥运会取得成功。",
    "北马其顿总理访华，古代马其顿王国的历史悠久。",
    "公司法定代表人张某签署了合同。",
]


@pytest.mark.parametrize("text", NEGATIVE, ids=[n[:14] for n in NEGATIVE])
def test_look_alikes_are_quiet(core_checker, text):
    assert _hits(core_checker, text) == []


def test_at_least_eighty_usage_entries(core_checker):
    core_checker.warm_up()
    rules = [r for rid, r in core_checker.all_rules.items() if "POL300" <= rid <= "POL399"]
    entries = sum(max(len(r.entries), len(r.spec.patterns)) for r in rules)
    assert entries >= 80


def test_explanatory_words_are_a_context_condition():
    from govcheck.rules.spec import ContextSpec

    spec = ContextSpec(explanatory_words=["不能称"])
    assert spec.explanatory_words == ["不能称"]
