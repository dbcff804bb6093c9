"""The wider confusion sets of TYP010 (govcheck.typo.readings) and how the engine uses them."""

from __future__ import annotations

import pytest

from govcheck.config import Config
from govcheck.engine import Checker
from govcheck.typo import readings
from govcheck.typo.readings import _one_edit, merge_reading


@pytest.mark.parametrize(
    "reading, merged",
    [("zhong", "zon"), ("chan", "can"), ("sheng", "sen"), ("jing", "jin"), ("lan", "nan"), ("ang", "an"), ("ng", "ng"), ("ling", "nin")],
)
def test_merge_reading(reading, merged):
    assert merge_reading(reading) == merged


@pytest.mark.parametrize(
    "a, b, near",
    [("hspn", "hspnh", True), ("hspn", "hspz", True), ("pszhh", "szhh", True), ("hs", "hs", True), ("hspn", "hszn", True),
     ("hspn", "shpn", False), ("hspn", "hspnhh", False), ("hs", "zz", False)],
)
def test_one_edit(a, b, near):
    assert _one_edit(a, b) is near
    assert _one_edit(b, a) is near


def test_tables_hold_the_slips_they_are_for():
    # rare characters the sound table lacks -> common characters read the same
    assert "管" in readings.rare_sound("菅") and "海" in readings.rare_sound("嗨")
    assert readings.rare_sound("管") == ""  # a listed character gets nothing here
    # near readings: the same reading is not repeated here (the sound table has it)
    assert "进" in readings.near_sound("井") and "生" in readings.near_sound("申")
    assert "井" not in readings.near_sound("景")  # jing = jing: the sound table's business
    # one stroke apart, both ways
    assert "本" in readings.one_stroke("木") and "木" in readings.one_stroke("本")
    assert "准" in readings.one_stroke("淮")
    assert "管" not in readings.one_stroke("木")


def _typos(checker: Checker, text: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestions[0]) for f in checker.check(text).findings if f.category == "typo"]


@pytest.mark.parametrize(
    "option, text, found",
    [
        ("rare_sound", "要枷强生态环境保护和修复。", ("枷强", "加强")),
        ("near_sound", "严格落实安全深产责任制。", ("深产", "生产")),
        ("one_stroke", "要加强牛态环境保护和修复。", ("牛态", "生态")),
    ],
)
def test_each_wider_set_finds_its_slip_and_only_with_it_on(option, text, found):
    on = Checker(Config(select=("TYP010",)))
    # (rare_any and sharing_part off too: each finds 枷强 as well, by rarity or by the shared 加)
    off = Checker(Config(select=("TYP010",), rule_options={"TYP010": {option: None, "rare_any": None, "sharing_part": None}}))
    assert _typos(on, text) == [found]
    assert _typos(off, text) == []


def test_a_wider_candidate_gives_up_its_margin():
    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    engine = checker.rule("TYP010")._engine

    def kind(c: str, ch: str) -> tuple[str, float]:
        return engine.kind_of(c, ch, engine.sound(c), engine.shape(c))

    assert kind("深", "生") == ("sound", 2.0)
    assert kind("牛", "生") == ("shape", 2.0)
    assert kind("枷", "加") == ("sound", 3.0)
    # a pair the base tables hold costs nothing
    assert kind("加", next(iter(engine.sound("加")))) == ("sound", 0.0)


def test_function_characters_are_searched_only_when_asked():
    text = "加快建设现代化经即体系。"
    on = Checker(Config(select=("TYP010",)))
    off = Checker(Config(select=("TYP010",), rule_options={"TYP010": {"function_extra": None}}))
    assert _typos(on, text) == [("经即", "经济")]
    assert _typos(off, text) == []


def test_particles_stay_with_the_de_rule():
    # 的 is never TYP010's: TYP021 reports 取的 by its pattern
    report = Checker(Config(select=("TYP",))).check("改革取的了显著成效。")
    assert [(f.rule_id, f.text) for f in report.findings] == [("TYP021", "取的")]


def test_sharing_part_links_characters_built_on_one_component():
    # a radical added (谷/俗) or swapped (锐/税, 珵/程); an unrelated character is not linked
    assert "俗" in readings.sharing_part("谷")
    assert "税" in readings.sharing_part("锐")
    assert "程" in readings.sharing_part("珵")
    assert "国" not in readings.sharing_part("谷")


