"""The engine's own behaviour, on a small fixture pack whose rules exercise each feature."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from govcheck import Config
from govcheck.engine import Checker
from tests.conftest import DEMO_PACK

D = dt.date(2026, 11, 1)


def ids(report):
    return [f.rule_id for f in report.findings]


def assert_exact(text, report):
    for f in report.findings:
        assert text[f.start : f.end] == f.text, f
        line_start = text.rfind("\n", 0, f.start) + 1
        assert f.line == text.count("\n", 0, f.start) + 1
        assert f.column == f.start - line_start + 1


def test_substitution_span_message_and_suggestion(demo_checker):
    text = "纪念中华人民共合国成立。"
    r = demo_checker.check(text, doc_date=D)
    (f,) = r.findings
    assert (f.rule_id, f.start, f.end, f.text) == ("DEM001", 2, 9, "中华人民共合国")
    assert f.suggestions == ["中华人民共和国"]
    assert f.message == "“中华人民共合国”是国名误写，应为“中华人民共和国”。"
    assert f.source == "demo 1.0: test fixture"
    assert f.category == "political" and f.severity == "blocker" and r.blocked
    assert r.counts_by_severity["blocker"] == 1 and r.counts_by_category["political"] == 1


@pytest.mark.parametrize(
    "text",
    [
        "纪念中华人民\u200b共合国成立。",  # zero-width space inside the term
        "纪念\u00a0中华人民共\ufeff合国成立。",  # NBSP before, BOM inside
        "这是一段从网页复制来的比较长的文字用于测试纪念中华人民\n共合国成立的换行拼接。",  # wrapped line
    ],
)
def test_offsets_land_on_original_span_through_normalisation(demo_checker, text):
    r = demo_checker.check(text, doc_date=D)
    assert ids(r) == ["DEM001"]
    assert_exact(text, r)
    f = r.findings[0]
    assert f.text.startswith("中") and f.text.endswith("国")


def test_short_line_break_is_not_joined(demo_checker):
    # A heading line followed by text: joining them would invent words across the break.
    r = demo_checker.check("中华人民共\n合国", doc_date=D)
    assert r.findings == []


def test_full_width_digits_match_half_width_pattern(demo_checker):
    text = "国办发[２０２１]１２号"
    r = demo_checker.check(text, doc_date=D)
    assert ids(r) == ["DEM003"]
    f = r.findings[0]
    assert f.text == "[２０２１]" and f.suggestions == ["〔2021〕"] and f.fix == "safe"
    assert_exact(text, r)


def test_token_boundary(demo_checker):
    assert demo_checker.check("路口交通很好。", doc_date=D).findings == []
    r = demo_checker.check("他说口交是禁词。", doc_date=D)
    assert ids(r) == ["DEM002"]


def test_dates_and_historical_context(demo_checker):
    assert ids(demo_checker.check("国家旅游局发布通知。", doc_date=D)) == ["DEM004"]
    assert demo_checker.check("国家旅游局发布通知。", doc_date=dt.date(2017, 5, 1)).findings == []
    assert demo_checker.check("原国家旅游局发布通知。", doc_date=D).findings == []
    assert demo_checker.check("2016年国家旅游局发布通知。", doc_date=D).findings == []
    assert ids(demo_checker.check("2016年以来，国家旅游局在2019年发布通知。", doc_date=D)) == ["DEM004"]


def test_entry_level_dates_and_severity(demo_checker):
    early = demo_checker.check("旧称甲和旧称乙。", doc_date=dt.date(2019, 1, 1))
    late = demo_checker.check("旧称甲和旧称乙。", doc_date=dt.date(2021, 1, 1))
    assert [f.text for f in early.findings] == ["旧称甲"] and early.findings[0].severity == "serious"
    assert [f.text for f in late.findings] == ["旧称乙"] and late.findings[0].severity == "info"


def test_quotes_and_forbidden_context(demo_checker):
    assert ids(demo_checker.check("台湾政府宣布。", doc_date=D)) == ["DEM005"]
    assert demo_checker.check("他所说的“台湾政府”一词不妥。", doc_date=D).findings == []
    assert demo_checker.check("所谓台湾政府宣布。", doc_date=D).findings == []


def test_near_miss_needs_context(demo_checker):
    r = demo_checker.check("学习习进平总书记的讲话。", doc_date=D)
    assert ids(r) == ["DEM006"] and r.findings[0].suggestions == ["习近平"]
    assert demo_checker.check("村民习进平在田里干活。", doc_date=D).findings == []
    assert demo_checker.check("学习习近平总书记的讲话。", doc_date=D).findings == []


def test_disabled_rule_is_off_until_selected():
    base = Config(builtin_packs=False, packs=(str(DEMO_PACK),))
    assert "DEM008" not in ids(Checker(base).check("中华", doc_date=D))


@pytest.mark.parametrize(
    "select, ignore, expected",
    [
        ((), (), {"DEM001", "DEM003"}),
        (("DEM001",), (), {"DEM001"}),
        (("DEM",), ("DEM001",), {"DEM003", "DEM010"}),  # the typo is no longer covered
        (("DEM00",), ("DEM",), {"DEM001", "DEM003"}),  # the longer prefix wins
    ],
)
def test_select_and_ignore(select, ignore, expected):
    cfg = Config(builtin_packs=False, packs=(str(DEMO_PACK),), select=select, ignore=ignore)
    r = Checker(cfg).check("中华人民共合国国办发[2021]12号", doc_date=D)
    assert set(ids(r)) == expected


def test_min_severity_and_allowlist():
    cfg = Config(builtin_packs=False, packs=(str(DEMO_PACK),), min_severity="serious")
    assert ids(Checker(cfg).check("中华人民共合国国办发[2021]12号", doc_date=D)) == ["DEM001"]
    cfg = Config(builtin_packs=False, packs=(str(DEMO_PACK),), allowlist=("纪念中华人民共合国",))
    r = Checker(cfg).check("纪念中华人民共合国。中华人民共合国。", doc_date=D)
    assert [f.start for f in r.findings] == [10]


def test_doc_date_resolution_order(demo_checker):
    text = "国家旅游局发布通知。\n\n某某县人民政府\n2017年5月3日\n"
    r = demo_checker.check(text)
    assert r.doc_date == dt.date(2017, 5, 3) and r.doc_date_source.startswith("document")
    assert r.findings == []
    r = demo_checker.check(text, doc_date=D)
    assert r.doc_date_source == "argument" and ids(r) == ["DEM004"]
    r = demo_checker.check("国家旅游局发布通知。")
    assert r.doc_date == dt.date.today() and r.doc_date_source == "today"


def test_report_is_sorted_and_serialises(demo_checker):
    text = "国办发[2021]12号，纪念中华人民共合国。"
    r = demo_checker.check(text, doc_date=D)
    assert [f.start for f in r.findings] == sorted(f.start for f in r.findings)
    again = type(r).model_validate_json(r.model_dump_json())
    assert again == r
    assert r.packs[0].name == "demo" and r.text_length == len(text)


def test_empty_text_and_wrong_type(demo_checker):
    r = demo_checker.check("", doc_date=D)
    assert r.findings == [] and not r.blocked
    with pytest.raises(TypeError, match="check_file"):
        demo_checker.check(b"bytes")  # type: ignore[arg-type]


def test_threads_share_one_checker():
    chk = Checker(Config(builtin_packs=False, packs=(str(DEMO_PACK),)))
    text = "他说口交是禁词。纪念中华人民共合国成立。" * 5
    expected = [(f.rule_id, f.start) for f in chk.check(text, doc_date=D).findings]
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append([(f.rule_id, f.start) for f in chk.check(text, doc_date=D).findings])
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(results) == 20 and all(r == expected for r in results)


def test_private_tokenizer_leaves_global_jieba_alone(demo_checker):
    import jieba

    demo_checker.check("他说口交是禁词。", doc_date=D)
    assert demo_checker.segmenter.tokenizer is not jieba.dt
    jieba.dt.initialize()  # a loaded global dictionary, so the next line can fail
    assert jieba.dt.FREQ.get("中华人民共合国") is None


def test_merge_line_joins_findings_and_their_fixes(demo_checker):
    text = "甲,乙,丙。\n丁,戊。"
    r = demo_checker.check(text, doc_date=D)
    merged = [f for f in r.findings if f.rule_id == "DEM009"]
    assert [(f.text, f.suggestions) for f in merged] == [(",乙,", ["，乙，"]), (",", ["，"])]
    assert merged[0].message == "本行有2处半角逗号。" and merged[1].message == "“,”应为“，”。"
    assert_exact(text, r)


def test_traditional_text_is_matched_through_the_folded_view(demo_checker):
    text = "紀念中華人民共合國成立。"
    r = demo_checker.check(text, doc_date=D)
    assert ids(r) == ["DEM001"]
    f = r.findings[0]
    assert f.text == "中華人民共合國" and f.suggestions == ["中华人民共和国"]
    assert_exact(text, r)


def test_a_typo_inside_a_political_finding_is_reported_once(demo_checker):
    assert ids(demo_checker.check("纪念中华人民共合国成立。", doc_date=D)) == ["DEM001"]
    assert ids(demo_checker.check("这个共合国的说法不对。", doc_date=D)) == ["DEM010"]


def test_a_term_written_in_traditional_characters_still_matches(tmp_path):
    pack = tmp_path / "trad"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: trad\nversion: '1'\nprefixes: [TRD]\n", encoding="utf-8")
    (pack / "r.yaml").write_text(
        "rules:\n  - {rule_id: TRD001, kind: existence, title: t, category: secrecy, severity: serious,"
        " message: '{match}', source: s, entries: [項目代號]}\n",
        encoding="utf-8",
    )
    chk = Checker(Config(builtin_packs=False, packs=(str(pack),)))
    assert [f.text for f in chk.check("本项目代号不公开，本項目代號也不公开。", doc_date=D).findings] == ["项目代号", "項目代號"]


def test_a_shorter_typo_with_the_same_fix_is_dropped(demo_checker):
    r = demo_checker.check("这个共合国的说法不对，共合二字也不对。", doc_date=D)
    assert [(f.rule_id, f.text) for f in r.findings] == [("DEM010", "共合国"), ("DEM011", "共合")]
    assert r.findings[1].start == 11
