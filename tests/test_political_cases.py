"""Independent case set for the political rules (issue 3): catch rate and false-alarm rate.

The sentences live in tests/data/political_cases.tsv (hand-written in the style of 通报 items and
government drafts, not copied from the rules' examples) and tests/data/political_cases_2.tsv (a second,
independent QA engineer's set: 通稿 titles, meeting lists, WeChat style, dated documents, look-alikes) and
tests/data/political_cases_3.tsv (a third pass: 二十大报告 phrases, 中央机构 names, sovereignty, 十四年抗战, obituaries).
Scoring: tests/political_cases_eval.py. Run ``python tests/political_cases_eval.py [file]`` to print
every miss and false alarm.
"""

from __future__ import annotations

import collections

import pytest

import govcheck
from .political_cases_eval import CASES, CASES_2, CASES_3, describe, evaluate, load_cases

MIN_CATCH = 0.95
MAX_FALSE_ALARM = 0.02


@pytest.fixture(scope="module")
def result():
    return evaluate(govcheck.check)


def test_case_file_is_well_formed():
    cases = load_cases()
    pos = [c for c in cases if c.expect == "flag"]
    neg = [c for c in cases if c.expect == "clean"]
    assert len(cases) >= 300, CASES
    assert len(neg) >= len(pos), "at least as many look-alike negatives as positives"
    assert all(c.codes and all(code.startswith("POL") for code in c.codes) for c in pos)
    assert not any(c.codes for c in neg)
    # every issue group is represented among the positives
    groups = collections.Counter(code[:5] for c in pos for code in c.codes)
    for prefix in ("POL00", "POL01", "POL04", "POL2", "POL02", "POL03", "POL3", "POL4", "POL05"):
        assert any(g.startswith(prefix) for g in groups), prefix
    texts = [c.text for c in cases]
    dupes = [t for t, n in collections.Counter(zip(texts, (c.doc_date for c in cases))).items() if n > 1]
    assert not dupes, dupes


def test_catch_rate(result):
    assert result["catch_rate"] >= MIN_CATCH, describe(result)


def test_false_alarm_rate(result):
    assert result["false_alarm_rate"] <= MAX_FALSE_ALARM, describe(result)


def test_no_blocker_on_clean_sentences(result):
    blockers = [(c, [f for f in bad if f.severity == "blocker"]) for c, bad in result["alarms"]]
    blockers = [(c, b) for c, b in blockers if b]
    assert not blockers, describe(result)


def test_scoring_counts_span_and_code():
    """The scorer itself: a wrong code or a finding elsewhere in the sentence is not a catch."""
    from .political_cases_eval import Case
    import datetime as dt

    d = dt.date(2025, 6, 10)
    wrong_code = Case(0, "flag", ("POL3",), d, "深入学习贯彻习进平新时代中国特色社会主义思想。", "习进平")
    right = Case(0, "flag", ("POL00",), d, "深入学习贯彻习进平新时代中国特色社会主义思想。", "习进平")
    clean = Case(0, "clean", (), d, "村民李强反映道路积水问题。", "")
    r = evaluate(govcheck.check, [wrong_code, right, clean])
    assert len(r["misses"]) == 1 and r["misses"][0][0] is wrong_code
    assert r["alarms"] == []


# -- the second, independent case set: same thresholds ---------------------------------------------------
@pytest.fixture(scope="module")
def result_2():
    return evaluate(govcheck.check, load_cases(CASES_2))


def test_case_file_2_is_well_formed():
    cases = load_cases(CASES_2)
    pos = [c for c in cases if c.expect == "flag"]
    neg = [c for c in cases if c.expect == "clean"]
    assert len(cases) >= 250, CASES_2
    assert len(neg) >= len(pos), "at least as many look-alike negatives as positives"
    assert all(c.codes and all(code.startswith("POL") for code in c.codes) for c in pos)
    assert not any(c.codes for c in neg)
    groups = collections.Counter(code[:5] for c in pos for code in c.codes)
    for prefix in ("POL00", "POL01", "POL04", "POL2", "POL02", "POL03", "POL3", "POL4", "POL05"):
        assert any(g.startswith(prefix) for g in groups), prefix
    keys = collections.Counter((c.text, c.doc_date) for c in cases)
    assert not [k for k, n in keys.items() if n > 1]


def test_catch_rate_2(result_2):
    assert result_2["catch_rate"] >= MIN_CATCH, describe(result_2)


def test_false_alarm_rate_2(result_2):
    assert result_2["false_alarm_rate"] <= MAX_FALSE_ALARM, describe(result_2)


def test_no_blocker_on_clean_sentences_2(result_2):
    blockers = [c for c, bad in result_2["alarms"] if any(f.severity == "blocker" for f in bad)]
    assert not blockers, describe(result_2)


# -- the third case set (QA pass 3): same thresholds ------------------------------------------------------
@pytest.fixture(scope="module")
def result_3():
    return evaluate(govcheck.check, load_cases(CASES_3))


def test_case_file_3_is_well_formed():
    cases = load_cases(CASES_3)
    pos = [c for c in cases if c.expect == "flag"]
    neg = [c for c in cases if c.expect == "clean"]
    assert len(cases) >= 200, CASES_3
    assert len(neg) >= len(pos), "at least as many look-alike negatives as positives"
    assert all(c.codes and all(code.startswith("POL") for code in c.codes) for c in pos)
    assert not any(c.codes for c in neg)
    groups = collections.Counter(code[:5] for c in pos for code in c.codes)
    for prefix in ("POL00", "POL01", "POL04", "POL2", "POL02", "POL03", "POL3", "POL4", "POL05"):
        assert any(g.startswith(prefix) for g in groups), prefix
    keys = collections.Counter((c.text, c.doc_date) for c in cases)
    assert not [k for k, n in keys.items() if n > 1]


def test_catch_rate_3(result_3):
    assert result_3["catch_rate"] >= MIN_CATCH, describe(result_3)


def test_false_alarm_rate_3(result_3):
    assert result_3["false_alarm_rate"] <= MAX_FALSE_ALARM, describe(result_3)


def test_no_blocker_on_clean_sentences_3(result_3):
    blockers = [c for c, bad in result_3["alarms"] if any(f.severity == "blocker" for f in bad)]
    assert not blockers, describe(result_3)
