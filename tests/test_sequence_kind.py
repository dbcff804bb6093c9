"""The `sequence` rule kind: ordered rosters (Standing Committee, vice-premiers, an organisation's 班子)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

D = dt.date


def seq(checker, text, rule_id="POL040", date=D(2025, 6, 1)):
    return [f for f in checker.check(text, doc_date=date).findings if f.rule_id == rule_id]


@pytest.mark.parametrize(
    "text,date,bad,suggestion",
    [
        ("习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希出席。", D(2025, 6, 1), False, None),
        ("习近平、李强、王沪宁、蔡奇、丁薛祥、李希、韩正出席。", D(2026, 3, 12), False, None),   # omission is fine
        ("习近平、赵乐际、李强出席。", D(2025, 6, 1), True, "习近平、李强、赵乐际"),
        ("李希、蔡奇出席。", D(2025, 6, 1), True, "蔡奇、李希"),
        ("习近平同志、李强同志、王沪宁同志", D(2025, 6, 1), False, None),
        ("王沪宁同志、赵乐际同志、李强同志", D(2025, 6, 1), True, "李强同志、赵乐际同志、王沪宁同志"),
        ("习近平总书记、李强总理", D(2025, 6, 1), False, None),
        ("李强总理、习近平总书记", D(2025, 6, 1), True, "习近平总书记、李强总理"),
        ("习近平、李克强、栗战书、汪洋出席。", D(2019, 3, 5), False, None),
        ("汪洋、栗战书出席。", D(2019, 3, 5), True, "栗战书、汪洋"),
        # a 2018 list in a 2025 text follows the 19th order: accepted
        ("王沪宁、赵乐际出席了2018年的会议。", D(2025, 6, 1), False, None),
        # without such a year the roster in force on the document's date decides, even though the
        # 19th roster had 王沪宁 before 赵乐际
        ("出席活动的有王沪宁、赵乐际等领导同志。", D(2024, 12, 20), True, "赵乐际、王沪宁"),
        ("王沪宁、赵乐际出席。", D(2019, 6, 1), False, None),
        ("2019年，王沪宁、赵乐际一同出席了论坛。", D(2025, 6, 1), False, None),
        # a list broken by a non-member is two lists
        ("李强、王毅、习近平", D(2025, 6, 1), False, None),
        ("李强", D(2025, 6, 1), False, None),
        # two names that coincide inside a longer list of other people (mixed_list_min: 3) ...
        ("请王强同志、李希同志、赵乐际同志报送材料。", D(2025, 6, 1), False, None),
        ("请李希同志、赵乐际同志、王强同志报送材料。", D(2025, 6, 1), False, None),
        # ... but three reordered members are judged even inside a longer list
        ("习近平、王沪宁、赵乐际、李强、张三出席。", D(2025, 6, 1), True, "习近平、李强、赵乐际、王沪宁"),
        # and a two-name list of its own still is
        ("赵乐际同志、李强同志出席。", D(2025, 6, 1), True, "李强同志、赵乐际同志"),
    ],
)
def test_leader_order(core_checker, text, date, bad, suggestion):
    f = seq(core_checker, text, date=date)
    assert bool(f) is bad, [(x.text, x.suggestions) for x in f]
    if suggestion:
        assert f[0].suggestions[0] == suggestion
        assert f[0].severity == "blocker"


def test_vice_premiers_reuse_the_kind(core_checker):
    assert seq(core_checker, "何立峰、丁薛祥出席。", "POL041", D(2024, 6, 1))
    assert seq(core_checker, "丁薛祥、何立峰、张国清、刘国中出席。", "POL041", D(2024, 6, 1)) == []


ORG_PACK = {
    "pack.yaml": """
        name: demo-county
        version: "1"
        prefixes: [ORG]
        priority: 100
    """,
    "roster.yaml": """
        rules:
          - rule_id: ORG001
            kind: sequence
            title: 县领导班子排序
            category: political
            severity: serious
            message: "班子成员排序应为“{expected}”。"
            source: "县委办 2026 年班子分工通知"
            entries:
              - term: 县四套班子主要负责同志
                valid_from: 2026-01-01
                data: {members: [王建国, 李卫东, 张红梅, 赵志刚]}
              - term: 县四套班子主要负责同志（2025）
                valid_from: 2025-01-01
                valid_until: 2026-01-01
                data: {members: [王建国, 刘大海, 李卫东]}
            examples:
              bad: [{text: "李卫东、王建国出席。", doc_date: 2026-02-01}]
              good: [{text: "王建国、李卫东、赵志刚出席。", doc_date: 2026-02-01}]
    """,
}


@pytest.fixture(scope="module")
def org_checker(tmp_path_factory):
    from govcheck import Config
    from govcheck.engine import Checker

    d = tmp_path_factory.mktemp("orgpack")
    for name, body in ORG_PACK.items():
        (d / name).write_text(textwrap.dedent(body), encoding="utf-8")
    return Checker(Config(builtin_packs=False, packs=(str(d),)))


@pytest.mark.parametrize(
    "text,date,bad",
    [
        ("李卫东、王建国出席。", D(2026, 2, 1), True),
        ("王建国、张红梅和赵志刚出席。", D(2026, 2, 1), False),
        ("赵志刚及张红梅出席。", D(2026, 2, 1), True),
        ("王建国、刘大海、李卫东出席。", D(2025, 6, 1), False),
        ("刘大海、王建国出席。", D(2025, 6, 1), True),
        ("王建国在会上讲话，李卫东主持。", D(2026, 2, 1), False),    # not a list
    ],
)
def test_organisation_roster(org_checker, text, date, bad):
    f = [x for x in org_checker.check(text, doc_date=date).findings if x.rule_id == "ORG001"]
    assert bool(f) is bad
    if bad:
        assert f[0].severity == "serious"
        assert "排序" in f[0].message


def test_roster_needs_members(tmp_path):
    from govcheck.models import PackInfo
    from govcheck.packs import DictionaryError
    from govcheck.rules.kinds.sequence import SequenceRule
    from govcheck.rules.spec import EntrySpec, RuleSpec

    spec = RuleSpec(rule_id="ORG002", kind="sequence", title="t", category="political", severity="warning",
                    message="m", source="s", entries=[EntrySpec(term="x", data={"members": ["甲"]})])
    with pytest.raises(DictionaryError, match="GD032 .*2\\+ strings"):
        SequenceRule(spec, PackInfo(name="p", version="1"), str(tmp_path), list(spec.entries))