def test_place_slot_marks_township_names_only():
    from govcheck.typo.nearmiss import place_slots

    def _in_place_slot(text: str, i: int) -> bool:
        return i in place_slots(text)

    text = "左权县芹泉镇包村工作队"
    assert _in_place_slot(text, 3) and _in_place_slot(text, 4)  # 芹泉
    assert not _in_place_slot(text, 8)  # 工
    assert not any(_in_place_slot("全面推进乡村振兴", i) for i in range(8))
    # a street office or a township is the larger unit of a community or a village, whose name may
    # then have four characters (桃园路街道劳动一坊社区); 道 of any other word is no unit
    text = "桃园路街道劳动一坊社区党委书记"
    assert all(_in_place_slot(text, i) for i in range(5, 9)) and not _in_place_slot(text, 12)
    assert _in_place_slot("芹泉镇小岗村", 4)
    assert not any(_in_place_slot("畅通渠道小岗村", i) for i in range(4, 6))
    assert not any(_in_place_slot("要加强城乡社区治理", i) for i in range(9))


def test_rare_any_lets_any_common_character_replace_a_rare_one():
    text = "这是瓅治建设的重要内容。"
    # off by default (see typos.yaml: the cost); on at the measured margin
    on = Checker(Config(select=("TYP010",), rule_options={"TYP010": {"rare_any": 12.0}}))
    off = Checker(Config(select=("TYP010",)))
    found = on.check(text).findings
    assert [(f.text, f.suggestions[0]) for f in found] == [("瓅治", "政治")]
    assert "生僻字" in found[0].message
    assert _typos(off, text) == []
    # a common character is not opened to every other one
    assert _typos(on, "这是政治建设的重要内容。") == []


def test_a_slip_in_a_township_slot_needs_place_extra_more():
    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    engine = checker.rule("TYP010")._engine
    assert engine._name_extra("左权县芹泉镇包村", 3) == engine.place_extra > 0
    assert engine._name_extra("左权县芹泉镇包村", 7) == 0.0


def test_parallel_slot_is_where_list_items_differ_on_purpose():
    from govcheck.typo.nearmiss import parallel_slots

    def at(text: str, ch: str, nth: int = 0) -> bool:
        i = -1
        for _ in range(nth + 1):
            i = text.index(ch, i + 1)
        return i in parallel_slots(text)

    assert at("推进政企分开、政资分开、政事分开", "资")
    assert at("实现增雨雪、防雹、消雨、消雾、防霜", "雨", 1)
    assert at("该保的一定要保住，该减的一定要减下来", "保")
    assert at("推动中国食业、农业、商业的融合", "食")  # words lead into the first item
    # look-alikes: items that differ in more than the one place, and no list at all
    assert not at("国家发展改革委、叫育部、财政部", "叫")
    assert not at("对革命老区、民族地区、边江地区", "江")
    assert not at("船白抵押权、船舶优先权", "白")
    assert not at("将天然气产供储销体系纳入督查", "储")
    assert at("推进政企分开、政资分开", "企")  # the first item's varying place too
    assert not at("推进政企分开、政资分开", "分")  # where the items agree


def test_a_change_in_a_parallel_slot_needs_parallel_extra_more():
    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    engine = checker.rule("TYP010")._engine
    text = "推进政企分开、政资分开、政事分开"
    assert engine.parallel_extra > 0
    assert engine._name_extra(text, text.index("资") - 1, 2) == engine.parallel_extra
    assert engine._name_extra("推进政企分开工作", 3, 2) == 0.0


def test_enumeration_markers_are_never_suspects():
    checker = Checker(Config(select=("TYP010",)))
    checker.check("预热。")
    engine = checker.rule("TYP010")._engine
    text = "六要严厉打击哄抬物价行为。七要及时完善保障措施；十一是加强领导"
    protected = engine._protected(text)
    assert {text.index("七"), text.index("七") + 1, text.index("十一"), text.index("十一") + 2} <= protected
    # a numeral inside a clause is no marker (第七要素)
    assert text.index("打") not in protected
    assert not engine._protected("落实第七要素")
